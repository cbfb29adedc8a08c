"""The staff dashboard and the pages that manage measurement moments: what the overview shows
(values in the chosen scope, differences with another moment, the split figure and its charts),
filters kept in the URL, a bounded number of queries, and the coordinators' actions (new moment,
compute, import with preview, finalise) with their Dutch refusals."""

import html
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from dashboard import services, snapshots
from dashboard.models import FigureImport, FigureValue, MeasurementMoment
from tests.factories import (
    PostcodeFactory,
    ProgrammeOfferFactory,
    SchoolFactory,
    SiteFactory,
    StudyDomainFactory,
    SubregionFactory,
)

pytestmark = pytest.mark.django_db

PROGRAMMES = [f"Opleiding {letter}" for letter in "ABCDEFGHIJKL"]  # 12: two behind "details"


def figures_file(total, kust, brugge, syntra, school, programmes):
    lines = ["figuur;dimensie;sleutel;waarde;label"]
    lines.append(f"overeenkomsten;totaal;;{total};Overeenkomsten")
    lines.append(f"overeenkomsten;subregio;Kust;{kust};Overeenkomsten")
    lines.append(f"overeenkomsten;subregio;Brugge;{brugge};Overeenkomsten")
    lines.append(f"overeenkomsten;verstrekkerstype;Syntra;{syntra};Overeenkomsten")
    lines.append(f"overeenkomsten;verstrekkerstype;Voltijds secundair;{school};Overeenkomsten")
    for name, value in zip(PROGRAMMES, programmes, strict=True):
        lines.append(f"overeenkomsten;opleiding;{name};{value};Overeenkomsten")
    return "\n".join(lines) + "\n"


def import_into(moment, text, actor=None):
    preview = services.preview_import(
        moment=moment,
        data=text.encode(),
        file_name="cijfers.csv",
        source="Departement",
        actor=actor,
    )
    assert preview.errors == []
    services.confirm_import(figure_import=preview, actor=actor)
    return preview


def make_two_moments():
    """20 April 2023 and 2025 (DOMAIN.md: 937 agreements, about +17 %), imported."""
    SubregionFactory(name="Kust", slug="kust")
    SubregionFactory(name="Brugge", slug="brugge")
    StudyDomainFactory(code=2, name="STEM")
    before = services.create_moment(name="20 april 2023", date=date(2023, 4, 20), actor=None)
    after = services.create_moment(name="20 april 2025", date=date(2025, 4, 20), actor=None)
    import_into(before, figures_file(801, 300, 501, 200, 601, range(10, 130, 10)))
    import_into(after, figures_file(937, 337, 600, 237, 700, range(20, 140, 10)))
    return before, after


def logged_in(client, user, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client.force_login(user)
    return client


@pytest.fixture
def two_moments(db):
    return make_two_moments()


@pytest.fixture
def staff_client(client, coordinator, settings):
    return logged_in(client, coordinator, settings)


@pytest.fixture
def secretary_client(pof_secretary, settings):
    settings.MFA_REQUIRED_FOR_STAFF = False
    client = Client()
    client.force_login(pof_secretary)
    return client


def text_of(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body))


def row_of(response, label) -> str:
    """The text of the first table row whose header starts with `label`."""
    body = response.content.decode()
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()
        if cells.startswith(label):
            return cells
    raise AssertionError(f"No row {label!r}")


# --- The overview -----------------------------------------------------------------------------


def test_the_overview_shows_the_latest_moment_with_its_figures(two_moments, staff_client):
    response = staff_client.get(reverse("dashboard:overview"))
    assert response.status_code == 200
    page = text_of(response)
    assert "20 april 2025 (20/04/2025)" in page
    assert "Ingelezen cijfers" in page
    assert row_of(response, "Overeenkomsten").startswith("Overeenkomsten ingelezen 937")
    # No comparison asked: no difference columns.
    assert "Verschil in %" not in page


