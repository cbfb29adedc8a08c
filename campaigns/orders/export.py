"""CSV and XLSX export of orders for the printer or shipper: one row per order line.

A cell that starts with =, +, - or @ (or a tab or carriage return) would be read as a formula
by a spreadsheet; such cells get a leading apostrophe, so they show as typed text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.spreadsheets import FORMULA_PREFIXES, neutralise

from ..models import Order

__all__ = ["FORMULA_PREFIXES", "export_csv", "export_xlsx", "header", "neutralise", "rows"]


def header() -> list[str]:
    return [
        _("Referentie"),
        _("Besteld op"),
        _("Status"),
        _("Campagne"),
        _("School"),
        _("Vestigingsplaats"),
        _("Straat en nummer"),
        _("Postcode"),
        _("Plaats"),
        _("Subregio"),
        _("Gewenste leverdatum"),
        _("Materiaal"),
        _("Aantal"),
        _("Opmerkingen"),
    ]


def rows(orders: Iterable[Order]):
    for order in orders:
        site = order.site
        postcode = site.postcode
        for line in order.lines.all():
            yield [
                neutralise(value)
                for value in (
                    order.reference,
                    timezone.localtime(order.created_at).strftime("%d/%m/%Y %H:%M"),
                    order.get_status_display(),
                    order.campaign.name,
                    order.school.name,
                    site.name or order.school.name,
                    site.street,
                    postcode.code,
                    postcode.locality,
                    str(postcode.subregion or ""),
                    order.wished_date.strftime("%d/%m/%Y") if order.wished_date else "",
                    line.material.name,
                    line.quantity,
                    order.remarks,
                )
            ]


def export_csv(orders: Iterable[Order]) -> bytes:
    """UTF-8 with BOM and semicolons: what Excel in Belgium opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows(orders))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(orders: Iterable[Order]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Bestellingen"))
    sheet.append(header())
    for row in rows(orders):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
