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
import re

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

# 5xx answers found by this matrix in code that is not this part's to fix (Django's admin,
# third-party admins, the core models), as (case pattern, failure-line pattern, why). Remove an
# entry once its fix lands (SQLite and PostgreSQL word some errors apart, so an entry that no
# longer matches is not itself a failure).
KNOWN_FAILURES_ELSEWHERE: list[tuple[str, str, str]] = [
    (
        r"admin:.*",
        r"has no field named ''",
        "Django admin: an empty ?_to_field= on a change/delete/history page reaches "
        "ModelAdmin.get_object(..., from_field='') → FieldDoesNotExist",
    ),
    (
        r"admin:.*",
        r"OverflowError|out of range|NumericValueOutOfRange",
        "Django admin: a key beyond 64 bits in a many-to-many or autocomplete field (the "
        "admin's own ModelMultipleChoiceField and AutocompleteSelect query with it); fix: a "
        "project ModelAdmin base with formfield_overrides to core.form_fields",
    ),
    (
        r"admin:.*",
        r"cannot contain NUL",
        "Django admin: a NUL byte in a change list's search (q) or filter (field__exact) goes "
        "into a PostgreSQL text lookup",
    ),
    (
        r"admin:.*",
        r"ValueError: Field '\w+' expected a number",
        "Django admin: AutocompleteSelect renders a posted non-numeric key with pk__in",
    ),
    (
        r"admin:core",
        r"steunpunt/core/models.py:\d+: .*DoesNotExist",
        "core/models.py __str__ of a history row follows a deleted Person/Programme (the "
        "membership and offer history pages 500 once the related row is gone)",
    ),
    (
        r"inbox",
        r"steunpunt/inbox/views.py:\d+: .*NUL",
        "steunpunt/inbox/views.py ContactView.get_initial: ?opleiding=<a NUL byte> in a slug "
        "lookup (PostgreSQL refuses it); fix: core.params.parse_slug",
    ),
    (
        r"admin:django_celery_beat",
        r"KeyError: 'task'",
        "django_celery_beat's PeriodicTaskForm.clean with no task",
    ),
]


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
    known = [k for k in KNOWN_FAILURES_ELSEWHERE if re.fullmatch(k[0], case)]
    unexplained = [line for line in failures if not any(re.search(k[1], line) for k in known)]
    assert not unexplained, f"{case}: {len(unexplained)} answer(s) 5xx\n" + "\n".join(unexplained)
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
