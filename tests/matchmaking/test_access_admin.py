"""The matchmaking admin: opening a learner file is logged, its history is shown, and status
actions go through the workflow (a refused step is a warning, not a change)."""

import pytest
from django.urls import reverse

from matchmaking.models import Learner, Workplace
from tests.matchmaking.factories import LearnerFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db


def test_opening_a_learner_in_the_admin_is_logged(client, coordinator):
    learner = LearnerFactory(first_name="Lotte")
    client.force_login(coordinator)
    response = client.get(reverse("admin:matchmaking_learner_change", args=[learner.pk]))
    assert response.status_code == 200
    access = learner.accesses.get()
    assert (access.user, access.action, access.what) == (coordinator, "view", "admin")


def test_the_learner_history_is_shown(client, coordinator):
    learner = LearnerFactory()
    learner.notes = "Gebeld"
    learner.save()
    client.force_login(coordinator)
    response = client.get(reverse("admin:matchmaking_learner_history", args=[learner.pk]))
    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == 2


def test_a_school_contact_cannot_open_the_learner_admin(client, school_contact, school):
    learner = LearnerFactory(provider=school)
    client.force_login(school_contact)
    response = client.get(reverse("admin:matchmaking_learner_change", args=[learner.pk]))
    assert response.status_code in (302, 403)
    assert not learner.accesses.exists()


def test_a_refused_status_action_changes_nothing(client, coordinator):
    registered = LearnerFactory()
    screened = LearnerFactory(status="screened", readiness="arbeidsrijp")
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:matchmaking_learner_changelist"),
        {"action": "start_search_learner", "_selected_action": [registered.pk, screened.pk]},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert "1 rij bijgewerkt." in shown
    assert any(m.startswith(f"{registered}: Alleen een gescreende jongere") for m in shown)
    assert dict(Learner.objects.values_list("pk", "status")) == {
        registered.pk: "registered",
        screened.pk: "searching",
    }


def test_closing_a_workplace_from_the_admin(client, coordinator):
    workplace = WorkplaceFactory()
    client.force_login(coordinator)
    client.post(
        reverse("admin:matchmaking_workplace_changelist"),
        {"action": "close_workplace", "_selected_action": [workplace.pk]},
    )
    assert Workplace.objects.get(pk=workplace.pk).status == "closed"
