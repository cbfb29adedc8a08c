"""Login by e-mail (password or code), and two-factor authentication required for staff."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user
from tests.plugins.roles import PASSWORD, enrol_totp

pytestmark = pytest.mark.django_db


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def new_coordinator(db):
    """A coordinator who has not enrolled an authenticator yet."""
    return create_portal_user(
        email="nieuw@steunpunt.test", role=Role.COORDINATOR, password=PASSWORD
    )


def login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_staff_must_enrol_totp_before_using_the_admin(client, new_coordinator):
    response = login(client, new_coordinator.email)
    assert response.status_code == 302
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("core:my_portal"))["Location"] == reverse("mfa_activate_totp")

    # Enrolling is a sensitive change: allauth asks for the password once more.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    # Enrol: the activation page shows a secret; confirming a valid code activates TOTP.
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "tweestapsverificatie" in page.content.decode().lower()
    secret = page.context["form"].secret
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and not is_mfa_enabled(new_coordinator)
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert is_mfa_enabled(new_coordinator)

    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Beheer" in response.content.decode()


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_enrolled_staff_log_in_with_a_second_factor(client, new_coordinator):
    secret = enrol_totp(new_coordinator)
    response = login(client, new_coordinator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    # Not logged in until the code is given: the admin sends us back to the second step.
    assert client.get(reverse("admin:index"), follow=True).request["PATH_INFO"] in (
        reverse("account_login"),
        reverse("mfa_authenticate"),
    )
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200  # wrong code: stays on the form
    assert client.get(reverse("admin:index"), follow=True).request["PATH_INFO"] != (
        reverse("admin:index")
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert client.get(reverse("admin:index")).status_code == 200


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_contacts_are_not_forced_to_enrol(client, school_contact):
    login(client, school_contact.email)
    response = client.get(reverse("core:my_portal"))
    assert response.status_code == 200
    assert "VTI Roeselare" in response.content.decode()


@override_settings(MFA_REQUIRED_FOR_STAFF=False)
def test_demo_setting_can_switch_enforcement_off(client, new_coordinator):
    login(client, new_coordinator.email)
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.request["PATH_INFO"] == reverse("account_login")


def test_non_staff_cannot_enter_the_admin(client, school_contact):
    client.force_login(school_contact)
    assert client.get(reverse("admin:index"), follow=True).status_code == 403


def test_login_by_code_for_a_school_contact(
    client, school_contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_request_login_code"), {"email": school_contact.email}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Steunpunt Duaal Leren" in message.body
    assert message.to == [school_contact.email]
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", message.body).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("core:my_portal")).context["user"] == school_contact


def test_wrong_password_gives_a_dutch_error_and_keeps_the_email(client, school_contact):
    response = login(client, school_contact.email, "fout-wachtwoord")
    assert response.status_code == 200
    html = response.content.decode()
    assert "niet correct" in html or "onjuist" in html
    assert f'value="{school_contact.email}"' in html


def test_signup_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "gesloten" in response.content.decode().lower()
