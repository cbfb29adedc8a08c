"""Staff pages: the meetings list with filters, the new-meeting and edit forms (an update for
the invitees after a change of date or place), status buttons and the next one in a series."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.meetings import services
from network.models import Meeting
from steunpunt.core.models import OutboxMessage
from tests.network.factories import (
    AgendaItemFactory,
    BodyFactory,
    InvitationFactory,
    MeetingFactory,
    at,
)

pytestmark = pytest.mark.django_db


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


class TestList:
    def test_lists_meetings_with_body_status_and_answers(self, staff):
        meeting = MeetingFactory(title="Netwerkoverleg maart", body__name="Netwerk Duaal Leren")
        InvitationFactory(meeting=meeting)
        InvitationFactory(meeting=meeting, response="attend")
        html = staff.get(reverse("network:staff_meeting_list")).content.decode()
        assert "Netwerkoverleg maart" in html and "Netwerk Duaal Leren" in html
        assert "Gepland" in html
        assert "1 van 2" in html
        assert reverse("network:staff_agenda", args=[meeting.uuid]) in html

    def test_filters_by_body_status_and_period(self, staff):
        body = BodyFactory(name="Werkgroep mentoren")
        MeetingFactory(title="Mentoren januari", body=body, starts_at=at(10))
        MeetingFactory(title="Mentoren later", body=body, starts_at=at(60))
        MeetingFactory(title="Ander orgaan", starts_at=at(10))
        MeetingFactory(title="Mentoren ontwerp", body=body, starts_at=at(10), status="draft")
        until = (timezone.localdate() + timedelta(days=30)).isoformat()
        url = reverse("network:staff_meeting_list")
        html = staff.get(
            url, {"body": body.pk, "status": "planned", "starts_until": until}
        ).content.decode()
        assert "Mentoren januari" in html
        assert "Mentoren later" not in html
        assert "Ander orgaan" not in html
        assert "Mentoren ontwerp" not in html
        html = staff.get(url, {"body": body.pk, "starts_from": "2000-01-01", "status": "held"})
        assert "Geen vergaderingen met deze filters." in html.content.decode()

    def test_empty_list(self, staff):
        html = staff.get(reverse("network:staff_meeting_list")).content.decode()
        assert "Nog geen vergaderingen." in html

    def test_query_count_does_not_grow_with_the_list(self, staff, django_assert_max_num_queries):
        for _ in range(30):
            InvitationFactory(meeting=MeetingFactory())
        # session, user, MFA authenticator, roles (groups), count, the bodies of the filter,
        # one page of meetings (body joined, answers counted)
        with django_assert_max_num_queries(7):
            response = staff.get(reverse("network:staff_meeting_list"))
        assert response.context["paginator"].count == 30
        assert len(response.context["meetings"]) == 25

    def test_others_are_refused(self, client, school_contact):
        client.force_login(school_contact)
        assert client.get(reverse("network:staff_meeting_list")).status_code == 403
        client.logout()
        response = client.get(reverse("network:staff_meeting_list"))
        assert response.status_code == 302 and "login" in response["Location"]


class TestCreateAndEdit:
    def test_creating_a_draft_meeting(self, staff, coordinator):
        body = BodyFactory(name="Lerend netwerk mentorschap")
        response = staff.post(
            reverse("network:staff_meeting_create"),
            {
                "body": body.pk,
                "title": "Mentorschap in de bouw",
                "starts_at": local(at(20, 9)),
                "ends_at": local(at(20, 12)),
                "location": "Provinciehuis Boeverbos",
                "online_url": "",
                "description": "",
            },
        )
        meeting = Meeting.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("network:staff_agenda", args=[meeting.uuid])
        assert meeting.status == Meeting.Status.DRAFT
        assert meeting.body == body and meeting.created_by == coordinator
        assert meeting.starts_at == at(20, 9)

    def test_errors_in_dutch_keep_the_input(self, staff):
        body = BodyFactory()
        response = staff.post(
            reverse("network:staff_meeting_create"),
            {
                "body": body.pk,
                "title": "Overleg met een fout",
                "starts_at": local(at(20, 12)),
                "ends_at": local(at(20, 9)),
            },
        )
        html = response.content.decode()
        assert response.status_code == 400
        assert "Het einde ligt na het begin." in html
        assert 'value="Overleg met een fout"' in html
        assert not Meeting.objects.exists()

    def test_a_new_date_after_sending_mails_an_update(
        self, staff, django_capture_on_commit_callbacks
    ):
        meeting = MeetingFactory(title="POF juni")
        InvitationFactory(meeting=meeting, email="vdab@example.be")
        services.send_invitations(meeting=meeting, actor=None)
        url = reverse("network:staff_meeting_edit", args=[meeting.uuid])
        assert "de genodigden een update" in staff.get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(
                url,
                {"title": "POF juni", "starts_at": local(at(15)), "location": meeting.location},
                follow=True,
            )
        assert "De genodigden krijgen een update." in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.sequence == 1 and meeting.starts_at == at(15)
        assert OutboxMessage.objects.filter(recipient_email="vdab@example.be").count() == 2

    def test_a_new_title_sends_nothing(self, staff):
        meeting = MeetingFactory(title="POF juni")
        InvitationFactory(meeting=meeting)
        services.send_invitations(meeting=meeting, actor=None)
        response = staff.post(
            reverse("network:staff_meeting_edit", args=[meeting.uuid]),
            {
                "title": "POF juni (aangepast)",
                "starts_at": local(meeting.starts_at),
                "location": meeting.location,
            },
            follow=True,
        )
        html = response.content.decode()
        assert "De vergadering is gewijzigd." in html
        assert "De genodigden krijgen een update." not in html
        meeting.refresh_from_db()
        assert meeting.title == "POF juni (aangepast)" and meeting.sequence == 0
        assert OutboxMessage.objects.count() == 1

    def test_an_unknown_meeting_is_a_404(self, staff):
        url = reverse("network:staff_meeting_edit", args=["00000000-0000-0000-0000-000000000000"])
        assert staff.get(url).status_code == 404


class TestStatus:
    def move(self, client, meeting, action):
        return client.post(
            reverse("network:staff_meeting_move", args=[meeting.uuid]),
            {"action": action},
            follow=True,
        )

    def test_plan_hold_and_refuse(self, staff):
        meeting = MeetingFactory(status="draft")
        html = self.move(staff, meeting, "plan").content.decode()
        assert "De vergadering is gepland." in html
        meeting.refresh_from_db()
        assert meeting.status == "planned"
        self.move(staff, meeting, "mark_held")
        meeting.refresh_from_db()
        assert meeting.status == "held"
        html = self.move(staff, meeting, "cancel").content.decode()
        assert "Een gehouden vergadering kan je niet meer annuleren." in html
        meeting.refresh_from_db()
        assert meeting.status == "held"

    def test_planning_needs_a_place(self, staff):
        meeting = MeetingFactory(status="draft", location="", online_url="")
        html = self.move(staff, meeting, "plan").content.decode()
        assert "Vul eerst een plaats of een link in." in html

    def test_cancel_and_unknown_action(self, staff):
        meeting = MeetingFactory()
        self.move(staff, meeting, "cancel")
        meeting.refresh_from_db()
        assert meeting.status == "cancelled"
        assert self.move(staff, meeting, "delete").status_code == 404

    def test_get_is_not_allowed_and_others_are_refused(self, staff, client, company_contact):
        meeting = MeetingFactory(status="draft")
        url = reverse("network:staff_meeting_move", args=[meeting.uuid])
        assert staff.get(url).status_code == 405
        client.force_login(company_contact)
        assert client.post(url, {"action": "plan"}).status_code == 403
        meeting.refresh_from_db()
        assert meeting.status == "draft"


class TestClone:
    def test_the_next_in_the_series_opens_the_copy(self, staff):
        meeting = MeetingFactory(title="Netwerkoverleg")
        AgendaItemFactory(meeting=meeting, title="Goedkeuring vorig verslag")
        url = reverse("network:staff_meeting_clone", args=[meeting.uuid])
        assert "Volgende in de reeks" in staff.get(url).content.decode()
        response = staff.post(url, {"starts_at": local(at(90)), "title": ""})
        copy = Meeting.objects.exclude(pk=meeting.pk).get()
        assert response["Location"] == reverse("network:staff_meeting_edit", args=[copy.uuid])
        assert copy.title == "Netwerkoverleg" and copy.status == "draft"
        assert copy.starts_at == at(90) and copy.cloned_from == meeting
        assert [i.title for i in copy.agenda_items.all()] == ["Goedkeuring vorig verslag"]

    def test_a_date_is_needed(self, staff):
        meeting = MeetingFactory()
        response = staff.post(reverse("network:staff_meeting_clone", args=[meeting.uuid]), {})
        assert response.status_code == 400
        assert "Dit veld is verplicht." in response.content.decode()
        assert Meeting.objects.count() == 1
