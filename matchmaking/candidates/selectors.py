"""Reads of the candidate-company pages: the pipeline with its hand-overs, and the providers
that offer a candidate's programmes near its site (the default receivers of a hand-over)."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from steunpunt.core.finder import within_box
from steunpunt.core.models import Organisation, ProgrammeOffer, distance_km

from ..models import CandidateCompany

HANDOVER_RADIUS_KM = 25


def pipeline(candidates):
    """Candidates with their programmes and the number of hand-overs, newest first."""
    return (
        candidates.select_related("postcode__municipality", "postcode__subregion")
        .prefetch_related("programmes")
        .annotate(referral_count=Count("referrals", distinct=True))
        .order_by("-created_at", "-pk")
    )


def referrals_of(candidate: CandidateCompany):
    return (
        candidate.referrals.select_related("referred_by")
        .prefetch_related(Prefetch("providers", queryset=Organisation.objects.order_by("name")))
        .order_by("-referred_on", "-pk")
    )


@dataclass(frozen=True)
class NearbyProvider:
    organisation: Organisation
    km: float
    programmes: list[str]


def providers_nearby(
    candidate: CandidateCompany, radius_km: float = HANDOVER_RADIUS_KM
) -> list[NearbyProvider]:
    """Providers with a current offer of one of the candidate's programmes at a site within
    `radius_km` of the candidate's postcode, nearest first (one query)."""
    origin = candidate.postcode
    programme_ids = [p.pk for p in candidate.programmes.all()]
    if origin.latitude is None or not programme_ids:
        return []
    offers = within_box(
        ProgrammeOffer.objects.current().filter(
            programme_id__in=programme_ids,
            site__organisation__kind__in=Organisation.PROVIDER_KINDS,
            site__organisation__active=True,
        ),
        origin,
        radius_km,
    ).select_related("site__organisation", "site__postcode", "programme")
    best: dict[int, NearbyProvider] = {}
    for offer in offers:
        postcode = offer.site.postcode
        km = distance_km(origin.latitude, origin.longitude, postcode.latitude, postcode.longitude)
        if km > radius_km:
            continue
        organisation = offer.site.organisation
        found = best.get(organisation.pk)
        names = sorted({*(found.programmes if found else []), offer.programme.name})
        best[organisation.pk] = NearbyProvider(
            organisation, min(km, found.km) if found else km, names
        )
    return sorted(best.values(), key=lambda p: (p.km, p.organisation.name))


def led_to_recognition(candidates) -> int:
    """How many candidates that were handed over are recognised now."""
    return (
        candidates.filter(Q(status=CandidateCompany.Status.RECOGNISED), referrals__isnull=False)
        .distinct()
        .count()
    )
