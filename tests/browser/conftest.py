"""Playwright in Debian's Chromium against pytest-django's live_server.

`playwright install` is never needed: pytest-playwright launches /usr/bin/chromium (or
CHROMIUM_PATH). Without Chromium the browser tests are skipped locally and fail under CI.
live_server serves static files itself (django.contrib.staticfiles is installed and TESTING uses
the plain StaticFilesStorage), so no collectstatic is needed.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "timezone_id": "Europe/Brussels"}


@pytest.fixture
def reference_data(transactional_db):
    """The reference data (sectors, regions, ...) that every page expects, in the live database."""
    if "load_reference_data" not in get_commands():
        pytest.fail("Het beheercommando load_reference_data bestaat niet.", pytrace=False)
    call_command("load_reference_data", verbosity=0)
    # Transactional tests empty the database between tests, rows from data migrations
    # included: load the shipped content again (each loader only adds what is missing).
    for loader in ("load_content", "load_quiz", "load_campaign"):
        if loader in get_commands():
            call_command(loader, verbosity=0)
    from network.meetings.standard import ensure_standard_bodies

    ensure_standard_bodies()  # rows of a data migration, gone after a flush too


@pytest.fixture
def site(live_server, reference_data):
    """The live server's base URL, with reference data loaded."""
    return live_server.url


def log_in(context, user, base_url: str) -> None:
    """Give a Playwright browser context the session cookie of `user` (no login form needed)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [
            {"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url},
        ]
    )


@pytest.fixture
def public_workplaces(reference_data):
    """A few public workplaces in real places, so the crawl reaches the workplace finder, its
    filtered views (from the programme pages) and a workplace page with its question form."""
    from steunpunt.core.models import Postcode, Programme
    from tests.matchmaking.factories import CompanySiteFactory, WorkplaceFactory

    programmes = list(Programme.objects.filter(active=True).order_by("name")[:3])
    seeded = []
    for code, company, programme in zip(
        ("8800", "8500", "8000"),
        ("Elektro Vanneste BV", "Garage Desmet", "Bakkerij Vermeulen"),
        programmes,
        strict=False,
    ):
        postcode = Postcode.objects.filter(code=code).order_by("-is_main_locality").first()
        site = CompanySiteFactory(postcode=postcode, organisation__name=company)
        seeded.append(WorkplaceFactory(site=site, programme=programme, places=2))
    return seeded


@pytest.fixture
def public_event(reference_data):
    """A published info session with places left, so the crawl reaches the agenda, an event
    page and its registration form."""
    from tests.network.factories import EventFactory

    return EventFactory(
        title="Infosessie duaal leren voor ouders",
        slug="infosessie-ouders",
        summary="Wat is duaal leren en wat betekent het voor je kind?",
        description="## Programma\n\nUitleg, getuigenissen en tijd voor vragen.",
        capacity=30,
    )