def test_a_comparison_shows_the_difference_and_percentage(two_moments, staff_client):
    response = staff_client.get(
        reverse("dashboard:overview"), {"moment": "2025-04-20", "compare": "2023-04-20"}
    )
    row = row_of(response, "Overeenkomsten ingelezen")
    assert row == "Overeenkomsten ingelezen 937 801 +136 +17,0 %"
    assert "Vergeleken met 20 april 2023 (20/04/2023)." in text_of(response)


def test_filters_narrow_the_scope_and_say_what_cannot_be_split(two_moments, staff_client):
    url = reverse("dashboard:overview")
    kust = staff_client.get(url, {"subregion": "kust", "compare": "2023-04-20"})
    assert "Selectie: Kust, alle opleidingsverstrekkers." in text_of(kust)
    assert row_of(kust, "Overeenkomsten ingelezen") == (
        "Overeenkomsten ingelezen 337 300 +37 +12,3 %"
    )
    syntra = staff_client.get(url, {"provider_type": "syntra"})
    assert row_of(syntra, "Overeenkomsten ingelezen") == "Overeenkomsten ingelezen 237"
    # The file has no subregion × provider type cells, nor study domains: the page says so
    # instead of showing 0.
    both = staff_client.get(url, {"subregion": "kust", "provider_type": "syntra"})
    assert "Niet beschikbaar voor deze combinatie van filters" in row_of(
        both, "Overeenkomsten ingelezen"
    )
    domain = staff_client.get(url, {"study_domain": "2"})
    assert "Niet per studiedomein beschikbaar" in row_of(domain, "Overeenkomsten ingelezen")


def test_bad_filters_are_refused_in_dutch_and_kept(two_moments, staff_client):
    response = staff_client.get(
        reverse("dashboard:overview"), {"moment": "2024-01-01", "subregion": "kust"}
    )
    page = response.content.decode()
    assert "Selecteer een geldige keuze" in page
    # The rest of the selection still applies (latest moment, Kust).
    assert "Selectie: Kust, alle opleidingsverstrekkers." in text_of(response)
    same = staff_client.get(
        reverse("dashboard:overview"), {"moment": "2025-04-20", "compare": "2025-04-20"}
    )
    assert "Kies een ander meetmoment om mee te vergelijken." in same.content.decode()


def test_the_permalink_holds_the_filters(two_moments, staff_client):
    response = staff_client.get(reverse("dashboard:overview"), {"subregion": "kust"})
    field = re.search(r'id="permalink"[^>]*value="([^"]+)"', response.content.decode(), re.S)
    assert field, "the permalink field"
    link = field.group(1).replace("&amp;", "&")
    assert link.startswith("http://testserver/dashboard/?")
    assert "subregion=kust" in link and "moment=2025-04-20" in link
    assert "POF" in text_of(response)
    # Following the permalink shows the same selection.
    again = staff_client.get(link.removeprefix("http://testserver"))
    assert "Selectie: Kust" in text_of(again)


def test_the_split_figure_per_subregion_type_and_programme(two_moments, staff_client):
    response = staff_client.get(reverse("dashboard:overview"), {"compare": "2023-04-20"})
    page = text_of(response)
    assert "Uitgesplitst: Overeenkomsten" in page
    assert row_of(response, "Brugge") == "Brugge 600 501 +99 +19,8 %"
    assert row_of(response, "Syntra") == "Syntra 237 200 +37 +18,5 %"
    # Top ten programmes in the table, the other two behind a details element.
    assert row_of(response, "Opleiding L") == "Opleiding L 130 120 +10 +8,3 %"
    body = response.content.decode()
    details = body[body.index("<details") : body.index("</details>")]
    assert "Nog 2 opleidingen" in details
    assert "Opleiding A" in details and "Opleiding B" in details and "Opleiding C" not in details
    assert "Dit cijfer is niet per studiedomein beschikbaar." in page


