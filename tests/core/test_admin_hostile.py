"""The admin under hostile input: every admin (the project's and the packages') stands on
steunpunt/core/admin_base.py, and each fault it closes has a test here that made the admin
answer with a 500 (or build 2,000 forms) before.

The tests run as a coordinator; on PostgreSQL the NUL-byte cases are the ones that were 500s
(`DATABASE_URL=postgresql://… pytest tests/core/test_admin_hostile.py`), on SQLite they still
assert the answer the admin gives now.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from steunpunt.core.admin_base import MAX_NEW_FORMS, PortalAdminMixin, PortalInlineMixin
from steunpunt.core.models import Membership, Municipality, OutboxMessage, Person, Subregion
from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    PersonFactory,
    SubregionFactory,
)

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # beyond 64 bits


@pytest.fixture
def staff(client, coordinator):
    client.force_login(coordinator)
    return client


def test_every_admin_and_inline_stands_on_the_portal_base():
    outside = [
        f"{model._meta.label}: {type(model_admin).__name__}"
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, PortalAdminMixin)
    ] + [
        f"{model._meta.label}: {inline.__name__}"
        for model, model_admin in admin.site._registry.items()
        for inline in model_admin.inlines
        if not issubclass(inline, PortalInlineMixin)
    ]
    assert outside == []


@pytest.mark.parametrize("page", ["change", "delete", "history"])
def test_an_empty_to_field_is_no_to_field(staff, page):
    subregion = SubregionFactory(name="Westhoek")
    url = reverse(f"admin:core_subregion_{page}", args=[subregion.pk])
    response = staff.get(url, {"_to_field": ""})
    assert response.status_code == 200
    assert "Westhoek" in response.content.decode()


def test_an_unknown_to_field_is_a_bad_request(staff):
    subregion = SubregionFactory()
    url = reverse("admin:core_subregion_change", args=[subregion.pk])
    assert staff.get(url, {"_to_field": "geen_veld"}).status_code == 400


@pytest.mark.parametrize(
    "model,params",
    [
        (OutboxMessage, {"batch": "a\x00b"}),
        (OutboxMessage, {"status__exact": "a\x00b"}),
        (Subregion, {"name__startswith": "x\x00"}),
    ],
)
def test_a_nul_byte_in_a_change_list_filter_is_a_wrong_lookup(staff, model, params):
    url = reverse(f"admin:core_{model._meta.model_name}_changelist")
    response = staff.get(url, params)
    # Django's answer to any lookup it cannot use: back to the list, with ?e=1.
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_a_nul_byte_in_a_change_list_search_is_refused_with_a_message(staff):
    SubregionFactory(name="Westhoek")
    response = staff.get(reverse("admin:core_subregion_changelist"), {"q": "West\x00hoek"})
    assert response.status_code == 200
    assert "Westhoek" in response.content.decode()


def test_the_autocomplete_search_drops_control_characters(staff):
    PersonFactory(first_name="Alfa", last_name="Beta")
    PersonFactory(first_name="Alfa", last_name="Gamma")
    # Before, SQLite cut the pattern at the NUL byte (both matched "Alfa"); PostgreSQL raised.
    response = staff.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "core",
            "model_name": "membership",
            "field_name": "person",
            "term": "Alfa\x00Beta",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Alfa Beta"]


def _membership_form(**overrides):
    return {
        "person": "",
        "organisation": "",
        "function": "mentor",
        "is_primary_contact": "",
        "started_on": "",
        "ended_on": "",
        **overrides,
    }


@pytest.mark.parametrize("key", ["abc", "-1", HUGE, "a\x00b", "x" * 5000])
def test_a_malformed_key_in_an_autocomplete_field_is_no_selection(staff, key):
    organisation = OrganisationFactory(name="Garage Vandenbroucke")
    response = staff.post(
        reverse("admin:core_membership_add"),
        _membership_form(person=key, organisation=str(organisation.pk)),
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["person"]
    assert "Selecteer een geldige keuze" in form.errors["person"][0]
    html = response.content.decode()
    # The person select shows no option (none selected); the valid organisation stays chosen.
    person_select = html.split('name="person"', 1)[1].split("</select>", 1)[0]
    assert "<option" not in person_select or 'value=""' in person_select
    assert "selected" not in person_select
    assert "Garage Vandenbroucke" in html.split('name="organisation"', 1)[1].split("</select>")[0]
    assert not Membership.objects.exists()


@pytest.mark.parametrize("key", ["abc", HUGE, "a\x00b"])
def test_a_malformed_key_in_a_many_to_many_field_is_a_form_error(staff, coordinator, key):
    url = reverse("admin:accounts_user_change", args=[coordinator.pk])
    response = staff.post(
        url,
        {
            "email": coordinator.email,
            "first_name": "Katrien",
            "last_name": "Coördinator",
            "is_active": "on",
            "is_staff": "on",
            "groups": [key],
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "01/01/2026",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors


def test_a_malformed_key_in_a_many_to_many_autocomplete_field_is_no_selection(staff):
    response = staff.post(
        reverse("admin:matchmaking_candidatecompany_add"),
        {"company_name": "Bakkerij Dewitte", "programmes": ["abc", HUGE]},
    )
    assert response.status_code == 200
    assert "programmes" in response.context["adminform"].form.errors


@pytest.mark.parametrize("key", ["abc", HUGE])
def test_a_malformed_key_in_a_history_url_is_not_found(staff, key):
    person = PersonFactory()
    assert staff.get(reverse("admin:core_person_history", args=[key])).status_code == 404
    version_url = reverse("admin:core_person_simple_history", args=[person.pk, key])
    assert staff.get(version_url).status_code == 404
    history_id = person.history.get().history_id
    good = reverse("admin:core_person_simple_history", args=[person.pk, history_id])
    assert staff.get(good).status_code == 200


def _alias_formset(total, initial="0"):
    return {
        "aliases-TOTAL_FORMS": total,
        "aliases-INITIAL_FORMS": initial,
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
    }


def test_a_huge_total_forms_builds_a_bounded_number_of_forms(staff):
    municipality = MunicipalityFactory(name="Ieper")
    url = reverse("admin:core_municipality_change", args=[municipality.pk])
    data = {
        "name": "Ieper",
        "nis_code": municipality.nis_code,
        "arrondissement": municipality.arrondissement,
        "subregion": municipality.subregion_id or "",
        **_alias_formset(HUGE),
    }
    response = staff.post(url, data)
    assert response.status_code == 200
    (inline,) = response.context["inline_admin_formsets"]
    assert len(inline.formset.forms) <= MAX_NEW_FORMS
    assert "Verstuur maximaal" in str(inline.formset.non_form_errors())
    assert Municipality.objects.get().name == "Ieper"


def test_an_inline_with_many_rows_still_saves(staff):
    """The cap counts on top of the rows that exist: a person in more organisations than
    MAX_NEW_FORMS is still saved with all of them (no "too many forms")."""
    person = PersonFactory(first_name="Veel", last_name="Lidmaatschappen")
    organisations = OrganisationFactory.create_batch(MAX_NEW_FORMS + 5)
    memberships = Membership.objects.bulk_create(
        Membership(person=person, organisation=o, function="lid") for o in organisations
    )
    url = reverse("admin:core_person_change", args=[person.pk])
    page = staff.get(url)
    (inline,) = page.context["inline_admin_formsets"]
    prefix = inline.formset.prefix
    data = {
        "first_name": "Veel",
        "last_name": "Lidmaatschappen",
        "email": person.email,
        "phone": "",
        "preferred_channel": person.preferred_channel,
        f"{prefix}-TOTAL_FORMS": str(len(memberships)),
        f"{prefix}-INITIAL_FORMS": str(len(memberships)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        "_save": "Opslaan",
    }
    for index, membership in enumerate(inline.formset.queryset):
        data.update(
            {
                f"{prefix}-{index}-id": membership.pk,
                f"{prefix}-{index}-person": person.pk,
                f"{prefix}-{index}-organisation": membership.organisation_id,
                f"{prefix}-{index}-function": "lid",
            }
        )
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert Person.objects.get().memberships.count() == MAX_NEW_FORMS + 5


def _periodic_task_form(**overrides):
    return {
        "name": "Nachtelijke opkuis",
        "regtask": "",
        "task": "",
        "enabled": "on",
        "description": "",
        "interval": "",
        "crontab": "",
        "solar": "",
        "clocked": "",
        "start_time_0": "",
        "start_time_1": "",
        "args": "[]",
        "kwargs": "{}",
        "expires_0": "",
        "expires_1": "",
        "expire_seconds": "",
        "queue": "",
        "exchange": "",
        "routing_key": "",
        "priority": "",
        "headers": "{}",
        **overrides,
    }


def test_a_periodic_task_with_a_refused_task_name_is_a_form_error(staff):
    response = staff.post(
        reverse("admin:django_celery_beat_periodictask_add"), _periodic_task_form(task="x" * 5000)
    )
    assert response.status_code == 200
    assert "task" in response.context["adminform"].form.errors
    assert not PeriodicTask.objects.filter(name="Nachtelijke opkuis").exists()


def test_a_periodic_task_without_a_task_asks_for_one_in_dutch(staff):
    response = staff.post(
        reverse("admin:django_celery_beat_periodictask_add"), _periodic_task_form()
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["task"] == [
        "Kies een geregistreerde taak of vul de naam van een taak in."
    ]


@pytest.mark.postgres_only
def test_nul_bytes_never_reach_postgresql_from_the_admin(coordinator):
    """The same requests on PostgreSQL, which refuses a NUL byte in a text query (a 500)."""
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    PersonFactory(first_name="Alfa", last_name="Beta")
    changelist = reverse("admin:core_outboxmessage_changelist")
    assert client.get(changelist, {"batch": "a\x00b"}).status_code == 302
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "core", "model_name": "membership", "field_name": "person", "term": "\x00"},
    )
    assert autocomplete.status_code == 200
