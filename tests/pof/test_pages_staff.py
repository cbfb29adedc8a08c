"""The secretariat's POF pages: the requests of a school year with filters and an export with
neutralised cells, the advice form, forwarding, the advice letter; the session buttons
(standard agenda, agenda PDF versions, download, mailing to the invitees)."""

import csv
import io

import pytest
from django.urls import reverse

from network.models import AgendaItem, Body
from pof import services
from pof.models import AgendaPdf, ProgrammatieRequest
from pof.selectors import default_school_year
from steunpunt.core.models import OutboxMessage
from tests.factories import PostcodeFactory, ProgrammeFactory, SiteFactory, SubregionFactory
from tests.network.factories import (
    InvitationFactory,
    MeetingFactory,
    ProgrammatieRequestFactory,
    at,
)
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db
S = ProgrammatieRequest.Status


@pytest.fixture
def staff_client(client, pof_secretary, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(pof_secretary)
    return client


@pytest.fixture
def session():
    return MeetingFactory(
        body=Body.objects.get(slug="pof"), title="POF najaar 2026", starts_at=at(20, 14)
    )


def submitted(programme="Elektrische installaties", subregion=None, **extra):
    site = SiteFactory(postcode=PostcodeFactory(subregion=subregion or SubregionFactory()))
    request = ProgrammatieRequestFactory(
        provider=site.organisation,
        site=site,
        programme=ProgrammeFactory(name=programme),
        school_year=extra.pop("school_year", default_school_year()),
        **extra,
    )
    request.status = S.SUBMITTED
    request.save()
    return request


def listed(response) -> str:
    """The rows of the list's table (the filter's choices name every programme too)."""
    body = response.content.decode()
    return body.split("<tbody>")[1].split("</tbody>")[0] if "<tbody>" in body else ""


def test_the_list_shows_the_submitted_requests_of_a_school_year(staff_client):
    submitted("Elektrische installaties")
    submitted("Kapper-stylist", school_year="2020-2021")
    draft = ProgrammatieRequestFactory(programme__name="Bakker", school_year=default_school_year())
    assert draft.status == S.DRAFT
    body = listed(staff_client.get(reverse("pof:staff_request_list")))
    assert "Elektrische installaties" in body
    assert "Kapper-stylist" not in body  # another school year
    assert ">Bakker<" not in body  # drafts are the school's own business
    older = staff_client.get(reverse("pof:staff_request_list"), {"schooljaar": "2020-2021"})
    assert "Kapper-stylist" in listed(older)


def test_the_filters_narrow_the_list(staff_client):
    kust = SubregionFactory(name="Westkust")
    submitted("Elektrische installaties", subregion=kust)
    other = submitted("Kapper-stylist")
    other.status = S.ON_AGENDA
    other.save()
    url = reverse("pof:staff_request_list")
    by_region = listed(staff_client.get(url, {"subregio": kust.pk}))
    assert "Elektrische installaties" in by_region and "Kapper-stylist" not in by_region
    by_status = listed(staff_client.get(url, {"status": "on_agenda"}))
    assert "Kapper-stylist" in by_status and "Elektrische installaties" not in by_status
    by_programme = listed(staff_client.get(url, {"opleiding": other.programme.pk}))
    assert "Kapper-stylist" in by_programme and "Elektrische installaties" not in by_programme
    by_provider = listed(staff_client.get(url, {"verstrekker": other.provider.pk}))
    assert "Kapper-stylist" in by_provider and "Elektrische installaties" not in by_provider
    empty = staff_client.get(url, {"status": "forwarded"}).content.decode()
    assert "geen aanvraag ingediend" in empty


def test_the_list_with_a_bounded_number_of_queries(staff_client, django_assert_max_num_queries):
    for _ in range(30):
        submitted()
    # session, user, groups (role check), school years, filter choices (4 selects),
    # count, one page of requests with provider, site, postcode, subregion, programme, session
    with django_assert_max_num_queries(14):
        response = staff_client.get(reverse("pof:staff_request_list"))
    assert response.content.decode().count("/pof/secretariaat/aanvragen/") >= 25


def test_the_export_neutralises_formulas(staff_client):
    request = submitted(rationale='=HYPERLINK("http://evil.test")')
    services.record_advice(request=request, advice="positive", motivation="+ok", actor=None)
    response = staff_client.get(
        reverse("pof:staff_request_export"),
        {"schooljaar": request.school_year, "formaat": "csv"},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Schooljaar"
    assert rows[1][7] == "Elektrische installaties"
    assert rows[1][11] == '\'=HYPERLINK("http://evil.test")'
    assert rows[1][13] == "Positief"
    assert rows[1][14] == "'+ok"

    from openpyxl import load_workbook

    xlsx = staff_client.get(
        reverse("pof:staff_request_export"), {"schooljaar": request.school_year}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for cell in sheet[2]]
    assert values[11] == '\'=HYPERLINK("http://evil.test")'
    assert sheet.max_row == 2


def test_an_unknown_school_year_is_not_exported(staff_client):
    response = staff_client.get(reverse("pof:staff_request_export"), {"schooljaar": "1990-1991"})
    assert response.status_code == 404


def test_the_advice_is_recorded_then_forwarded_with_a_letter(staff_client):
    request = submitted()
    url = reverse("pof:staff_request_detail", args=[request.uuid])
    missing = staff_client.post(url, {"advice": "conditional", "motivation": ""})
    assert missing.status_code == 400
    assert "Kijk dit nog even na" in missing.content.decode()
    request.refresh_from_db()
    assert request.status == S.SUBMITTED

    response = staff_client.post(
        url, {"advice": "conditional", "motivation": "Op voorwaarde van een tweede bedrijf."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.advice) == (S.ADVISED, "conditional")
    page = staff_client.get(url).content.decode()
    assert "Voorwaardelijk positief" in page and "Doorsturen" in page

    letter = staff_client.get(reverse("pof:request_advice_letter", args=[request.uuid]))
    assert letter["Content-Type"] == "application/pdf"
    text = pdf_text(letter.content)
    assert "Elektrische installaties" in text
    assert "Op voorwaarde van een tweede bedrijf." in text

    forwarded = staff_client.post(url, {"action": "forward"}, follow=True)
    assert "De aanvraag is doorgestuurd." in forwarded.content.decode()
    request.refresh_from_db()
    assert request.status == S.FORWARDED


def test_forwarding_without_advice_is_refused_in_dutch(staff_client):
    request = submitted()
    url = reverse("pof:staff_request_detail", args=[request.uuid])
    response = staff_client.post(url, {"action": "forward"}, follow=True)
    assert "Stuur een aanvraag door nadat er advies is." in response.content.decode()
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_no_advice_letter_before_the_advice(staff_client):
    request = submitted()
    url = reverse("pof:request_advice_letter", args=[request.uuid])
    assert staff_client.get(url).status_code == 404


def test_a_school_contact_cannot_reach_the_secretariat(client, school_contact, school):
    request = submitted()
    client.force_login(school_contact)
    url = reverse("pof:staff_request_detail", args=[request.uuid])
    assert client.get(url).status_code == 403
    assert client.post(url, {"advice": "positive", "motivation": "x"}).status_code == 403
    request.refresh_from_db()
    assert request.status == S.SUBMITTED


def test_the_standard_agenda_button_fills_the_session(staff_client, session):
    request = submitted("Lasser")
    response = staff_client.post(reverse("pof:session_standard_agenda", args=[session.uuid]))
    assert response.status_code == 302
    try:
        expected = reverse("network:staff_agenda", args=[session.uuid])
    except Exception:
        expected = reverse("network:meeting_detail", args=[session.uuid])
    assert response["Location"] == expected
    kinds = set(session.agenda_items.values_list("kind", flat=True))
    assert AgendaItem.Kind.APPROVE_MINUTES in kinds
    request.refresh_from_db()
    assert request.status == S.ON_AGENDA
    again = staff_client.post(
        reverse("pof:session_standard_agenda", args=[session.uuid]), follow=True
    )
    assert "had alle standaardpunten al" in again.content.decode()


def test_another_bodys_meeting_is_no_pof_session(staff_client):
    meeting = MeetingFactory()
    url = reverse("pof:session_standard_agenda", args=[meeting.uuid])
    assert staff_client.post(url).status_code == 404
    assert staff_client.get(reverse("pof:session_pdfs", args=[meeting.uuid])).status_code == 404
    assert not meeting.agenda_items.exists()


def test_agenda_pdf_versions_generated_downloaded_and_mailed(
    staff_client, session, django_capture_on_commit_callbacks
):
    url = reverse("pof:session_pdfs", args=[session.uuid])
    assert "Er is nog geen agenda-PDF" in staff_client.get(url).content.decode()
    services.fill_standard_agenda(session=session, actor=None)
    InvitationFactory(meeting=session, email="els@vdab.test")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"action": "generate"}, follow=True)
    assert "Versie 1 wordt gemaakt" in response.content.decode()
    pdf = AgendaPdf.objects.get(meeting=session)
    assert pdf.status == AgendaPdf.Status.READY
    page = staff_client.get(url).content.decode()
    assert 'hx-trigger="every 3s"' not in page  # ready: the table no longer polls
    download_url = reverse("pof:agenda_pdf_download", args=[pdf.pk])
    assert download_url in page
    download = staff_client.get(download_url)
    assert (
        b"".join(download.streaming_content if download.streaming else [download.content])[:5]
        == b"%PDF-"
    )

    mailed = staff_client.post(url, {"action": "mail", "pdf": pdf.pk}, follow=True)
    assert "Versie 1 gaat naar 1 genodigden." in mailed.content.decode()
    assert OutboxMessage.objects.get().recipient_email == "els@vdab.test"


def test_a_queued_version_is_neither_downloaded_nor_mailed(staff_client, session):
    pdf = AgendaPdf.objects.create(meeting=session, version=1)
    page = staff_client.get(reverse("pof:session_pdfs", args=[session.uuid])).content.decode()
    assert "In de wachtrij" in page and 'hx-trigger="every 3s"' in page
    assert staff_client.get(reverse("pof:agenda_pdf_download", args=[pdf.pk])).status_code == 404
    response = staff_client.post(
        reverse("pof:session_pdfs", args=[session.uuid]),
        {"action": "mail", "pdf": pdf.pk},
        follow=True,
    )
    assert "De agenda-PDF is nog niet klaar." in response.content.decode()
    assert not OutboxMessage.objects.exists()
