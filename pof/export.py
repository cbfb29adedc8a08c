"""The columns and rows of the CSV/XLSX export of one school year's programmatie requests, for
the secretariat. The file itself (and the neutralising of cells a spreadsheet would read as a
formula) comes from the core's export helper, steunpunt.core.exports.
"""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

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
        ]