def test_charts_have_a_title_a_summary_and_a_table(two_moments, staff_client):
    response = staff_client.get(reverse("dashboard:overview"))
    body = response.content.decode()
    assert body.count('role="img"') == 3  # per provider type, per subregion, the trend
    assert '<title id="grafiek-provider_type-titel">Overeenkomsten per soort' in body
    page = text_of(response)
    assert (
        "Het hoogst is Voltijds secundair met 700, het laagst Syntra met 237 (2 groepen)." in page
    )
    assert (
        "Van 801 op 20/04/2023 naar 937 op 20/04/2025 (+136, +17,0 %) over 2 meetmomenten." in page
    )
    assert row_of(response, "20 april 2023 (20/04/2023)") == "20 april 2023 (20/04/2023) 801"


def test_computed_figures_land_in_their_section(staff_client):
    kust = SubregionFactory(name="Kust", slug="kust")
    for _ in range(3):
        ProgrammeOfferFactory(
            site=SiteFactory(
                organisation=SchoolFactory(), postcode=PostcodeFactory(municipality__subregion=kust)
            )
        )
    moment = services.create_moment(name="Nu", date=date.today(), actor=None)
    snapshots.compute_snapshot(moment=moment, actor=None)
    response = staff_client.get(reverse("dashboard:overview"), {"subregion": "kust"})
    body = response.content.decode()
    assert '<h2 class="h4" id="sectie-1">Kerncijfers</h2>' in body
    section = body[
        body.index('id="sectie-1"') : body.index("</section>", body.index('id="sectie-1"'))
    ]
    assert "Opleidingsverstrekkers met duaal aanbod" in section
    assert row_of(response, "Opleidingsverstrekkers met duaal aanbod").endswith(" 3")


def test_an_empty_dashboard_explains_what_to_do(staff_client, secretary_client):
    page = text_of(staff_client.get(reverse("dashboard:overview")))
    assert "Er is nog geen meetmoment." in page
    assert "Maak het eerste meetmoment aan." in page
    services.create_moment(name="Leeg", date=date(2025, 1, 1), actor=None)
    page = text_of(secretary_client.get(reverse("dashboard:overview")))
    assert "Dit meetmoment heeft nog geen cijfers." in page


# Queries of /dashboard/, whatever the number of values:
#  1. the session, 2. the user, 3. the user's roles (groups),
#  4. the moments (filter choices, the chosen and the comparison moment, the trend's axis),
#  5. the subregions and 6. the study domains (filter choices),
#  7. the values of the moment and the comparison moment in and around the scope,
#  8. the programmes' study domains (the programme table under a study-domain filter),
#  9. the split figure over all moments (the trend).
OVERVIEW_QUERIES = 9


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"compare": "2023-04-20"},
        {"subregion": "kust", "provider_type": "syntra", "compare": "2023-04-20"},
        {"study_domain": "2", "figure": "overeenkomsten"},
    ],
)
def test_the_overview_runs_a_fixed_number_of_queries(
    two_moments, staff_client, django_assert_num_queries, params
):
    with django_assert_num_queries(OVERVIEW_QUERIES):
        staff_client.get(reverse("dashboard:overview"), params)
    # Ten times the values: the same count.
    later = services.create_moment(name="Later", date=date(2026, 4, 20), actor=None)
    import_into(later, figures_file(1000, 400, 600, 300, 700, range(5, 125, 10)))
    for moment in (later,):
        FigureValue.objects.bulk_create(
            FigureValue(
                moment=moment,
                figure=f"extra{i}",
                dimension="programme",
                key=f"p{j}",
                value=j,
                source="computed",
            )
            for i in range(10)
            for j in range(30)
        )
    with django_assert_num_queries(OVERVIEW_QUERIES):
        staff_client.get(reverse("dashboard:overview"), params)


# --- Moments ----------------------------------------------------------------------------------


def test_the_moment_list_shows_status_and_counts(two_moments, secretary_client):
    before, after = two_moments
    services.finalise(moment=before, actor=None)
    response = secretary_client.get(reverse("dashboard:moments"))
    assert row_of(response, "20 april 2023").startswith("20 april 2023 20/04/2023 Definitief")
    assert row_of(response, "20 april 2025").endswith("Voorlopig nog niet – 17 1")
    # The secretariat reads but creates nothing.
    assert "Nieuw meetmoment" not in text_of(response)


