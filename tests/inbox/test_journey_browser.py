"""Browser journey: a parent asks a question; it reaches the coordinators' inbox and is answered.

Runs in Debian's Chromium like tests/browser (same fixtures; skipped locally without Chromium).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from tests.browser.conftest import (  # noqa: F401 - pytest fixtures
    browser_context_args,
    browser_type_launch_args,
    log_in,
    reference_data,
    site,
)
from tests.browser.test_axe_crawl import AXE_OPTIONS, NARROW, describe_violations

pytestmark = pytest.mark.browser


def assert_accessible(page):
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, describe_violations(violations)
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.set_viewport_size({"width": 1280, "height": 800})


def test_question_reaches_the_inbox_and_gets_an_answer(page, site, request, settings):  # noqa: F811
    from steunpunt.inbox.models import Question

    settings.MFA_REQUIRED_FOR_STAFF = False
    page.goto(site + "/")
    page.get_by_role("link", name="Stel je vraag").first.click()
    page.wait_for_url(re.compile(r"/contact/$"))
    assert_accessible(page)

    # Submitting an empty form: Dutch messages, still accessible.
    page.get_by_role("button", name="Verstuur mijn vraag").click()
    page.wait_for_load_state()
    assert page.get_by_text("Kijk dit nog even na").is_visible()
    assert_accessible(page)

    # Keyboard and labels only.
    page.get_by_label("Ouder").check()
    page.get_by_label("Je vraag").fill("Kan mijn dochter duaal leren in de zorg, dicht bij Tielt?")
    page.get_by_label("Je e-mailadres").fill("els@voorbeeld.test")
    page.get_by_label("Je postcode").fill("8700")
    page.get_by_label(re.compile("Ik geef het Steunpunt de toestemming")).check()
    page.get_by_role("button", name="Verstuur mijn vraag").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/contact/bedankt/" in page.url
    question = Question.objects.get()
    assert question.reference in page.inner_text("main")
    assert_accessible(page)
    assert any(question.reference in m.subject for m in mail.outbox)

    # The coordinator finds it in the inbox and answers.
    log_in(page.context, request.getfixturevalue("coordinator"), site)
    page.goto(site + "/beheer/vragen/")
    page.get_by_role("link", name=question.reference).click()
    assert page.get_by_label("Je antwoord").input_value().startswith("Beste")  # pre-filled
    page.get_by_label("Je antwoord").fill("Dag Els,\n\nJa, dat kan. **Bel ons** gerust.")
    with page.expect_navigation():
        page.get_by_role("button", name="Voorbeeld bekijken").click()
    preview = page.get_by_role("region", name=re.compile("Voorbeeld"))
    assert "Bel ons" in preview.inner_text() and mail.outbox[-1].subject != ""
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Versturen naar")).click()
    assert page.get_by_text("Je antwoord wordt verstuurd").is_visible()
    question.refresh_from_db()
    assert question.first_answered_at is not None
    assert question.answers.count() == 1
    assert any("Bel ons" in m.body for m in mail.outbox)
