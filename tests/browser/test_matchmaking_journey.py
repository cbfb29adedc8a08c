"""Issue #5's walk-through in a browser: a coordinator registers a learner from 8800 Roeselare
who wants "Elektrische installaties" within 20 km, screens her and starts the search, runs the
matching for Midden-West-Vlaanderen (preview, then for real), reads the explained proposal,
accepts it and moves it to a signed OAO. The school's and the company's contacts get the mails;
a contact of another school cannot open the learner's file. Every page passes axe.

The coordinator's session is given to the browser (staff log in with two factors, tested
elsewhere); the reference data holds the real postcodes, subregions and programme catalogue.
"""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from matchmaking.models import Agreement, Learner, Proposal
from steunpunt.core.models import OutboxMessage, Postcode, Programme
from tests.browser.conftest import log_in
from tests.browser.test_axe_crawl import AXE_OPTIONS, describe_violations
from tests.factories import SiteFactory
from tests.matchmaking.factories import CompanySiteFactory, WorkplaceFactory

pytestmark = pytest.mark.browser


def assert_accessible(page, axe):
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, "\n".join(describe_violations(violations))


@pytest.fixture
def setting(site, cast):
    """VTI Roeselare (the cast's school) and Elektro Vanneste BV in Izegem, 7 km away, with a
    recognised, open workplace for Elektrische installaties."""
    roeselare = Postcode.objects.get(code="8800", locality="Roeselare")
    izegem = Postcode.objects.get(code="8870", locality="Izegem")
    SiteFactory(organisation=cast["school"], postcode=roeselare, street="Spanjestraat 1")
    programme = Programme.objects.get(code="1096")
    company_site = CompanySiteFactory(
        organisation=cast["company"], postcode=izegem, street="Kasteelstraat 12"
    )
    workplace = WorkplaceFactory(
        site=company_site,
        programme=programme,
        places=2,
        start_date=timezone.localdate() + timedelta(days=10),
    )
    return {"programme": programme, "workplace": workplace}


