"""The digital kit and the info point in the browser.

A visitor downloads a file and the whole kit as ZIP without getting a cookie; a school contact
joins the campaign from the kit page, downloads the PDF of its info point panels (its own QR
codes printed on them) and a pupil's scan of one of those codes lands on the panel's target.
axe-core checks the kit page and the info point page (the crawl cannot reach the info point:
it sits behind the join form).
"""

import io
import zipfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from campaigns.models import Participation, QrScanCount
from campaigns.qr.services import save_info_panel, short_url_display
from tests.browser.conftest import log_in
from tests.browser.test_axe_crawl import AXE_OPTIONS, DESKTOP, NARROW, describe_violations
from tests.campaigns.factories import CampaignFactory, DigitalMaterialFactory, MaterialFileFactory
from tests.campaigns.qr_factories import InfoPanelFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.browser


def check_page(page):
    """No axe violations (WCAG 2.1 AA) and no horizontal scrolling at 320 px."""
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = describe_violations(results.response.get("violations", []))
    assert not violations, "\n".join(violations)
    page.set_viewport_size(NARROW)
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def campaign(reference_data):
    # Not the slug of the real campaign that the browser fixtures load (with its banners).
    campaign = CampaignFactory(name="Steek een poot uit", slug="kit-proef")
    guide = DigitalMaterialFactory(
        campaign=campaign,
        name="Lerarenhandleiding",
        slug="lerarenhandleiding",
        category="teacher_guide",
        description="Zo voer je de campagne in je klas.",
    )
    campaign.guide_file = MaterialFileFactory(
        material=guide,
        label="A4 om af te drukken",
        file=ContentFile(b"%PDF-1.7 handleiding", "handleiding.pdf"),
        size_bytes=20,
    )
    save_info_panel(
        panel=InfoPanelFactory.build(
            campaign=campaign, title="Speel De Duale Quiz", target_url="", target_path="/quiz/"
        )
    )
    return campaign


def test_a_visitor_downloads_a_file_and_the_whole_kit_without_cookies(page, site, campaign):
    guide_file = campaign.guide_file
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}/campagnes/{campaign.slug}/kit/")
    expect(page.get_by_role("heading", name="Lerarenhandleiding")).to_be_visible()
    # The ZIP was built by the (eager) task on the first visit: a reload offers it.
    page.reload()
    check_page(page)
    with page.expect_download() as download_info:
        page.locator(f'a[href="/campagnes/bestand/{guide_file.uuid}/"]').click()
    assert download_info.value.suggested_filename == "handleiding.pdf"
    with page.expect_download() as download_info:
        page.locator("#kit-zip a[download]").click()
    with zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read())) as zipped:
        assert zipped.namelist() == ["lerarenhandleiding/handleiding.pdf"]
    assert page.context.cookies() == []


def test_a_school_joins_prints_its_panels_and_a_scan_lands_on_the_target(
    page, site, campaign, school_contact, school
):
    log_in(page.context, school_contact, site)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site}/campagnes/{campaign.slug}/kit/")
    page.get_by_role("button", name="Ja, onze school doet mee").click()
    expect(page.get_by_role("heading", name="QR-codes van jullie infopunt")).to_be_visible()
    check_page(page)
    participation = Participation.objects.get(campaign=campaign, school=school)
    code = participation.qr_codes.get()
    expect(page.get_by_text(short_url_display(code))).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de panelen (PDF)").click()
    text = pdf_text(download_info.value.path())
    assert "Speel De Duale Quiz" in text
    assert short_url_display(code) in text

    page.goto(f"{site}/q/{code.code}")
    assert page.url == f"{site}/quiz/"
    assert QrScanCount.objects.get(qr_code=code).count == 1
