"""The robustness matrix: no parameter, however hostile, makes any page answer with a 5xx.

For every URL pattern of the access matrix (tests/test_access_matrix.py) and every role, the
probe (tests/robustness/probe.py) asks the page, then asks it again with hostile values
(`abc`, `-1`, an integer beyond 64 bits, an empty value, 5,000 characters, a NUL byte) in
every query parameter the view reads and every field of its filter forms, and posts every
form on the page with such values in every field. Any 5xx fails the case of that URL (or of
that admin app), with the innermost project frame and the exception's last line per answer.

Rate limits are lifted, so a 429 never hides the code behind it (a 429 fails the case too).
Run it with ROBUSTNESS_ALL_VALUES=1 to give every parameter all six values for every role.
"""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.access.rules import ROLES
from tests.robustness.probe import probe
from tests.test_access_matrix import (  # noqa: F401  (admin_objects is a fixture)
    ADMIN_PATTERNS,
    MATRIX,
    admin_objects,
    admin_url,
)

# 5xx answers found by this matrix in code owned by another part of issue 13, as
# (URL name or admin app, role, method, substring of the failure line). Each entry is removed
# once its fix lands; an entry that no longer fails fails the test, so the list stays honest.
KNOWN_FAILURES_ELSEWHERE: list[tuple[str, str]] = []


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """django-ratelimit (public forms, zelftest PDF, campaign feedback) and allauth's limits."""
    settings.RATELIMIT_ENABLE = False
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture(autouse=True)
def _quiet_request_logs():
    """Thousands of refused requests: their log lines would drown the failures we report."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def _client_as(cast, role):
    client = Client(raise_request_exception=False)

    def relogin():
        if cast[role] is not None:
            client.force_login(cast[role])

    relogin()
    return client, relogin


def _run(cast, case, urls_for_role) -> list[str]:
    failures = []
    for role_index, role in enumerate(ROLES):
        client, relogin = _client_as(cast, role)
        for url in urls_for_role():
            failures += probe(client, url, role, role_index, relogin)
    failures = [line for line in failures if "→ 429" not in line] + [
        f"rate limit not lifted: {line}" for line in failures if "→ 429" in line
    ]
    known = [k for k in KNOWN_FAILURES_ELSEWHERE if k[0] == case]
    unexplained = [line for line in failures if not any(k[1] in line for k in known)]
    assert not unexplained, f"{case}: {len(unexplained)} answer(s) 5xx\n" + "\n".join(unexplained)
    fixed = [k for k in known if not any(k[1] in line for line in failures)]
    assert not fixed, f"{case}: fixed, remove from KNOWN_FAILURES_ELSEWHERE: {fixed}"
    return failures


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_no_5xx_on_any_parameter(cast, name):
    rule = MATRIX[name]
    url = reverse(name, kwargs=rule.kwargs(cast) if rule.kwargs else {})
    _run(cast, name, lambda: [url])


def _admin_app(route: str) -> str:
    first = route.removeprefix("admin/").split("/", 1)[0]
    return first if first and "<" not in first and "(" not in first else "admin"


ADMIN_APPS = sorted({_admin_app(route) for _, route, _ in ADMIN_PATTERNS})


@pytest.mark.usefixtures("admin_objects")
@pytest.mark.parametrize("app", ADMIN_APPS)
def test_no_5xx_in_the_admin(cast, app):
    patterns = [p for p in ADMIN_PATTERNS if _admin_app(p[1]) == app]
    # Built per role: a POST of an earlier role may have deleted the row a change page shows.
    _run(cast, f"admin:{app}", lambda: [admin_url(n, r, p, cast) for n, r, p in patterns])