def test_a_coordinator_creates_a_moment_and_a_used_date_is_refused(staff_client):
    url = reverse("dashboard:moment_create")
    response = staff_client.post(url, {"name": "20 april 2025", "date": "2025-04-20"})
    moment = MeasurementMoment.objects.get()
    assert response.url == reverse("dashboard:moment_detail", kwargs={"day": "2025-04-20"})
    assert moment.name == "20 april 2025"
    again = staff_client.post(url, {"name": "Tweede keer", "date": "20/04/2025"})
    assert again.status_code == 400
    page = again.content.decode()
    assert "Er is al een meetmoment op 20/04/2025: “20 april 2025”. Kies een andere datum." in page
    assert 'value="Tweede keer"' in page
    assert MeasurementMoment.objects.count() == 1


def test_the_secretariat_may_not_write(two_moments, secretary_client):
    _before, after = two_moments
    day = {"day": "2025-04-20"}
    assert secretary_client.get(reverse("dashboard:moment_create")).status_code == 403
    assert secretary_client.post(reverse("dashboard:moment_compute", kwargs=day)).status_code == 403
    assert (
        secretary_client.post(reverse("dashboard:moment_finalise", kwargs=day)).status_code == 403
    )
    detail = secretary_client.get(reverse("dashboard:moment_detail", kwargs=day))
    assert "Definitief maken" not in text_of(detail)
    after.refresh_from_db()
    assert not after.is_final


def test_compute_runs_the_task_and_the_page_shows_its_result(
    staff_client, django_capture_on_commit_callbacks
):
    ProgrammeOfferFactory()
    moment = services.create_moment(name="Nu", date=date.today(), actor=None)
    day = moment.date.isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("dashboard:moment_compute", kwargs={"day": day}))
    assert response.url == reverse("dashboard:moment_detail", kwargs={"day": day})
    moment.refresh_from_db()
    assert moment.computed_at is not None
    computed = moment.values.filter(source="computed")
    assert computed.filter(figure="core.providers_with_offer", subregion="").exists()
    detail = staff_client.get(response.url)
    page = text_of(detail)
    assert f"{computed.count()} cijfers, berekend op" in page
    assert "Berekening bezig" not in page


def test_a_moment_is_finalised_after_confirmation(two_moments, staff_client):
    _before, after = two_moments
    url = reverse("dashboard:moment_finalise", kwargs={"day": "2025-04-20"})
    confirm = staff_client.get(url)
    assert "“20 april 2025” definitief maken?" in text_of(confirm)
    after.refresh_from_db()
    assert not after.is_final  # a GET only asks
    staff_client.post(url)
    after.refresh_from_db()
    assert after.is_final and after.finalised_by is not None
    detail = text_of(
        staff_client.get(reverse("dashboard:moment_detail", kwargs={"day": "2025-04-20"}))
    )
    assert "Definitief sinds" in detail
    assert "Cijfers opnieuw berekenen" not in detail and "Definitief maken" not in detail
    # Forcing it anyway: the service refuses, in Dutch, and nothing changes.
    response = staff_client.post(
        reverse("dashboard:moment_compute", kwargs={"day": "2025-04-20"}), follow=True
    )
    assert "Dit meetmoment is definitief" in text_of(response)
    response = staff_client.post(url, follow=True)
    assert "is definitief: de cijfers veranderen niet meer" in text_of(response)
    upload = staff_client.get(
        reverse("dashboard:import_upload", kwargs={"day": "2025-04-20"}), follow=True
    )
    assert "er kan niets meer ingelezen worden" in text_of(upload)


def test_unknown_moments_are_not_found(staff_client):
    for day in ("2025-04-20", "gisteren"):
        assert (
            staff_client.get(reverse("dashboard:moment_detail", kwargs={"day": day})).status_code
            == 404
        )