def test_register_match_accept_and_sign_an_oao(page, browser, site, cast, setting, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    axe = Axe()
    log_in(page.context, cast["coordinator"], site)

    # 1. Register the learner.
    page.goto(site + reverse("matchmaking:learner_create"))
    assert_accessible(page, axe)
    page.get_by_label("Voornaam").fill("Lies")
    page.get_by_label("Familienaam").fill("Vermeulen")
    page.get_by_label("Geboortedatum").fill("2010-03-14")
    page.get_by_label("Postcode").fill("8800")
    page.get_by_label("Naam ouder of voogd").fill("Katrien Vermeulen")
    page.get_by_label("Telefoon ouder of voogd").fill("0470 12 34 56")
    page.get_by_label("Opleidingsverstrekker").select_option(label="VTI Roeselare")
    page.get_by_label("Eerste keuze").select_option(value=str(setting["programme"].pk))
    page.get_by_label("Maximale afstand (km)").fill("20")
    page.get_by_label("Toestemming gegeven op").fill(timezone.localdate().isoformat())
    page.get_by_label("Toestemming gegeven door").select_option(label="Een ouder of voogd")
    page.get_by_role("button", name="Jongere aanmelden").click()

    expect(page.get_by_role("heading", name="Lies Vermeulen")).to_be_visible()
    learner = Learner.objects.get(first_name="Lies")
    assert learner.postcode.code == "8800" and learner.max_distance_km == 20
    assert [w.programme.code for w in learner.wishes.all()] == ["1096"]
    assert_accessible(page, axe)

    # 2. Screen her and start the search.
    page.get_by_label("Resultaat van de screening").select_option(label="Arbeidsrijp")
    page.get_by_role("button", name="Screening bewaren").click()
    page.get_by_role("button", name="Start met zoeken naar een werkplek").click()
    expect(page.get_by_text("Zoekt een werkplek").first).to_be_visible()
    assert Learner.objects.get(pk=learner.pk).status == Learner.Status.SEARCHING

    # 3. Run the matching for Midden-West-Vlaanderen: first a preview, then for real.
    page.goto(site + reverse("matchmaking:run_list"))
    page.get_by_label("Regio").select_option(label="Midden-West-Vlaanderen")
    page.get_by_role("button", name="Matching starten").click()
    expect(
        page.get_by_role("heading", name="Voorbeeldmatching: Midden-West-Vlaanderen")
    ).to_be_visible()
    # The explanation: first choice, the distance, the recognition, the free places.
    explanation = page.get_by_text("1e keuze, ").first
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text(" km")
    expect(explanation).to_contain_text("2 van 2 plaatsen vrij")
    assert_accessible(page, axe)
    page.get_by_role("button", name="Nu echt uitvoeren").click()
    expect(page.get_by_role("heading", name="Matching: Midden-West-Vlaanderen")).to_be_visible()

    # 4. Accept the proposal.
    page.get_by_role("button", name="Aanvaarden voor Lies Vermeulen").click()
    expect(page.get_by_text("1 voorstel aanvaard.")).to_be_visible()
    proposal = Proposal.objects.get(learner=learner, run__dry_run=False)
    assert proposal.status == Proposal.Status.PROPOSED
    assert proposal.workplace == setting["workplace"]

    # 5. Introduction, then a signed OAO.
    page.get_by_role("link", name="Lies Vermeulen").click()
    expect(page.get_by_role("heading", name="Voorstel voor Lies Vermeulen")).to_be_visible()
    day = timezone.localdate() + timedelta(days=3)
    page.get_by_label("Datum van de kennismaking").fill(day.isoformat())
    page.get_by_role("button", name="Kennismaking plannen").click()
    expect(page.get_by_text("De stap is bewaard.")).to_be_visible()
    page.get_by_label("Soort overeenkomst").select_option(value=Agreement.Type.OAO)
    start = setting["workplace"].start_date
    page.get_by_label("Begindatum").fill(start.isoformat())
    page.get_by_label("Uren per week").fill("28")
    page.get_by_role("button", name="Overeenkomst ondertekend").click()
    expect(page.get_by_text("De stap is bewaard.")).to_be_visible()
    assert_accessible(page, axe)

    agreement = Agreement.objects.get(learner=learner)
    assert (agreement.type, agreement.hours_per_week, agreement.start_date) == (
        Agreement.Type.OAO,
        28,
        start,
    )
    assert agreement.workplace == setting["workplace"]
    assert Learner.objects.get(pk=learner.pk).status == Learner.Status.AGREEMENT

    # 6. The school's and the company's contacts were mailed at each step.
    school_mails = OutboxMessage.objects.filter(recipient_email=cast["school_contact"].email)
    company_mails = OutboxMessage.objects.filter(recipient_email=cast["company_contact"].email)
    assert school_mails.count() >= 3 and company_mails.count() >= 3  # proposed, intro, signed
    subjects = sorted(m.subject for m in company_mails)
    assert "Voorstel voor Lies V.: Overeenkomst ondertekend" in subjects, subjects
    assert all("Vermeulen" not in m.body_text for m in company_mails)  # first name + initial

    # 7. A contact of another school gets a 404 for her file; her own school sees it.
    other = browser.new_context(locale="nl-BE")
    log_in(other, cast["outsider"], site)
    outsider_page = other.new_page()
    response = outsider_page.goto(f"{site}{learner.get_absolute_url()}")
    assert response.status == 404
    not_found = outsider_page.get_by_role("heading", name="Deze pagina bestaat niet (meer)")
    expect(not_found).to_be_visible()
    other.close()
    own = browser.new_context(locale="nl-BE")
    log_in(own, cast["school_contact"], site)
    own_page = own.new_page()
    own_page.goto(f"{site}{learner.get_absolute_url()}")
    expect(own_page.get_by_role("heading", name="Lies Vermeulen")).to_be_visible()
    own.close()
