"""Figures of the current campaign for the figure registry (dashboard, public figures), and the
groupings of the campaign tools' reach figures.

`campaigns.participating_schools`: schools taking part in the current (active) campaign.
`campaigns.checklist_progress`: the share of the checklist the participating schools ticked
off together, in %. Both filter on subregion (the subregion of a school's sites).

Groupings: a school has several sites; its subregion in these figures is the one of its main
site (or its first site when none is marked main), so a school counts in one subregion and the
province total is the sum of the subregions. Rows without a school (anonymous downloads, the
general QR codes) count in the province only. Provider type is the school's Organisation.kind.
"""

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import Grouping, day_end
from steunpunt.core.figures import Figure, registry
from steunpunt.core.models import Site

from ..models import ChecklistTick, Participation
from .services import current_campaign

# --- Groupings of the reach figures ------------------------------------------------------------


def school_subregion(school: str) -> Subquery:
    """The subregion (slug) of the main site of the school at the path `school`."""
    sites = Site.objects.filter(organisation=OuterRef(school)).order_by("-is_main", "pk")
    return Subquery(sites.values("postcode__subregion__slug")[:1])


def _by_school(rows, school: str):
    return rows.annotate(school_subregion=school_subregion(school))


def school_paths(school: str) -> dict[str, str]:
    return {"subregion": "school_subregion", "provider_type": f"{school}__kind"}


def _participations_on(day):
    from ..models import Campaign, Participation

    rows = Participation.objects.filter(
        campaign__starts_on__lte=day,
        campaign__ends_on__gte=day,
        joined_at__lt=day_end(day),
    ).exclude(campaign__status=Campaign.Status.DRAFT)
    return _by_school(rows, "school")


def _orders_by(day):
    from ..models import Order

    return Order.objects.exclude(status=Order.Status.REFUSED).filter(created_at__lt=day_end(day))


def _kit_downloads_by(day):
    from ..models import KitDownloadCount

    return _by_school(KitDownloadCount.objects.filter(day__lte=day), "school")


def _qr_scans_by(day):
    from ..models import QrScanCount

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


# --- The campaign's own figures -------------------------------------------------------------


def _participations(campaign, subregion=None):
    qs = Participation.objects.filter(campaign=campaign)
    if subregion is not None:
        qs = qs.filter(school__sites__postcode__subregion=subregion).distinct()
    return qs


def participating_schools(subregion=None) -> int:
    campaign = current_campaign()
    return 0 if campaign is None else _participations(campaign, subregion).count()


def checklist_progress(subregion=None) -> float | None:
    campaign = current_campaign()
    if campaign is None:
        return None
    participations = _participations(campaign, subregion)
    schools, items = participations.count(), campaign.checklist_items.count()
    if not schools or not items:
        return 0.0
    ticks = ChecklistTick.objects.filter(participation__in=participations.values("pk")).count()
    return round(100 * ticks / (schools * items), 1)


def register_campaign_figures() -> None:
    registry.register(
        Figure(
            name="campaigns.participating_schools",
            label=_("Scholen die meedoen aan de campagne"),
            unit=_("scholen"),
            compute=participating_schools,
            description=_(
                "Scholen en centra die meedoen aan de campagne die op de peildatum loopt, uit de "
                "deelnames in het portaal; de subregio is die van hun hoofdvestiging."
            ),
            filters=("subregion",),
            grouping=PARTICIPATING_SCHOOLS,
        )
    )
    registry.register(
        Figure(
            name="campaigns.checklist_progress",
            label=_("Checklist van de campagne afgevinkt"),
            unit="%",
            compute=checklist_progress,
            description=_(
                "Het deel van de checklist van de lopende campagne dat de deelnemende scholen "
                "samen afvinkten in het portaal, in procent (per subregio: de scholen met een "
                "vestigingsplaats daar)."
            ),
            filters=("subregion",),
            kind="percent",
        )
    )
