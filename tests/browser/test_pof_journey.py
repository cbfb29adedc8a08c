"""Issue #6's walk-through in a browser: the POF secretary creates a session, fills the standard
agenda (two submitted programmatie requests arrive as sub-items), moves an item up, generates
the agenda PDF (read back with pypdf), plans the session and sends the invitations; the
invitee answers through the personal link without logging in and sends a substitute; the
attendance is registered at the door; minutes with an action are published to the members.

The secretary's session is given to the browser (staff log in with two factors, tested
elsewhere). Every staff page passes axe.
"""

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from network.models import AgendaItem, Attendance, Body, Invitation, Meeting, Minutes
from pof import services as pof_services
from pof.models import AgendaPdf, ProgrammatieRequest
from steunpunt.core.models import OutboxMessage, Postcode
from tests.browser.conftest import log_in
from tests.browser.test_axe_crawl import AXE_OPTIONS, describe_violations
from tests.factories import ProgrammeFactory, SchoolFactory, SiteFactory
from tests.network.factories import DelegateFactory, ProgrammatieRequestFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.browser


def assert_accessible(page, axe):
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, "\n".join(describe_violations(violations))


def field(page, text):
    """A form field by its label; a required field's label ends in an asterisk."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$"))


@pytest.fixture
def pof(site, cast):
    """The POF body with VDAB's delegate Els, and two submitted programmatie requests."""
    body = Body.objects.get(slug="pof")
    DelegateFactory(
        mandate__body=body,
        mandate__organisation=cast["partner_org"],
        person__first_name="Els",
        person__last_name="Desmet",
        person__email="els@vdab.test",
    )
    requests = []
    for programme, code, town in (
        ("Elektrische installaties (POF-test)", "8800", "Roeselare"),
        ("Kapper-stylist (POF-test)", "8000", "Brugge"),
    ):
        postcode = Postcode.objects.filter(code=code, locality=town).first()
        school = SchoolFactory(name=f"VTI {town}")
        request = ProgrammatieRequestFactory(
            provider=school,
            site=SiteFactory(organisation=school, postcode=postcode),
            programme=ProgrammeFactory(name=programme),
            school_year="2027-2028",
            rationale=f"Bedrijven rond {town} zoeken vakmensen.",
        )
        requests.append(
            pof_services.submit_request(request=request, actor=None, today=date(2026, 11, 1))
        )
    return requests


