"""The port through which a reader gets the figures FROZEN at the last final measurement moment,
without knowing which app keeps them.

The POF agenda's annex shows, next to the live figures of the registry (figures.py), the values
a coordinator froze at the last final moment for a programme in a subregion and in the whole
province, with the change since the final moment before. The core defines the question and the
shape of the answer; the dashboard (the one app that keeps measurement moments, the highest
layer) provides the answer from its AppConfig.ready(); a reader asks the core, never the
dashboard. With no provider registered the answer is empty, and the annex shows only the live
figures.

    register_annex_provider(frozen_annex)            # the dashboard, in ready()
    frozen_annex([("ELEK", "kust"), ("KAP", "")])    # the POF
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol


class FrozenMoment(Protocol):
    """The final measurement moment the values were frozen at."""

    name: str
    date: date


class FrozenValue(Protocol):
    """One frozen figure for a programme in one scope, as the annex shows it."""

    label: str
    scope: str  # the subregion's name, or West-Vlaanderen
    value: Decimal
    before: Decimal | None  # at the final moment before, when it held the figure

    @property
    def shown(self) -> str: ...

    @property
    def change(self) -> str: ...


@dataclass
class FrozenAnnex:
    """The last final moment's values per (programme code, subregion slug or "") asked for."""

    moment: FrozenMoment | None
    previous: FrozenMoment | None
    values: dict[tuple[str, str], list[FrozenValue]]

    def for_request(self, programme_code: str, subregion_slug: str) -> list[FrozenValue]:
        return self.values.get((programme_code, subregion_slug or ""), [])


AnnexProvider = Callable[[list[tuple[str, str]]], FrozenAnnex]
EMPTY = FrozenAnnex(None, None, {})

_provider: AnnexProvider | None = None


def register_annex_provider(provider: AnnexProvider) -> AnnexProvider:
    """Make `provider(pairs) -> FrozenAnnex` the one answer to frozen_annex (idempotent)."""
    global _provider
    if _provider is not None and _provider is not provider:
        raise ValueError("The frozen figures already have a provider.")
    _provider = provider
    return provider


def annex_provider() -> AnnexProvider | None:
    return _provider


def frozen_annex(pairs: list[tuple[str, str]]) -> FrozenAnnex:
    """For each (programme code, subregion slug or ""), the frozen values of the last final
    moment; an empty annex (no moment) when no app provides frozen figures."""
    if _provider is None:
        return FrozenAnnex(None, None, {})
    return _provider(list(pairs))
