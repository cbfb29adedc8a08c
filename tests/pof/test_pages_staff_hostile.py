"""Mailing an agenda PDF with a malformed PDF key: a 404, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.pof.test_pages_staff import session  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "", "a\x00b"])
def test_mailing_a_malformed_pdf_is_a_404(pof_secretary, session, value):  # noqa: F811
    client = Client(raise_request_exception=False)
    client.force_login(pof_secretary)
    url = reverse("pof:session_pdfs", args=[session.uuid])
    assert client.post(url, {"action": "mail", "pdf": value}).status_code == 404