def test_a_pof_session_from_standard_agenda_to_published_minutes(
    page, browser, site, cast, pof, settings
):
    settings.MFA_REQUIRED_FOR_STAFF = False
    axe = Axe()
    log_in(page.context, cast["pof_secretary"], site)
    day = timezone.localdate() + timedelta(days=10)

    # 1. A new session of the POF.
    page.goto(site + reverse("network:staff_meeting_create"))
    body = "Provinciaal Overlegforum West-Vlaanderen"
    field(page, "Overlegorgaan").select_option(label=body)
    field(page, "Titel").fill("POF najaar")
    field(page, "Begin").fill(f"{day.isoformat()}T14:00")
    field(page, "Plaats").fill("Provinciehuis Boeverbos, Brugge")
    page.get_by_role("button", name="Aanmaken").click()
    session = Meeting.objects.get(title="POF najaar")

    # 2. The standard agenda; both requests come in as sub-items of "Programmatieaanvragen".
    page.get_by_role("button", name="Standaardagenda invullen").click()
    for title in (
        "Elektrische installaties (POF-test) – VTI Roeselare (Roeselare)",
        "Kapper-stylist (POF-test) – VTI Brugge (Brugge)",
    ):
        expect(page.locator("strong").get_by_text(title, exact=True)).to_be_visible()
    assert_accessible(page, axe)
    assert {r.status for r in ProgrammatieRequest.objects.all()} == {"on_agenda"}

    # 3. Move "Varia" above the networking moment, without drag and drop.
    page.get_by_role("button", name="Varia hoger").click()
    titles = [s.item.title for s in session.schedule() if s.item.parent_id is None]
    assert titles[-2:] == ["Varia", "Netwerkmoment"]

    # 4. Plan it, then make the agenda PDF.
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_text("Gepland").first).to_be_visible()
    page.goto(site + reverse("pof:session_pdfs", args=[session.uuid]))
    page.get_by_role("button", name="Maak een nieuwe versie").click()
    expect(page.get_by_role("link", name="Download").first).to_be_visible(timeout=30_000)
    assert_accessible(page, axe)
    pdf = AgendaPdf.objects.get(meeting=session)
    assert pdf.status == AgendaPdf.Status.READY
    text = pdf_text(pdf.file.read())
    assert "POF najaar" in text
    assert "14:00 Goedkeuring van het vorige verslag" in text
    assert "Bedrijven rond Roeselare zoeken vakmensen." in text
    assert "Bijlage 2: programmatieaanvraag" in text
    assert "Erkende vestigingen voor deze opleiding" in text

    # 5. Invitations: the body's delegates, sent through the outbox.
    page.goto(site + reverse("network:staff_invitations", args=[session.uuid]))
    page.get_by_role("button", name="Genodigden uit het orgaan overnemen").click()
    expect(page.get_by_text("Els Desmet").first).to_be_visible()
    page.get_by_role("button", name="Uitnodigingen versturen").click()
    invitation = Invitation.objects.get(meeting=session)
    mail = OutboxMessage.objects.get(recipient_email="els@vdab.test")
    rsvp_path = reverse("network:rsvp", args=[invitation.token])
    assert rsvp_path in mail.body_text

    # 6. Els answers without logging in and sends a substitute.
    guest = browser.new_context(locale="nl-BE")
    answer = guest.new_page()
    answer.goto(site + rsvp_path)
    answer.get_by_label("Nee, maar ik stuur een vervanger").check()
    answer.get_by_label("Naam van je vervanger").fill("Jan Peeters")
    answer.get_by_label("E-mailadres van je vervanger").fill("jan@vdab.test")
    answer.get_by_role("button", name="Antwoord versturen").click()
    expect(answer.get_by_text("We noteren Jan Peeters als je vervanger.")).to_be_visible()
    assert_accessible(answer, axe)
    guest.close()
    assert OutboxMessage.objects.filter(recipient_email="jan@vdab.test").exists()

    # 7. At the door: Jan comes for VDAB.
    page.goto(site + reverse("network:staff_attendance", args=[session.uuid]))
    page.get_by_label("Vervanger (naam, niet verplicht)").fill("Jan Peeters")
    page.get_by_role("button", name="Aanwezigheden bewaren").click()
    expect(page.get_by_text("Vertegenwoordiging per organisatie")).to_be_visible()
    assert_accessible(page, axe)
    present = Attendance.objects.filter(
        meeting=session, organisation=cast["partner_org"], status=Attendance.Status.PRESENT
    )
    assert present.exists()

    # 8. Held; minutes with an action, published to the members.
    page.get_by_role("button", name="Gehouden").click()
    page.goto(site + reverse("network:staff_minutes", args=[session.uuid]))
    page.get_by_role("textbox", name="Verslag").fill("## Aanvragen\n\nBeide aanvragen besproken.")
    page.get_by_role("button", name="Bewaren").click()
    field(page, "Actie").fill("Advies bezorgen aan de scholen")
    field(page, "Wie").select_option(value=str(invitation.person_id))
    page.get_by_role("button", name="Actiepunt toevoegen").click()
    expect(page.get_by_text("Advies bezorgen aan de scholen").first).to_be_visible()
    page.get_by_role("button", name="Publiceren").click()
    assert_accessible(page, axe)
    minutes = Minutes.objects.get(meeting=session)
    assert minutes.is_published
    assert session.actions.get().title == "Advies bezorgen aan de scholen"
    assert OutboxMessage.objects.filter(
        recipient_email="els@vdab.test", subject__startswith="Verslag"
    ).exists()
    assert AgendaItem.objects.filter(meeting=session, kind="programmatie_request").count() == 2
