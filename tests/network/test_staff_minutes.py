"""Staff pages: the minutes editor (Markdown with a preview, decisions, publishing after the
meeting), actions (add, change status) and the open actions across meetings."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import Action, Minutes
from steunpunt.core.models import OutboxMessage
from tests.factories import OrganisationFactory
from tests.network.factories import (
    ActionFactory,
    BodyFactory,
    DelegateFactory,
    InvitationFactory,
    MeetingFactory,
    MinutesFactory,
    at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def url(meeting):
    return reverse("network:staff_minutes", args=[meeting.uuid])


class TestMinutes:
    def test_preview_renders_without_saving(self, staff):
        meeting = MeetingFactory(status="held")
        response = staff.post(
            url(meeting),
            {"form": "minutes", "text": "## Verwelkoming\n\n**Iedereen** is er.", "preview": "1"},
        )
        html = response.content.decode()
        assert "Voorbeeld (nog niet bewaard)" in html
        assert "<h2>Verwelkoming</h2>" in html and "<strong>Iedereen</strong>" in html
        assert "## Verwelkoming" in html  # the text stays in the editor
        assert not Minutes.objects.exists()

    def test_save_then_publish_after_the_meeting(self, staff, django_capture_on_commit_callbacks):
        meeting = MeetingFactory(status="held")
        InvitationFactory(meeting=meeting, email="lid@example.be")
        staff.post(
            url(meeting),
            {"form": "minutes", "text": "De voorzitter opent.", "decisions": "- Akkoord"},
        )
        minutes = Minutes.objects.get(meeting=meeting)
        assert minutes.text == "De voorzitter opent." and minutes.decisions == "- Akkoord"
        with django_capture_on_commit_callbacks(execute=True):
            html = staff.post(url(meeting), {"form": "publish"}, follow=True).content.decode()
        assert "Het verslag is gepubliceerd." in html
        assert "Een gepubliceerd verslag pas je niet meer aan." in html
        meeting.refresh_from_db()
        assert meeting.status == "minutes_published"
        assert OutboxMessage.objects.filter(recipient_email="lid@example.be").exists()
        response = staff.post(url(meeting), {"form": "minutes", "text": "Later gewijzigd"})
        assert response.status_code == 400
        minutes.refresh_from_db()
        assert minutes.text == "De voorzitter opent."

    def test_publishing_waits_for_the_meeting(self, staff):
        meeting = MeetingFactory(status="planned")
        MinutesFactory(meeting=meeting)
        html = staff.get(url(meeting)).content.decode()
        assert "Publiceren kan pas als de vergadering gehouden is." in html
        html = staff.post(url(meeting), {"form": "publish"}, follow=True).content.decode()
        assert "Het verslag publiceer je na de vergadering." in html
        assert not Minutes.objects.get(meeting=meeting).is_published

    def test_the_previous_minutes_are_linked(self, staff):
        body = BodyFactory()
        earlier = MinutesFactory(meeting__body=body, meeting__starts_at=at(-40)).meeting
        meeting = MeetingFactory(body=body, starts_at=at(5))
        html = staff.get(url(meeting)).content.decode()
        assert "Goedkeuring vorig verslag:" in html
        assert reverse("network:meeting_detail", args=[earlier.uuid]) in html

    def test_unknown_form_and_refusals(self, staff, client, partner_contact):
        meeting = MeetingFactory(status="held")
        assert staff.post(url(meeting), {"form": "wis"}).status_code == 404
        client.force_login(partner_contact)
        assert client.post(url(meeting), {"form": "minutes", "text": "x"}).status_code == 403
        assert not Minutes.objects.exists()


class TestActions:
    def test_add_an_action_with_an_owner_and_a_date(self, staff):
        meeting = MeetingFactory(status="held")
        delegate = DelegateFactory(mandate__body=meeting.body, person__last_name="Vandamme")
        due = timezone.localdate() + timedelta(days=14)
        response = staff.post(
            url(meeting),
            {
                "form": "action",
                "actie-title": "Cijfers VDAB bezorgen",
                "actie-owner": delegate.person.pk,
                "actie-owner_organisation": delegate.mandate.organisation.pk,
                "actie-due_on": due.isoformat(),
            },
            follow=True,
        )
        assert "Het actiepunt is toegevoegd." in response.content.decode()
        action = Action.objects.get()
        assert action.owner == delegate.person and action.due_on == due
        assert "Cijfers VDAB bezorgen" in staff.get(url(meeting)).content.decode()

    def test_an_action_needs_an_owner(self, staff):
        meeting = MeetingFactory(status="held")
        response = staff.post(url(meeting), {"form": "action", "actie-title": "Iets doen"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "Kies wie de actie opneemt: een persoon of organisatie." in html
        assert 'value="Iets doen"' in html
        assert not Action.objects.exists()

    def test_change_the_status(self, staff):
        action = ActionFactory(meeting=MeetingFactory(status="held"), title="Brief sturen")
        html = staff.post(
            url(action.meeting),
            {"form": "action_status", "action": action.pk, "status": "done", "note": "Verstuurd"},
            follow=True,
        ).content.decode()
        assert "„Brief sturen” staat nu op afgewerkt." in html
        action.refresh_from_db()
        assert action.status == "done" and action.done_on == timezone.localdate()
        assert action.note == "Verstuurd"

    def test_an_action_of_another_meeting_is_a_404(self, staff):
        action = ActionFactory()
        meeting = MeetingFactory()
        response = staff.post(
            url(meeting), {"form": "action_status", "action": action.pk, "status": "done"}
        )
        assert response.status_code == 404
        action.refresh_from_db()
        assert action.status == "open"


class TestOpenActions:
    def test_open_actions_across_meetings_with_overdue_marked(self, staff):
        late = ActionFactory(title="Te laat", due_on=timezone.localdate() - timedelta(days=3))
        ActionFactory(title="Op tijd", due_on=timezone.localdate() + timedelta(days=3))
        ActionFactory(title="Al klaar", status="done", done_on=timezone.localdate())
        html = staff.get(reverse("network:staff_actions")).content.decode()
        assert "Te laat" in html and "Op tijd" in html and "Al klaar" not in html
        assert html.count("data-overdue") == 1
        assert reverse("network:staff_minutes", args=[late.meeting.uuid]) in html
        assert "2 open acties" in html

    def test_filters_per_body_owner_and_overdue(self, staff):
        body = BodyFactory(name="Werkgroep leerwerkplekken")
        mine = ActionFactory(title="Van het orgaan", meeting__body=body)
        ActionFactory(title="Van een ander orgaan")
        org = OrganisationFactory(name="Voka")
        ActionFactory(title="Van Voka", owner=None, owner_organisation=org)
        late = ActionFactory(title="Verlopen", due_on=timezone.localdate() - timedelta(days=1))
        page = reverse("network:staff_actions")
        html = staff.get(page, {"body": body.pk}).content.decode()
        assert "Van het orgaan" in html and "Van een ander orgaan" not in html
        html = staff.get(page, {"owner": mine.owner.pk}).content.decode()
        assert "Van het orgaan" in html and "Verlopen" not in html
        html = staff.get(page, {"owner_organisation": org.pk}).content.decode()
        assert "Van Voka" in html and "Van het orgaan" not in html
        html = staff.get(page, {"overdue": "on"}).content.decode()
        assert late.title in html and "Van Voka" not in html

    def test_empty_states(self, staff):
        html = staff.get(reverse("network:staff_actions")).content.decode()
        assert "Geen open acties. Alles is afgewerkt." in html
        html = staff.get(reverse("network:staff_actions"), {"overdue": "on"}).content.decode()
        assert "Geen open acties met deze filters." in html

    def test_query_count_does_not_grow(self, staff, django_assert_max_num_queries):
        for _ in range(30):
            ActionFactory(owner_organisation=OrganisationFactory())
        # session, user, MFA authenticator, roles (groups), count, the three choice lists of
        # the filter (bodies, persons, organisations), one page of actions (meeting, body,
        # owner and organisation joined)
        with django_assert_max_num_queries(9):
            response = staff.get(reverse("network:staff_actions"))
        assert response.context["paginator"].count == 30

    def test_others_are_refused(self, client, company_contact):
        client.force_login(company_contact)
        assert client.get(reverse("network:staff_actions")).status_code == 403
