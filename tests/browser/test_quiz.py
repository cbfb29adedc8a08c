"""De Duale Quiz in the browser: a teacher's screen and three pupils' phones.

The teacher starts a class session, three pupils join with the code, answer, and the host
page's scoreboard follows (htmx polling). axe-core checks the pages the crawl cannot reach
(they need a running session).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from infotools.quiz.services import load_initial_quizzes
from tests.browser.test_axe_crawl import AXE_OPTIONS, NARROW, describe_violations

pytestmark = pytest.mark.browser

# "De Duale Quiz": the right answers of the first two questions.
RIGHT_1 = "Je leert op school én op de werkvloer van een erkend bedrijf."
WRONG_1 = "Je werkt voltijds en volgt 's avonds nog wat les."
RIGHT_2 = "Ongeveer de helft van de week."
WRONG_2 = "Alleen tijdens de vakanties."


def assert_accessible(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = describe_violations(results.response.get("violations", []))
    assert not violations, "\n".join(violations)


def join(browser, site, code, nickname):
    context = browser.new_context(locale="nl-BE", viewport=NARROW)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: (
            m.type == "error" and "Content Security Policy" in m.text and errors.append(m.text)
        ),
    )
    page.goto(f"{site}/quiz/")
    page.get_by_label("Code van de quiz").fill(code.lower())
    page.get_by_role("button", name="Doe mee").click()
    page.get_by_label("Je bijnaam").fill(nickname)
    page.get_by_role("button", name="Doe mee").click()
    expect(page.get_by_text("Je doet mee!")).to_be_visible()
    page.quiz_errors = errors
    return page


def scoreboard(host):
    return host.locator("[data-quiz-scoreboard] li .quiz-scoreboard__name").all_inner_texts()


def test_class_quiz_with_three_pupils(browser, site):
    load_initial_quizzes()
    teacher = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 800})
    host = teacher.new_page()
    host.goto(f"{site}/quiz/")
    host.get_by_role("link", name=re.compile("Speel met je klas")).first.click()
    host.get_by_role("button", name="Start een quiz voor mijn klas").click()
    code = host.locator("[data-quiz-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{5}", code)
    expect(host.locator("img.quiz-qr")).to_be_visible()
    assert_accessible(host)

    # Keyboard only: the first pupil joins without touching the mouse.
    pupils = [join(browser, site, code, name) for name in ("Amina", "Bram", "Chloé")]
    assert_accessible(pupils[0])
    expect(host.locator("[data-quiz-players]")).to_have_text("3")
    assert scoreboard(host) == ["Amina", "Bram", "Chloé"]

    host.get_by_role("button", name="Start de quiz").click()
    for pupil, choice in zip(pupils, (RIGHT_1, RIGHT_1, WRONG_1), strict=True):
        button = pupil.get_by_role("button", name=re.compile(re.escape(choice)))
        expect(button).to_be_visible(timeout=10_000)  # arrives by polling
        button.click()
        expect(pupil.get_by_text("Je antwoord is doorgegeven")).to_be_visible()
    assert_accessible(pupils[2])
    expect(host.get_by_text("3 van 3 geantwoord")).to_be_visible(timeout=10_000)

    host.get_by_role("button", name="Toon het antwoord").click()
    right_row = host.locator("tr.quiz-tally__right")
    expect(right_row.locator("[data-count]")).to_have_text("2")
    expect(host.get_by_text("Uitleg", exact=True)).to_be_visible()
    assert_accessible(host)
    expect(pupils[0].get_by_text("Juist!")).to_be_visible(timeout=10_000)
    expect(pupils[2].get_by_text("Niet juist.")).to_be_visible(timeout=10_000)

    # Question 2: Bram and Chloé are right; Bram climbs to the top on the teacher's screen.
    host.get_by_role("button", name="Volgende vraag").click()
    for pupil, choice in zip(pupils, (WRONG_2, RIGHT_2, RIGHT_2), strict=True):
        button = pupil.get_by_role("button", name=re.compile(re.escape(choice)))
        expect(button).to_be_visible(timeout=10_000)
        button.focus()
        pupil.keyboard.press("Enter")  # keyboard works as well as a tap
        expect(pupil.get_by_text("Je antwoord is doorgegeven")).to_be_visible()
    # The board updates by polling, without reloading the teacher's page.
    expect(host.locator("[data-quiz-scoreboard] li").first).to_contain_text("Bram")
    assert scoreboard(host) == ["Bram", "Amina", "Chloé"]
    # Each pupil's answer reaches the board by polling: wait for the last one too.
    expect(host.locator(".quiz-scoreboard__score")).to_have_text(["2", "1", "1"])
    host.get_by_role("button", name="Toon het antwoord").click()

    host.get_by_role("button", name="Stop de quiz").click()
    expect(host.get_by_text("De quiz is gedaan")).to_be_visible()
    expect(pupils[1].get_by_text("Je score: 2 van 11")).to_be_visible(timeout=10_000)

    for pupil in pupils:
        assert pupil.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
        assert not pupil.quiz_errors, pupil.quiz_errors


def test_solo_quiz_keyboard_only(browser, site):
    """Play alone with the keyboard: feedback and the final recap are accessible at 320 px."""
    load_initial_quizzes()
    page = browser.new_context(locale="nl-BE", viewport=NARROW).new_page()
    page.goto(f"{site}/quiz/de-duale-quiz/solo/")
    for number in range(1, 12):
        expect(page.get_by_text(f"vraag {number} van 11")).to_be_visible()
        first_answer = page.locator("button.quiz-answer").first
        first_answer.focus()
        page.keyboard.press("Enter")
        expect(page.locator(".quiz-feedback")).to_be_visible()
        if number == 1:
            assert_accessible(page)
        page.get_by_role("button", name=re.compile("Volgende vraag|Bekijk je score")).focus()
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Je score")).to_be_visible()
    assert re.search(r"\d+ van de 11 juist", page.locator(".quiz-score").inner_text())
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]


@pytest.fixture
def browser(browser):
    """Close every context a test opened before the live server's database goes away."""
    opened = []
    original = browser.new_context

    def new_context(**kwargs):
        context = original(**kwargs)
        opened.append(context)
        return context

    browser.new_context = new_context
    yield browser
    browser.new_context = original
    for context in opened:
        context.close()
