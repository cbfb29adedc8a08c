"""Meetings: the agenda (add, move, clone), the members' page, attendance, minutes, actions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from network.meetings import selectors, services
from network.models import Action, Attendance, IllegalTransition, Meeting
from steunpunt.core.models import OutboxMessage, Person
from tests.factories import OrganisationFactory, PersonFactory
from tests.network.factories import (
    AgendaItemFactory,
    DelegateFactory,
    InvitationFactory,
    MeetingFactory,
    at,
)

pytestmark = pytest.mark.django_db


class TestAgenda:
    def test_new_items_go_last_at_their_level(self):
        meeting = MeetingFactory()
        first = services.add_agenda_item(meeting=meeting, actor=None, title="Welkom")
        second = services.add_agenda_item(meeting=meeting, actor=None, title="Aanvragen")
        sub = services.add_agenda_item(meeting=meeting, actor=None, title="VTI", parent=second)
        assert (first.position, second.position, sub.position) == (1, 2, 1)
        assert [s.number for s in meeting.schedule()] == ["1", "2", "2.1"]

    def test_moving_up_and_down_without_drag_and_drop(self):
        meeting = MeetingFactory()
        a, b, c = (services.add_agenda_item(meeting=meeting, actor=None, title=t) for t in "ABC")
        services.move_agenda_item(item=c, direction="up", actor=None)
        assert [s.item.title for s in meeting.schedule()] == ["A", "C", "B"]
        services.move_agenda_item(item=a, direction="down", actor=None)
        assert [s.item.title for s in meeting.schedule()] == ["C", "A", "B"]
        with pytest.raises(IllegalTransition, match="bovenaan of onderaan"):
            services.move_agenda_item(item=c, direction="up", actor=None)

    def test_reorder_refuses_a_stale_order(self):
        meeting = MeetingFactory()
        a = services.add_agenda_item(meeting=meeting, actor=None, title="A")
        b = services.add_agenda_item(meeting=meeting, actor=None, title="B")
        services.reorder_agenda(meeting=meeting, order=[b.pk, a.pk], parent_id=None, actor=None)
        assert [s.item.title for s in meeting.schedule()] == ["B", "A"]
        with pytest.raises(Exception, match="laad de pagina opnieuw"):
            services.reorder_agenda(meeting=meeting, order=[a.pk], parent_id=None, actor=None)

    def test_deleting_closes_the_gap(self):
        meeting = MeetingFactory()
        a, b, c = (services.add_agenda_item(meeting=meeting, actor=None, title=t) for t in "ABC")
        services.delete_agenda_item(item=b, actor=None)
        c.refresh_from_db()
        assert c.position == 2

    def test_a_clone_is_a_draft_with_the_agenda_but_without_invitations(self):
        meeting = MeetingFactory(ends_at=at(14, 16))
        parent = services.add_agenda_item(meeting=meeting, actor=None, title="Aanvragen")
        services.add_agenda_item(meeting=meeting, actor=None, title="Sub", parent=parent)
        services.add_agenda_item(meeting=meeting, actor=None, title="Varia")
        InvitationFactory(meeting=meeting)
        copy = services.clone_meeting(meeting=meeting, starts_at=at(60, 14), actor=None)
        assert copy.status == Meeting.Status.DRAFT and copy.cloned_from == meeting
        assert [(s.number, s.item.title) for s in copy.schedule()] == [
            ("1", "Aanvragen"),
            ("1.1", "Sub"),
            ("2", "Varia"),
        ]
        assert copy.ends_at - copy.starts_at == meeting.ends_at - meeting.starts_at
        assert not copy.invitations.exists()


class TestDocuments:
    def test_a_document_is_stored_under_its_detected_type(self):
        meeting = MeetingFactory()
        upload = SimpleUploadedFile("nota.docx", b"%PDF-1.7 really a pdf")
        document = services.add_document(
            meeting=meeting, upload=upload, title="Nota", kind="note", actor=None
        )
        assert (document.extension, document.mimetype) == ("pdf", "application/pdf")
        assert document.file.name.endswith(".pdf")
        assert document.download_name == "nota.pdf"


class TestMeetingPage:
    @pytest.fixture
    def meeting(self, partner_contact, partner_org):
        person = Person.objects.get(user=partner_contact)
        delegate = DelegateFactory(person=person, mandate__organisation=partner_org)
        meeting = MeetingFactory(body=delegate.mandate.body, title="Netwerkoverleg")
        AgendaItemFactory(meeting=meeting, title="Stand van zaken")
        AgendaItemFactory(meeting=meeting, title="Personeelszaken", internal=True)
        services.add_document(
            meeting=meeting,
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.7"),
            title="Presentatie VDAB",
            kind="presentation",
            actor=None,
        )
        return meeting

    def test_a_delegate_sees_agenda_and_documents_but_not_internal_items(
        self, client, partner_contact, meeting
    ):
        client.force_login(partner_contact)
        response = client.get(reverse("network:meeting_detail", args=[meeting.uuid]))
        assert "Stand van zaken" in response.text
        assert "Presentatie VDAB" in response.text
        assert "Personeelszaken" not in response.text
        document = meeting.documents.get()
        download = client.get(reverse("network:document_download", args=[document.uuid]))
        assert b"".join(download.streaming_content) == b"%PDF-1.7"

    def test_staff_see_internal_items(self, client, coordinator, meeting):
        client.force_login(coordinator)
        response = client.get(reverse("network:meeting_detail", args=[meeting.uuid]))
        assert "Personeelszaken" in response.text

    def test_a_member_of_another_body_gets_a_404(self, client, company_contact, meeting):
        DelegateFactory(person=Person.objects.get(user=company_contact))
        client.force_login(company_contact)
        response = client.get(reverse("network:meeting_detail", args=[meeting.uuid]))
        assert response.status_code == 404
        document = meeting.documents.get()
        assert (
            client.get(reverse("network:document_download", args=[document.uuid])).status_code
            == 404
        )

    def test_an_invitee_from_outside_the_body_sees_it(self, client, company_contact, meeting):
        InvitationFactory(meeting=meeting, person=Person.objects.get(user=company_contact))
        client.force_login(company_contact)
        response = client.get(reverse("network:meeting_detail", args=[meeting.uuid]))
        assert "Presentatie VDAB" in response.text

    def test_draft_minutes_stay_hidden_from_members(self, client, partner_contact, meeting):
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
        services.save_minutes(meeting=meeting, text="Geheim ontwerp", actor=None)
        client.force_login(partner_contact)
        response = client.get(reverse("network:meeting_detail", args=[meeting.uuid]))
        assert "Geheim ontwerp" not in response.text
        assert "Het verslag volgt" in response.text


class TestAttendance:
    def test_representation_per_organisation_any_present_wins(self):
        meeting = MeetingFactory()
        vdab, voka, unizo = (OrganisationFactory(name=n) for n in ("VDAB", "VOKA", "Unizo"))
        InvitationFactory(meeting=meeting, organisation=unizo)
        services.record_attendance(
            meeting=meeting, status="excused", person=PersonFactory(), organisation=vdab, actor=None
        )
        services.record_attendance(
            meeting=meeting, status="present", name="Vervanger Jan", organisation=vdab, actor=None
        )
        services.record_attendance(
            meeting=meeting, status="excused", person=PersonFactory(), organisation=voka, actor=None
        )
        result = {org.name: status for org, status in selectors.representation(meeting).items()}
        assert result == {"Unizo": "absent", "VDAB": "present", "VOKA": "excused"}

    def test_registering_a_person_again_updates_the_row(self):
        meeting, person = MeetingFactory(), PersonFactory()
        services.record_attendance(meeting=meeting, status="absent", person=person, actor=None)
        services.record_attendance(meeting=meeting, status="present", person=person, actor=None)
        assert Attendance.objects.get(meeting=meeting, person=person).status == "present"

    def test_someone_must_be_named(self):
        with pytest.raises(Exception, match="Kies een persoon of vul een naam in"):
            services.record_attendance(
                meeting=MeetingFactory(), status="present", name=" ", actor=None
            )


class TestMinutes:
    def test_publishing_mails_invitees_and_delegates_once(self):
        meeting = MeetingFactory(status=Meeting.Status.HELD)
        InvitationFactory(meeting=meeting, email="els@vdab.test")
        DelegateFactory(mandate__body=meeting.body, person__email="ann@voka.test")
        DelegateFactory(mandate__body=meeting.body, person__email="ELS@vdab.test")
        services.save_minutes(meeting=meeting, text="## Verslag", actor=None)
        services.publish_minutes(meeting=meeting, actor=None)
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.MINUTES_PUBLISHED
        recipients = sorted(OutboxMessage.objects.values_list("recipient_email", flat=True))
        assert recipients == ["ann@voka.test", "els@vdab.test"]
        with pytest.raises(IllegalTransition, match="niet meer aan"):
            services.save_minutes(meeting=meeting, text="Gewijzigd", actor=None)

    def test_actions_and_their_status(self):
        meeting = MeetingFactory()
        action = services.add_action(
            meeting=meeting, title="Lijst mentoren bezorgen", owner=PersonFactory(), actor=None,
            due_on=at(7).date(),
        )  # fmt: skip
        services.set_action_status(action=action, status=Action.Status.DONE, actor=None)
        action.refresh_from_db()
        assert action.done_on is not None
        services.set_action_status(action=action, status=Action.Status.OPEN, actor=None)
        action.refresh_from_db()
        assert action.done_on is None
