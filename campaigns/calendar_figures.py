"""Figures of the current campaign for the figure registry (dashboard, public figures).

`campaigns.participating_schools`: schools taking part in the current (active) campaign.
`campaigns.checklist_progress`: the share of the checklist the participating schools ticked
off together, in %. Both filter on subregion (the subregion of a school's sites).
"""

from django.utils.translation import gettext_lazy as _

from steunpunt.core.figures import Figure, registry

from .campaign_services import current_campaign
from .models import ChecklistTick, Participation


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


def register_calendar_figures() -> None:
    registry.register(
        Figure(
            name="campaigns.participating_schools",
            label=_("Scholen die meedoen aan de campagne"),
            unit=_("scholen"),
            compute=participating_schools,
            filters=("subregion",),
        )
    )
    registry.register(
        Figure(
            name="campaigns.checklist_progress",
            label=_("Checklist van de campagne afgevinkt"),
            unit="%",
            compute=checklist_progress,
            filters=("subregion",),
        )
    )
