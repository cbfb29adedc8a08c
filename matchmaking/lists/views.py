"""The three follow-up lists: the risk list and the shared waiting list (coordinators, and school
contacts who see their own learners' names only), and "recognised but inactive" (coordinators,
for employer outreach, also as CSV)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from steunpunt.accounts.permissions import role_required
from steunpunt.accounts.roles import Role
from steunpunt.core.exports import export_response

from ..learners.access import LEARNER_ROLES
from .export import inactive_header, inactive_rows
from .filters import InactiveFilter, WaitingListFilter
from .selectors import (
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


@role_required(Role.COORDINATOR)
@require_GET
def inactive_list(request):
    today = timezone.localdate()
    form = InactiveFilter(request.GET)
    recognitions = inactive_recognitions(today=today, **form.selection())
    fmt = request.GET.get("format", "html")
    if fmt == "csv":
        return export_response(
            "csv",
            header=inactive_header(),
            rows=inactive_rows(recognitions),
            filename=f"erkend-maar-inactief-{today.isoformat()}",
        )
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
