"""The self-test in the browser: answer the questions (keyboard only), read the result with
programmes near Kortrijk, and download the PDF for the class council.

axe-core checks the question page (also with errors) and the result page: the crawl cannot
reach the result, it sits behind a form.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from infotools.models import SelfTestTally
from steunpunt.core.models import Postcode, Programme, StudyDomain
from tests.browser.test_axe_crawl import AXE_OPTIONS, DESKTOP, NARROW, describe_violations
from tests.factories import ProgrammeOfferFactory, SiteFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.browser

ANSWERS = {
    "interesse": ["techniek", "koken"],
    "leren": "doen",
    "samen": "graag",
    "werkplek": "ja",
    "op-tijd": "ja",
    "opdrachten": "goed",
    "verplaatsen": "ja",
    "volhouden": "volhouden",
    "opmerkingen": "leren",
    "leeftijd": "15-17",
    "school": "secundair",
    "km": "20",
}
MESSAGE = "Beste Sam, de klassenraad denkt dat duaal leren goed bij je past. Succes!"


def check_page(page):
    """No axe violations (WCAG 2.1 AA) and no horizontal scrolling at 320 px."""
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = describe_violations(results.response.get("violations", []))
    assert not violations, "\n".join(violations)
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.set_viewport_size(DESKTOP)


def offer(name, domain_code, postcode):
    programme, _created = Programme.objects.get_or_create(
        code=f"ZT-{postcode}-{domain_code}",
        defaults={
            "name": name,
            "study_domain": StudyDomain.objects.get(code=domain_code),
            "education_form": Programme.EducationForm.BSO,
            "segment": Programme.Segment.SECONDARY,
        },
    )
    place = Postcode.objects.filter(code=postcode).order_by("-is_main_locality").first()
    ProgrammeOfferFactory(programme=programme, site=SiteFactory(postcode=place))


def answer_with_keyboard(page):
    """Tick every answer with the space bar, then send the form with Enter on the button."""
    for name, value in ANSWERS.items():
        for one in value if isinstance(value, list) else [value]:
            control = page.locator(f'input[name="{name}"][value="{one}"]')
            control.focus()
            if not control.is_checked():
                page.keyboard.press("Space")
            expect(control).to_be_checked()
    page.locator('input[name="postcode"]').focus()
    page.keyboard.type("8500")
    # From the last question, Tab reaches the button: keyboard users can send the form.
    page.locator('input[name="km"][value="50"]').focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    assert page.evaluate("document.activeElement.textContent").strip() == "Toon mijn resultaat"
    page.keyboard.press("Enter")


def test_take_the_selftest_and_download_the_pdf(page, site, tmp_path):
    offer("Elektrische installaties duaal", 2, "8500")  # Kortrijk
    offer("Chef-kok duaal", 8, "8790")  # Waregem, ~13 km
    offer("Bouw duaal ver weg", 2, "8000")  # Brugge, ~42 km: outside 20 km
    page.set_viewport_size(DESKTOP)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: (
            m.type == "error" and "Content Security Policy" in m.text and errors.append(m.text)
        ),
    )

    page.goto(f"{site}/")
    page.get_by_role("link", name="Doe de zelftest: is duaal leren iets voor mij?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Is duaal leren iets voor mij?")
    check_page(page)

    # Sending nothing: Dutch errors next to the questions, and a summary on top.
    page.get_by_role("button", name="Toon mijn resultaat").click()
    expect(page.get_by_role("alert")).to_contain_text("Kijk dit nog even na")
    expect(page.get_by_text("Kies minstens één antwoord.").first).to_be_visible()
    check_page(page)

    answer_with_keyboard(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Duaal leren past bij jou")
    expect(page.get_by_text("Je leert graag door te doen.")).to_be_visible()
    names = page.locator(".selftest-programme__name").all_inner_texts()
    assert names == ["Elektrische installaties duaal", "Chef-kok duaal"]
    meta = page.locator(".selftest-programme__meta").all_inner_texts()
    assert meta[0].endswith("minder dan 1 km")
    assert re.search(r"Waregem · 1\d km$", meta[1])
    check_page(page)
    assert SelfTestTally.objects.get().count == 1

    page.get_by_label("Persoonlijke boodschap (mag je leeg laten)").fill(MESSAGE)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download de PDF").click()
    download = download_info.value
    assert download.suggested_filename == "zelftest-duaal-leren.pdf"
    path = tmp_path / "zelftest.pdf"
    download.save_as(path)
    text = pdf_text(path)
    assert "Duaal leren past bij jou" in text
    assert "Elektrische installaties duaal" in text
    assert MESSAGE in text
    assert not errors, errors
