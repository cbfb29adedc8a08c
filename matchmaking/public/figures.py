"""Figures of the public finder for the core's registry: the open workplaces it shows
(registered in MatchmakingConfig.ready(); the filters and groupings: common/figures.py)."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from steunpunt.core.figure_groups import Grouping
from steunpunt.core.figures import Figure

from ..common.figures import AT_SITE, register
from ..models import Workplace
from .selectors import public_workplaces, workplaces_near

DEFAULT_NEAR_KM = 20


def _near(near):
    if near is None:
        return None, None
    if isinstance(near, tuple | list):
        return near[0], near[1]
    return near, DEFAULT_NEAR_KM


def open_workplaces(programme=None, subregion=None, near=None) -> int:
    """Public workplaces with a free place (the finder's rows), optionally near a postcode."""
    workplaces = public_workplaces()
    if programme is not None:
        workplaces = workplaces.filter(programme=programme)
    if subregion is not None:
        workplaces = workplaces.filter(site__postcode__subregion=subregion)
    origin, km = _near(near)
    if origin is not None and origin.has_coordinates:
        return len(workplaces_near(workplaces, origin, km))
    return workplaces.count()


def _open_workplaces_on(day: date):
    # The finder's rows (annotated and filtered on free places), as a plain queryset to group.
    return Workplace.objects.filter(pk__in=public_workplaces(day).values("pk"))


def register_figures():
    register(
        Figure(
            name="matchmaking.open_workplaces",
            label=_("Vrije leerwerkplekken"),
            unit=_("leerwerkplekken"),
            compute=open_workplaces,
            description=_(
                "Open, gepubliceerde leerwerkplekken met een geldige erkenning en minstens één "
                "vrije plaats, zoals de zoeker van het portaal ze toont (de huidige stand)."
            ),
            filters=("programme", "subregion", "near"),
            grouping=Grouping(rows=_open_workplaces_on, paths=AT_SITE),
        )
    )
