"""The POF agenda: the standard items, submitted programmatie requests pulled in as sub-items,
the agenda PDF (read back with pypdf) with the figures annex, mailing it, the advice letter."""

import base64
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from network.meetings import services as network_services
from network.models import AgendaItem, Body
from pof import services
from pof.agenda_pdf import render_advice_letter
from pof.models import AgendaPdf, ProgrammatieRequest
from steunpunt.core.figures import Figure, registry
from steunpunt.core.models import OutboxMessage
from tests.factories import CompanyFactory, PostcodeFactory, ProgrammeFactory, SiteFactory
from tests.network.factories import (
    InvitationFactory,
    MeetingFactory,
    ProgrammatieRequestFactory,
    at,
)
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db
K = AgendaItem.Kind


@pytest.fixture
def session():
    return MeetingFactory(
        body=Body.objects.get(slug="pof"), title="POF najaar 2026", starts_at=at(20, 14)
    )


def submitted(programme_name: str, town: str, **extra) -> ProgrammatieRequest:
    site = SiteFactory(postcode=PostcodeFactory(locality=town))
    request = ProgrammatieRequestFactory(
        provider=site.organisation,
        site=site,
        programme=ProgrammeFactory(name=programme_name),
        school_year="2027-2028",
        **extra,
    )
    return services.submit_request(request=request, actor=None, today=date(2026, 11, 1))


def test_the_standard_agenda_with_two_requests_as_sub_items(session):
    first = submitted("Elektrische installaties", "Roeselare")
    second = submitted("Kapper-stylist", "Brugge")
    ProgrammatieRequestFactory(school_year="2027-2028")  # a draft stays out
    services.fill_standard_agenda(session=session, actor=None)

    rows = [(s.number, s.item.kind) for s in session.schedule()]
    kinds = [kind for number, kind in rows if "." not in number]
    assert kinds == [
        K.APPROVE_MINUTES, K.GOOD_PRACTICE, K.LABOUR_MARKET, K.REQUEST_PROCEDURE,
        K.ALIGN_OFFER, K.PROGRAMMATIE, K.NETWORKING, K.AOB,
    ]  # fmt: skip
    subs = [(n, s.item.title) for n, s in ((s.number, s) for s in session.schedule()) if "." in n]
    assert [n for n, _ in subs] == ["6.1", "6.2"]
    assert {t for _, t in subs} == {
        f"Elektrische installaties – {first.provider.name} (Roeselare)",
        f"Kapper-stylist – {second.provider.name} (Brugge)",
    }
    first.refresh_from_db()
    assert first.status == ProgrammatieRequest.Status.ON_AGENDA and first.session == session
    # Twice is once.
    services.fill_standard_agenda(session=session, actor=None)
    assert session.agenda_items.count() == 10


def test_a_request_submitted_later_is_pulled_in_under_the_same_item(session):
    services.fill_standard_agenda(session=session, actor=None)
    assert not session.agenda_items.filter(kind=K.PROGRAMMATIE_REQUEST).exists()
    submitted("Lasser", "Kortrijk")
    services.pull_in_requests(session=session, actor=None)
    parent = session.agenda_items.get(kind=K.PROGRAMMATIE)
    assert parent.sub_items.get().title.startswith("Lasser")


def test_only_a_pof_session_gets_the_pof_agenda():
    with pytest.raises(ValidationError, match="geen zitting van het POF"):
        services.fill_standard_agenda(session=MeetingFactory(), actor=None)


def test_withdrawing_a_request_takes_it_off_the_agenda(session):
    request = submitted("Lasser", "Kortrijk")
    services.pull_in_requests(session=session, actor=None)
    services.withdraw_request(request=request, actor=None)
    assert not session.agenda_items.filter(kind=K.PROGRAMMATIE_REQUEST).exists()


def make_pdf(session, capture):
    """The PDF version, made by the task once the request's transaction commits."""
    with capture(execute=True):
        return services.request_agenda_pdf(session=session, actor=None)


