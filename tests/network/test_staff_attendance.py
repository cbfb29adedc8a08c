"""Staff pages: attendance at the door (one row per invitee, a substitute, someone else) and
the representation per organisation derived from it."""

import re

import pytest
from django.urls import reverse

from network.models import Attendance
from tests.factories import OrganisationFactory
from tests.network.factories import InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def url(meeting):
    return reverse("network:staff_attendance", args=[meeting.uuid])


@pytest.fixture
def meeting():
    return MeetingFactory(status="held")


def test_one_row_per_invitee_with_three_large_choices(staff, meeting):
    invitation = InvitationFactory(
        meeting=meeting, person__first_name="Els", person__last_name="Maes",
        organisation__name="Syntra West",
    )  # fmt: skip
    html = staff.get(url(meeting)).content.decode()
    assert "Els Maes" in html and "Syntra West" in html
    for status in ("present", "excused", "absent"):
        assert f'id="status-{invitation.pk}-{status}"' in html
    assert "btn-lg" in html
    assert f'name="vervanger-{invitation.pk}"' in html


def test_saving_derives_the_representation(staff, meeting):
    vdab = OrganisationFactory(name="VDAB")
    voka = OrganisationFactory(name="Voka West-Vlaanderen")
    first = InvitationFactory(meeting=meeting, organisation=vdab)
    second = InvitationFactory(meeting=meeting, organisation=vdab)
    third = InvitationFactory(meeting=meeting, organisation=voka)
    response = staff.post(
        url(meeting),
        {
            "form": "invitees",
            f"status-{first.pk}": "absent",
            f"status-{second.pk}": "present",
            f"status-{third.pk}": "excused",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Aanwezigheden bewaard (3)." in html
    assert dict(meeting.attendance.values_list("person", "status")) == {
        first.person_id: "absent",
        second.person_id: "present",
        third.person_id: "excused",
    }
    representation = dict(response.context["representation"])
    assert representation == {vdab: "present", voka: "excused"}
    assert re.search(rf'id="status-{second.pk}-present"\s+value="present"\s+checked', html)
    assert not re.search(rf'id="status-{second.pk}-absent"\s+value="absent"\s+checked', html)


def test_a_substitute_counts_for_the_organisation(staff, meeting):
    vdab = OrganisationFactory(name="VDAB")
    invitation = InvitationFactory(meeting=meeting, organisation=vdab)
    data = {
        "form": "invitees",
        f"status-{invitation.pk}": "excused",
        f"vervanger-{invitation.pk}": "Bert Claeys",
    }
    response = staff.post(url(meeting), data, follow=True)
    substitute = meeting.attendance.get(name="Bert Claeys")
    assert substitute.status == "present" and substitute.organisation == vdab
    assert substitute.substitute_for == invitation.person
    assert dict(response.context["representation"]) == {vdab: "present"}
    assert f"vervangt {invitation.person}" in response.content.decode()
    staff.post(url(meeting), data)  # saving again adds no second substitute
    assert meeting.attendance.filter(name="Bert Claeys").count() == 1


def test_someone_else_by_name(staff, meeting):
    guest_org = OrganisationFactory(name="Provincie West-Vlaanderen")
    InvitationFactory(meeting=meeting, organisation=guest_org)
    response = staff.post(
        url(meeting),
        {
            "form": "other",
            "ander-name": "Gastspreker Dirk",
            "ander-organisation": guest_org.pk,
            "ander-status": "present",
        },
        follow=True,
    )
    assert "Gastspreker Dirk is geregistreerd." in response.content.decode()
    row = meeting.attendance.get(name="Gastspreker Dirk")
    assert row.organisation == guest_org and row.status == Attendance.Status.PRESENT


def test_someone_else_needs_a_name(staff, meeting):
    response = staff.post(url(meeting), {"form": "other", "ander-status": "present"})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not meeting.attendance.exists()


def test_empty_states(staff, meeting):
    html = staff.get(url(meeting)).content.decode()
    assert "Er staat nog niemand op de lijst van genodigden." in html
    assert "Nog geen organisaties" in html


def test_refusals(client, school_contact, meeting):
    client.force_login(school_contact)
    assert client.get(url(meeting)).status_code == 403
    client.logout()
    assert client.get(url(meeting)).status_code == 302


def test_a_substitute_alone_marks_the_invitee_excused(staff, meeting):
    invitation = InvitationFactory(meeting=meeting, response="substitute", substitute_name="Bert")
    html = staff.get(url(meeting)).content.decode()
    assert "vervanger: Bert" in html  # the answer is shown, the field is not pre-filled
    assert 'value="Bert"' not in html
    staff.post(url(meeting), {"form": "invitees", f"vervanger-{invitation.pk}": "Bert Claeys"})
    assert meeting.attendance.get(person=invitation.person).status == "excused"
    assert meeting.attendance.get(name="Bert Claeys").status == "present"


def test_rows_without_a_choice_are_left_alone(staff, meeting):
    InvitationFactory(meeting=meeting)
    html = staff.post(url(meeting), {"form": "invitees"}, follow=True).content.decode()
    assert "Aanwezigheden bewaard (0)." in html
    assert not meeting.attendance.exists()


class TestHistory:
    """Was VDAB represented? The body's last held meetings per organisation and per person."""

    def test_organisations_and_people_over_the_last_meetings(
        self, client, cast, django_assert_max_num_queries
    ):
        from network.meetings import services
        from network.models import Meeting
        from tests.factories import OrganisationFactory, PersonFactory
        from tests.network.factories import BodyFactory, MandateFactory, MeetingFactory, at

        body = BodyFactory(name="Lerend netwerk mentorschap", slug="mentorschap")
        vdab = MandateFactory(body=body, organisation=OrganisationFactory(name="VDAB")).organisation
        voka = MandateFactory(body=body, organisation=OrganisationFactory(name="VOKA")).organisation
        els, ann = PersonFactory(first_name="Els"), PersonFactory(first_name="Ann")
        first = MeetingFactory(body=body, starts_at=at(-60), status=Meeting.Status.HELD)
        second = MeetingFactory(body=body, starts_at=at(-30), status=Meeting.Status.HELD)
        MeetingFactory(body=body, starts_at=at(10))  # planned: not in the history
        services.record_attendance(
            meeting=first, status="present", person=els, organisation=vdab, actor=None
        )
        services.record_attendance(
            meeting=second, status="excused", person=els, organisation=vdab, actor=None
        )
        services.record_attendance(
            meeting=second, status="present", person=ann, organisation=voka, actor=None
        )
        client.force_login(cast["coordinator"])
        url = reverse("network:staff_attendance_history")
        with django_assert_max_num_queries(10):
            response = client.get(url, {"orgaan": "mentorschap"})
        rows = {r["organisation"].name: r for r in response.context["organisations"]}
        assert rows["VDAB"]["cells"] == ["present", "excused"]
        assert rows["VOKA"]["cells"] == ["absent", "present"]
        assert rows["VDAB"]["present"] == 1
        people = {p["name"]: p["counts"] for p in response.context["people"]}
        assert people[str(els)] == {"present": 1, "excused": 1, "absent": 0}
        assert "2 gehouden vergaderingen" in response.text

    def test_a_body_without_held_meetings_says_so(self, client, cast):
        from tests.network.factories import BodyFactory

        BodyFactory(name="Werkgroep nieuw", slug="werkgroep-nieuw")
        client.force_login(cast["pof_secretary"])
        response = client.get(
            reverse("network:staff_attendance_history"), {"orgaan": "werkgroep-nieuw"}
        )
        assert "nog geen gehouden vergadering" in response.text

    def test_others_may_not_look(self, client, cast):
        client.force_login(cast["partner_contact"])
        assert client.get(reverse("network:staff_attendance_history")).status_code == 403
