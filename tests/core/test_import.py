"""Coordinators import organisations from XLSX/CSV: a preview lists every bad row, nothing is
written until a clean preview is confirmed."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import Workbook

from steunpunt.core.models import Membership, Organisation, Person, Site

HEADER = [
    "referentie",
    "naam",
    "korte naam",
    "soort",
    "onderwijsnet",
    "ondernemingsnummer",
    "website",
    "e-mail",
    "telefoon",
]
XLSX = "1"  # index of XLSX in settings.IMPORT_FORMATS


def xlsx(rows, header=HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "organisaties.xlsx"
    return buffer


GOOD_ROWS = [
    ["ORG-1", "Bakkerij Declercq", "", "Onderneming", "", "0123.456.749", "", "", ""],
    [
        "ORG-2",
        "Vrij Technisch Instituut Tielt",
        "VTI Tielt",
        "School voltijds secundair onderwijs",
        "Katholiek Onderwijs Vlaanderen",
        "",
        "",
        "info@vti-tielt.test",
        "051 12 34 56",
    ],
    ["ORG-3", "Lerend netwerk mentorschap", "", "partner", "", "", "", "", ""],
]


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def preview(admin_client, upload, url_name="admin:core_organisation_import"):
    return admin_client.post(
        reverse(url_name), {"import_file": upload, "format": XLSX, "resource": "0"}
    )


def test_preview_names_every_bad_row_and_writes_nothing(admin_client):
    before = Organisation.objects.count()
    rows = [
        GOOD_ROWS[0],
        ["ORG-4", "Garage Vermeulen", "", "Onderneming", "", "0123.456.748", "", "", ""],
        GOOD_ROWS[1],
        ["ORG-5", "Slagerij Maes", "", "Beenhouwerij", "", "", "", "", ""],
        GOOD_ROWS[2],
    ]
    response = preview(admin_client, xlsx(rows))

    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    bad = {row.number: row for row in result.invalid_rows}
    assert set(bad) == {2, 4}
    html = response.content.decode()
    assert "controlecijfers kloppen niet" in html
    assert "Onbekende waarde &#x27;Beenhouwerij&#x27; voor soort" in html
    # The table shows the row numbers next to the reasons.
    assert re.search(r"<td>\s*2\s*</td>", html) and re.search(r"<td>\s*4\s*</td>", html)
    # No confirm button: a file with errors cannot be imported.
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Organisation.objects.count() == before


def test_clean_file_is_written_only_after_confirmation(admin_client):
    before = Organisation.objects.count()
    response = preview(admin_client, xlsx(GOOD_ROWS))
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert Organisation.objects.count() == before  # preview only

    confirm = response.context["confirm_form"]
    response = admin_client.post(
        reverse("admin:core_organisation_process_import"), confirm.initial, follow=True
    )
    assert response.status_code == 200
    assert Organisation.objects.count() == before + 3
    bakery = Organisation.objects.get(external_ref="ORG-1")
    assert bakery.kind == Organisation.Kind.COMPANY
    assert bakery.enterprise_number == "0123456749"
    school = Organisation.objects.get(external_ref="ORG-2")
    assert school.network == Organisation.Network.KOV
    # The audit trail records who imported.
    assert school.history.first().history_user.email == "coordinator@steunpunt.test"

    # Importing the same file again updates instead of duplicating.
    response = preview(admin_client, xlsx(GOOD_ROWS))
    admin_client.post(
        reverse("admin:core_organisation_process_import"), response.context["confirm_form"].initial
    )
    assert Organisation.objects.count() == before + 3


def test_missing_reference_is_refused(admin_client):
    response = preview(
        admin_client, xlsx([["", "Zonder referentie", "", "Onderneming", "", "", "", "", ""]])
    )
    assert "De kolom &#x27;referentie&#x27; is verplicht." in response.content.decode()


def test_sites_and_persons_import_with_links(admin_client, db):
    from django.core.management import call_command

    call_command("load_reference_data", verbosity=0)
    Organisation.objects.create(name="Bakkerij Declercq", kind="company", external_ref="ORG-1")
    sites = xlsx(
        [
            ["SITE-1", "ORG-1", "Atelier", "Kortrijksestraat 12", 8500, "", "ja"],
            ["SITE-2", "ORG-9", "", "Markt 1", 8800, "", "nee"],
            ["SITE-3", "ORG-1", "", "Nergensstraat 1", 9999, "", "nee"],
        ],
        header=[
            "referentie",
            "organisatie",
            "naam vestigingsplaats",
            "straat",
            "postcode",
            "plaats",
            "hoofdvestiging",
        ],
    )
    response = preview(admin_client, sites, "admin:core_site_import")
    result = response.context["result"]
    html = response.content.decode()
    assert {row.number for row in result.invalid_rows} == {2, 3}
    assert "Organisatie met referentie &#x27;ORG-9&#x27; bestaat niet." in html
    assert "Postcode 9999 bestaat niet in België." in html
    assert not Site.objects.exists()

    persons = xlsx(
        [["P-1", "An", "Vandenberghe", "an@declercq.test", "0470 12 34 56", "ORG-1", "mentor"]],
        header=[
            "referentie",
            "voornaam",
            "familienaam",
            "e-mail",
            "telefoon",
            "organisatie",
            "functie",
        ],
    )
    response = preview(admin_client, persons, "admin:core_person_import")
    assert not response.context["result"].has_validation_errors()
    assert not Person.objects.exists()
    admin_client.post(
        reverse("admin:core_person_process_import"), response.context["confirm_form"].initial
    )
    membership = Membership.objects.get()
    assert membership.person.full_name == "An Vandenberghe"
    assert membership.organisation.external_ref == "ORG-1"
    assert membership.function == "mentor"


def test_contacts_cannot_reach_the_import(client, school_contact):
    client.force_login(school_contact)
    response = client.post(
        reverse("admin:core_organisation_import"), {"import_file": xlsx(GOOD_ROWS), "format": XLSX}
    )
    assert response.status_code in (302, 403)
    assert not Organisation.objects.filter(external_ref="ORG-1").exists()
