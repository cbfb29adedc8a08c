"""The figure registry: one place where apps publish the figures others may read.

Each app registers providers in its AppConfig.ready(); readers (dashboard, POF annex, public
figures) ask by name. No app imports another app to count its rows.

    registry.register(Figure(name="core.providers", label=..., unit=..., compute=fn))
    registry.value("core.providers", subregion=sub)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Figure:
    """A figure an app publishes.

    `compute(**filters)` gives one number (the POF annex, programme pages). `grouping` (see
    figure_groups.Grouping) lets readers split the figure in a few grouped queries, by the scopes
    subregion and provider type and the breakdowns programme, study domain (and any the figure
    names, e.g. audience); without it a snapshot asks `compute` per subregion. `derived` makes
    the figure a percentage of two others: (numerator figure, denominator figure).
    `kind` is "count" (people or things; small counts are suppressed in public), "percent" or
    "days" (a median duration). `in_snapshot=False` keeps a figure that only makes sense for
    one organisation or place out of measurement moments.
    """

    name: str
    label: Any
    unit: Any
    compute: Callable[..., int | float | None] | None = None
    description: Any = ""
    filters: tuple[str, ...] = field(default=("subregion", "programme", "moment"))
    grouping: Any = None
    derived: tuple[str, str] | None = None
    kind: str = "count"
    in_snapshot: bool = True


class FigureRegistry:
    def __init__(self):
        self._figures: dict[str, Figure] = {}

    def register(self, figure: Figure) -> Figure:
        existing = self._figures.get(figure.name)
        if existing is not None and existing.compute is not figure.compute:
            raise ValueError(f"Figure {figure.name!r} is already registered by another provider.")
        self._figures[figure.name] = figure
        return figure

    def get(self, name: str) -> Figure:
        try:
            return self._figures[name]
        except KeyError as exc:
            raise KeyError(
                f"No figure named {name!r}; registered: {sorted(self._figures)}"
            ) from exc

    def names(self) -> list[str]:
        return sorted(self._figures)

    def value(self, name: str, **filters):
        figure = self.get(name)
        unknown = set(filters) - set(figure.filters)
        if unknown:
            raise TypeError(f"Figure {name!r} does not filter on {sorted(unknown)}")
        if figure.compute is None:
            raise TypeError(f"Figure {name!r} has no single-value provider; read its groups.")
        return figure.compute(**filters)

    def cells(self, name: str, *, moment=None):
        """Every value of a grouped or derived figure at `moment`, per scope and breakdown (see
        figure_groups.cells); None when the figure only has a single-value provider."""
        from .figure_groups import cells, derived_cells

        figure = self.get(name)
        if figure.derived is not None:
            numerator, denominator = figure.derived
            return derived_cells(
                self.cells(numerator, moment=moment), self.cells(denominator, moment=moment)
            )
        if figure.grouping is None:
            return None
        return cells(figure.grouping, moment)


registry = FigureRegistry()


def _providers_with_offer(subregion=None, programme=None, moment=None):
    from .models import Organisation

    qs = Organisation.objects.filter(
        kind__in=Organisation.PROVIDER_KINDS, sites__offers__active=True
    )
    if subregion is not None:
        qs = qs.filter(sites__postcode__subregion=subregion)
    if programme is not None:
        qs = qs.filter(sites__offers__programme=programme)
    return qs.distinct().count()


def _programmes_offered(subregion=None, programme=None, moment=None):
    from .models import Programme

    qs = Programme.objects.filter(offers__active=True)
    if subregion is not None:
        qs = qs.filter(offers__site__postcode__subregion=subregion)
    if programme is not None:
        qs = qs.filter(pk=programme.pk)
    return qs.distinct().count()


# Where an offer lies, who offers it and what: the paths of the grouped offer figures.
OFFER_PATHS = {
    "subregion": "site__postcode__subregion__slug",
    "provider_type": "site__organisation__kind",
    "programme": "programme__code",
    "study_domain": "programme__study_domain__code",
}


def _active_offers(day):
    from .models import ProgrammeOffer

    return ProgrammeOffer.objects.filter(
        active=True, site__organisation__kind__in=_provider_kinds()
    )


def _provider_kinds():
    from .models import Organisation

    return Organisation.PROVIDER_KINDS


def register_core_figures():
    from django.db.models import Count

    from .figure_groups import Grouping

    registry.register(
        Figure(
            name="core.providers_with_offer",
            label=_("Opleidingsverstrekkers met duaal aanbod"),
            unit=_("verstrekkers"),
            compute=_providers_with_offer,
            description=_(
                "Scholen, centra en Syntra met minstens één actief duaal aanbod (het huidige "
                "aanbod, niet dat op de peildatum)."
            ),
            grouping=Grouping(
                rows=_active_offers,
                paths=OFFER_PATHS,
                aggregate=Count("site__organisation", distinct=True),
                additive=False,
            ),
        )
    )
    registry.register(
        Figure(
            name="core.programmes_offered",
            label=_("Aangeboden duale opleidingen"),
            unit=_("opleidingen"),
            compute=_programmes_offered,
            description=_("Duale opleidingen die minstens één verstrekker actief aanbiedt."),
            grouping=Grouping(
                rows=_active_offers,
                paths=OFFER_PATHS,
                aggregate=Count("programme", distinct=True),
                additive=False,
            ),
        )
    )
