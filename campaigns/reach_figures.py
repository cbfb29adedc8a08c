"""Groupings of the campaign reach figures.

A school has several sites; its subregion in these figures is the one of its main site (or its
first site when none is marked main), so a school counts in one subregion and the province total
is the sum of the subregions. Rows without a school (anonymous downloads, the general QR codes)
count in the province only. Provider type is the school's Organisation.kind.
"""

from django.db.models import Count, OuterRef, Subquery, Sum

from steunpunt.core.figure_groups import Grouping, day_end
from steunpunt.core.models import Site


def school_subregion(school: str) -> Subquery:
    """The subregion (slug) of the main site of the school at the path `school`."""
    sites = Site.objects.filter(organisation=OuterRef(school)).order_by("-is_main", "pk")
    return Subquery(sites.values("postcode__subregion__slug")[:1])


def _by_school(rows, school: str):
    return rows.annotate(school_subregion=school_subregion(school))


def school_paths(school: str) -> dict[str, str]:
    return {"subregion": "school_subregion", "provider_type": f"{school}__kind"}


def _participations_on(day):
    from .models import Campaign, Participation

    rows = Participation.objects.filter(
        campaign__starts_on__lte=day,
        campaign__ends_on__gte=day,
        joined_at__lt=day_end(day),
    ).exclude(campaign__status=Campaign.Status.DRAFT)
    return _by_school(rows, "school")


def _orders_by(day):
    from .models import Order

    return Order.objects.exclude(status=Order.Status.REFUSED).filter(created_at__lt=day_end(day))


def _kit_downloads_by(day):
    from .models import KitDownloadCount

    return _by_school(KitDownloadCount.objects.filter(day__lte=day), "school")


def _qr_scans_by(day):
    from .models import QrScanCount

    return _by_school(QrScanCount.objects.filter(day__lte=day), "qr_code__participation__school")


PARTICIPATING_SCHOOLS = Grouping(
    rows=_participations_on,
    paths=school_paths("school"),
    aggregate=Count("school", distinct=True),
    additive=False,
)
KITS_ORDERED = Grouping(
    rows=_orders_by,
    # Where the kit goes (the delivery site), as the single-value figure counts it.
    paths={"subregion": "site__postcode__subregion__slug", "provider_type": "school__kind"},
)
KIT_DOWNLOADS = Grouping(
    rows=_kit_downloads_by, paths=school_paths("school"), aggregate=Sum("count")
)
QR_SCANS = Grouping(
    rows=_qr_scans_by,
    paths=school_paths("qr_code__participation__school"),
    aggregate=Sum("count"),
)


__all__ = [
    "KITS_ORDERED",
    "KIT_DOWNLOADS",
    "PARTICIPATING_SCHOOLS",
    "QR_SCANS",
]
