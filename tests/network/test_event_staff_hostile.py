"""Cancelling a registration with a malformed key: a 404, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.network.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["abc", "-1", "", "x" * 5000, "a\x00b"])
def test_cancelling_a_malformed_registration_is_a_404(coordinator, value):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    url = reverse("events:staff_registrations", args=[EventFactory().slug])
    assert client.post(url, {"action": "cancel", "registration": value}).status_code == 404
