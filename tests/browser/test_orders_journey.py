"""A school orders campaign material, a coordinator approves and ships it, and the school
receives a mail at each step: in a real browser, with the mails caught by an SMTP sink.

The school contact logs in with a code by e-mail (the foundation's login for schools); the
coordinator's session is given to the browser (staff log in with two factors, tested elsewhere).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from campaigns.models import Material, Order
from tests.browser.conftest import log_in
from tests.browser.test_axe_crawl import AXE_OPTIONS, describe_violations
from tests.campaigns.factories import CampaignFactory, PhysicalMaterialFactory

pytestmark = pytest.mark.browser


def point_mail_at(settings, sink):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


def assert_accessible(page):
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = describe_violations(results.response.get("violations", []))
    assert not violations, "\n".join(violations)


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def to_school(subject_part):
    return lambda m: subject_part in str(m["Subject"]) and "school@vti.test" in str(m["To"])


@pytest.fixture
def campaign(site):
    campaign = CampaignFactory(name="Steek een poot uit", slug="steek-een-poot-uit")
    PhysicalMaterialFactory(campaign=campaign, name="Affiche A2", stock=40, max_per_school=5)
    PhysicalMaterialFactory(
        campaign=campaign, name="DIY-infopunt", category="info_point", stock=3, max_per_school=1
    )
    return campaign


def test_a_school_orders_and_the_coordinator_approves_and_ships(
    browser, site, campaign, school_contact, coordinator, settings, smtp_sink
):
    point_mail_at(settings, smtp_sink)

    # The school contact logs in with a code sent by e-mail.
    school_page = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels").new_page()
    school_page.goto(site + "/account/login/code/")
    school_page.locator('input[name="email"]').fill("school@vti.test")
    school_page.locator('form [type="submit"]').first.click()
    code_mail = smtp_sink.wait_for(lambda m: "school@vti.test" in str(m["To"]))
    code = re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", body(code_mail)).group(1)
    school_page.locator('input[name="code"]').fill(code)
    school_page.locator('form [type="submit"]').first.click()
    expect(school_page.locator("main")).to_be_visible()

    # Too many posters: a Dutch error at the field, what was typed stays.
    school_page.goto(f"{site}/campagnes/{campaign.slug}/bestellen/")
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Materiaal bestellen")
    school_page.get_by_label("Affiche A2").fill("7")
    school_page.get_by_label("DIY-infopunt").fill("1")
    school_page.get_by_label("Opmerkingen").fill("Graag leveren aan het onthaal.")
    school_page.get_by_role("button", name="Bestelling indienen").click()
    expect(school_page.locator("main")).to_contain_text("Je mag hoogstens 5 stuks bestellen.")
    expect(school_page.get_by_label("Opmerkingen")).to_have_value("Graag leveren aan het onthaal.")
    assert not Order.objects.exists()
    assert_accessible(school_page)

    # Within the limits: the order is placed and the stock reserved.
    school_page.get_by_label("Affiche A2").fill("4")
    school_page.get_by_role("button", name="Bestelling indienen").click()
    expect(school_page.locator("main")).to_contain_text("is ingediend")
    order = Order.objects.get()
    assert Material.objects.get(name="Affiche A2").stock == 36
    assert "ingediend" in str(smtp_sink.wait_for(to_school("is ingediend"))["Subject"])

    # The coordinator approves and ships it from the staff pages.
    staff_context = browser.new_context(locale="nl-BE", timezone_id="Europe/Brussels")
    log_in(staff_context, coordinator, site)
    staff_page = staff_context.new_page()
    staff_page.goto(site + "/campagnes/beheer/bestellingen/")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name=order.reference).click()
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Goedkeuren").click()
    expect(staff_page.locator("main")).to_contain_text("De bestelling is goedgekeurd.")
    staff_page.get_by_role("button", name="Markeer als verzonden").click()
    expect(staff_page.locator("main")).to_contain_text("De bestelling is verzonden.")

    approved = smtp_sink.wait_for(to_school("is goedgekeurd"))
    shipped = smtp_sink.wait_for(to_school("is verzonden"))
    assert "4 × Affiche A2" in body(approved)
    assert order.get_absolute_url() in body(shipped)

    # The school sees the new status in its history.
    school_page.goto(site + "/campagnes/bestellingen/")
    row = school_page.get_by_role("row").filter(has_text=order.reference)
    expect(row).to_contain_text("Verzonden")
    assert_accessible(school_page)
