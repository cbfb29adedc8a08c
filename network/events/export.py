"""The export of an event's registrations for the staff (CSV with a BOM and semicolons for
Excel, or XLSX) through the core's one export helper, which neutralises every cell so no
value is read as a formula."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.exports import export_response


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
            registration.name,
            registration.organisation,
            registration.email,
            registration.dietary_needs,
            registration.accessibility_needs,
            registration.get_status_display(),
            timezone.localtime(registration.registered_at).strftime("%d/%m/%Y %H:%M"),
        ]


def registrations_response(registrations, *, name: str, fmt: str | None) -> HttpResponse:
    """The registrations as a download: CSV when `fmt` is "csv", XLSX otherwise."""
    return export_response(
        "csv" if fmt == "csv" else "xlsx",
        header=export_header(),
        rows=export_rows(registrations),
        filename=name,
        sheet_title=_("Inschrijvingen"),
    )
