"""Browser journeys of the matching: a preview, the real run, accepting a proposal and its first
step; the run page that follows its progress by itself. Every page passes axe (WCAG 2.1 AA)."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from matchmaking.models import Learner, MatchingRun, Proposal
from steunpunt.core.models import Postcode
from tests.browser.conftest import (  # noqa: F401 - fixtures of the browser tests
    browser_context_args,
    browser_type_launch_args,
    log_in,
    reference_data,
    site,
)
from tests.factories import ProgrammeFactory
from tests.matchmaking.runs_factories import (
    MatchingRunFactory,
    searching_learner,
    workplace_at,
)

pytestmark = pytest.mark.browser
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page, axe):
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_preview_real_run_accept_and_plan_an_introduction(page, site, coordinator, settings):  # noqa: F811
    settings.MFA_REQUIRED_FOR_STAFF = False
    # the reference data holds the real postcodes with their subregions
    roeselare = Postcode.objects.filter(code="8800", locality="Roeselare").first()
    izegem = Postcode.objects.filter(code="8870", locality="Izegem").first()
    region = roeselare.subregion.name
    elektro = ProgrammeFactory(name="Elektrische installaties (test)")
    learner = searching_learner(roeselare, [elektro], first_name="Lies", last_name="Vermeulen")
    workplace_at(izegem, elektro, places=1)
    log_in(page.context, coordinator, site)
    axe = Axe()

    page.goto(f"{site}/matchmaking/matchings/")
    expect(page.get_by_text("Er is nog geen matching gestart.")).to_be_visible()
    assert_accessible(page, axe)
    page.get_by_label("Regio").select_option(label=region)
    page.get_by_role("button", name="Matching starten").click()

    expect(page.get_by_role("heading", name=f"Voorbeeldmatching: {region}")).to_be_visible()
    expect(page.get_by_text("1e keuze, ")).to_be_visible()
    assert_accessible(page, axe)
    page.get_by_role("button", name="Nu echt uitvoeren").click()

    expect(page.get_by_role("heading", name=f"Matching: {region}")).to_be_visible()
    assert_accessible(page, axe)
    page.get_by_role("button", name="Aanvaarden voor Lies Vermeulen").click()
    expect(page.get_by_text("1 voorstel aanvaard.")).to_be_visible()
    assert Learner.objects.get(pk=learner.pk).status == Learner.Status.PROPOSED

    page.get_by_role("link", name="Lies Vermeulen").click()
    expect(page.get_by_role("heading", name="Voorstel voor Lies Vermeulen")).to_be_visible()
    assert_accessible(page, axe)
    day = timezone.localdate() + timedelta(days=5)
    page.get_by_role("button", name="Kennismaking plannen").click()  # no date yet
    expect(page.get_by_text("Dit veld is verplicht.").first).to_be_visible()
    page.get_by_label("Datum van de kennismaking").fill(day.isoformat())
    page.get_by_role("button", name="Kennismaking plannen").click()
    expect(page.get_by_text("De stap is bewaard.")).to_be_visible()
    expect(page.get_by_text(f"{day:%d/%m/%Y}").first).to_be_visible()
    assert_accessible(page, axe)
    assert Proposal.objects.get(run__dry_run=False).status == Proposal.Status.INTRODUCTION


def test_the_run_page_follows_the_progress_by_itself(page, site, coordinator, settings):  # noqa: F811
    settings.MFA_REQUIRED_FOR_STAFF = False
    run = MatchingRunFactory(
        status=MatchingRun.Status.RUNNING,
        progress=10,
        step="Zoekende jongeren en vrije werkplekken ophalen",
        finished_at=None,
    )
    log_in(page.context, coordinator, site)
    page.goto(f"{site}{run.get_absolute_url()}")
    expect(page.get_by_role("link", name="Vernieuwen")).to_be_visible()
    assert_accessible(page, Axe())

    MatchingRun.objects.filter(pk=run.pk).update(progress=40, step="De beste combinatie berekenen")
    expect(page.get_by_text("Bezig: De beste combinatie berekenen")).to_be_visible(timeout=10_000)
    expect(page.locator("#run-progress")).to_have_attribute("value", "40")

    MatchingRun.objects.filter(pk=run.pk).update(
        status=MatchingRun.Status.DONE, progress=100, step="Klaar", finished_at=timezone.now()
    )
    expect(page.get_by_text("Elke zoekende jongere kreeg een voorstel.")).to_be_visible(
        timeout=10_000
    )
    expect(page.get_by_role("link", name="Vernieuwen")).to_have_count(0)
