"""The invitation list's POST with a malformed person or invitation: "not found", never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.network.factories import InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db

MALFORMED = ["abc", "-1", "0", "99999999999999999999", "", "x" * 5000, "a\x00b", "²"]


@pytest.fixture
def staff(coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    return client


@pytest.mark.parametrize("value", MALFORMED)
def test_inviting_a_malformed_person_says_not_found(staff, value):
    meeting = MeetingFactory()
    url = reverse("network:staff_invitations", args=[meeting.uuid])
    response = staff.post(url, {"action": "invite", "person": value}, follow=True)
    assert response.status_code == 200
    assert "Die persoon vonden we niet. Zoek opnieuw." in response.content.decode()
    assert not meeting.invitations.exists()


@pytest.mark.parametrize("value", MALFORMED)
def test_reminding_malformed_invitations_reminds_nobody(staff, value):
    meeting = MeetingFactory()
    invitation = InvitationFactory(meeting=meeting)
    url = reverse("network:staff_invitations", args=[meeting.uuid])
    response = staff.post(url, {"action": "remind", "invitation": [value]}, follow=True)
    assert response.status_code == 200
    assert "Vink eerst aan wie je een herinnering wil sturen." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.reminders == 0
