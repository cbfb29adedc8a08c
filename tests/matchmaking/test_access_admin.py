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


def test_the_history_view_is_logged_too(client, coordinator):
    learner = LearnerFactory()
    client.force_login(coordinator)
    client.get(reverse("admin:matchmaking_learner_history", args=[learner.pk]))
    assert learner.accesses.get().what == "admin: historiek"


def test_withdrawing_a_recognition_in_its_form_closes_the_workplaces(client, coordinator):
    from matchmaking.models import Recognition

    workplace = WorkplaceFactory()
    recognition = Recognition.objects.get(site=workplace.site)
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:matchmaking_recognition_change", args=[recognition.pk]),
        {
            "site": recognition.site.pk,
            "programme": recognition.programme.pk,
            "status": "withdrawn",
            "reference": recognition.reference,
            "valid_from": recognition.valid_from.strftime("%d/%m/%Y"),
            "valid_until": recognition.valid_until.strftime("%d/%m/%Y"),
        },
        follow=True,
    )
    assert "1 werkplek gesloten." in [str(m) for m in response.context["messages"]]
    assert Workplace.objects.get(pk=workplace.pk).status == "closed"


def test_the_learner_add_form_explains_a_missing_parent_in_dutch(client, coordinator, school):
    from tests.factories import PostcodeFactory
    from tests.matchmaking.factories import years_ago

    client.force_login(coordinator)
    response = client.post(
        reverse("admin:matchmaking_learner_add"),
        {
            "first_name": "Lotte",
            "last_name": "Declercq",
            "birth_date": years_ago(15).strftime("%d/%m/%Y"),
            "postcode": PostcodeFactory().pk,
            "provider": school.pk,
            "max_distance_km": 20,
            "readiness": "not_screened",
            "wishes-TOTAL_FORMS": 0,
            "wishes-INITIAL_FORMS": 0,
            "accesses-TOTAL_FORMS": 0,
            "accesses-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Voor een minderjarige is de naam van een ouder of voogd verplicht." in (
        response.content.decode()
    )
    assert not Learner.objects.exists()
