"""CSV and XLSX export of orders for the printer or shipper: one row per order line.

The file comes from the core's one export helper (steunpunt.core.exports), which neutralises
every cell: one that starts with =, +, - or @ (or a tab or carriage return) would be read as a
formula by a spreadsheet, so it gets a leading apostrophe and shows as typed text.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core import exports

from ..models import Order

__all__ = ["export_response", "header", "rows", "xlsx_bytes"]


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
            ]


def export_response(orders: Iterable[Order], fmt: str, *, filename: str):
    """The download in `fmt` ("csv" or "xlsx"; anything else is a 404)."""
    return exports.export_response(
        fmt, header=header(), rows=rows(orders), filename=filename, sheet_title=_("Bestellingen")
    )


def xlsx_bytes(orders: Iterable[Order]) -> bytes:
    return exports.xlsx_bytes(header(), rows(orders), sheet_title=_("Bestellingen"))
