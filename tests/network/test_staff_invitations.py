"""Staff pages: the invitation list (what happened per invitee), taking over the body's
delegates, adding a person, sending (planned meetings only) and reminding the chosen ones."""

import pytest
from django.urls import reverse
from django.utils import timezone

from network.meetings import services
from network.models import Invitation
from steunpunt.core.models import OutboxMessage
from tests.factories import PersonFactory
from tests.network.factories import DelegateFactory, InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def url(meeting):
    return reverse("network:staff_invitations", args=[meeting.uuid])


def test_the_list_shows_what_happened_per_invitee(staff):
    meeting = MeetingFactory()
    sent = InvitationFactory(
        meeting=meeting, person__first_name="An", person__last_name="Desmet",
        organisation__name="VDAB West-Vlaanderen",
    )  # fmt: skip
    services.send_invitations(meeting=meeting, actor=None)
    services.open_invitation(invitation=sent)
    services.answer_invitation(
        invitation=sent, response="substitute", substitute_name="Bert Claeys",
        substitute_email="bert@example.be",
    )  # fmt: skip
    InvitationFactory(meeting=meeting, person__last_name="Zonderantwoord")
    html = staff.get(url(meeting)).content.decode()
    assert "An Desmet" in html and "VDAB West-Vlaanderen" in html
    assert "versie 0" in html
    assert "Stuurt een vervanger" in html and "vervanger: Bert Claeys" in html
    assert "bert@example.be" in html
    assert "nog niet" in html  # the second was added after sending
    assert html.count('name="invitation"') == 2


def test_empty_list(staff):
    html = staff.get(url(MeetingFactory())).content.decode()
    assert "Nog niemand uitgenodigd." in html


def test_taking_over_the_body_reports_who_has_no_email(staff):
    meeting = MeetingFactory()
    DelegateFactory(mandate__body=meeting.body, person__email="lid@example.be")
    DelegateFactory(
        mandate__body=meeting.body, person__email="", person__first_name="Geen",
        person__last_name="Adres",
    )  # fmt: skip
    html = staff.post(url(meeting), {"action": "ensure"}, follow=True).content.decode()
    assert "1 genodigde(n) uit het orgaan toegevoegd." in html
    assert "Zonder e-mailadres, dus niet uitgenodigd: Geen Adres." in html
    assert list(meeting.invitations.values_list("email", flat=True)) == ["lid@example.be"]
    html = staff.post(url(meeting), {"action": "ensure"}, follow=True).content.decode()
    assert "Iedereen uit het orgaan staat al op de lijst." in html


def test_search_and_add_a_person(staff):
    meeting = MeetingFactory()
    person = PersonFactory(first_name="Sofie", last_name="Lambrecht", email="sofie@example.be")
    PersonFactory(first_name="Pieter", last_name="Anders")
    html = staff.get(url(meeting), {"zoek": "lambr"}).content.decode()
    assert "Sofie Lambrecht" in html and "Pieter Anders" not in html
    html = staff.post(
        url(meeting), {"action": "invite", "person": person.pk}, follow=True
    ).content.decode()
    assert "Sofie Lambrecht staat op de lijst." in html
    invitation = meeting.invitations.get()
    assert invitation.person == person and invitation.added_by_staff
    html = staff.get(url(meeting), {"zoek": "sofie"}).content.decode()
    assert "Niemand gevonden voor „sofie”" in html  # already invited
    html = staff.post(
        url(meeting), {"action": "invite", "person": person.pk}, follow=True
    ).content.decode()
    assert "is al uitgenodigd" in html


def test_a_person_without_email_is_refused(staff):
    meeting = MeetingFactory()
    person = PersonFactory(first_name="Jan", last_name="Zonder", email="")
    html = staff.post(
        url(meeting), {"action": "invite", "person": person.pk}, follow=True
    ).content.decode()
    assert "Jan Zonder heeft geen e-mailadres." in html
    assert not meeting.invitations.exists()


def test_sending_only_for_planned_meetings(staff, django_capture_on_commit_callbacks):
    draft = MeetingFactory(status="draft")
    InvitationFactory(meeting=draft)
    html = staff.post(url(draft), {"action": "send"}, follow=True).content.decode()
    assert "Plan de vergadering eerst; dan kan je uitnodigen." in html
    assert not OutboxMessage.objects.exists()

    planned = MeetingFactory()
    InvitationFactory(meeting=planned, email="a@example.be")
    InvitationFactory(meeting=planned, email="b@example.be")
    with django_capture_on_commit_callbacks(execute=True):
        html = staff.post(url(planned), {"action": "send"}, follow=True).content.decode()
    assert "2 uitnodiging(en) worden verstuurd." in html
    assert OutboxMessage.objects.count() == 2
    assert planned.invitations.filter(sent_at__isnull=False).count() == 2
    html = staff.post(url(planned), {"action": "send"}, follow=True).content.decode()
    assert "Iedereen op de lijst kreeg deze uitnodiging al." in html
    assert OutboxMessage.objects.count() == 2


def test_remind_the_chosen_invitees(staff):
    meeting = MeetingFactory()
    waiting = InvitationFactory(meeting=meeting, email="wacht@example.be")
    other = InvitationFactory(meeting=meeting, email="ander@example.be")
    answered = InvitationFactory(meeting=meeting, email="komt@example.be")
    services.send_invitations(meeting=meeting, actor=None)
    services.answer_invitation(invitation=answered, response="attend")
    html = staff.post(
        url(meeting), {"action": "remind", "invitation": [waiting.pk, answered.pk]}, follow=True
    ).content.decode()
    assert "1 herinnering(en) worden verstuurd." in html
    waiting.refresh_from_db()
    other.refresh_from_db()
    assert waiting.reminders == 1 and other.reminders == 0
    assert waiting.reminded_at.date() == timezone.now().date()
    html = staff.get(url(meeting)).content.decode()
    assert "(1×)" in html
    html = staff.post(url(meeting), {"action": "remind"}, follow=True).content.decode()
    assert "Vink eerst aan wie je een herinnering wil sturen." in html


def test_invitations_of_another_meeting_are_not_reminded(staff):
    meeting = MeetingFactory()
    stranger = InvitationFactory(sent_at=timezone.now())
    staff.post(url(meeting), {"action": "remind", "invitation": [stranger.pk]})
    stranger.refresh_from_db()
    assert stranger.reminders == 0


def test_unknown_action_and_refusals(staff, client, outsider):
    meeting = MeetingFactory()
    assert staff.post(url(meeting), {"action": "wis"}).status_code == 404
    missing = reverse("network:staff_invitations", args=["00000000-0000-0000-0000-000000000000"])
    assert staff.get(missing).status_code == 404
    client.force_login(outsider)
    assert client.post(url(meeting), {"action": "ensure"}).status_code == 403
    assert not Invitation.objects.exists()
