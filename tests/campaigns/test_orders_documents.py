"""Packing list and picking list as PDF (text read back with pypdf) and the export for the
printer or shipper, with spreadsheet formulas neutralised."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.models import Order
from campaigns.orders.services import approve_order, place_order, refuse_order
from steunpunt.core.spreadsheets import neutralise
from tests.campaigns.factories import CampaignFactory, PhysicalMaterialFactory
from tests.factories import SchoolFactory, SiteFactory
from tests.pdf_text import pdf_text


@pytest.fixture
def campaign(db):
    return CampaignFactory(name="Steek een poot uit")


@pytest.fixture
def materials(campaign):
    return (
        PhysicalMaterialFactory(campaign=campaign, name="Affiche A2", stock=50, max_per_school=5),
        PhysicalMaterialFactory(
            campaign=campaign, name="Roll-upbanner", category="roll_up", stock=9, max_per_school=1
        ),
    )


def place(school, campaign, pairs, remarks=""):
    site = school.sites.first() or SiteFactory(organisation=school, street="Zuidstraat 3")
    return place_order(
        campaign=campaign,
        school=school,
        site=site,
        quantities={m.pk: q for m, q in pairs},
        wished_date=datetime.date(2026, 10, 5),
        remarks=remarks,
    )


def test_packing_list_pdf(client, coordinator, campaign, materials):
    poster, banner = materials
    school = SchoolFactory(name="Hotelschool Ter Duinen")
    SiteFactory(organisation=school, street="Kerkstraat 12")
    order = place(school, campaign, [(poster, 4), (banner, 1)], remarks="Achteringang gebruiken.")
    client.force_login(coordinator)

    response = client.get(reverse("campaigns:packing_list_pdf", kwargs={"uuid": order.uuid}))

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert f"Paklijst {order.reference}" in text
    assert "Hotelschool Ter Duinen" in text and "Kerkstraat 12" in text
    assert "Affiche A2 4" in text and "Roll-upbanner 1" in text
    assert "05/10/2026" in text and "Achteringang gebruiken." in text


def test_picking_list_combines_the_orders_approved_that_day(
    client, coordinator, campaign, materials
):
    poster, banner = materials
    schools = [SchoolFactory(name=name) for name in ("VTI Brugge", "KTA Ieper", "GO! Tielt")]
    first = place(schools[0], campaign, [(poster, 3), (banner, 1)])
    second = place(schools[1], campaign, [(poster, 2)])
    refused = place(schools[2], campaign, [(poster, 5)])
    not_yet = place(SchoolFactory(name="Nog niet goedgekeurd"), campaign, [(poster, 1)])
    for order in (first, second, refused):
        approve_order(order=order, actor=coordinator)
    refuse_order(order=refused, reason="Dubbel.", actor=coordinator)
    yesterday = place(SchoolFactory(name="Gisteren goedgekeurd"), campaign, [(poster, 1)])
    approve_order(order=yesterday, actor=coordinator)
    Order.objects.filter(pk=yesterday.pk).update(
        approved_at=timezone.now() - datetime.timedelta(days=1)
    )
    today = timezone.localdate()
    client.force_login(coordinator)

    response = client.get(reverse("campaigns:picking_list_pdf", kwargs={"day": today.isoformat()}))

    text = pdf_text(response.content)
    assert f"Picklijst van {today:%d/%m/%Y}" in text
    assert "2 bestellingen goedgekeurd op deze dag" in text
    totals = text.split("Totaal te nemen per materiaal")[1].split("Per bestelling")[0]
    assert "Affiche A2 5" in totals and "Roll-upbanner 1" in totals
    assert first.reference in text and second.reference in text
    for absent in (refused, not_yet, yesterday):
        assert absent.reference not in text


def test_picking_list_of_a_quiet_day_and_a_bad_date(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("campaigns:picking_list_pdf", kwargs={"day": "2026-12-25"}))
    assert "geen bestelling goedgekeurd" in pdf_text(response.content)
    response = client.get(reverse("campaigns:picking_list_pdf", kwargs={"day": "2026-13-45"}))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+32 50 12 34 56", "'+32 50 12 34 56"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Gewoon tekst", "Gewoon tekst"),
        (4, 4),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.fixture
def dangerous_order(campaign, materials):
    poster, _banner = materials
    school = SchoolFactory(name="=cmd|' /C calc'!A0")
    SiteFactory(organisation=school, street="@Stationsstraat 1")
    return place(school, campaign, [(poster, 2)], remarks="+leveren na 14u")


def test_csv_export_neutralises_formulas(client, coordinator, dangerous_order):
    client.force_login(coordinator)
    response = client.get(reverse("campaigns:order_export", kwargs={"fmt": "csv"}))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    content = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    header, row = rows[0], rows[1]
    record = dict(zip(header, row, strict=True))
    assert record["School"] == "'=cmd|' /C calc'!A0"
    assert record["Straat en nummer"] == "'@Stationsstraat 1"
    assert record["Opmerkingen"] == "'+leveren na 14u"
    assert record["Referentie"] == dangerous_order.reference
    assert (record["Materiaal"], record["Aantal"]) == ("Affiche A2", "2")


def test_xlsx_export_neutralises_formulas_and_follows_the_filters(
    client, coordinator, dangerous_order, campaign, materials
):
    other = place(SchoolFactory(name="Andere school"), campaign, [(materials[1], 1)])
    approve_order(order=other, actor=coordinator)
    client.force_login(coordinator)

    response = client.get(
        reverse("campaigns:order_export", kwargs={"fmt": "xlsx"}), {"status": "submitted"}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) == 2  # only the submitted order
    record = dict(zip(header, rows[1], strict=True))
    assert record["School"] == "'=cmd|' /C calc'!A0"
    assert record["Opmerkingen"] == "'+leveren na 14u"
    assert record["Aantal"] == 2
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row), (
        "no cell is a formula"
    )


def test_export_refusals(client, coordinator, school_contact):
    client.force_login(coordinator)
    assert client.get(reverse("campaigns:order_export", kwargs={"fmt": "pdf"})).status_code == 404
    client.force_login(school_contact)
    assert client.get(reverse("campaigns:order_export", kwargs={"fmt": "csv"})).status_code == 403
