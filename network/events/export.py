"""The export of an event's registrations for the staff (CSV with a BOM and semicolons for
Excel, or XLSX); every cell is neutralised so no value is read as a formula."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.spreadsheets import neutralise


def export_header() -> list[str]:
    return [
        _("Naam"),
        _("Organisatie"),
        _("E-mailadres"),
        _("Voedingswensen"),
        _("Toegankelijkheid"),
        _("Status"),
        _("Ingeschreven op"),
    ]


def export_rows(registrations):
    for registration in registrations:
        yield [
            neutralise(value)
            for value in (
                registration.name,
                registration.organisation,
                registration.email,
                registration.dietary_needs,
                registration.accessibility_needs,
                registration.get_status_display(),
                timezone.localtime(registration.registered_at).strftime("%d/%m/%Y %H:%M"),
            )
        ]


def registrations_response(registrations, *, name: str, fmt: str | None) -> HttpResponse:
    """The registrations as a download: CSV when `fmt` is "csv", XLSX otherwise."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(export_header())
        writer.writerows(export_rows(registrations))
        response = HttpResponse(
            ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Inschrijvingen"))
    sheet.append(export_header())
    for row in export_rows(registrations):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
