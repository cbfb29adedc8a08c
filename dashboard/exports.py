"""CSV and XLSX of exactly what /dashboard/ shows for the same filters: the figures per section in
the chosen scope, then the split figure per subregion, provider type, study domain and programme
(all programmes, also those behind "the other programmes" on screen), then its trend.

Every cell is neutralised by the core's one export helper (steunpunt.core.exports; imported
labels come from files people upload). The CSV is what Excel in Belgium opens: UTF-8 with BOM,
semicolons, the numbers as on screen; the XLSX holds numbers as numbers.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from steunpunt.core import exports

from .numbers import format_number
from .selectors import Overview


def header(overview: Overview) -> list[str]:
    moment = overview.moment
    columns = [_("Onderdeel"), _("Cijfer"), _("Groep"), _("Opmerking")]
    columns.append(_("Waarde op %(date)s") % {"date": date_format(moment.date)})
    if overview.compare is not None:
        columns += [
            _("Waarde op %(date)s") % {"date": date_format(overview.compare.date)},
            _("Verschil"),
            _("Verschil in %"),
        ]
    return columns


def rows(overview: Overview, *, as_text: bool):
    """Rows of cells; numbers as on screen (as_text) or as numbers (XLSX)."""
    compared = overview.compare is not None

    def cells(part, figure, group, item):
        line = [part, figure, group, item.note]
        line.append(item.value_text if as_text or item.value is None else item.value)
        if compared:
            line += [
                item.before_text if as_text or item.before is None else item.before,
                item.difference_text if as_text or item.difference is None else item.difference,
                item.percent_text if as_text or item.percent is None else item.percent,
            ]
        return line

    scope = overview.scope_label
    for section in overview.sections:
        for item in section.rows:
            yield cells(section.title, item.label, scope, item)
    for breakdown in overview.breakdowns:
        if breakdown.missing:
            line = [breakdown.title, overview.figure_label, "", breakdown.missing, ""]
            yield line + (["", "", ""] if compared else [])
        for item in [*breakdown.rows, *breakdown.rest]:
            yield cells(breakdown.title, overview.figure_label, item.label, item)
    for point in overview.trend:
        value = format_number(point.value, overview.figure_kind) if as_text else point.value
        line = [_("Verloop"), overview.figure_label, point.moment.name, "", value]
        if compared:
            line += ["", "", ""]
        yield line


def export_response(overview: Overview, fmt: str, *, filename: str):
    """The download through the core's one export helper: CSV with the numbers as on screen,
    XLSX with numbers as numbers (Decimal as float)."""
    if fmt == "xlsx":
        lines = (
            [float(cell) if isinstance(cell, Decimal) else cell for cell in line]
            for line in rows(overview, as_text=False)
        )
    else:
        lines = rows(overview, as_text=True)
    return exports.export_response(
        fmt, header=header(overview), rows=lines, filename=filename, sheet_title=_("Dashboard")
    )
