"""Browser journey: a coordinator composes a mailing, previews it, tests it, sends it and
follows it per recipient; every page passes axe (WCAG 2.1 AA)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from campaigns.models import Mailing
from steunpunt.core.models import OutboxMessage
from tests.browser.conftest import (  # noqa: F401 - fixtures of the browser tests
    browser_context_args,
    browser_type_launch_args,
    log_in,
    reference_data,
    site,
)
from tests.campaigns.factories import CampaignFactory, ParticipationFactory
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory, SiteFactory

pytestmark = pytest.mark.browser
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page, axe):
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_coordinator_composes_tests_sends_and_follows_a_mailing(page, site, coordinator, settings):  # noqa: F811
    settings.MFA_REQUIRED_FOR_STAFF = False
    campaign = CampaignFactory(name="Steek een poot uit")
    school = SchoolFactory(name="VTI Roeselare")
    SiteFactory(organisation=school)
    MembershipFactory(
        person=PersonFactory(first_name="Ann", last_name="Claeys", email="ann@vti.test"),
        organisation=school,
    )
    ParticipationFactory(campaign=campaign, school=school)
    log_in(page.context, coordinator, site)
    axe = Axe()

    page.goto(f"{site}/campagnes/mailings/")
    expect(page.get_by_text("Er is nog geen mailing.")).to_be_visible()
    assert_accessible(page, axe)
    page.get_by_role("link", name="Nieuwe mailing").click()

    # Bad input first: the message sits next to the field and the text stays. (Other tests
    # may have loaded the real campaign too: choose this one by its value.)
    page.locator("#id_campaign").select_option(str(campaign.pk))
    page.get_by_label("Onderwerp").fill("De infopunten zijn er")
    page.get_by_label("Tekst").fill("Bestel **nu** je infopunt.")
    page.get_by_label("Zelf gekozen scholen").check()
    page.get_by_role("button", name="Bewaar en bekijk het voorbeeld").click()
    expect(page.get_by_text("Kies minstens één school.").first).to_be_visible()
    expect(page.get_by_label("Tekst")).to_have_value("Bestel **nu** je infopunt.")
    assert_accessible(page, axe)

    page.get_by_label("Alle deelnemende scholen").check()
    page.get_by_role("button", name="Bewaar en bekijk het voorbeeld").click()
    expect(page.get_by_role("heading", name="Zo ziet de e-mail eruit")).to_be_visible()
    expect(page.locator("strong", has_text="nu")).to_be_visible()
    expect(page.get_by_text("Deze mailing gaat naar 1 contactpersoon.")).to_be_visible()
    assert_accessible(page, axe)

    page.get_by_role("button", name="Stuur mij een test").click()
    expect(
        page.get_by_text("De test wordt verstuurd naar coordinator@steunpunt.test")
    ).to_be_visible()
    assert [m.subject for m in mail.outbox] == ["[Test] De infopunten zijn er"]

    page.get_by_role("button", name="Verstuur de mailing").click()
    expect(page.get_by_text("De mailing gaat naar 1 ontvanger(s).")).to_be_visible()
    row = page.get_by_role("row", name="ann@vti.test")
    expect(row).to_contain_text("Verstuurd")
    assert_accessible(page, axe)

    assert mail.outbox[-1].to == ["Ann Claeys <ann@vti.test>"]
    assert Mailing.objects.get().status == Mailing.Status.SENT
    assert OutboxMessage.objects.filter(recipient_email="ann@vti.test", status="sent").count() == 1