# --- Imports ----------------------------------------------------------------------------------


def test_an_upload_shows_a_preview_and_confirming_imports_it(staff_client):
    SubregionFactory(name="Kust", slug="kust")
    moment = services.create_moment(name="20 april 2025", date=date(2025, 4, 20), actor=None)
    upload_url = reverse("dashboard:import_upload", kwargs={"day": "2025-04-20"})
    form = staff_client.get(upload_url)
    assert "figuur;dimensie;sleutel;waarde" in form.content.decode()
    data = "figuur;dimensie;sleutel;waarde\nlerenden;totaal;;937\nlerenden;subregio;Kust;120\n"
    response = staff_client.post(
        upload_url,
        {"file": SimpleUploadedFile("cijfers.csv", data.encode()), "source": "Departement"},
    )
    figure_import = FigureImport.objects.get()
    assert response.url == reverse("dashboard:import_preview", kwargs={"pk": figure_import.pk})
    preview = staff_client.get(response.url)
    assert "2 goede rijen" in text_of(preview)
    assert row_of(preview, "3 lerenden Kust") == "3 lerenden Kust – total – 120"
    assert not FigureValue.objects.exists()
    staff_client.post(reverse("dashboard:import_confirm", kwargs={"pk": figure_import.pk}))
    assert moment.values.get(subregion="kust").value == 120
    figure_import.refresh_from_db()
    assert figure_import.status == FigureImport.Status.CONFIRMED


def test_bad_rows_are_listed_and_block_the_confirmation(staff_client):
    services.create_moment(name="20 april 2025", date=date(2025, 4, 20), actor=None)
    data = "figuur;dimensie;sleutel;waarde\nlerenden;totaal;;937\nlerenden;gemeente;Brugge;5\n"
    staff_client.post(
        reverse("dashboard:import_upload", kwargs={"day": "2025-04-20"}),
        {"file": SimpleUploadedFile("fout.csv", data.encode()), "source": "Partner"},
    )
    figure_import = FigureImport.objects.get()
    preview = staff_client.get(reverse("dashboard:import_preview", kwargs={"pk": figure_import.pk}))
    page = text_of(preview)
    assert "1 foute rij" in page
    assert row_of(preview, "3 Onbekende dimensie").startswith("3 Onbekende dimensie “gemeente”")
    assert "rij inlezen" not in page
    response = staff_client.post(
        reverse("dashboard:import_confirm", kwargs={"pk": figure_import.pk}), follow=True
    )
    assert "Verbeter eerst de foute rijen; er werd niets ingelezen." in text_of(response)
    assert not FigureValue.objects.exists()
    staff_client.post(reverse("dashboard:import_cancel", kwargs={"pk": figure_import.pk}))
    figure_import.refresh_from_db()
    assert figure_import.status == FigureImport.Status.CANCELLED
    again = staff_client.post(
        reverse("dashboard:import_cancel", kwargs={"pk": figure_import.pk}), follow=True
    )
    assert "Deze import is al verwerkt." in text_of(again)


