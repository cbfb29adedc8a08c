"""Figures of the current campaign for the figure registry (dashboard, public figures).

`campaigns.participating_schools`: schools taking part in the current (active) campaign.
`campaigns.checklist_progress`: the share of the checklist the participating schools ticked
off together, in %. Both filter on subregion (the subregion of a school's sites).
"""

from django.utils.translation import gettext_lazy as _

from steunpunt.core.figures import Figure, registry

from .campaign_services import current_campaign
from .models import ChecklistTick, Participation
from .reach_figures import PARTICIPATING_SCHOOLS


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
