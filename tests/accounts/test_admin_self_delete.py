"""Deleting a user in the admin: a coordinator cannot delete their own account (the history
row of that deletion would point to the user it deletes: on PostgreSQL the transaction failed
at commit, a 500), and deleting another user whose name is on history rows works."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()


@pytest.fixture
def staff(coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    return client


def test_a_coordinator_cannot_delete_their_own_account(staff, coordinator):
    url = reverse("admin:accounts_user_delete", args=[coordinator.pk])

    response = staff.post(url, {"post": "yes"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(
        "admin:accounts_user_change", args=[coordinator.pk]
    )
    messages = [str(m) for m in response.context["messages"]]
    assert "Je kunt je eigen account niet verwijderen." in messages[0]
    assert User.objects.filter(pk=coordinator.pk).exists()
    assert staff.get(url).status_code == 302  # the confirmation page is not shown either


def test_nor_with_the_bulk_delete_action(staff, coordinator):
    other = create_portal_user(email="collega@steunpunt.test", role=Role.SCHOOL_CONTACT)
    response = staff.post(
        reverse("admin:accounts_user_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [coordinator.pk, other.pk],
            "post": "yes",
        },
    )
    assert response.status_code in (200, 403)
    assert User.objects.filter(pk__in=[coordinator.pk, other.pk]).count() == 2


def test_deleting_a_colleague_with_history_rows_works(staff, coordinator):
    colleague = create_portal_user(
        email="collega@steunpunt.test", role=Role.COORDINATOR, actor=coordinator
    )
    # The colleague changed something: their name is on history rows of other models.
    programme = ProgrammeFactory(name="Kapper")
    programme.name = "Kapper-stylist"
    programme._history_user = colleague
    programme.save()

    response = staff.post(
        reverse("admin:accounts_user_delete", args=[colleague.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=colleague.pk).exists()
    assert programme.history.latest().history_user is None
    assert programme.history.latest().name == "Kapper-stylist"
