"""Measurement moments: imported and computed figures, comparisons between two moments, and a
final moment that refuses every change."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dashboard import services, snapshots
from dashboard.models import FigureImport, FigureValue, MomentIsFinal
from steunpunt.core.models import Organisation
from tests.factories import (
    PostcodeFactory,
    ProgrammeOfferFactory,
    SchoolFactory,
    SiteFactory,
    SubregionFactory,
)

pytestmark = pytest.mark.django_db

# The SamDuLeA dashboard of Antwerp (../shared/seeds/samdulea-antwerpen-presentatie.txt).
OCTOBER_2021 = """figuur;dimensie;sleutel;waarde
lerenden;totaal;;320
lerenden;opleiding;Paardenhouderij/hippisch assistent;26
lerenden;opleiding;Chemie duaal;38
lerenden;opleiding;Kapper-stylist duaal;13
lerenden;opleiding;Haarverzorging duaal;15
lerenden;opleiding;Elektrische installaties duaal;20
lerenden;opleiding;Elektrotechnicus duaal;10
lerenden;opleiding;Lassen-constructie duaal;14
"""
FEBRUARY_2022 = """figuur;dimensie;sleutel;waarde
lerenden;totaal;;307
lerenden;verstrekkerstype;Voltijds secundair;139
lerenden;verstrekkerstype;BuSO;6
lerenden;verstrekkerstype;Centrum voor Leren en Werken;83
lerenden;verstrekkerstype;Syntra;79
lerenden;opleiding;Paardenhouderij/hippisch assistent;30
lerenden;opleiding;Chemie duaal;35
lerenden;opleiding;Kapper-stylist duaal;10
lerenden;opleiding;Haarverzorging duaal;14
lerenden;opleiding;Elektrische installaties duaal;22
lerenden;opleiding;Elektrotechnicus duaal;12
lerenden;opleiding;Lassen-constructie duaal;11
"""


def imported(name, day, text):
    moment = services.create_moment(name=name, date=day, actor=None)
    preview = services.preview_import(
        moment=moment, data=text.encode(), file_name="samdulea.csv", source="SamDuLeA", actor=None
    )
    assert preview.errors == []
    services.confirm_import(figure_import=preview, actor=None)
    return moment


def test_a_samdulea_style_dashboard_compares_two_moments():
    october = imported("Oktober 2021", date(2021, 10, 1), OCTOBER_2021)
    february = imported("Februari 2022", date(2022, 2, 1), FEBRUARY_2022)

    (total,) = services.compare(
        before=october, after=february, figure="lerenden", dimension="total"
    )
    assert (total.before, total.after, total.difference) == (320, 307, -13)
    assert total.percent == Decimal("-4.1")

    by_programme = {
        row.label: (row.before, row.after, row.difference)
        for row in services.compare(
            before=october, after=february, figure="lerenden", dimension="programme"
        )
    }
    assert by_programme["Chemie duaal"] == (38, 35, -3)
    assert by_programme["Elektrische installaties duaal"] == (20, 22, 2)
    assert by_programme["Paardenhouderij/hippisch assistent"] == (26, 30, 4)

    by_type = {
        row.key: (row.label, row.after)
        for row in services.compare(
            before=october, after=february, figure="lerenden", dimension="provider_type"
        )
    }
    assert by_type == {
        "school": ("Voltijds secundair", 139),
        "buso": ("BuSO", 6),
        "clw": ("Centrum voor Leren en Werken", 83),
        "syntra": ("Syntra", 79),
    }
    assert sum(after for _, after in by_type.values()) == 307
    value = FigureValue.objects.get(
        moment=february, dimension="total", subregion="", provider_type=""
    )
    assert value.source == FigureValue.Source.IMPORTED
    assert value.figure_import.file_name == "samdulea.csv"


def test_a_preview_lists_bad_rows_and_imports_nothing():
    moment = services.create_moment(name="Test", date=date(2025, 4, 20), actor=None)
    text = (
        "figuur;dimensie;sleutel;waarde\n"
        "lerenden;totaal;;937\n"
        "lerenden;subregio;;12\n"
        "lerenden;gemeente;Brugge;5\n"
        "lerenden;subregio;Brugge;veel\n"
        "lerenden;subregio;Kust;-1\n"
        "lerenden;totaal;;938\n"
    )
    preview = services.preview_import(
        moment=moment, data=text.encode(), file_name="fout.csv", source="x", actor=None
    )
    assert [e["line"] for e in preview.errors] == [3, 4, 5, 6, 7]
    assert "Onbekende dimensie" in preview.errors[1]["error"]
    assert "geen getal" in preview.errors[2]["error"]
    assert "twee keer" in preview.errors[4]["error"]
    assert not FigureValue.objects.exists()
    with pytest.raises(ValidationError, match="Verbeter eerst de foute rijen"):
        services.confirm_import(figure_import=preview, actor=None)
    assert not FigureValue.objects.exists()


def test_an_xlsx_file_is_read_too():
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Figuur", "Dimensie", "Sleutel", "Waarde"])
    sheet.append(["overeenkomsten", "totaal", None, 937])
    buffer = BytesIO()
    book.save(buffer)
    moment = services.create_moment(name="20 april 2025", date=date(2025, 4, 20), actor=None)
    preview = services.preview_import(
        moment=moment, data=buffer.getvalue(), file_name="d.xlsx", source="x", actor=None
    )
    assert services.confirm_import(figure_import=preview, actor=None) == 1
    assert FigureValue.objects.get().value == 937
    with pytest.raises(ValidationError, match="al verwerkt"):
        services.confirm_import(figure_import=preview, actor=None)


def test_a_snapshot_matches_figures_counted_independently():
    coast = SubregionFactory(name="Kust", slug="kust")
    bruges = SubregionFactory(name="Brugge", slug="brugge")
    at_coast = PostcodeFactory(municipality__subregion=coast)
    in_bruges = PostcodeFactory(municipality__subregion=bruges)
    for postcode, count in ((at_coast, 2), (in_bruges, 3)):
        for _ in range(count):
            ProgrammeOfferFactory(site=SiteFactory(organisation=SchoolFactory(), postcode=postcode))
    SchoolFactory()  # no offer: not counted
    moment = services.create_moment(name="Nu", date=date.today(), actor=None)
    written = snapshots.compute_snapshot(moment=moment, actor=None)
    assert written > 0

    def frozen(subregion="", provider_type="", dimension="total", key=""):
        return FigureValue.objects.get(
            moment=moment,
            figure="core.providers_with_offer",
            subregion=subregion,
            provider_type=provider_type,
            dimension=dimension,
            key=key,
        ).value

    independent = (
        Organisation.objects.filter(
            kind__in=Organisation.PROVIDER_KINDS, sites__offers__active=True
        )
        .distinct()
        .count()
    )
    assert frozen() == independent == 5
    assert frozen("kust") == 2
    assert frozen("brugge") == 3
    assert frozen(provider_type="school") == 5
    assert frozen("kust", "school") == 2
    assert (
        FigureValue.objects.get(
            moment=moment,
            figure="core.providers_with_offer",
            subregion="kust",
            provider_type="",
            dimension="total",
        ).subregion_label
        == "Kust"
    )
    assert FigureValue.objects.filter(moment=moment, source="computed").count() == written


def test_a_final_moment_refuses_every_change():
    moment = imported("Februari 2022", date(2022, 2, 1), FEBRUARY_2022)
    services.finalise(moment=moment, actor=None)
    moment.refresh_from_db()
    assert moment.is_final and moment.finalised_at
    with pytest.raises(MomentIsFinal):
        snapshots.compute_snapshot(moment=moment, actor=None)
    with pytest.raises(MomentIsFinal):
        services.preview_import(
            moment=moment, data=FEBRUARY_2022.encode(), file_name="x.csv", source="x", actor=None
        )
    value = FigureValue.objects.filter(moment=moment).first()
    value.value = 1
    with pytest.raises(MomentIsFinal):
        value.save()
    with pytest.raises(MomentIsFinal):
        value.delete()
    with pytest.raises(MomentIsFinal):
        services.finalise(moment=moment, actor=None)
    assert FigureValue.objects.get(pk=value.pk).value != 1
    assert FigureImport.objects.filter(moment=moment).count() == 1


def test_a_count_of_nothing_is_frozen_as_zero_in_the_province_and_each_subregion():
    SubregionFactory(name="Kust", slug="kust")
    moment = services.create_moment(name="Leeg", date=date(2025, 4, 20), actor=None)
    snapshots.compute_snapshot(moment=moment, actor=None)
    agreements = FigureValue.objects.filter(
        moment=moment, figure="matchmaking.agreements_total", dimension="total", provider_type=""
    )
    assert {(v.subregion, v.value) for v in agreements} == {("", 0), ("kust", 0)}
    # A median of nobody stays unknown rather than 0.
    assert not FigureValue.objects.filter(
        moment=moment, figure="matchmaking.days_to_agreement"
    ).exists()
