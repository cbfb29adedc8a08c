"""Failed logins are limited per account *and* client address, so a stranger cannot lock out a
known coordinator, while one address guessing one account, or many, is still stopped.

allauth's "login_failed" limit has a per-address rule and a per-key rule; the key was the
account alone, so five wrong passwords from anywhere locked the account for everyone.
"""

import pytest
from django.urls import reverse

from steunpunt.accounts.adapter import AccountAdapter
from steunpunt.accounts.roles import Role
from steunpunt.accounts.services import create_portal_user
from tests.plugins.roles import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.9"
COORDINATOR_ADDRESS = "198.51.100.7"
PROXY = "10.0.0.2"
TOO_MANY = "Te veel inlogpogingen"


def login(client, email, password, **meta):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **meta)


def assert_refused(response):
    assert response.status_code in (200, 429)
    assert TOO_MANY in response.content.decode() or response.status_code == 429
    assert "_auth_user_id" not in response.wsgi_request.session
    assert response.wsgi_request.session.get("account_authentication_methods") is None


def assert_password_accepted(response):
    """Right password: on to the second factor (staff) or the portal."""
    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] in (reverse("mfa_authenticate"), reverse("core:my_portal"))


def test_a_stranger_cannot_lock_out_a_coordinator(client, coordinator):
    for _ in range(6):
        response = login(client, coordinator.email, "fout-wachtwoord-1", REMOTE_ADDR=ATTACKER)
        assert response.status_code == 200 and "_auth_user_id" not in client.session

    assert_password_accepted(
        login(client.__class__(), coordinator.email, PASSWORD, REMOTE_ADDR=COORDINATOR_ADDRESS)
    )


def test_one_address_guessing_one_account_is_stopped_even_with_the_right_password(
    client, coordinator
):
    for _ in range(5):
        response = login(client, coordinator.email, "fout-wachtwoord-1", REMOTE_ADDR=ATTACKER)
        assert TOO_MANY not in response.content.decode()
    response = login(client, coordinator.email, PASSWORD, REMOTE_ADDR=ATTACKER)
    assert_refused(response)
    assert TOO_MANY in response.content.decode()


def test_one_address_trying_many_accounts_is_stopped_by_the_address_rule(client):
    users = [
        create_portal_user(
            email=f"school{i}@steunpunt.test", role=Role.SCHOOL_CONTACT, password=PASSWORD
        )
        for i in range(11)
    ]
    for user in users[:10]:
        response = login(client, user.email, "fout-wachtwoord-1", REMOTE_ADDR=ATTACKER)
        assert TOO_MANY not in response.content.decode()
    assert_refused(login(client, users[10].email, PASSWORD, REMOTE_ADDR=ATTACKER))
    # Another address is not affected.
    assert_password_accepted(
        login(client.__class__(), users[10].email, PASSWORD, REMOTE_ADDR=COORDINATOR_ADDRESS)
    )


def test_behind_the_proxy_the_client_address_counts_not_the_proxys(settings, client, coordinator):
    """allauth read REMOTE_ADDR (the proxy) while the portal trusts TRUSTED_PROXY_COUNT: then
    every visitor shared one address and one stranger still locked everyone out."""
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(11):
        login(
            client,
            coordinator.email,
            "fout-wachtwoord-1",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )
    assert_password_accepted(
        login(
            client.__class__(),
            coordinator.email,
            PASSWORD,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=COORDINATOR_ADDRESS,
        )
    )
    # A client that puts a fake address in front of its own is still itself.
    assert_refused(
        login(
            client.__class__(),
            coordinator.email,
            PASSWORD,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"{COORDINATOR_ADDRESS}, {ATTACKER}",
        )
    )


def test_an_ipv6_client_cannot_get_fresh_tries_by_changing_its_interface_address(
    client, coordinator
):
    for i in range(5):
        login(client, coordinator.email, "fout-wachtwoord-1", REMOTE_ADDR=f"2001:db8:1:2::{i + 1}")
    assert_refused(login(client, coordinator.email, PASSWORD, REMOTE_ADDR="2001:db8:1:2::99"))
    assert_password_accepted(
        login(client.__class__(), coordinator.email, PASSWORD, REMOTE_ADDR="2001:db8:1:3::1")
    )


def test_the_admin_login_goes_through_the_same_limited_login(client, coordinator):
    """The admin's own login form is replaced by allauth's (secure_admin_login)."""
    for _ in range(5):
        login(client, coordinator.email, "fout-wachtwoord-1", REMOTE_ADDR=ATTACKER)
    response = client.post(
        reverse("admin:login"),
        {"username": coordinator.email, "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert_refused(login(client, coordinator.email, PASSWORD, REMOTE_ADDR=ATTACKER))


def test_the_adapter_uses_the_portals_client_address(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ATTACKER}")
    assert AccountAdapter(request).get_client_ip(request) == ATTACKER
