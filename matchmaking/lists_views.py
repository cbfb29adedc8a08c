"""The three follow-up lists: the risk list and the shared waiting list (coordinators, and school
contacts who see their own learners' names only), and "recognised but inactive" (coordinators,
for employer outreach, also as CSV)."""

import csv
import io

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from steunpunt.accounts.permissions import role_required
from steunpunt.accounts.roles import Role

from .learner_filters import InactiveFilter, WaitingListFilter
from .learner_views import LEARNER_ROLES
from .lists_selectors import (
    add_nearest_workplaces,
    company_contact,
    inactive_cutoff,
    inactive_recognitions,
    risk_rows,
    waiting_groups,
)

RISK_PAGE = 25
WAITING_PAGE = 30
INACTIVE_PAGE = 50
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return query.urlencode()


@role_required(*LEARNER_ROLES)
@require_GET
def risk_list(request):
    today = timezone.localdate()
    rows = risk_rows(request.user, today=today)
    page = Paginator(rows, RISK_PAGE).get_page(request.GET.get("page"))
    add_nearest_workplaces(list(page.object_list))
    return render(
        request,
        "matchmaking/lists/risk_list.html",
        {
            "page_obj": page,
            "rows": page.object_list,
            "total": len(rows),
            "limit": settings.MATCHMAKING_RISK_TRAINING_DAYS,
            "today": today,
            "is_coordinator": request.user.has_role(Role.COORDINATOR),
        },
    )


@role_required(*LEARNER_ROLES)
@require_GET
def waiting_list(request):
    form = WaitingListFilter(request.GET or None)
    subregion = form.cleaned_data["subregion"] if form.is_valid() else None
    groups = waiting_groups(request.user, subregion=subregion)
    page = Paginator(groups, WAITING_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "matchmaking/lists/waiting_list.html",
        {
            "form": form,
            "page_obj": page,
            "groups": page.object_list,
            "total": sum(group.count for group in groups),
            "is_coordinator": request.user.has_role(Role.COORDINATOR),
        },
    )


def neutralise(value):
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def inactive_csv(recognitions) -> bytes:
    """UTF-8 with BOM and semicolons: what Excel in Belgium opens correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Subregio"),
            _("Opleiding"),
            _("Onderneming"),
            _("Ondernemingsnummer"),
            _("Adres"),
            _("Postcode"),
            _("Gemeente"),
            _("Erkenningsnummer"),
            _("Erkend tot"),
            _("Laatste overeenkomst"),
            _("Contactpersoon"),
            _("E-mailadres"),
            _("Telefoon"),
        ]
    )
    for recognition in recognitions:
        site = recognition.site
        contact = company_contact(recognition)
        writer.writerow(
            [
                neutralise(value)
                for value in (
                    site.postcode.subregion.name if site.postcode.subregion else "",
                    recognition.programme.name,
                    site.organisation.name,
                    site.organisation.enterprise_number_display,
                    site.street,
                    site.postcode.code,
                    site.postcode.locality,
                    recognition.reference,
                    recognition.valid_until.strftime("%d/%m/%Y") if recognition.valid_until else "",
                    (
                        recognition.last_agreement_on.strftime("%d/%m/%Y")
                        if recognition.last_agreement_on
                        else _("nooit")
                    ),
                    contact.full_name if contact else "",
                    contact.email if contact else "",
                    contact.phone if contact else "",
                )
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@role_required(Role.COORDINATOR)
@require_GET
def inactive_list(request):
    today = timezone.localdate()
    form = InactiveFilter(request.GET)
    recognitions = inactive_recognitions(today=today, **form.selection())
    fmt = request.GET.get("format", "html")
    if fmt == "csv":
        response = HttpResponse(inactive_csv(recognitions), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="erkend-maar-inactief-{today.isoformat()}.csv"'
        )
        return response
    if fmt != "html":
        raise Http404("Unknown format")
    page = Paginator(recognitions, INACTIVE_PAGE).get_page(request.GET.get("page"))
    rows = [(recognition, company_contact(recognition)) for recognition in page.object_list]
    query = _query_without_page(request)
    return render(
        request,
        "matchmaking/lists/inactive_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "years": settings.MATCHMAKING_INACTIVE_YEARS,
            "since": inactive_cutoff(today),
            "export_query": query,
            "is_filtered": any(v for k, v in request.GET.items() if k not in ("page", "format")),
        },
    )
