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
    name: str
    label: Any
    unit: Any
    compute: Callable[..., int | float | None]
    description: Any = ""
    filters: tuple[str, ...] = field(default=("subregion", "programme", "moment"))


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
        return figure.compute(**filters)


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


def register_core_figures():
    registry.register(
        Figure(
            name="core.providers_with_offer",
            label=_("Opleidingsverstrekkers met duaal aanbod"),
            unit=_("verstrekkers"),
            compute=_providers_with_offer,
        )
    )
    registry.register(
        Figure(
            name="core.programmes_offered",
            label=_("Aangeboden duale opleidingen"),
            unit=_("opleidingen"),
            compute=_programmes_offered,
        )
    )
