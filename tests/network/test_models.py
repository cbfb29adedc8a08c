"""Network models: the agenda's numbering and times, the workflows and their refusals, the
invariants kept by the database."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from network.models import (
    Action,
    Attendance,
    Body,
    Event,
    EventRegistration,
    IllegalTransition,
    Invitation,
    Mandate,
    Meeting,
)
from tests.factories import PersonFactory
from tests.network.factories import (
    AgendaItemFactory,
    BodyFactory,
    DelegateFactory,
    EventRegistrationFactory,
    GoodPracticeFactory,
    InvitationFactory,
    MandateFactory,
    MeetingFactory,
    MinutesFactory,
    at,
)

pytestmark = pytest.mark.django_db


def test_the_netwerk_and_the_pof_exist_after_migrating():
    kinds = dict(Body.objects.values_list("slug", "kind"))
    assert kinds["netwerk"] == Body.Kind.NETWORK
    assert kinds["pof"] == Body.Kind.POF


class TestAgendaSchedule:
    def test_items_are_numbered_and_timed_from_the_start_and_durations(self):
        meeting = MeetingFactory(starts_at=at(7, 14))
        welcome = AgendaItemFactory(meeting=meeting, position=1, duration_minutes=10)
        requests = AgendaItemFactory(meeting=meeting, position=2, duration_minutes=0)
        AgendaItemFactory(meeting=meeting, parent=requests, position=2, duration_minutes=20)
        AgendaItemFactory(meeting=meeting, parent=requests, position=1, duration_minutes=15)
        AgendaItemFactory(meeting=meeting, position=3, duration_minutes=30)

        schedule = meeting.schedule()

        assert [s.number for s in schedule] == ["1", "2", "2.1", "2.2", "3"]
        assert schedule[0].item == welcome
        times = [(s.starts_at.strftime("%H:%M"), s.ends_at.strftime("%H:%M")) for s in schedule]
        assert times == [
            ("14:00", "14:10"),
            ("14:10", "14:45"),  # the sum of its sub-items
            ("14:10", "14:25"),  # position 1 first
            ("14:25", "14:45"),
            ("14:45", "15:15"),
        ]
        assert meeting.computed_end().strftime("%H:%M") == "15:15"

    def test_a_parent_longer_than_its_sub_items_keeps_its_own_duration(self):
        meeting = MeetingFactory(starts_at=at(7, 9))
        parent = AgendaItemFactory(meeting=meeting, position=1, duration_minutes=60)
        AgendaItemFactory(meeting=meeting, parent=parent, duration_minutes=10)
        AgendaItemFactory(meeting=meeting, position=2, duration_minutes=5)
        assert meeting.schedule()[-1].starts_at.strftime("%H:%M") == "10:00"

    def test_only_one_level_of_sub_items(self):
        parent = AgendaItemFactory()
        child = AgendaItemFactory(meeting=parent.meeting, parent=parent)
        grandchild = AgendaItemFactory.build(meeting=parent.meeting, parent=child)
        with pytest.raises(ValidationError) as error:
            grandchild.full_clean()
        assert "één niveau" in str(error.value)

    def test_a_sub_item_belongs_to_the_same_meeting(self):
        parent = AgendaItemFactory()
        stranger = AgendaItemFactory.build(meeting=MeetingFactory(), parent=parent)
        with pytest.raises(ValidationError, match="dezelfde vergadering"):
            stranger.full_clean()


class TestMeetingWorkflow:
    def test_draft_to_minutes_published(self):
        meeting = MeetingFactory(status=Meeting.Status.DRAFT)
        meeting.plan()
        meeting.mark_held()
        meeting.publish_minutes()
        assert meeting.status == Meeting.Status.MINUTES_PUBLISHED

    def test_planning_needs_a_place_or_a_link(self):
        meeting = MeetingFactory(status=Meeting.Status.DRAFT, location="", online_url="")
        with pytest.raises(IllegalTransition, match="plaats of een link"):
            meeting.plan()
        assert meeting.status == Meeting.Status.DRAFT

    def test_a_held_meeting_cannot_be_cancelled(self):
        meeting = MeetingFactory(status=Meeting.Status.HELD)
        with pytest.raises(IllegalTransition, match="niet meer annuleren"):
            meeting.cancel()

    def test_cancelling_raises_the_invitation_version(self):
        meeting = MeetingFactory()
        meeting.cancel()
        assert (meeting.status, meeting.sequence) == (Meeting.Status.CANCELLED, 1)

    def test_the_end_lies_after_the_start_in_the_database(self):
        meeting = MeetingFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Meeting.objects.filter(pk=meeting.pk).update(ends_at=meeting.starts_at)


class TestMandates:
    def test_one_open_mandate_per_organisation_and_body(self):
        mandate = MandateFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Mandate.objects.create(body=mandate.body, organisation=mandate.organisation)

    def test_current_delegates_leave_out_ended_ones(self):
        body = BodyFactory()
        current = DelegateFactory(mandate__body=body)
        DelegateFactory(mandate__body=body, ended_on=at(-30).date(), started_on=at(-400).date())
        MandateFactory(body=body, ended_on=at(-1).date(), started_on=at(-400).date())
        assert list(body.current_delegates()) == [current]


class TestInvitation:
    def test_answering_with_a_substitute_needs_a_name(self):
        invitation = InvitationFactory()
        with pytest.raises(IllegalTransition, match="naam van je vervanger"):
            invitation.answer(Invitation.Response.SUBSTITUTE)
        invitation.answer(
            Invitation.Response.SUBSTITUTE,
            substitute_name=" An Desmet ",
            substitute_email="an@x.be",
        )
        assert (invitation.response, invitation.substitute_name) == ("substitute", "An Desmet")
        assert invitation.answered_at is not None

    def test_a_changed_answer_forgets_the_substitute(self):
        invitation = InvitationFactory()
        invitation.answer(Invitation.Response.SUBSTITUTE, substitute_name="An")
        invitation.answer(Invitation.Response.ATTEND)
        assert invitation.substitute_name == ""

    def test_no_answer_after_the_meeting(self):
        invitation = InvitationFactory(meeting__status=Meeting.Status.HELD)
        with pytest.raises(IllegalTransition, match="voorbij"):
            invitation.answer(Invitation.Response.ATTEND)

    def test_the_token_is_long_and_unique(self):
        a, b = InvitationFactory(), InvitationFactory()
        assert len(a.token) >= 40 and a.token != b.token

    def test_an_update_is_needed_after_the_meeting_changed(self):
        invitation = InvitationFactory(sent_at=at(-1), sent_sequence=0)
        assert not invitation.needs_update
        invitation.meeting.sequence = 1
        assert invitation.needs_update

    def test_one_invitation_per_person_and_meeting(self):
        invitation = InvitationFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Invitation.objects.create(
                meeting=invitation.meeting, person=invitation.person, email="x@y.be"
            )


def test_attendance_names_someone():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, status=Attendance.Status.PRESENT)


class TestMinutesAndActions:
    def test_minutes_are_published_once_and_not_empty(self):
        minutes = MinutesFactory(text="   ")
        with pytest.raises(IllegalTransition, match="Schrijf eerst"):
            minutes.publish(by=None)
        minutes.text = "Verslag"
        minutes.publish(by=None)
        with pytest.raises(IllegalTransition, match="al gepubliceerd"):
            minutes.publish(by=None)

    def test_an_action_has_an_owner_and_a_done_date(self):
        meeting = MeetingFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Action.objects.create(meeting=meeting, title="Zonder eigenaar")
        with pytest.raises(IntegrityError), transaction.atomic():
            Action.objects.create(
                meeting=meeting, title="Af", owner=PersonFactory(), status=Action.Status.DONE
            )

    def test_overdue_only_when_open_and_past_due(self):
        action = Action(title="x", due_on=at(-1).date())
        assert action.is_overdue()
        action.status = Action.Status.DONE
        assert not action.is_overdue()


class TestEvents:
    def test_registration_closes_at_the_start_or_the_set_moment(self):
        event = Event(is_published=True, registration_open=True, starts_at=at(5), ends_at=at(5, 16))
        assert event.accepts_registrations()
        event.registration_closes_at = at(-1)
        assert not event.accepts_registrations()

    def test_cancel_and_promote(self):
        registration = EventRegistrationFactory(status=EventRegistration.Status.WAITLISTED)
        registration.promote()
        assert registration.status == EventRegistration.Status.CONFIRMED
        with pytest.raises(IllegalTransition, match="wachtlijst"):
            registration.promote()
        registration.cancel()
        with pytest.raises(IllegalTransition, match="al geannuleerd"):
            registration.cancel()

    def test_one_active_registration_per_address_but_again_after_cancelling(self):
        registration = EventRegistrationFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            EventRegistrationFactory(event=registration.event, email=registration.email)
        registration.cancel()
        registration.save()
        EventRegistrationFactory(event=registration.event, email=registration.email)

    def test_an_event_ends_after_it_starts(self):
        event = Event(
            slug="x", title="x", summary="x", kind=Event.Kind.WORKSHOP, starts_at=at(3),
            ends_at=at(3) - timedelta(hours=1), location="Brugge",
        )  # fmt: skip
        with pytest.raises(ValidationError, match="na het begin"):
            event.full_clean()


def test_a_good_practice_shows_its_contact_only_with_consent():
    practice = GoodPracticeFactory(contact_name="Els", contact_email="els@bedrijf.be")
    with pytest.raises(ValidationError, match="toestemming"):
        practice.full_clean()
    assert practice.public_contact is None
    practice.contact_consent_at = at(-1)
    practice.full_clean()
    assert practice.public_contact == ("Els", "els@bedrijf.be")
