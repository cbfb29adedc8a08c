"""Reads of the public workplace finder: which workplaces the public may see, and the search.

A workplace is public when the company agreed to publish it (`is_public`), it is open with at
least one free place (capacity.py), its site and company are active, and the (site, programme)
pair has a recognition that is valid today. Nothing personal leaves this module: the rows carry
the company, the municipality, the programme, places and dates, never a mentor or a contact.

Distances reuse the programme finder (steunpunt/core/finder.py): the database narrows to a
bounding box around the postcode, Python computes the exact haversine on those rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from steunpunt.core.finder import format_distance, within_box
from steunpunt.core.models import Organisation, Postcode, distance_km

from ..models import Recognition, Workplace
from ..runs.capacity import open_workplaces_with_free_places
from .filters import DISTANCES_KM, WorkplaceFilter

PER_PAGE = 20

ROW_RELATIONS = (
    "site__organisation",
    "site__postcode__municipality",
    "site__postcode__subregion",
    "programme__study_domain",
)


def public_workplaces(today: date | None = None) -> QuerySet[Workplace]:
    """The workplaces anyone may see, annotated with `taken` and `free` (one query)."""
    today = today or timezone.localdate()
    recognised = Recognition.objects.valid_on(today).filter(
        site=OuterRef("site"), programme=OuterRef("programme")
    )
    workplaces = Workplace.objects.filter(
        Exists(recognised),
        is_public=True,
        site__active=True,
        site__organisation__active=True,
        site__organisation__kind=Organisation.Kind.COMPANY,
        programme__active=True,
    )
    return open_workplaces_with_free_places(workplaces)


def get_public_workplace(uuid) -> Workplace:
    """A public workplace for its page; 404 when it is not (or no longer) public."""
    return get_object_or_404(public_workplaces().select_related(*ROW_RELATIONS), uuid=uuid)


def workplaces_near(workplaces: QuerySet[Workplace], origin: Postcode, radius_km: float | None):
    """(pk, km) of the workplaces within `radius_km` of `origin` (all with coordinates when no
    radius), nearest first: one query."""
    if radius_km:
        workplaces = within_box(workplaces, origin, radius_km)
    rows = workplaces.values_list("pk", "site__postcode__latitude", "site__postcode__longitude")
    near = []
    for pk, lat, lon in rows:
        if lat is None or lon is None:
            continue
        km = distance_km(origin.latitude, origin.longitude, lat, lon)
        if radius_km and km > radius_km:
            continue
        near.append((km, pk))
    near.sort()
    return [(pk, km) for km, pk in near]


@dataclass
class EmptyState:
    """What exists when a search finds nothing: other subregions, and the nearest workplace."""

    subregion: str = ""
    other_subregions: list[tuple[str, str, int]] = field(default_factory=list)
    nearest_km: float | None = None
    nearest_municipality: str = ""
    wider_km: int | None = None

    @property
    def nearest_label(self) -> str:
        return format_distance(self.nearest_km)


@dataclass
class WorkplaceResults:
    page: Page
    origin: Postcode | None
    radius_km: int | None
    empty: EmptyState | None = None

    @property
    def count(self) -> int:
        return self.page.paginator.count


def search_workplaces(filterset: WorkplaceFilter, page_number) -> WorkplaceResults:
    """The public workplaces matching the filters, nearest first when a postcode was given.

    Queries without a postcode: count + one page. With a postcode: the postcode (form
    validation), the (pk, coordinates) rows in the bounding box, one page. An empty result adds
    at most two queries (EmptyState).
    """
    origin, radius = filterset.origin, filterset.radius_km
    workplaces = filterset.qs
    if origin is None:
        ordered = workplaces.select_related(*ROW_RELATIONS).order_by(
            "start_date", "site__organisation__name", "programme__name", "pk"
        )
        page = Paginator(ordered, PER_PAGE).get_page(page_number)
        rows = list(page.object_list)
        for workplace in rows:
            workplace.distance = None
    else:
        near = workplaces_near(workplaces, origin, radius)
        page = Paginator(near, PER_PAGE).get_page(page_number)
        distances = dict(page.object_list)
        by_pk = workplaces.select_related(*ROW_RELATIONS).in_bulk(list(distances))
        rows = []
        for pk, km in page.object_list:
            if pk in by_pk:
                by_pk[pk].distance = km
                rows.append(by_pk[pk])
    for workplace in rows:
        workplace.distance_label = format_distance(workplace.distance)
    page.object_list = rows
    results = WorkplaceResults(page=page, origin=origin, radius_km=radius)
    if not results.count and filterset.is_bound:
        results.empty = empty_state(filterset)
    return results


def empty_state(filterset: WorkplaceFilter) -> EmptyState:
    """Where the same kind of workplace exists when the place filters leave nothing.

    Counts workplaces per other subregion (one query, only when a subregion was chosen) and
    finds the nearest workplace in the province (one query, only when a postcode was given).
    """
    state = EmptyState()
    data = filterset.data.copy()
    for name in (*WorkplaceFilter.PLACE_FIELDS, "page"):
        data.pop(name, None)
    elsewhere = WorkplaceFilter(data, queryset=filterset.queryset).qs
    cleaned = getattr(filterset.form, "cleaned_data", {})
    subregion = cleaned.get("subregion")
    if subregion is not None:
        state.subregion = subregion.name
        counts = (
            Workplace.objects.filter(pk__in=elsewhere.values("pk"))
            .exclude(site__postcode__subregion=subregion)
            .filter(site__postcode__subregion__isnull=False)
            .values(
                "site__postcode__subregion__name",
                "site__postcode__subregion__slug",
                "site__postcode__subregion__order",
            )
            .annotate(workplaces=Count("pk"))
            .order_by("-workplaces", "site__postcode__subregion__order")
        )
        state.other_subregions = [
            (
                row["site__postcode__subregion__name"],
                row["site__postcode__subregion__slug"],
                row["workplaces"],
            )
            for row in counts
        ]
    origin = filterset.origin
    if origin is not None:
        rows = elsewhere.values_list(
            "site__postcode__latitude",
            "site__postcode__longitude",
            "site__postcode__municipality__name",
            "site__postcode__locality",
        )
        nearest = None
        for lat, lon, municipality, locality in rows:
            if lat is None or lon is None:
                continue
            km = distance_km(origin.latitude, origin.longitude, lat, lon)
            if nearest is None or km < nearest[0]:
                nearest = (km, municipality or locality)
        if nearest is not None:
            state.nearest_km, state.nearest_municipality = nearest
            # The smallest distance of the filter that reaches it (None: beyond 50 km).
            state.wider_km = next((km for km in DISTANCES_KM if km >= nearest[0]), None)
    return state
