"""Changes to personal data are kept: who, when, what changed, visible to coordinators."""

import pytest
from django.urls import reverse

from steunpunt.core.models import Person
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_admin_edit_of_a_person_is_recorded_with_its_author(client, coordinator):
    person = PersonFactory(first_name="Lies", last_name="Desmet", email="lies@voorbeeld.be")
    client.force_login(coordinator)
    url = reverse("admin:core_person_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "first_name": "Lies",
            "last_name": "Desmet",
            "email": "lies.desmet@voorbeeld.be",
            "preferred_channel": "email",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    data.pop("user", None)
    data.pop("consent_given_at", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest, previous = person.history.all()[:2]
    assert latest.history_user == coordinator
    delta = latest.diff_against(previous)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("email", "lies@voorbeeld.be", "lies.desmet@voorbeeld.be")
    ]

    # Coordinators read the history in the admin; it shows the change.
    history = client.get(reverse("admin:core_person_history", args=[person.pk]))
    assert history.status_code == 200
    html = history.content.decode()
    assert "Katrien Coördinator" in html
    assert "lies.desmet@voorbeeld.be" in html  # the change itself, old → new


def test_memberships_and_logins_keep_history_too(coordinator):
    membership = MembershipFactory(function="mentor")
    membership.function = "zaakvoerder"
    membership.save()
    assert membership.history.count() == 2
    coordinator.first_name = "Katrien"
    coordinator.last_name = "Vanhoutte"
    coordinator.save()
    record = coordinator.history.first()
    assert record.last_name == "Vanhoutte"
    assert not hasattr(record, "password")  # secrets stay out of the trail


def test_contacts_cannot_read_the_history(client, school_contact):
    person = Person.objects.get(user=school_contact)
    client.force_login(school_contact)
    response = client.get(reverse("admin:core_person_history", args=[person.pk]), follow=True)
    assert response.status_code == 403
