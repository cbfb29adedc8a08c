"""Reads of the POF pages: whose requests a person sees, the default school year, the
partner companies' recognition (from the core's figure registry), the frozen figures of the
last final measurement moment for the agenda's annex, and the staff lists."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from network.models import Body, Meeting
from steunpunt.accounts.roles import is_staff_member
from steunpunt.core.access import organisations_for_user
from steunpunt.core.figures import registry
from steunpunt.core.frozen_figures import FrozenAnnex, frozen_annex
from steunpunt.core.models import Organisation, Site

from .models import AgendaPdf, ProgrammatieRequest, request_deadline

RECOGNITION_FIGURE = "matchmaking.company_recognised"


def is_pof_session(meeting: Meeting) -> bool:
    return meeting.body.kind == Body.Kind.POF


def requests_of_session(session: Meeting):
    return (
        ProgrammatieRequest.objects.filter(session=session)
        .select_related("provider", "site__postcode__subregion", "programme")
        .prefetch_related("partner_companies")
        .order_by("agenda_item__position", "pk")
    )


def frozen_figures_for_requests(requests) -> FrozenAnnex:
    """The last final moment's values for each request's programme in the subregion of its
        site (and in the province), with the change since the final moment before: two queries for
        the whole agenda (asked from the core's frozen-figures port, which the dashboard provides;
    empty when nothing provides it). Needs the requests' programme and site__postcode__subregion
    loaded."""
    return frozen_annex([annex_key(request) for request in requests])


def annex_key(request: ProgrammatieRequest) -> tuple[str, str]:
    subregion = request.site.postcode.subregion
    return request.programme.code, subregion.slug if subregion is not None else ""


def providers_for_user(user) -> QuerySet[Organisation]:
    """The schools and centres a person may file requests for (all of them for staff)."""
    providers = Organisation.objects.filter(kind__in=Organisation.PROVIDER_KINDS)
    if is_staff_member(user):
        return providers
    return providers.filter(pk__in=organisations_for_user(user).values("pk"))


def sites_for_user(user) -> QuerySet[Site]:
    return (
        Site.objects.filter(organisation__in=providers_for_user(user), active=True)
        .select_related("organisation", "postcode")
        .order_by("organisation__name", "-is_main", "name")
    )


def requests_for_user(user) -> QuerySet[ProgrammatieRequest]:
    requests = ProgrammatieRequest.objects.select_related(
        "provider", "site__organisation", "site__postcode", "programme"
    )
    if not user.is_authenticated:
        return requests.none()
    if is_staff_member(user):
        return requests
    return requests.filter(provider__in=organisations_for_user(user).values("pk"))


def get_request_for_user(user, uuid) -> ProgrammatieRequest:
    return get_object_or_404(requests_for_user(user), uuid=uuid)


def school_year_of(first: int) -> str:
    return f"{first}-{first + 1}"


def default_school_year(today: date | None = None) -> str:
    """The next school year whose request deadline has not passed yet."""
    today = today or timezone.localdate()
    first = today.year + 1
    while request_deadline(school_year_of(first)) < today:
        first += 1
    return school_year_of(first)


def school_years() -> list[str]:
    """The school years that have requests, newest first, plus the default one."""
    years = set(
        ProgrammatieRequest.objects.values_list("school_year", flat=True).distinct().order_by()
    )
    years.add(default_school_year())
    return sorted(years, reverse=True)


@dataclass(frozen=True)
class PartnerStatus:
    company: Organisation
    recognised: object  # what the registry says (a number or a yes/no), None when unknown


def partner_recognition(request: ProgrammatieRequest) -> list[PartnerStatus] | None:
    """Each partner company's recognition for the request's programme, or None when no app
    provides the figure (then the page shows no recognition column)."""
    if RECOGNITION_FIGURE not in registry.names():
        return None
    filters = registry.get(RECOGNITION_FIGURE).filters
    if not {"organisation", "programme"} <= set(filters):
        return None
    return [
        PartnerStatus(
            company,
            registry.value(RECOGNITION_FIGURE, organisation=company, programme=request.programme),
        )
        for company in request.partner_companies.order_by("name")
    ]


def staff_requests() -> QuerySet[ProgrammatieRequest]:
    """What the secretariat works with: every request once it is submitted (drafts stay the
    school's own business)."""
    return (
        ProgrammatieRequest.objects.exclude(status=ProgrammatieRequest.Status.DRAFT)
        .select_related(
            "provider", "site__organisation", "site__postcode__subregion", "programme", "session"
        )
        .order_by("provider__name", "programme__name", "pk")
    )


def export_requests(school_year: str) -> QuerySet[ProgrammatieRequest]:
    return staff_requests().filter(school_year=school_year).prefetch_related("partner_companies")


def get_session(uuid) -> Meeting:
    """A POF session by uuid (staff pages only); any other meeting is a 404."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), uuid=uuid)
    if not is_pof_session(meeting):
        raise Http404
    return meeting


def agenda_pdfs_of(session: Meeting) -> QuerySet[AgendaPdf]:
    return session.agenda_pdfs.select_related("requested_by").order_by("-version")
