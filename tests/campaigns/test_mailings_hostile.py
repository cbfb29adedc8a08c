"""The mailing pages read ?campagne=<slug>: a NUL byte or 5,000 characters name no campaign."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["campaigns:mailing_list", "campaigns:mailing_create"])
@pytest.mark.parametrize("value", ["a\x00b", "x" * 5000, "abc"])
def test_a_malformed_campaign_slug_is_ignored(coordinator, settings, page, value):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    assert client.get(reverse(page), {"campagne": value}).status_code == 200
