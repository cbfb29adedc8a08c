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
from tests.robustness.probe import ADMIN_GET_ROUNDS, GET_ROUNDS, probe
from tests.test_access_matrix import (  # noqa: F401  (admin_objects is a fixture)
    ADMIN_PATTERNS,
    MATRIX,
    admin_objects,
    admin_url,
)


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


def _run(cast, case, urls, get_rounds=GET_ROUNDS) -> list[str]:
    failures = []
    for role_index, role in enumerate(ROLES):
        client, relogin = _client_as(cast, role)
        seen = set()  # each form is posted once per role (the admin repeats them on every page)
        for url in urls:
            failures += probe(client, url, role, role_index, relogin, seen, get_rounds)
    failures = [line for line in failures if "→ 429" not in line] + [
        f"rate limit not lifted: {line}" for line in failures if "→ 429" in line
    ]
    assert not failures, f"{case}: {len(failures)} answer(s) 5xx\n" + "\n".join(failures)
    return failures


def _group(name: str) -> str:
    """The namespace of a URL name (allauth's unnamespaced names: their prefix)."""
    return name.split(":", 1)[0] if ":" in name else name.split("_", 1)[0]


# One case per namespace (not per URL name): the cast is made once for a few dozen pages
# instead of once per page; every failure line names its URL and role.
GROUPS = sorted({_group(name) for name in MATRIX})


@pytest.mark.parametrize("group", GROUPS)
def test_no_5xx_on_any_parameter(cast, group):
    urls = []
    for name in sorted(n for n in MATRIX if _group(n) == group):
        rule = MATRIX[name]
        urls.append(reverse(name, kwargs=rule.kwargs(cast) if rule.kwargs else {}))
    _run(cast, group, urls)


def _admin_app(route: str) -> str:
    """The app of an admin URL; the site's own pages (index, login, autocomplete…) are "site"."""
    from django.apps import apps

    first = route.removeprefix("admin/").split("/", 1)[0]
    return first if first in apps.app_configs else "site"


ADMIN_APPS = sorted({_admin_app(route) for _, route, _ in ADMIN_PATTERNS})


@pytest.mark.usefixtures("admin_objects")
@pytest.mark.parametrize("app", ADMIN_APPS)
def test_no_5xx_in_the_admin(cast, app):
    # Built once: a POST of an earlier role may delete the row a change page shows (then a 404).
    urls = [admin_url(n, r, p, cast) for n, r, p in ADMIN_PATTERNS if _admin_app(r) == app]
    _run(cast, f"admin:{app}", urls, get_rounds=ADMIN_GET_ROUNDS)
