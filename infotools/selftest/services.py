"""The self-test's reads (programmes near a postcode, the result) and its one write (the tally).

Nothing personal is written: `record_selftest_result` adds one to an anonymous count per
result and month. The answers themselves are never stored.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Organisation, Postcode, ProgrammeOffer, StudyDomain, distance_km

from ..models import SelfTestTally
from . import scoring

KM_PER_DEGREE_LATITUDE = 111.2
MAX_PROGRAMMES = 12

# ---------------------------------------------------------------------------------------------
# Reads: programmes in the study domains, near a postcode
# ---------------------------------------------------------------------------------------------


@dataclass
class ProgrammeMatch:
    """A programme in the learner's study domains, with its nearest place."""

    name: str
    slug: str
    domain: str
    provider: str
    locality: str
    distance: float | None = None
    places: int = 1

    @property
    def url(self) -> str:
        return programme_url(self.slug)

    @property
    def distance_label(self) -> str:
        if self.distance is None:
            return ""
        if self.distance < 1:
            return _("minder dan 1 km")
        return _("%(km)s km") % {"km": round(self.distance)}


def programme_url(slug: str) -> str:
    try:
        return reverse("core:programme_detail", kwargs={"slug": slug})
    except NoReverseMatch:  # the finder's detail page is not mounted (yet)
        return f"/opleidingen/{slug}/"


def _public_offers():
    """Active offers of active programmes, at active sites of active providers."""
    return ProgrammeOffer.objects.filter(
        active=True,
        programme__active=True,
        site__active=True,
        site__organisation__active=True,
        site__organisation__kind__in=Organisation.PROVIDER_KINDS,
    )


def _within_box(offers, origin: Postcode, radius_km: float):
    """Narrow to the bounding box of the circle in SQL; the exact distance follows in Python."""
    dlat = radius_km / KM_PER_DEGREE_LATITUDE
    cos = max(math.cos(math.radians(origin.latitude)), 0.01)
    dlon = radius_km / (KM_PER_DEGREE_LATITUDE * cos)
    return offers.filter(
        site__postcode__latitude__range=(origin.latitude - dlat, origin.latitude + dlat),
        site__postcode__longitude__range=(origin.longitude - dlon, origin.longitude + dlon),
    )


def programmes_near(
    *,
    domain_codes: tuple[int, ...],
    origin: Postcode | None,
    radius_km: int,
    buso: bool = False,
    limit: int = MAX_PROGRAMMES,
) -> tuple[list[ProgrammeMatch], int]:
    """Programmes of these study domains, nearest first (by name without a postcode).

    Returns at most `limit` matches and the total number of matching programmes. One query:
    the offers (inside the bounding box when a postcode is given) as flat rows.
    BuSO learners see BuSO programmes; the others see the ordinary ones.
    """
    if not domain_codes:
        return [], 0
    offers = _public_offers().filter(
        programme__study_domain__code__in=domain_codes, programme__is_buso=buso
    )
    if origin is not None:
        offers = _within_box(offers, origin, radius_km)
    rows = offers.values_list(
        "programme_id",
        "programme__name",
        "programme__slug",
        "programme__study_domain__name",
        "site__organisation__name",
        "site__postcode__locality",
        "site__postcode__latitude",
        "site__postcode__longitude",
    )
    best: dict[int, ProgrammeMatch] = {}
    for pk, name, slug, domain, provider, locality, lat, lon in rows:
        km = None
        if origin is not None:
            if lat is None or lon is None:
                continue
            km = distance_km(origin.latitude, origin.longitude, lat, lon)
            if km > radius_km:
                continue
        match = best.get(pk)
        if match is None:
            best[pk] = ProgrammeMatch(name, slug, domain or "", provider, locality, km)
            continue
        match.places += 1
        if km is not None and (match.distance is None or km < match.distance):
            match.provider, match.locality, match.distance = provider, locality, km
    matches = sorted(
        best.values(),
        key=lambda m: (m.distance if m.distance is not None else math.inf, m.name, m.slug),
    )
    return matches[:limit], len(matches)


# ---------------------------------------------------------------------------------------------
# The result: profile + programmes, for the page and the PDF
# ---------------------------------------------------------------------------------------------


@dataclass
class SelfTestResult:
    profile: scoring.Profile
    answers: dict
    origin: Postcode | None
    radius_km: int
    programmes: list[ProgrammeMatch] = field(default_factory=list)
    programme_total: int = 0
    domain_links: list[tuple[str, str]] = field(default_factory=list)  # (name, finder URL)
    made_on: datetime.date | None = None

    @property
    def more_programmes(self) -> int:
        return max(self.programme_total - len(self.programmes), 0)


def build_selftest_result(
    *, answers: dict, origin: Postcode | None, radius_km: int, today=None
) -> SelfTestResult:
    """The profile for the answers plus the programmes that fit (two queries)."""
    profile = scoring.score(answers)
    programmes, total = programmes_near(
        domain_codes=profile.domain_codes, origin=origin, radius_km=radius_km, buso=profile.buso
    )
    return SelfTestResult(
        profile=profile,
        answers=answers,
        origin=origin,
        radius_km=radius_km,
        programmes=programmes,
        programme_total=total,
        domain_links=_domain_links(profile.domain_codes, origin, radius_km),
        made_on=today or timezone.localdate(),
    )


def _domain_links(codes, origin, radius_km) -> list[tuple[str, str]]:
    """Links to the programme finder, one per study domain (one query)."""
    if not codes:
        return []
    try:
        finder = reverse("core:programme_list")
    except NoReverseMatch:
        finder = "/opleidingen/"
    domains = {d.code: d for d in StudyDomain.objects.filter(code__in=codes)}
    links = []
    for code in codes:
        domain = domains.get(code)
        if domain is None:
            links.append((str(scoring.DOMAIN_NAMES[code]), ""))
            continue
        query = f"study_domain={domain.pk}"
        if origin is not None:
            query += f"&postcode={origin.code}&km={radius_km}"
        links.append((domain.name, f"{finder}?{query}"))
    return links


# ---------------------------------------------------------------------------------------------
# Write: the anonymous tally
# ---------------------------------------------------------------------------------------------


def record_selftest_result(*, result: str, actor=None, today: datetime.date | None = None) -> None:
    """Add one to the count of this result in this month. Stores nothing about the person.

    `actor` is accepted for the house signature and ignored: the count is anonymous.
    """
    if result not in SelfTestTally.Result.values:
        raise ValueError(f"Unknown self-test result {result!r}")
    month = (today or timezone.localdate()).replace(day=1)
    with transaction.atomic():
        tally, _created = SelfTestTally.objects.get_or_create(result=result, month=month)
        SelfTestTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)


def submit_selftest(*, answers: dict, actor=None, today: datetime.date | None = None):
    """Score a finished self-test and count its result anonymously. Returns the profile."""
    profile = scoring.score(answers)
    record_selftest_result(result=profile.result, actor=actor, today=today)
    return profile