def test_an_upload_that_is_no_csv_or_xlsx_is_refused_and_the_source_kept(staff_client):
    services.create_moment(name="20 april 2025", date=date(2025, 4, 20), actor=None)
    response = staff_client.post(
        reverse("dashboard:import_upload", kwargs={"day": "2025-04-20"}),
        {"file": SimpleUploadedFile("cijfers.pdf", b"%PDF"), "source": "Departement"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een CSV- of XLSX-bestand; “cijfers.pdf” is geen van beide." in page
    assert 'value="Departement"' in page
    assert not FigureImport.objects.exists()


def test_staff_find_the_dashboard_in_their_portal(
    secretary_client, staff_client, school_contact, client
):
    for staff in (secretary_client, staff_client):
        page = staff.get(reverse("core:my_portal")).content.decode()
        assert reverse("dashboard:overview") in page
    client.force_login(school_contact)
    assert (
        reverse("dashboard:overview") not in client.get(reverse("core:my_portal")).content.decode()
    )


def test_a_samdulea_style_comparison_on_the_page(staff_client):
    from tests.dashboard.test_moments import FEBRUARY_2022, OCTOBER_2021, imported

    imported("Oktober 2021", date(2021, 10, 1), OCTOBER_2021)
    imported("Februari 2022", date(2022, 2, 1), FEBRUARY_2022)
    response = staff_client.get(
        reverse("dashboard:overview"),
        {"moment": "2022-02-01", "compare": "2021-10-01", "figure": "lerenden"},
    )
    assert (
        row_of(response, "lerenden ingelezen") == "lerenden ingelezen 307 320 \u221213 \u22124,1 %"
    )
    assert row_of(response, "Chemie duaal") == "Chemie duaal 35 38 \u22123 \u22127,9 %"
    assert row_of(response, "Elektrische installaties duaal") == (
        "Elektrische installaties duaal 22 20 +2 +10,0 %"
    )
    # Provider types only in February: October has no such split, so no number to compare.
    assert row_of(response, "Syntra") == "Syntra 79 – – –"


# Queries of the moment list: the session, the user, the user's roles, the moments with their
# numbers of values and imports (one grouped query), whatever the number of moments.
MOMENT_LIST_QUERIES = 4
# Queries of a moment's page: session, user, roles, the moment, its values per source, its
# imports, the compute task's last failure.
MOMENT_DETAIL_QUERIES = 7


def test_the_moment_pages_run_a_fixed_number_of_queries(
    two_moments, staff_client, django_assert_num_queries
):
    with django_assert_num_queries(MOMENT_LIST_QUERIES):
        staff_client.get(reverse("dashboard:moments"))
    detail = reverse("dashboard:moment_detail", kwargs={"day": "2025-04-20"})
    with django_assert_num_queries(MOMENT_DETAIL_QUERIES):
        staff_client.get(detail)
    for year in range(2010, 2020):
        moment = services.create_moment(name=str(year), date=date(year, 4, 20), actor=None)
        import_into(moment, figures_file(1, 1, 1, 1, 1, range(1, 13)))
    with django_assert_num_queries(MOMENT_LIST_QUERIES):
        staff_client.get(reverse("dashboard:moments"))
    with django_assert_num_queries(MOMENT_DETAIL_QUERIES):
        staff_client.get(detail)


def test_a_snapshot_of_the_demo_data_shows_for_every_filter(
    staff_client, settings, django_assert_num_queries
):
    """Every registered figure (counts, percentages, medians, audiences) as computed from the
    small demo data, in each scope: the page shows them in their sections and the queries stay
    fixed."""
    from django.core.management import call_command

    from steunpunt.core.figures import registry
    from steunpunt.core.models import StudyDomain, Subregion

    settings.DEBUG = True
    call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", scale="small", verbosity=0)
    earlier = services.create_moment(name="Vorig jaar", date=date(2024, 4, 20), actor=None)
    snapshots.compute_snapshot(moment=earlier, actor=None)
    moment = services.create_moment(name="Nu", date=date.today(), actor=None)
    snapshots.compute_snapshot(moment=moment, actor=None)
    total = FigureValue.objects.filter(moment=moment, subregion="", provider_type="")
    shown = set(total.filter(dimension="total").values_list("figure", flat=True))
    assert shown, "the demo data gives figures"
    page = text_of(staff_client.get(reverse("dashboard:overview")))
    for name in shown:
        assert str(registry.get(name).label) in page
    subregion = Subregion.objects.order_by("order").values_list("slug", flat=True).first()
    domain = StudyDomain.objects.values_list("code", flat=True).first()
    for params in (
        {"compare": "2024-04-20"},
        {"subregion": subregion, "compare": "2024-04-20"},
        {"provider_type": "school", "study_domain": str(domain)},
        *({"figure": name} for name in sorted(shown)),
    ):
        with django_assert_num_queries(OVERVIEW_QUERIES):
            response = staff_client.get(reverse("dashboard:overview"), params)
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" not in response.content.decode()
