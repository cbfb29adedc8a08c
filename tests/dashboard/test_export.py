"""The dashboard's CSV and XLSX export: exactly what the page shows for the same filters, with
Dutch headers and every cell neutralised against formulas."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dashboard import services
from tests.dashboard.test_views import import_into, logged_in, make_two_moments

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, coordinator, settings):
    return logged_in(client, coordinator, settings)


@pytest.fixture
def two_moments(db):
    return make_two_moments()


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_csv_holds_what_the_page_shows(two_moments, staff_client):
    params = {"moment": "2025-04-20", "compare": "2023-04-20", "subregion": "kust"}
    response = staff_client.get(reverse("dashboard:export"), {**params, "formaat": "csv"})
    assert 'filename="dashboard-2025-04-20.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == [
        "Onderdeel",
        "Cijfer",
        "Groep",
        "Opmerking",
        "Waarde op 20/04/2025",
        "Waarde op 20/04/2023",
        "Verschil",
        "Verschil in %",
    ]
    assert [
        "Ingelezen cijfers",
        "Overeenkomsten",
        "Kust, alle opleidingsverstrekkers",
        "",
        "337",
        "300",
        "'+37",  # neutralised: a cell starting with + is no formula
        "'+12,3 %",
    ] in rows
    # The split figure per subregion (all subregions, with the provider-type filter).
    assert [
        "Per subregio",
        "Overeenkomsten",
        "Brugge",
        "",
        "600",
        "501",
        "'+99",
        "'+19,8 %",
    ] in rows
    # The file splits per programme only for the province: the export says so, like the page.
    (programmes,) = [row for row in rows if row[0] == "Per opleiding"]
    assert programmes[3] == "Dit cijfer is niet per opleiding beschikbaar."
    province = csv_rows(staff_client.get(reverse("dashboard:export"), {"formaat": "csv"}))
    programmes = [row[2] for row in province if row[0] == "Per opleiding"]
    assert len(programmes) == 12  # also the two behind "details" on the page
    assert ["Verloop", "Overeenkomsten", "20 april 2023", "", "300", "", "", ""] in rows
    page = staff_client.get(reverse("dashboard:overview"), params).content.decode()
    for row in rows[1:]:
        assert row[4] in page  # each exported value is on the page


def test_the_xlsx_holds_numbers_and_notes(two_moments, staff_client):
    response = staff_client.get(
        reverse("dashboard:export"),
        {"subregion": "kust", "provider_type": "syntra", "formaat": "xlsx"},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = xlsx_rows(response)
    assert rows[0] == ["Onderdeel", "Cijfer", "Groep", "Opmerking", "Waarde op 20/04/2025"]
    figure = next(row for row in rows if row[0] == "Ingelezen cijfers")
    assert figure[3] == "Niet beschikbaar voor deze combinatie van filters"
    # The file has no subregion × provider type cells: the export says so, like the page.
    missing = next(row for row in rows if row[0] == "Per subregio")
    assert missing[1] == "Overeenkomsten"
    assert missing[3] == (
        "Dit cijfer is niet per subregio beschikbaar met deze filters. Kies minder filters."
    )
    plain = xlsx_rows(staff_client.get(reverse("dashboard:export"), {"formaat": "xlsx"}))
    total = next(row for row in plain if row[0] == "Ingelezen cijfers")
    assert total[4] == 937 and isinstance(total[4], (int, float))


def test_cells_that_look_like_formulas_are_neutralised(staff_client):
    moment = services.create_moment(name="=HYPERLINK()", date=date(2025, 4, 20), actor=None)
    import_into(
        moment,
        "figuur;dimensie;sleutel;waarde;label\n"
        "evil;totaal;;5;=cmd|' /C calc'!A0\n"
        "evil;opleiding;@SUM(A1);3;=cmd|' /C calc'!A0\n",
    )
    rows = csv_rows(staff_client.get(reverse("dashboard:export"), {"formaat": "csv"}))
    labels = {row[1] for row in rows[1:]}
    assert labels == {"'=cmd|' /C calc'!A0"}
    assert any(row[2] == "'@SUM(A1)" for row in rows)
    assert ["Verloop", "'=cmd|' /C calc'!A0", "'=HYPERLINK()", "", "5"] in rows
    sheet = xlsx_rows(staff_client.get(reverse("dashboard:export"), {"formaat": "xlsx"}))
    assert not any(
        isinstance(cell, str) and cell.startswith(("=", "@", "+")) for row in sheet for cell in row
    )


def test_without_a_moment_there_is_nothing_to_export(staff_client):
    assert staff_client.get(reverse("dashboard:export")).status_code == 404
