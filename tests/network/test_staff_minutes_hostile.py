"""The minutes editor with a NUL byte in a text: the form's error (400), never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from network.models import Minutes
from tests.network.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("preview", [True, False])
def test_a_nul_byte_in_the_minutes_is_a_form_error(coordinator, preview):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    meeting = MeetingFactory()
    data = {"form": "minutes", "text": "Opening", "decisions": "a\x00b"}
    if preview:
        data["preview"] = "1"
    response = client.post(reverse("network:staff_minutes", args=[meeting.uuid]), data)
    assert response.status_code == 400
    assert response.context["form"].errors["decisions"]
    assert not Minutes.objects.filter(meeting=meeting).exists()
