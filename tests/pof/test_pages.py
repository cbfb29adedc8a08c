"""The POF pages of a school contact: a draft request with partner companies and attachments,
submitting it (the deadline refused with its Dutch message), withdrawing it."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pof.models import ProgrammatieRequest
from pof.selectors import RECOGNITION_FIGURE, default_school_year
from steunpunt.core.figures import registry
from tests.factories import CompanyFactory, ProgrammeFactory, SiteFactory
from tests.network.factories import ProgrammatieRequestFactory

pytestmark = pytest.mark.django_db
S = ProgrammatieRequest.Status


@pytest.fixture
def school_client(client, school_contact):
    client.force_login(school_contact)
    return client


@pytest.fixture
def programme():
    return ProgrammeFactory(name="Elektrische installaties")


def draft_data(school, programme, **extra):
    return {
        "site": school.sites.first().pk,
        "programme": programme.pk,
        "school_year": default_school_year(),
        "expected_learners": "12",
        "rationale": "Installateurs zoeken dringend vakmensen in de regio Roeselare.",
        **extra,
    }


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), "2027-2028"),
        (date(2026, 11, 30), "2027-2028"),
        (date(2026, 12, 1), "2028-2029"),
        (date(2027, 3, 1), "2028-2029"),
    ],
)
def test_the_default_school_year_is_the_next_one_still_open(today, expected):
    assert default_school_year(today) == expected


def test_a_school_contact_creates_a_draft_with_partner_companies(school_client, school, programme):
    company = CompanyFactory(name="Elektro Vanneste BV")
    page = school_client.get(reverse("pof:request_create"))
    assert page.status_code == 200
    assert default_school_year() in page.content.decode()
    assert "VTI Roeselare" in page.content.decode()

    response = school_client.post(
        reverse("pof:request_create"),
        draft_data(school, programme, partner_companies=[company.pk]),
    )
    created = ProgrammatieRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pof:request_edit", args=[created.uuid])
    assert created.provider == school
    assert created.status == S.DRAFT
    assert list(created.partner_companies.all()) == [company]
    edit = school_client.get(response["Location"]).content.decode()
    assert "Elektro Vanneste BV" in edit
    assert "Dien de aanvraag in" in edit


def test_bad_input_is_explained_in_dutch_and_kept(school_client, school, programme):
    response = school_client.post(
        reverse("pof:request_create"),
        draft_data(school, programme, expected_learners="0", school_year="2027/2029"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Kijk dit nog even na" in body
    assert "Schrijf het schooljaar als 2027-2028." in body
    assert "Installateurs zoeken dringend vakmensen" in body  # the input is kept
    assert not ProgrammatieRequest.objects.exists()


def test_a_site_of_another_school_is_refused(school_client, school, other_school, programme):
    response = school_client.post(
        reverse("pof:request_create"),
        draft_data(school, programme, site=other_school.sites.first().pk),
    )
    assert response.status_code == 400
    assert not ProgrammatieRequest.objects.exists()


def test_searching_partner_companies_shows_matches_and_saves_nothing(
    school_client, school, programme
):
    CompanyFactory(name="Bouwbedrijf Vanhoutte BV")
    CompanyFactory(name="Elektro Vanneste BV")
    response = school_client.post(
        reverse("pof:request_create"),
        draft_data(school, programme, partner_search="vanhou", zoek="1"),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bouwbedrijf Vanhoutte BV" in body
    assert "Elektro Vanneste BV" not in body
    assert "Installateurs zoeken dringend vakmensen" in body
    assert "Kijk dit nog even na" not in body
    assert not ProgrammatieRequest.objects.exists()


def test_the_partners_recognition_comes_from_the_figure_registry(
    school_client, school, monkeypatch
):
    from tests.matchmaking.factories import CompanySiteFactory, RecognitionFactory

    recognised = CompanyFactory(name="Elektro Vanneste BV")
    other = CompanyFactory(name="Bakkerij Dewaele")
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    request.partner_companies.set([recognised, other])
    RecognitionFactory(
        site=CompanySiteFactory(organisation=recognised), programme=request.programme
    )
    url = reverse("pof:request_edit", args=[request.uuid])

    # The figure comes from matchmaking, through the registry.
    body = school_client.get(url).content.decode()
    assert "Erkend voor deze opleiding" in body
    row = body.split("<td>Bakkerij Dewaele</td>")[1].split("</tr>")[0]
    assert ">nee<" in row.replace(" ", "").replace("\n", "")
    row = body.split("<td>Elektro Vanneste BV</td>")[1].split("</tr>")[0]
    assert ">ja<" in row.replace(" ", "").replace("\n", "")

    # Without an app that provides it, the column is left out.
    monkeypatch.delitem(registry._figures, RECOGNITION_FIGURE)
    assert "Erkend voor deze opleiding" not in school_client.get(url).content.decode()


def test_another_schools_request_is_a_404(client, outsider, school):
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    client.force_login(outsider)
    assert client.get(reverse("pof:request_edit", args=[request.uuid])).status_code == 404
    response = client.post(reverse("pof:request_submit", args=[request.uuid]))
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == S.DRAFT


def test_the_list_shows_only_the_own_requests(school_client, school, other_school):
    ProgrammatieRequestFactory(
        provider=school, site=school.sites.first(), programme__name="Kapper-stylist"
    )
    ProgrammatieRequestFactory(
        provider=other_school, site=other_school.sites.first(), programme__name="Bakker"
    )
    body = school_client.get(reverse("pof:request_list")).content.decode()
    assert "Kapper-stylist" in body
    assert "Bakker<" not in body


def test_the_empty_list_says_how_to_start(school_client):
    body = school_client.get(reverse("pof:request_list")).content.decode()
    assert "Je hebt nog geen aanvraag" in body


def test_submitting_after_the_deadline_is_refused_and_the_draft_kept(school_client, school):
    year = timezone.localdate().year
    request = ProgrammatieRequestFactory(
        provider=school, site=school.sites.first(), school_year=f"{year - 1}-{year}"
    )
    response = school_client.post(reverse("pof:request_submit", args=[request.uuid]), follow=True)
    body = response.content.decode()
    assert f"De indiendatum voor schooljaar {year - 1}-{year} was 30/11/{year - 2}" in body
    request.refresh_from_db()
    assert request.status == S.DRAFT


def test_submitting_in_time_locks_the_request(school_client, school, school_contact):
    request = ProgrammatieRequestFactory(
        provider=school, site=school.sites.first(), school_year=default_school_year()
    )
    response = school_client.post(reverse("pof:request_submit", args=[request.uuid]), follow=True)
    body = response.content.decode()
    assert "Je aanvraag is ingediend" in body
    assert "Bewaar het ontwerp" not in body  # read-only now
    request.refresh_from_db()
    assert request.status == S.SUBMITTED
    assert request.submitted_by == school_contact
    edit = school_client.post(
        reverse("pof:request_edit", args=[request.uuid]),
        draft_data(school, request.programme, expected_learners="40"),
    )
    assert edit.status_code == 200
    request.refresh_from_db()
    assert request.expected_learners == 8


def test_editing_a_draft(school_client, school, programme):
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    response = school_client.post(
        reverse("pof:request_edit", args=[request.uuid]),
        draft_data(school, programme, expected_learners="15"),
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.expected_learners, request.programme) == (15, programme)


def test_withdrawing(school_client, school):
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    response = school_client.post(reverse("pof:request_withdraw", args=[request.uuid]), follow=True)
    assert "Je aanvraag is ingetrokken." in response.content.decode()
    request.refresh_from_db()
    assert request.status == S.WITHDRAWN


def test_an_attachment_is_checked_on_its_content(school_client, school):
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    url = reverse("pof:attachment_add", args=[request.uuid])
    fake = SimpleUploadedFile("brief.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = school_client.post(url, {"title": "Brief", "file": fake}, follow=True)
    assert "Dit soort bestand kan je niet opladen" in response.content.decode()
    assert not request.attachments.exists()

    pdf = SimpleUploadedFile("brief.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")
    response = school_client.post(url, {"title": "Brief VDAB", "file": pdf}, follow=True)
    body = response.content.decode()
    assert "De bijlage is toegevoegd." in body
    assert "Brief VDAB</a> (PDF" in body
    attachment = request.attachments.get()
    assert (attachment.extension, attachment.mimetype) == ("pdf", "application/pdf")
    download = school_client.get(reverse("pof:attachment_download", args=[attachment.uuid]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7\n%%EOF\n"
    assert 'filename="brief-vdab.pdf"' in download["Content-Disposition"]


def test_another_school_cannot_download_an_attachment(client, outsider, school):
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    attachment = request.attachments.create(
        title="Brief", file="pof/brief.pdf", extension="pdf", mimetype="application/pdf"
    )
    client.force_login(outsider)
    url = reverse("pof:attachment_download", args=[attachment.uuid])
    assert client.get(url).status_code == 404


def test_no_attachments_after_submitting(school_client, school):
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    request.status = S.SUBMITTED
    request.save()
    pdf = SimpleUploadedFile("brief.pdf", b"%PDF-1.7\n%%EOF\n", "application/pdf")
    response = school_client.post(
        reverse("pof:attachment_add", args=[request.uuid]),
        {"title": "Te laat", "file": pdf},
        follow=True,
    )
    assert "geen bijlagen meer toe" in response.content.decode()
    assert not request.attachments.exists()


def test_a_company_contact_gets_a_403(client, company_contact):
    client.force_login(company_contact)
    assert client.get(reverse("pof:request_list")).status_code == 403


def test_actions_are_post_only(school_client, school):
    request = ProgrammatieRequestFactory(provider=school, site=school.sites.first())
    assert school_client.get(reverse("pof:request_submit", args=[request.uuid])).status_code == 405


def test_the_list_pages_with_a_bounded_number_of_queries(
    school_client, school, django_assert_max_num_queries
):
    for _ in range(30):
        ProgrammatieRequestFactory(provider=school, site=SiteFactory(organisation=school))
    # session, user, groups (role check), count, page of requests with provider/site/programme,
    # providers exist, the default school year has no query; plus messages/context lookups
    with django_assert_max_num_queries(10):
        response = school_client.get(reverse("pof:request_list"))
    assert response.content.decode().count("/pof/aanvragen/") >= 25
