"""QR codes on the info point: the scan, the panels, a school's codes, images, PDF, report."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns.models import InfoPanel, QrCode, QrScanCount
from campaigns.qr.services import (
    ensure_school_codes,
    record_scan,
    save_info_panel,
    short_url_display,
)
from steunpunt.core.figures import registry
from tests.campaigns.factories import CampaignFactory, ParticipationFactory
from tests.campaigns.qr_factories import InfoPanelFactory
from tests.factories import PostcodeFactory, SchoolFactory, SiteFactory, SubregionFactory
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(name="Steek een poot uit", slug="steek-een-poot-uit")


@pytest.fixture
def panels(campaign):
    film = save_info_panel(
        panel=InfoPanelFactory.build(
            campaign=campaign, title="Bekijk de film", target_url="https://video.example/film"
        )
    )
    quiz = save_info_panel(
        panel=InfoPanelFactory.build(
            campaign=campaign, title="Speel de quiz", target_url="", target_path="/quiz/"
        )
    )
    return [film, quiz]


@pytest.fixture
def participation(cast, campaign):
    return ParticipationFactory(campaign=campaign, school=cast["school"])


def scan_url(code):
    return reverse("qr:scan", kwargs={"code": code})


def assert_no_cookie(response):
    assert "Set-Cookie" not in response.headers
    assert not response.cookies


# --- Panels and codes -------------------------------------------------------------------------


def test_a_new_panel_gets_one_general_code(panels):
    film, _quiz = panels
    (code,) = film.codes.all()
    assert code.is_general
    assert re.fullmatch(r"[ACDEFGHJKMNPQRTUVWXY34679]{6}", code.code)
    save_info_panel(panel=film)  # saved again: still one code
    assert film.codes.count() == 1


@pytest.mark.parametrize(
    ("target_url", "target_path", "field", "message"),
    [
        ("", "", "target_url", "Vul één doel in"),
        ("https://video.example/film", "/quiz/", "target_url", "Vul één doel in"),
        ("", "quiz/", "target_path", "Begin het pad met één schuine streep"),
        ("", "//evil.example/", "target_path", "Begin het pad met één schuine streep"),
        ("", "/bestaat-niet/", "target_path", "Deze pagina bestaat niet op het portaal."),
    ],
)
def test_a_panel_needs_exactly_one_valid_target(campaign, target_url, target_path, field, message):
    panel = InfoPanelFactory.build(
        campaign=campaign, target_url=target_url, target_path=target_path
    )
    with pytest.raises(ValidationError) as error:
        save_info_panel(panel=panel)
    assert message in " ".join(error.value.message_dict[field])
    assert not InfoPanel.objects.exists()


def test_school_codes_are_made_once_per_panel(panels, participation):
    codes = ensure_school_codes(participation=participation)
    assert [code.panel.title for code in codes] == ["Bekijk de film", "Speel de quiz"]
    assert ensure_school_codes(participation=participation) == codes
    other = ParticipationFactory(campaign=participation.campaign)
    other_codes = ensure_school_codes(participation=other)
    assert not {c.code for c in codes} & {c.code for c in other_codes}
    assert QrCode.objects.count() == 2 + 2 + 2  # general + two school kits


# --- The scan -----------------------------------------------------------------------------


def test_a_scan_is_counted_per_code_and_day_and_redirects_without_cookie(
    client, panels, participation
):
    film_code, quiz_code = ensure_school_codes(participation=participation)
    response = client.get(scan_url(film_code.code))
    assert response.status_code == 302
    assert response["Location"] == "https://video.example/film"
    assert "no-cache" in response["Cache-Control"]  # every scan reaches the server
    assert_no_cookie(response)
    client.get(scan_url(film_code.code.lower()))  # typed over in lower case
    response = client.get(scan_url(quiz_code.code))
    assert response["Location"] == "/quiz/"
    counts = {(row.qr_code_id, row.day, row.count) for row in QrScanCount.objects.all()}
    today = timezone.localdate()
    assert counts == {(film_code.pk, today, 2), (quiz_code.pk, today, 1)}


def test_a_logged_in_scan_stores_nothing_about_the_person(client, cast, panels):
    client.force_login(cast["school_contact"])
    code = panels[0].codes.get()
    client.get(scan_url(code.code))
    row = QrScanCount.objects.get()
    fields = {field.name for field in QrScanCount._meta.concrete_fields}
    assert fields == {"id", "qr_code", "day", "count"}
    assert row.count == 1


def test_an_unknown_code_gets_a_friendly_404_and_counts_nothing(client, panels):
    response = client.get(scan_url("ZZZZZZ"))
    assert response.status_code == 404
    assert "Deze QR-code kennen we niet" in response.content.decode()
    assert reverse("quiz:list") in response.content.decode()
    assert_no_cookie(response)
    assert not QrScanCount.objects.exists()


def test_a_scan_refuses_post(client, panels):
    assert client.post(scan_url(panels[0].codes.get().code)).status_code == 405
    assert not QrScanCount.objects.exists()


def test_record_scan_keeps_one_row_per_day(panels):
    code = panels[0].codes.get()
    day = datetime.date(2026, 10, 1)
    record_scan(code=code.code, day=day)
    record_scan(code=code.code, day=day)
    record_scan(code=code.code, day=day + datetime.timedelta(days=1))
    assert sorted(QrScanCount.objects.values_list("day", "count")) == [
        (day, 2),
        (day + datetime.timedelta(days=1), 1),
    ]
    assert record_scan(code="ONBEKEND") is None


# --- The school's info point: page, images, PDF ---------------------------------------------------


def test_the_school_sees_its_own_codes_with_short_links(
    client, cast, panels, participation, django_assert_max_num_queries
):
    client.force_login(cast["school_contact"])
    url = reverse("campaigns:info_point", kwargs={"uuid": participation.uuid})
    client.get(url)  # the first visit makes the codes
    # session, user, roles, the participation (scoped to the user's schools), the panels,
    # the school's codes: the same for 2 panels or 20.
    with django_assert_max_num_queries(6):
        response = client.get(url)
    page = response.content.decode()
    codes = list(QrCode.objects.filter(participation=participation).order_by("panel__order"))
    assert len(codes) == 2  # made on the first visit
    for code in codes:
        assert short_url_display(code) in page
        assert (
            reverse("campaigns:qr_png", kwargs={"uuid": participation.uuid, "code": code.code})
            in page
        )
    general = panels[0].codes.get(participation__isnull=True)
    assert general.code not in page
    assert reverse("campaigns:info_point_pdf", kwargs={"uuid": participation.uuid}) in page


def test_an_info_point_without_panels_says_so(client, cast, participation):
    client.force_login(cast["school_contact"])
    page = client.get(
        reverse("campaigns:info_point", kwargs={"uuid": participation.uuid})
    ).content.decode()
    assert "Er zijn nog geen panelen voor het infopunt" in page
    pdf = client.get(reverse("campaigns:info_point_pdf", kwargs={"uuid": participation.uuid}))
    assert pdf.status_code == 404


def test_qr_images_as_svg_and_png(client, cast, panels, participation):
    code = ensure_school_codes(participation=participation)[0]
    client.force_login(cast["school_contact"])
    kwargs = {"uuid": participation.uuid, "code": code.code}
    svg = client.get(reverse("campaigns:qr_svg", kwargs=kwargs))
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg")
    assert f"/q/{code.code}".encode() in svg.content  # the title names the link
    png = client.get(reverse("campaigns:qr_png", kwargs=kwargs) + "?download=1")
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert png["Content-Disposition"] == f'attachment; filename="qr-bekijk-de-film-{code.code}.png"'


def test_a_school_never_gets_another_schools_codes_or_pdf(client, cast, panels, participation):
    own = ensure_school_codes(participation=participation)[0]
    other = ParticipationFactory(campaign=participation.campaign, school=cast["other_school"])
    foreign = ensure_school_codes(participation=other)[0]
    client.force_login(cast["outsider"])
    for name in ("campaigns:info_point", "campaigns:info_point_pdf"):
        assert client.get(reverse(name, kwargs={"uuid": participation.uuid})).status_code == 404
    assert (
        client.get(
            reverse("campaigns:qr_svg", kwargs={"uuid": participation.uuid, "code": own.code})
        ).status_code
        == 404
    )
    # Its own participation in the URL with the other school's code: still a 404.
    assert (
        client.get(
            reverse("campaigns:qr_png", kwargs={"uuid": other.uuid, "code": own.code})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("campaigns:qr_png", kwargs={"uuid": other.uuid, "code": foreign.code})
        ).status_code
        == 200
    )
    client.force_login(cast["company_contact"])
    url = reverse("campaigns:info_point", kwargs={"uuid": participation.uuid})
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_panels_pdf_has_the_titles_the_school_and_its_short_links(
    client, cast, panels, participation
):
    client.force_login(cast["school_contact"])
    response = client.get(reverse("campaigns:info_point_pdf", kwargs={"uuid": participation.uuid}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="infopunt-vti-roeselare.pdf"'
    text = pdf_text(response.content)
    codes = QrCode.objects.filter(participation=participation)
    for title in ("Bekijk de film", "Speel de quiz"):
        assert title in text
    for code in codes:
        assert short_url_display(code) in text
    assert "VTI Roeselare" in text
    assert "Paneel 1 van 2" in text  # one page per panel
    general = panels[0].codes.get(participation__isnull=True)
    assert general.code not in text
    # The QR code is embedded as vector graphics: no raster image in the PDF.
    assert b"/Subtype /Image" not in response.content
    assert (
        client.post(
            reverse("campaigns:info_point_pdf", kwargs={"uuid": participation.uuid})
        ).status_code
        == 405
    )


# --- The coordinators' report ---------------------------------------------------------------


def _school_in(subregion, name):
    school = SchoolFactory(name=name)
    SiteFactory(organisation=school, postcode=PostcodeFactory(subregion=subregion))
    return school


def test_the_report_shows_scans_per_school_and_subregion(
    client, cast, campaign, panels, django_assert_max_num_queries
):
    brugge = SubregionFactory(name="Brugge", slug="brugge")
    kust = SubregionFactory(name="Kust", slug="kust")
    schools = [
        _school_in(brugge, "Sint-Lodewijkscollege"),
        _school_in(brugge, "VTI Brugge"),
        _school_in(kust, "KTA Oostende"),
    ]
    for index, school in enumerate(schools):
        participation = ParticipationFactory(campaign=campaign, school=school)
        film, quiz = ensure_school_codes(participation=participation)
        for _ in range(index * 2):
            record_scan(code=film.code)
        if index == 2:
            record_scan(code=quiz.code)
    record_scan(code=panels[0].codes.get(participation__isnull=True).code)
    other_campaign_panel = save_info_panel(panel=InfoPanelFactory.build(campaign=CampaignFactory()))
    record_scan(code=other_campaign_panel.codes.get().code)

    client.force_login(cast["coordinator"])
    url = reverse("campaigns:qr_report", kwargs={"slug": campaign.slug})
    # session, user, roles, the staff's second factor, the campaign, panels, participations
    # with schools, general codes, the sums, the sites with subregions: the same for 3 schools
    # or 300.
    with django_assert_max_num_queries(10):
        response = client.get(url)
    page = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", response.content.decode()))
    assert "In totaal 8 scans." in page  # 0 + 2 + 4 + 1 school scans, 1 general
    assert (
        '<th scope="row">Brugge</th><td class="text-end">2</td>'
        '<td class="text-end">1</td><td class="text-end">2</td>' in page
    )
    assert (
        '<th scope="row">Kust</th><td class="text-end">1</td>'
        '<td class="text-end">1</td><td class="text-end">5</td>' in page
    )
    assert (
        '<th scope="row">KTA Oostende</th><td>Kust</td><td class="text-end">4</td>'
        '<td class="text-end">1</td><td class="text-end">5</td>' in page
    )
    assert "1 deelnemende school heeft nog geen scans." in page
    general = panels[0].codes.get(participation__isnull=True)
    assert (
        reverse("campaigns:qr_general_svg", kwargs={"slug": campaign.slug, "code": general.code})
        in page
    )


def test_the_report_and_general_codes_are_for_coordinators_only(client, cast, campaign, panels):
    general = panels[0].codes.get()
    urls = [
        reverse("campaigns:qr_report", kwargs={"slug": campaign.slug}),
        reverse("campaigns:qr_general_png", kwargs={"slug": campaign.slug, "code": general.code}),
    ]
    client.force_login(cast["school_contact"])
    assert [client.get(url).status_code for url in urls] == [403, 403]
    client.force_login(cast["coordinator"])
    assert [client.get(url).status_code for url in urls] == [200, 200]
    # A school kit's code is not a general code.
    participation = ParticipationFactory(campaign=campaign, school=cast["school"])
    school_code = ensure_school_codes(participation=participation)[0]
    url = reverse(
        "campaigns:qr_general_svg", kwargs={"slug": campaign.slug, "code": school_code.code}
    )
    assert client.get(url).status_code == 404


def test_an_empty_report_says_what_to_do(client, cast, campaign):
    client.force_login(cast["coordinator"])
    page = client.get(reverse("campaigns:qr_report", kwargs={"slug": campaign.slug}))
    assert "Deze campagne heeft nog geen panelen voor het infopunt." in page.content.decode()


def test_scan_figures_in_the_registry(cast, campaign, panels):
    participation = ParticipationFactory(campaign=campaign, school=cast["school"])
    film = ensure_school_codes(participation=participation)[0]
    record_scan(code=film.code, day=datetime.date(2026, 10, 1))
    record_scan(code=film.code, day=datetime.date(2026, 10, 2))
    record_scan(code=panels[0].codes.get(participation__isnull=True).code)
    subregion = cast["school"].sites.get().postcode.subregion
    assert registry.value("campaigns.qr_scans") == 3
    assert registry.value("campaigns.qr_scans", campaign=campaign) == 3
    assert registry.value("campaigns.qr_scans", subregion=subregion) == 2
    assert registry.value("campaigns.qr_scans", moment=datetime.date(2026, 10, 1)) == 1


def test_the_admin_checks_the_target_and_gives_a_new_panel_its_general_code(client, cast, campaign):
    client.force_login(cast["coordinator"])
    url = reverse("admin:campaigns_infopanel_add")
    data = {
        "campaign": campaign.pk,
        "order": 1,
        "title": "Doe de zelftest",
        "text": "",
        "target_url": "",
        "target_path": "/bestaat-niet/",
        "codes-TOTAL_FORMS": 0,
        "codes-INITIAL_FORMS": 0,
        "codes-MIN_NUM_FORMS": 0,
        "codes-MAX_NUM_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Deze pagina bestaat niet op het portaal." in response.content.decode()
    assert 'value="Doe de zelftest"' in response.content.decode()  # nothing typed is lost
    assert not InfoPanel.objects.exists()
    response = client.post(url, {**data, "target_path": "/zelftest/"})
    assert response.status_code == 302
    panel = InfoPanel.objects.get()
    assert panel.codes.get().is_general
