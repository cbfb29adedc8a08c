"""Selectors of the public programme finder: search with distances, programme and provider pages.

Distances: SQLite (locally) and PostgreSQL (CI, production) share no geo functions we want to
depend on, so the database only narrows the offers to a bounding box around the postcode (plain
latitude/longitude ranges) and Python computes the exact haversine on those few rows. Every
function runs a fixed number of queries, whatever the number of programmes or offers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from .filters import ProgrammeFilter, public_offers
from .models import Organisation, Postcode, Programme, ProgrammeOffer, Site, distance_km

PER_PAGE = 20
KM_PER_DEGREE_LATITUDE = 111.2


# ---------------------------------------------------------------------------------------------
# Places where a programme is offered
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One offer of a programme, flattened for the templates (one row of the offers query)."""

    programme_id: int
    provider_name: str
    provider_uuid: str
    site_name: str
    street: str
    postcode: str
    locality: str
    municipality: str
    subregion: str
    latitude: float | None
    longitude: float | None
    distance: float | None = None

    @property
    def distance_label(self) -> str:
        return format_distance(self.distance)


PLACE_FIELDS = (
    "programme_id",
    "site__organisation__name",
    "site__organisation__uuid",
    "site__name",
    "site__street",
    "site__postcode__code",
    "site__postcode__locality",
    "site__postcode__municipality__name",
    "site__postcode__subregion__name",
    "site__postcode__latitude",
    "site__postcode__longitude",
)


def format_distance(km: float | None) -> str:
    if km is None:
        return ""
    if km < 1:
        return _("minder dan 1 km")
    return _("%(km)s km") % {"km": round(km)}


def _places(offers, origin: Postcode | None) -> list[Place]:
    """The offers as places, with the distance from `origin` (one query)."""
    places = []
    for row in offers.values_list(*PLACE_FIELDS):
        place = Place(*row[:2], str(row[2]), *(value or "" for value in row[3:9]), *row[9:])
        if origin is not None and place.latitude is not None and place.longitude is not None:
            place = _with_distance(place, origin)
        places.append(place)
    return places


def _with_distance(place: Place, origin: Postcode) -> Place:
    km = distance_km(origin.latitude, origin.longitude, place.latitude, place.longitude)
    return replace(place, distance=km)


