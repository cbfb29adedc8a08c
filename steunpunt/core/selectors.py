"""Non-trivial reads of the core."""

from django.db.models import Count, Prefetch, Q

from .models import Membership, Organisation, Programme, ProgrammeOffer, Site


def home_key_numbers() -> dict:
    """Three numbers for the home page, in two queries."""
    counts = Organisation.objects.aggregate(
        providers=Count(
            "pk",
            filter=Q(kind__in=Organisation.PROVIDER_KINDS, sites__offers__active=True),
            distinct=True,
        ),
    )
    counts["programmes"] = Programme.objects.filter(active=True).count()
    return counts


def organisation_overview(organisation: Organisation) -> dict:
    sites = (
        Site.objects.filter(organisation=organisation)
        .select_related("postcode__municipality", "postcode__subregion")
        .prefetch_related(
            Prefetch(
                "offers",
                queryset=ProgrammeOffer.objects.filter(active=True).select_related("programme"),
            )
        )
    )
    memberships = (
        Membership.objects.filter(organisation=organisation, ended_on__isnull=True)
        .select_related("person")
        .order_by("-is_primary_contact", "person__last_name")
    )
    return {"sites": sites, "memberships": memberships}
