"""Server-rendered SVG charts: horizontal bars and a trend line, no JavaScript.

Each chart carries what the template needs to be accessible: a title and a description for the
SVG (role="img"), the data table shown next to it and a one-sentence summary. One dark colour on
white (contrast far above 3:1) and every value written next to its bar or point, so nothing is
told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .numbers import format_difference, format_number, format_percent_change

LABEL_WIDTH = 210
BAR_AREA = 330
VALUE_WIDTH = 90
ROW_HEIGHT = 26
MAX_LABEL = 30


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


@dataclass
class Bar:
    label: str
    short_label: str
    value_text: str
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass
class BarChart:
    title: str
    description: str
    summary: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    rows: list[tuple[str, str]] = field(default_factory=list)


def bar_chart(title: str, items: list[tuple[str, Decimal | None]], kind: str = "count") -> BarChart:
    """Bars for (label, value) pairs, longest value first; None values are left out."""
    items = [(label, Decimal(value)) for label, value in items if value is not None]
    items.sort(key=lambda item: (-item[1], item[0]))
    top = max((value for _label, value in items), default=Decimal(0))
    bars = []
    for index, (label, value) in enumerate(items):
        width = int(BAR_AREA * value / top) if top > 0 else 0
        y = index * ROW_HEIGHT + 4
        bars.append(
            Bar(
                label=label,
                short_label=_short(label),
                value_text=format_number(value, kind),
                y=y,
                width=max(width, 1 if value > 0 else 0),
                text_y=y + 14,
                value_x=LABEL_WIDTH + max(width, 0) + 6,
            )
        )
    return BarChart(
        title=title,
        description=_bar_summary(items, kind),
        summary=_bar_summary(items, kind),
        bars=bars,
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=max(len(bars), 1) * ROW_HEIGHT + 8,
        rows=[(label, format_number(value, kind)) for label, value in items],
    )


def _bar_summary(items, kind) -> str:
    if not items:
        return _("Er zijn geen waarden om te tonen.")
    if len(items) == 1:
        label, value = items[0]
        return _("Alleen %(label)s heeft een waarde: %(value)s.") % {
            "label": label,
            "value": format_number(value, kind),
        }
    (high_label, high), (low_label, low) = items[0], items[-1]
    return _(
        "Het hoogst is %(high_label)s met %(high)s, het laagst %(low_label)s met %(low)s "
        "(%(n)s groepen)."
    ) % {
        "high_label": high_label,
        "high": format_number(high, kind),
        "low_label": low_label,
        "low": format_number(low, kind),
        "n": len(items),
    }


@dataclass
class Point:
    x: int
    y: int
    label: str
    value_text: str
    label_y: int


@dataclass
class LineChart:
    title: str
    description: str
    summary: str
    points: list[Point]
    polyline: str
    width: int
    height: int
    baseline: int
    rows: list[tuple[str, str]] = field(default_factory=list)


LINE_WIDTH = 600
LINE_HEIGHT = 220
PAD_X = 60
PAD_TOP = 30
PAD_BOTTOM = 40


def trend_chart(title: str, points: list[tuple], kind: str = "count") -> LineChart:
    """A line through (moment, value) pairs in date order; the axis starts at 0."""
    top = max((Decimal(value) for _moment, value in points), default=Decimal(0))
    plot_height = LINE_HEIGHT - PAD_TOP - PAD_BOTTOM
    step = (LINE_WIDTH - 2 * PAD_X) / max(len(points) - 1, 1)
    drawn = []
    for index, (moment, value) in enumerate(points):
        x = int(PAD_X + index * step) if len(points) > 1 else LINE_WIDTH // 2
        y = int(PAD_TOP + plot_height - (plot_height * Decimal(value) / top if top > 0 else 0))
        drawn.append(
            Point(
                x=x,
                y=y,
                label=date_format(moment.date),
                value_text=format_number(Decimal(value), kind),
                label_y=LINE_HEIGHT - PAD_BOTTOM + 18,
            )
        )
    return LineChart(
        title=title,
        description=_trend_summary(points, kind),
        summary=_trend_summary(points, kind),
        points=drawn,
        polyline=" ".join(f"{p.x},{p.y}" for p in drawn),
        width=LINE_WIDTH,
        height=LINE_HEIGHT,
        baseline=LINE_HEIGHT - PAD_BOTTOM,
        rows=[
            (f"{m.name} ({date_format(m.date)})", format_number(Decimal(v), kind))
            for m, v in points
        ],
    )


def _trend_summary(points, kind) -> str:
    if not points:
        return _("Er is nog geen meetmoment met een waarde voor dit cijfer.")
    first_moment, first = points[0]
    last_moment, last = points[-1]
    if len(points) == 1:
        return _("Alleen het meetmoment van %(date)s heeft een waarde: %(value)s.") % {
            "date": date_format(first_moment.date),
            "value": format_number(Decimal(first), kind),
        }
    difference = Decimal(last) - Decimal(first)
    percent = (
        (difference * 100 / Decimal(first)).quantize(Decimal("0.1"))
        if first and kind != "percent"
        else None
    )
    change = format_difference(difference, kind)
    if percent is not None:
        change = f"{change}, {format_percent_change(percent)}"
    return _(
        "Van %(first)s op %(first_date)s naar %(last)s op %(last_date)s (%(change)s) over "
        "%(n)s meetmomenten."
    ) % {
        "first": format_number(Decimal(first), kind),
        "first_date": date_format(first_moment.date),
        "last": format_number(Decimal(last), kind),
        "last_date": date_format(last_moment.date),
        "change": change,
        "n": len(points),
    }