def within_box(offers, origin: Postcode, radius_km: float):
    """Offers whose site lies in the bounding box of the circle (SQL), before the exact check."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    dlon = radius_km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(origin.latitude)), 0.01))
    return offers.filter(
        site__postcode__latitude__range=(origin.latitude - dlat, origin.latitude + dlat),
        site__postcode__longitude__range=(origin.longitude - dlon, origin.longitude + dlon),
    )


def sort_places(places: list[Place]) -> list[Place]:
    """Nearest first when distances are known, otherwise by provider and place."""
    return sorted(
        places,
        key=lambda p: (
            p.distance if p.distance is not None else math.inf,
            p.provider_name,
            p.locality,
            p.site_name,
        ),
    )


# ---------------------------------------------------------------------------------------------
# The finder
# ---------------------------------------------------------------------------------------------


@dataclass
class Hit:
    """A programme in the results, with where it is offered (matching the place filters)."""

    programme: Programme
    places: list[Place] = field(default_factory=list)

    @property
    def nearest(self) -> Place | None:
        return self.places[0] if self.places and self.places[0].distance is not None else None

    @property
    def provider_count(self) -> int:
        return len({place.provider_uuid for place in self.places})

    @property
    def municipalities(self) -> list[str]:
        return sorted({place.municipality or place.locality for place in self.places})


@dataclass
class EmptyState:
    """What exists when a search finds nothing: elsewhere in the province, and the nearest."""

    subregion: str = ""
    other_subregions: list[tuple[str, int]] = field(default_factory=list)
    nearest: Place | None = None
    wider_km: int | None = None


@dataclass
class FinderResults:
    page: Page
    origin: Postcode | None
    radius_km: int | None
    empty: EmptyState | None = None

    @property
    def count(self) -> int:
        return self.page.paginator.count


def search_programmes(filterset: ProgrammeFilter, page_number) -> FinderResults:
    """The programmes matching the filters, nearest first when a postcode was given.

    Queries: the postcode (form validation), then without a postcode: count + page of
    programmes + their offers; with a postcode: the offers in the bounding box + the page of
    programmes + their offers. An empty result adds at most two queries (EmptyState).
    """
    origin = filterset.origin
    radius = filterset.radius_km
    programmes = filterset.qs.select_related("study_domain")

    if origin is None:
        paginator = Paginator(programmes.order_by("name", "pk"), PER_PAGE)
        page = paginator.get_page(page_number)
        page_programmes = list(page.object_list)
    else:
        offers = filterset.offer_queryset().filter(programme__in=filterset.qs.values("pk"))
        if radius:
            offers = within_box(offers, origin, radius)
        nearest: dict[int, tuple[float, str]] = {}
        rows = offers.values_list(
            "programme_id",
            "programme__name",
            "site__postcode__latitude",
            "site__postcode__longitude",
        )
        for programme_id, name, lat, lon in rows:
            if lat is None or lon is None:
                continue
            km = distance_km(origin.latitude, origin.longitude, lat, lon)
            if radius and km > radius:
                continue
            if programme_id not in nearest or km < nearest[programme_id][0]:
                nearest[programme_id] = (km, name)
        ranked = sorted(nearest, key=lambda pk: (nearest[pk][0], nearest[pk][1], pk))
        paginator = Paginator(ranked, PER_PAGE)
        page = paginator.get_page(page_number)
        by_pk = programmes.in_bulk(list(page.object_list))
        page_programmes = [by_pk[pk] for pk in page.object_list if pk in by_pk]

    page.object_list = _hits(filterset, page_programmes, origin, radius)
    results = FinderResults(page=page, origin=origin, radius_km=radius)
    if not results.count:
        results.empty = empty_state(filterset)
    return results


def _hits(filterset, programmes, origin, radius) -> list[Hit]:
    """Attach the places (matching the place filters) to one page of programmes: one query."""
    if not programmes:
        return []
    offers = filterset.offer_queryset().filter(programme__in=programmes)
    by_programme: dict[int, list[Place]] = {}
    for place in _places(offers, origin):
        if radius and (place.distance is None or place.distance > radius):
            continue
        by_programme.setdefault(place.programme_id, []).append(place)
    return [Hit(p, sort_places(by_programme.get(p.pk, []))) for p in programmes]


def empty_state(filterset: ProgrammeFilter) -> EmptyState:
    """Where the same programmes are offered when the place filters leave nothing.

    Counts providers per other subregion (one query, only when a subregion was chosen) and finds
    the nearest offer in the province (one query, only when a postcode was given).
    """
    state = EmptyState()
    data = filterset.data.copy()
    for name in (*ProgrammeFilter.PLACE_FIELDS, "page"):
        data.pop(name, None)
    elsewhere = ProgrammeFilter(data)
    offers = elsewhere.offer_queryset().filter(programme__in=elsewhere.qs.values("pk"))
    cleaned = getattr(filterset.form, "cleaned_data", {})
    subregion = cleaned.get("subregion")
    if subregion is not None:
        state.subregion = subregion.name
        counts = (
            offers.exclude(site__postcode__subregion=subregion)
            .filter(site__postcode__subregion__isnull=False)
            .values("site__postcode__subregion__name", "site__postcode__subregion__order")
            .annotate(providers=Count("site__organisation", distinct=True))
            .order_by("-providers", "site__postcode__subregion__order")
        )
        state.other_subregions = [
            (row["site__postcode__subregion__name"], row["providers"]) for row in counts
        ]
    origin = filterset.origin
    if origin is not None:
        places = [p for p in _places(offers, origin) if p.distance is not None]
        if places:
            state.nearest = min(places, key=lambda p: p.distance)
            state.wider_km = 5 * math.ceil((state.nearest.distance + 0.5) / 5)
    return state


# ---------------------------------------------------------------------------------------------
# Programme and provider pages
# ---------------------------------------------------------------------------------------------


def get_public_programme(slug: str) -> Programme:
    try:
        return Programme.objects.select_related("study_domain").get(slug=slug, active=True)
    except Programme.DoesNotExist as exc:
        raise Http404(_("Deze opleiding bestaat niet (meer).")) from exc


def programme_places(programme: Programme, origin: Postcode | None) -> list[Place]:
    """Where a programme is offered, nearest first when `origin` is given (one query)."""
    return sort_places(_places(public_offers().filter(programme=programme), origin))


def describe_programme(programme: Programme) -> list[str]:
    """A few plain sentences from the facts, for programmes without a written description."""
    form = programme.get_education_form_display()
    grade = programme.get_grade_display().lower() if programme.grade else ""
    domain = programme.study_domain.name if programme.study_domain else ""
    sentences = []
    if grade and domain:
        sentences.append(
            _(
                "%(name)s is een duale opleiding in de %(grade)s (%(form)s), "
                "studiedomein %(domain)s."
            )
            % {"name": programme.name, "grade": grade, "form": form, "domain": domain}
        )
    else:
        sentences.append(
            _("%(name)s is een duale opleiding (%(form)s).")
            % {"name": programme.name, "form": form}
        )
    sentences.append(
        _(
            "Je leert op twee plaatsen: op school en op de werkvloer van een erkende onderneming. "
            "Daar begeleidt een mentor je."
        )
    )
    if programme.is_preparatory or programme.segment == Programme.Segment.PREPARATORY:
        sentences.append(
            _(
                "In de aanloopfase werk je eerst aan je basisvaardigheden en attitudes, zodat je "
                "klaar bent om op de werkvloer te leren."
            )
        )
    if programme.is_seventh_year or programme.segment == Programme.Segment.SEVENTH_YEAR:
        sentences.append(
            _(
                "Een 7de leerjaar of Se-n-Se volg je na de derde graad. Je specialiseert je verder "
                "in een beroep."
            )
        )
    if programme.education_form == Programme.EducationForm.BUSO_OV3:
        sentences.append(
            _(
                "In opleidingsvorm 3 van het buitengewoon secundair onderwijs leer je een beroep "
                "op je eigen tempo, met extra begeleiding."
            )
        )
    elif programme.education_form == Programme.EducationForm.BUSO_OV4:
        sentences.append(
            _("In opleidingsvorm 4 van het buitengewoon secundair onderwijs krijg je extra steun.")
        )
    if programme.finality == Programme.Finality.LABOUR_MARKET:
        sentences.append(_("De opleiding bereidt je voor om meteen aan het werk te gaan."))
    elif programme.finality == Programme.Finality.DOUBLE:
        sentences.append(
            _(
                "De opleiding bereidt je voor op een job én op verder studeren in het "
                "hoger onderwijs."
            )
        )
    return sentences


def get_public_provider(uuid) -> Organisation:
    """A provider organisation for its public page; 404 for companies, partners, inactive rows."""
    try:
        return Organisation.objects.get(
            uuid=uuid, active=True, kind__in=Organisation.PROVIDER_KINDS
        )
    except Organisation.DoesNotExist as exc:
        raise Http404(_("Deze aanbieder bestaat niet (meer).")) from exc


def provider_sites(organisation: Organisation):
    """The provider's active sites with their public offer (two queries)."""
    return (
        Site.objects.filter(organisation=organisation, active=True)
        .select_related("postcode__municipality", "postcode__subregion")
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=ProgrammeOffer.objects.filter(active=True, programme__active=True)
                .select_related("programme")
                .order_by("programme__name"),
                to_attr="public_offers",
            )
        )
        .order_by("-is_main", "postcode__code", "name")
    )