def test_the_agenda_pdf_has_items_times_invitees_and_an_annex_with_figures(
    session, django_capture_on_commit_callbacks, monkeypatch
):
    def searching(programme=None, subregion=None, moment=None):
        return 7 if programme and programme.name == "Elektrische installaties" else 0

    # A stand-in for the real figure (restored after the test), so the value is known.
    name = "matchmaking.learners_searching"
    monkeypatch.setitem(
        registry._figures,
        name,
        Figure(name=name, label="x", unit="x", compute=searching, filters=("programme",)),
    )
    request = submitted(
        "Elektrische installaties",
        "Roeselare",
        rationale="Installateurs vinden geen vakmensen.",
    )
    request.partner_companies.add(CompanyFactory(name="Elektro Vanneste BV"))
    services.fill_standard_agenda(session=session, actor=None)
    network_services.add_agenda_item(
        meeting=session, actor=None, title="Personeelszaken", internal=True
    )
    InvitationFactory(meeting=session, person__first_name="Els", person__last_name="Desmet")
    pdf = make_pdf(session, django_capture_on_commit_callbacks)

    pdf.refresh_from_db()
    assert pdf.status == AgendaPdf.Status.READY and pdf.version == 1
    text = pdf_text(pdf.file.read())
    assert "POF najaar 2026" in text
    assert "Goedkeuring van het vorige verslag" in text
    assert "Personeelszaken" not in text  # internal items stay out
    assert "14:00" in text and "14:05" in text  # the first item, then the good practice
    assert "Els Desmet" in text
    assert "Bijlage 1: programmatieaanvraag" in text
    assert "Installateurs vinden geen vakmensen." in text
    assert "Elektro Vanneste BV" in text
    assert "Lerenden die een werkplek zoeken 7" in text
    assert "p. 1 /" in text


def test_mailing_the_agenda_attaches_the_pdf_once_per_version(
    session, django_capture_on_commit_callbacks
):
    services.fill_standard_agenda(session=session, actor=None)
    InvitationFactory(meeting=session, email="els@vdab.test")
    pdf = make_pdf(session, django_capture_on_commit_callbacks)
    pdf.refresh_from_db()
    assert services.mail_agenda(pdf=pdf, actor=None) == 1
    assert services.mail_agenda(pdf=pdf, actor=None) == 0
    mail = OutboxMessage.objects.get()
    (attachment,) = mail.attachments
    assert attachment["mimetype"] == "application/pdf"
    assert base64.b64decode(attachment["content_base64"]).startswith(b"%PDF")
    from steunpunt.core.outbox import build_message

    built = build_message(mail)
    assert built.attachments[0][1].startswith(b"%PDF")


def test_a_pdf_that_is_not_ready_is_not_mailed(session):
    pdf = services.request_agenda_pdf(session=session, actor=None)  # not committed: not made
    with pytest.raises(Exception, match="nog niet klaar"):
        services.mail_agenda(pdf=pdf, actor=None)


def test_a_failing_render_is_recorded_on_the_version(
    session, monkeypatch, django_capture_on_commit_callbacks
):
    import pof.agenda_pdf

    def broken(*args, **kwargs):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(pof.agenda_pdf, "render_agenda_pdf", broken)
    make_pdf(session, django_capture_on_commit_callbacks)  # not retryable: failed at once
    pdf = AgendaPdf.objects.get()
    assert pdf.status == AgendaPdf.Status.FAILED and "lettertype ontbreekt" in pdf.error


def test_the_advice_letter_names_the_request_and_the_advice(session):
    request = submitted("Elektrische installaties", "Roeselare")
    services.pull_in_requests(session=session, actor=None)
    request = services.record_advice(
        request=request,
        advice=ProgrammatieRequest.Advice.CONDITIONAL,
        motivation="Op voorwaarde dat er drie erkende leerwerkplekken zijn.",
        actor=None,
    )
    text = pdf_text(render_advice_letter(request))
    assert "Elektrische installaties" in text
    assert "2027-2028" in text
    assert "Voorwaardelijk positief" in text
    assert "drie erkende leerwerkplekken" in text
    assert request.provider.name in text
