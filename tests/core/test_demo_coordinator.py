"""create_demo_coordinator: a coordinator login for demos, safe to repeat."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from steunpunt.accounts.models import User
from steunpunt.accounts.roles import Role

pytestmark = pytest.mark.django_db

LINE = re.compile(r"Demo-coördinator: e-mail (\S+) wachtwoord (\S+)")


def run(**options) -> tuple[str, str]:
    out = StringIO()
    call_command("create_demo_coordinator", stdout=out, **options)
    match = LINE.search(out.getvalue())
    assert match, out.getvalue()
    return match.group(1), match.group(2)


def test_creates_a_coordinator_with_a_generated_password(settings):
    settings.DEBUG = True
    email, password = run()

    assert email == "coordinator@steunpunt.test"
    assert len(password) >= 12
    user = User.objects.get(email=email)
    assert user.check_password(password)
    assert user.has_role(Role.COORDINATOR)
    assert user.is_staff
    assert not user.is_superuser


def test_is_idempotent_and_resets_the_password(settings):
    settings.DEBUG = True
    _, first_password = run()
    email, password = run(password="een-bekend-demo-wachtwoord")

    assert User.objects.filter(email=email).count() == 1
    user = User.objects.get(email=email)
    assert password == "een-bekend-demo-wachtwoord"
    assert user.check_password("een-bekend-demo-wachtwoord")
    assert not user.check_password(first_password)
    assert user.groups.count() == 1
    assert user.has_role(Role.COORDINATOR) and user.is_staff


def test_custom_email(settings):
    settings.DEBUG = True
    email, password = run(email="Katrien@Steunpunt.test", password="nog-een-wachtwoord-1")

    assert email == "katrien@steunpunt.test"
    assert User.objects.get(email=email).has_role(Role.COORDINATOR)
    assert not User.objects.filter(email="coordinator@steunpunt.test").exists()


def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_coordinator", stdout=StringIO())
    assert not User.objects.exists()

    email, password = run(force=True)
    assert User.objects.get(email=email).check_password(password)


def test_rejects_an_invalid_email(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Ongeldige login"):
        call_command("create_demo_coordinator", email="geen-adres", stdout=StringIO())
    assert not User.objects.exists()
