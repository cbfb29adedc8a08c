"""CSV and XLSX export of the programmatie requests of one school year, for the secretariat.

Cells that a spreadsheet would read as a formula are neutralised (campaigns' helper).
"""

import csv
import io
from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.spreadsheets import neutralise

from .models import ProgrammatieRequest


def header() -> list[str]:
    return [
        _("Schooljaar"),
        _("Status"),
        _("Opleidingsverstrekker"),
        _("Vestigingsplaats"),
        _("Postcode"),
        _("Gemeente"),
        _("Subregio"),
        _("Opleiding"),
        _("Code opleiding"),
        _("Verwacht aantal lerenden"),
        _("Partnerondernemingen"),
        _("Waarom deze opleiding hier"),
        _("Ingediend op"),
        _("Advies"),
        _("Motivering van het advies"),
        _("Doorgestuurd op"),
    ]


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def rows(requests: Iterable[ProgrammatieRequest]):
    for request in requests:
        postcode = request.site.postcode
        yield [
            neutralise(value)
            for value in (
                request.school_year,
                request.get_status_display(),
                request.provider.name,
                request.site.name or request.provider.name,
                postcode.code,
                postcode.locality,
                str(postcode.subregion or ""),
                request.programme.name,
                request.programme.code,
                request.expected_learners,
                ", ".join(sorted(c.name for c in request.partner_companies.all())),
                request.rationale,
                _when(request.submitted_at),
                request.get_advice_display() if request.advice else "",
                request.advice_motivation,
                _when(request.forwarded_at),
            )
        ]


def export_csv(requests) -> bytes:
    """UTF-8 with BOM and semicolons: what Excel in Belgium opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows(requests))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(requests, *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header())
    for row in rows(requests):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
