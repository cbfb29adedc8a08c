"""Server-rendered SVG charts: bars and a trend line with a summary sentence, the data for the
table next to them, and Dutch number formats."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dashboard import charts
from dashboard.numbers import (
    format_difference,
    format_number,
    format_percent_change,
)


@dataclass
class Moment:
    name: str
    date: date


def test_numbers_are_written_the_dutch_way():
    assert format_number(Decimal(937)) == "937"
    assert format_number(Decimal("12345.00")) == "12.345"
    assert format_number(Decimal("45.26"), "percent") == "45,3 %"
    assert format_number(Decimal("12.5"), "days") == "12,5 dagen"
    assert format_number(None) == "–"
    assert format_difference(Decimal(-13)) == "\u221213"
    assert format_difference(Decimal(136)) == "+136"
    assert format_difference(Decimal(0)) == "±0"
    assert format_difference(Decimal("2.5"), "percent") == "+2,5 procentpunt"
    assert format_percent_change(Decimal("17.0")) == "+17,0 %"
    assert format_percent_change(Decimal("-4.1")) == "\u22124,1 %"


def test_a_bar_chart_scales_bars_to_the_largest_value_and_sums_up():
    chart = charts.bar_chart(
        "Lerenden per soort",
        [("Syntra", Decimal(79)), ("Voltijds secundair", Decimal(139)), ("BuSO", Decimal(6))],
    )
    assert [bar.label for bar in chart.bars] == ["Voltijds secundair", "Syntra", "BuSO"]
    assert chart.bars[0].width == charts.BAR_AREA
    assert chart.bars[1].width == int(charts.BAR_AREA * 79 / 139)
    assert [bar.value_text for bar in chart.bars] == ["139", "79", "6"]
    assert chart.rows == [("Voltijds secundair", "139"), ("Syntra", "79"), ("BuSO", "6")]
    assert chart.summary == (
        "Het hoogst is Voltijds secundair met 139, het laagst BuSO met 6 (3 groepen)."
    )
    assert chart.description == chart.summary
    assert chart.height == 3 * charts.ROW_HEIGHT + 8


def test_a_bar_chart_shortens_long_labels_but_keeps_them_in_the_table():
    long = "Opleiding met een bijzonder lange naam die niet past"
    chart = charts.bar_chart("x", [(long, Decimal(5)), ("Kort", None)])
    assert chart.bars[0].short_label.endswith("…")
    assert len(chart.bars[0].short_label) == charts.MAX_LABEL
    assert chart.rows == [(long, "5")]  # None values are left out
    assert chart.summary == f"Alleen {long} heeft een waarde: 5."
    empty = charts.bar_chart("x", [])
    assert empty.bars == [] and empty.summary == "Er zijn geen waarden om te tonen."


def test_a_trend_line_runs_through_the_moments_in_order():
    points = [
        (Moment("20 april 2023", date(2023, 4, 20)), Decimal(801)),
        (Moment("20 april 2024", date(2024, 4, 20)), Decimal(850)),
        (Moment("20 april 2025", date(2025, 4, 20)), Decimal(937)),
    ]
    chart = charts.trend_chart("Overeenkomsten", points)
    xs = [point.x for point in chart.points]
    assert xs == sorted(xs) and xs[0] == charts.PAD_X
    assert chart.points[-1].y == charts.PAD_TOP  # the highest value touches the top
    assert chart.points[0].y > chart.points[-1].y
    assert chart.polyline.startswith(f"{xs[0]},{chart.points[0].y} ")
    assert [point.label for point in chart.points] == ["20/04/2023", "20/04/2024", "20/04/2025"]
    assert chart.summary == (
        "Van 801 op 20/04/2023 naar 937 op 20/04/2025 (+136, +17,0 %) over 3 meetmomenten."
    )
    assert chart.rows[0] == ("20 april 2023 (20/04/2023)", "801")


def test_a_trend_of_a_percentage_speaks_of_percentage_points():
    points = [
        (Moment("2023", date(2023, 4, 20)), Decimal("40.0")),
        (Moment("2025", date(2025, 4, 20)), Decimal("45.5")),
    ]
    chart = charts.trend_chart("Activeringsgraad", points, "percent")
    assert chart.summary == (
        "Van 40,0 % op 20/04/2023 naar 45,5 % op 20/04/2025 (+5,5 procentpunt) over 2 meetmomenten."
    )
    single = charts.trend_chart("x", points[:1], "percent")
    assert single.summary == "Alleen het meetmoment van 20/04/2023 heeft een waarde: 40,0 %."
