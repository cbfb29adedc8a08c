"""Invitations: the list from the body's delegates, mails with a calendar file and a personal
link, updates after a change, reminders, answers without login, substitutes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from network.meetings import services, work
from network.models import Invitation, Meeting
from steunpunt.core.models import OutboxMessage
from tests.factories import PersonFactory
from tests.network.factories import (
    AgendaItemFactory,
    BodyFactory,
    DelegateFactory,
    InvitationFactory,
    MandateFactory,
    MeetingFactory,
    at,
)

pytestmark = pytest.mark.django_db


def ics_of(message: OutboxMessage):
    (attachment,) = message.attachments
    assert attachment["filename"].endswith(".ics")
    calendar = Calendar.from_ical(attachment["content"])
    (event,) = calendar.walk("VEVENT")
    return calendar, event


@pytest.fixture
def meeting():
    body = BodyFactory(name="Lerend netwerk mentorschap", slug="mentorschap")
    vdab = MandateFactory(body=body, organisation__name="VDAB")
    DelegateFactory(mandate=vdab, person__first_name="Els", person__email="els@vdab.test")
    DelegateFactory(
        mandate=vdab, kind="substitute", person__first_name="Tom", person__email="tom@vdab.test"
    )
    voka = MandateFactory(body=body, organisation__name="VOKA")
    DelegateFactory(
        mandate=voka, kind="substitute", person__first_name="Ann", person__email="ann@voka.test"
    )
    unizo = MandateFactory(body=body, organisation__name="Unizo")
    DelegateFactory(mandate=unizo, person__first_name="Bart", person__email="")
    meeting = MeetingFactory(body=body, title="Mentoren in de bouw", starts_at=at(10, 14))
    AgendaItemFactory(meeting=meeting, title="Verwelkoming", duration_minutes=10)
    AgendaItemFactory(meeting=meeting, title="Budget (intern)", internal=True)
    return meeting


def invite_all(meeting):
    return services.ensure_invitations(meeting=meeting, actor=None)


class TestInvitationList:
    def test_effective_delegates_or_else_a_substitute_and_who_has_no_email(self, meeting):
        result = invite_all(meeting)
        names = set(meeting.invitations.values_list("person__first_name", flat=True))
        assert names == {"Els", "Ann"}  # Tom is VDAB's substitute; VOKA has no effective one
        assert result.added == 2
        assert [p.first_name for p in result.without_email] == ["Bart"]
        org = meeting.invitations.get(person__first_name="Ann").organisation
        assert org.name == "VOKA"

    def test_a_second_run_adds_nobody(self, meeting):
        invite_all(meeting)
        assert invite_all(meeting).added == 0

    def test_staff_can_add_a_person_once(self, meeting):
        person = PersonFactory(email="gast@pom.test")
        invitation = services.invite_person(meeting=meeting, person=person, actor=None)
        assert invitation.added_by_staff
        with pytest.raises(Exception, match="al uitgenodigd"):
            services.invite_person(meeting=meeting, person=person, actor=None)


class TestSending:
    def test_one_mail_per_invitee_with_calendar_file_and_personal_link(self, meeting):
        invite_all(meeting)
        assert services.send_invitations(meeting=meeting, actor=None) == 2
        mails = OutboxMessage.objects.order_by("recipient_email")
        assert [m.recipient_email for m in mails] == ["ann@voka.test", "els@vdab.test"]
        ann = meeting.invitations.get(person__first_name="Ann")
        assert reverse("network:rsvp", args=[ann.token]) in mails[0].body_text
        assert "Verwelkoming" in mails[0].body_text
        assert "Budget (intern)" not in mails[0].body_text
        calendar, event = ics_of(mails[0])
        assert str(calendar["method"]) == "REQUEST"
        assert str(event["uid"]).startswith(f"vergadering-{meeting.uuid}@")
        assert int(event["sequence"]) == 0
        start = event.decoded("dtstart")
        assert (start.hour, str(start.tzinfo)) == (14, "Europe/Brussels")
        ann.refresh_from_db()
        assert ann.sent_at is not None and ann.sent_sequence == 0

    def test_sending_again_reaches_nobody_twice(self, meeting):
        invite_all(meeting)
        services.send_invitations(meeting=meeting, actor=None)
        assert services.send_invitations(meeting=meeting, actor=None) == 0
        assert OutboxMessage.objects.count() == 2

    def test_a_draft_is_not_sent(self, meeting):
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)
        invite_all(meeting)
        with pytest.raises(Exception, match="Plan de vergadering"):
            services.send_invitations(meeting=meeting, actor=None)

    def test_a_new_date_sends_an_update_with_a_higher_sequence(self, meeting):
        invite_all(meeting)
        services.send_invitations(meeting=meeting, actor=None)
        services.update_meeting(meeting=meeting, actor=None, description="Met broodjes")
        assert OutboxMessage.objects.count() == 2  # not a change of date or place
        services.update_meeting(meeting=meeting, actor=None, starts_at=at(12, 9))
        updates = OutboxMessage.objects.filter(subject__startswith="Gewijzigd")
        assert updates.count() == 2
        _calendar, event = ics_of(updates.first())
        assert int(event["sequence"]) == 1
        assert event.decoded("dtstart").hour == 9

    def test_cancelling_sends_a_cancellation(self, meeting):
        invite_all(meeting)
        services.send_invitations(meeting=meeting, actor=None)
        services.move_meeting(meeting=meeting, action="cancel", actor=None)
        cancellations = OutboxMessage.objects.filter(subject__startswith="Geannuleerd")
        assert cancellations.count() == 2
        calendar, event = ics_of(cancellations.first())
        assert (str(calendar["method"]), str(event["status"])) == ("CANCEL", "CANCELLED")


class TestReminders:
    def test_only_who_has_not_answered(self, meeting):
        invite_all(meeting)
        services.send_invitations(meeting=meeting, actor=None)
        els = meeting.invitations.get(person__first_name="Els")
        services.answer_invitation(invitation=els, response=Invitation.Response.ATTEND)
        assert services.remind(meeting=meeting, actor=None) == 1
        reminder = OutboxMessage.objects.get(subject__startswith="Herinnering")
        assert reminder.recipient_email == "ann@voka.test"
        assert meeting.invitations.get(person__first_name="Ann").reminders == 1

    def test_the_daily_task_reminds_once_within_the_window(self, meeting, settings):
        settings.NETWORK_REMINDER_DAYS = 7
        invite_all(meeting)
        services.send_invitations(meeting=meeting, actor=None)
        # The meeting is in 10 days: not yet.
        assert work.send_due_reminders() == 0
        later = meeting.starts_at - timedelta(days=5)
        assert work.send_due_reminders(now=later) == 2
        assert work.send_due_reminders(now=later + timedelta(days=1)) == 0


class TestAnswerLink:
    def test_opening_the_link_is_recorded_and_shows_the_meeting(self, client, meeting):
        invitation = InvitationFactory(meeting=meeting, person__first_name="Els")
        response = client.get(reverse("network:rsvp", args=[invitation.token]))
        assert response.status_code == 200
        assert "Mentoren in de bouw" in response.text
        assert "Budget (intern)" not in response.text
        invitation.refresh_from_db()
        assert invitation.opened_at is not None

    def test_a_substitute_without_name_keeps_the_input_and_explains(self, client, meeting):
        invitation = InvitationFactory(meeting=meeting)
        url = reverse("network:rsvp", args=[invitation.token])
        response = client.post(
            url, {"response": "substitute", "substitute_email": "jan@vdab.test", "comment": "Ziek"}
        )
        assert response.status_code == 200
        assert "Vul de naam van je vervanger in." in response.text
        assert 'value="jan@vdab.test"' in response.text
        invitation.refresh_from_db()
        assert invitation.response == Invitation.Response.PENDING

    def test_sending_a_substitute_forwards_the_invitation(self, client, meeting):
        invitation = InvitationFactory(meeting=meeting)
        url = reverse("network:rsvp", args=[invitation.token])
        response = client.post(
            url,
            {"response": "substitute", "substitute_name": "Jan", "substitute_email": "jan@x.test"},
            follow=True,
        )
        assert "We noteren Jan als je vervanger" in response.text
        invitation.refresh_from_db()
        assert (invitation.response, invitation.substitute_name) == ("substitute", "Jan")
        forwarded = OutboxMessage.objects.get(recipient_email="jan@x.test")
        assert "noemde jou als vervanger" in forwarded.body_text
        ics_of(forwarded)

    def test_no_answers_after_the_meeting(self, client, meeting):
        invitation = InvitationFactory(meeting=meeting)
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
        url = reverse("network:rsvp", args=[invitation.token])
        response = client.post(url, {"response": "attend"})
        assert "antwoorden kan niet meer" in response.text
        invitation.refresh_from_db()
        assert invitation.response == Invitation.Response.PENDING

    def test_an_unknown_token_is_a_404(self, client):
        assert client.get(reverse("network:rsvp", args=["x" * 43])).status_code == 404
