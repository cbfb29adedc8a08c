"""Production settings: `check --deploy` is clean, secrets are required, headers are strict."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "TESTING": "0",
    "SECRET_KEY": "k3y-for-the-deploy-check-Zq8vN2mX7rT5wY1uP4sL9dF6gH0jA3cB-aa",
    "ALLOWED_HOSTS": "duaalleren.west-vlaanderen.be",
    "CSRF_TRUSTED_ORIGINS": "https://duaalleren.west-vlaanderen.be",
    "DATABASE_URL": "sqlite:///:memory:",
}


def manage(*args, env_overrides=None):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    env.update(PRODUCTION_ENV)
    env.update(env_overrides or {})
    for name in ("PYTEST_CURRENT_TEST", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env_overrides={"SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_requires_allowed_hosts():
    result = manage("check", env_overrides={"ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_booleans_fail_loudly():
    result = manage("check", env_overrides={"DEBUG": "misschien"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.parametrize(("debug", "expected"), [("0", "True"), ("1", "False")])
def test_staff_mfa_is_required_by_default_in_production(debug, expected):
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; "
        "print(settings.MFA_REQUIRED_FOR_STAFF, settings.SESSION_COOKIE_SECURE)",
        env_overrides={"DEBUG": debug},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == expected


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in csp.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_dutch_locale_and_belgian_dates(settings):
    from datetime import date

    from django.template import Context, Template

    assert settings.LANGUAGE_CODE == "nl-be"
    assert settings.TIME_ZONE == "Europe/Brussels"
    rendered = Template("{{ d|date:'SHORT_DATE_FORMAT' }} {{ d }}").render(
        Context({"d": date(2025, 4, 20)})
    )
    assert rendered == "20/04/2025 20/04/2025"


def test_every_environment_variable_is_documented():
    import re

    settings_source = (ROOT / "steunpunt" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\("([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - documented == set()
    assert "DATABASE_URL" in read and "CELERY_BROKER_URL" in read
