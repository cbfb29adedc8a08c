"""The campaign in the browser: a visitor reads the campaign page and leaves a reaction; a school
contact ticks checklist items (htmx, and without JavaScript). axe-core checks every page on the
way, the feedback form also with its errors (the crawl cannot reach those)."""

import re

import pytest
from playwright.sync_api import expect

from campaigns.models import Campaign, ChecklistTick, Feedback
from tests.browser.conftest import log_in
from tests.browser.test_selftest import check_page

pytestmark = pytest.mark.browser


def test_a_visitor_reads_the_campaign_and_reacts(page, site):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site + "/")
    page.get_by_role("navigation").get_by_role("link", name="Campagnes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Campagnes")
    check_page(page)

    page.get_by_role("link", name="Steek een poot uit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Steek een poot uit")
    main = page.locator("main")
    expect(main).to_contain_text("Leer op school én op de werkvloer.")
    expect(main.get_by_role("heading", name="Doe-het-zelf-infopunt")).to_be_visible()
    order_link = main.get_by_role("link", name=re.compile("Bestel via je schoolaccount.*Affiches"))
    expect(order_link).to_be_visible()
    expect(main.get_by_role("heading", name="Online uitleg voor leerkrachten")).to_be_visible()
    expect(main.get_by_text("om 15:30 tot 16:30")).to_be_visible()
    expect(main.get_by_role("link", name="Zet alle momenten in je agenda")).to_have_attribute(
        "href", "/campagnes/steek-een-poot-uit/kalender.ics"
    )
    check_page(page)

    page.get_by_role("link", name="Laat een reactie achter").click()
    page.get_by_role("button", name="Verstuur mijn reactie").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies wie je bent.")
    check_page(page)  # the form with its errors

    page.get_by_label("Leerling").check()
    page.get_by_role("textbox", name="Je reactie*").fill(
        "Het infopunt was leuk om samen op te bouwen."
    )
    page.get_by_label("Hoe mogen we je reactie ondertekenen?").fill("Leerling 5de jaar")
    page.get_by_label("Jullie mogen mijn reactie op de campagnepagina zetten.").check()
    page.get_by_role("button", name="Verstuur mijn reactie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt voor je reactie")
    check_page(page)
    feedback = Feedback.objects.get()
    assert (feedback.author, feedback.consent_to_quote, feedback.school) == ("pupil", True, None)
    assert not errors, errors


def checklist_item(page, title):
    return page.locator("#checklist li").filter(has=page.get_by_role("heading", name=title))


def test_a_school_contact_ticks_checklist_items(browser, site, school_contact, school):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 800})
    log_in(context, school_contact, site)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    campaign = Campaign.objects.get(slug="steek-een-poot-uit")

    page.goto(site + campaign.get_absolute_url())
    page.get_by_role("link", name="Naar de pagina van je school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("VTI Roeselare in de campagne")
    expect(page.locator("main")).to_contain_text("Je school doet nog niet mee.")
    check_page(page)

    page.get_by_role("link", name="Checklist afvinken").click()
    expect(page.get_by_text("0 van de 9 punten afgevinkt")).to_be_visible()
    check_page(page)
    url_before = page.url
    for title in ("Affiches en wobblers ophangen", "De quiz spelen in de klas en erover praten"):
        button = checklist_item(page, title).get_by_role("button", name=re.compile("^Afvinken"))
        button.click()
        expect(checklist_item(page, title).get_by_role("button")).to_have_text(
            re.compile("Toch niet gedaan")
        )
    expect(page.get_by_text("2 van de 9 punten afgevinkt")).to_be_visible()
    assert page.url == url_before  # htmx swapped the list; no page load
    # htmx puts the focus back on the button that was pressed.
    focused = page.evaluate("document.activeElement.textContent")
    assert "Toch niet gedaan" in focused
    check_page(page)

    # Untick with the keyboard.
    item = checklist_item(page, "Affiches en wobblers ophangen").get_by_role("button")
    item.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 van de 9 punten afgevinkt")).to_be_visible()
    ticks = ChecklistTick.objects.filter(participation__school=school)
    assert list(ticks.values_list("item__title", flat=True)) == [
        "De quiz spelen in de klas en erover praten"
    ]
    assert ticks.get().participation.campaign == campaign
    assert not errors, errors
    context.close()


def test_the_checklist_works_without_javascript(browser, site, school_contact, school):
    context = browser.new_context(locale="nl-BE", java_script_enabled=False)
    log_in(context, school_contact, site)
    page = context.new_page()
    page.goto(site + "/campagnes/steek-een-poot-uit/checklist/")

    checklist_item(page, "De folder naar de ouders sturen").get_by_role("button").click()

    expect(page.get_by_role("status").filter(has_text="Opgeslagen.")).to_be_visible()
    expect(page.get_by_text("1 van de 9 punten afgevinkt")).to_be_visible()
    assert ChecklistTick.objects.filter(participation__school=school).count() == 1
    context.close()
