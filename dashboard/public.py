"""What the public and the POF annex may read of the dashboard: FROZEN values of FINAL moments.

Nothing here asks the live registry for a number: the public page (/cijfers/) and the POF annex
show what a coordinator froze and made final. The registry only lends its labels, descriptions
and units (a figure no app registers keeps the label stored with its values).

Small counts could point at people: every count from 1 to 4 is shown as "< 5" (`suppress`), and
a change computed from such a count is not shown (`change`). 0 stays 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from steunpunt.core.figures import registry
from steunpunt.core.frozen_figures import FrozenAnnex

from .models import FigureValue, MeasurementMoment
from .numbers import format_number

D = FigureValue.Dimension

# The figures /cijfers/ shows, in this order: (registry name, plain-language definition used
# when no app registers the figure, or registers it without a description).
PUBLIC_FIGURES: list[tuple[str, object]] = [
    (
        "matchmaking.learners_in_dual",
        gettext_lazy(
            "Jongeren en volwassenen die op de peildatum duaal leren: ze leren op school of in "
            "een centrum en werken op een leerwerkplek in een onderneming."
        ),
    ),
    (
        "matchmaking.agreements_running",
        gettext_lazy(
            "Overeenkomsten tussen een lerende en een onderneming die lopen op de peildatum."
        ),
    ),
    (
        "core.providers_with_offer",
        gettext_lazy("Scholen, centra en Syntra die minstens één duale opleiding aanbieden."),
    ),
    (
        "core.programmes_offered",
        gettext_lazy("Duale opleidingen die minstens één school, centrum of Syntra aanbiedt."),
    ),
    (
        "matchmaking.recognised_companies",
        gettext_lazy("Ondernemingen die erkend zijn om lerenden op te leiden op de werkvloer."),
    ),
    (
        "matchmaking.recognised_sites",
        gettext_lazy("Vestigingen van ondernemingen met een erkenning als leerwerkplek."),
    ),
    (
        "campaigns.participating_schools",
        gettext_lazy("Scholen die meedoen aan een campagne van het Steunpunt."),
    ),
]
PUBLIC_FIGURE_NAMES = [name for name, _definition in PUBLIC_FIGURES]
# The figure the public asks most about: shown per type of provider as well.
BY_PROVIDER_TYPE = "matchmaking.learners_in_dual"

SMALL = "< 5"
NOT_COMPUTABLE = gettext_lazy("niet te berekenen")


# Suppression


def is_small(value) -> bool:
    """A count from 1 to 4 (a fraction above 0 and below 5 too: it is no count to show)."""
    return value is not None and 0 < value < 5


def suppress(value, *, kind: str = "count", people: Decimal | int | None = None) -> str:
    """How a frozen value may be shown to the public, as text.

    Counts: 1 to 4 become "< 5", 0 stays "0", larger counts get the Belgian thousands
    separator. Percentages and medians are about people: they are not shown ("–") when they
    rest on fewer than 5 people (`people`, the count they were computed from) or when that count
    is unknown. None (no value) is "–".
    """
    if value is None:
        return "–"
    value = Decimal(value)
    if kind == "count":
        if is_small(value):
            return SMALL
        return format_number(value)
    if people is None or people < 5:
        return "–"
    text = format_number(value.quantize(Decimal("1")) if kind == "percent" else value)
    return f"{text} %" if kind == "percent" else text


def change(before, after, *, kind: str = "count") -> str:
    """The change from `before` to `after` as "+17 %", never computed from a suppressed count:
    "niet te berekenen" when either is a count from 1 to 4, "–" when there is nothing to
    compare (no earlier value, or an earlier 0)."""
    if before is None or after is None or kind != "count":
        return "–"
    before, after = Decimal(before), Decimal(after)
    if is_small(before) or is_small(after):
        return str(NOT_COMPUTABLE)
    if before == 0:
        return "–"
    percent = ((after - before) * 100 / before).quantize(Decimal("1"))
    if percent > 0:
        return f"+{format_number(percent)} %"
    if percent < 0:
        return f"−{format_number(-percent)} %"  # a real minus sign, as in print
    return "0 %"


HIDDEN = "x"


def secondary_suppression(values: dict, groups: list[tuple[list, object]]) -> set:
    """The cells to hide besides the counts from 1 to 4, so no hidden count can be worked out
    by subtracting the shown parts from a shown total.

    `values` maps a cell to its value; each group is (its parts, their total). A group whose
    parts add up to its total (a plain count split without overlap) with exactly one hidden
    part would give that part away: its smallest shown part above 0 is hidden too (or, when
    there is none, the total). Repeated until no group gives anything away, since hiding a
    cell in one group can open another. Returns every hidden cell, the small counts included.
    """
    hidden = {cell for cell, value in values.items() if is_small(value)}
    changed = True
    while changed:
        changed = False
        for parts, total in groups:
            total_value = values.get(total)
            if total_value is None or total in hidden:
                continue
            if sum((values.get(part) or 0) for part in parts) != total_value:
                continue  # not additive (distinct counts overlap): nothing can be subtracted
            hidden_parts = [p for p in parts if p in hidden and values.get(p)]
            if len(hidden_parts) != 1:
                continue
            shown = [p for p in parts if p not in hidden and values.get(p)]
            hidden.add(min(shown, key=lambda p: values[p]) if shown else total)
            changed = True
    return hidden


# Moments


def final_moments() -> list[MeasurementMoment]:
    """Every final moment, newest first (one query; there are a few a year)."""
    return list(
        MeasurementMoment.objects.filter(status=MeasurementMoment.Status.FINAL)
        .order_by("-date")
        .only("pk", "name", "date", "status")
    )


def pick_moment(
    moments: list[MeasurementMoment], day: date | None
) -> tuple[MeasurementMoment | None, MeasurementMoment | None]:
    """(the moment asked for, or the latest; the final moment before it). (None, None) when the
    day is no final moment: a provisional moment is never picked."""
    for index, moment in enumerate(moments):
        if day is None or moment.date == day:
            previous = moments[index + 1] if index + 1 < len(moments) else None
            return moment, previous
    return None, None


# The public page


@dataclass
class Row:
    """One line of a table: a scope or a group, its values at both moments and the change."""

    key: str
    label: str
    value: Decimal | None
    before: Decimal | None
    hidden: bool = False  # hidden so a small count elsewhere cannot be worked out
    before_hidden: bool = False

    @property
    def change(self) -> str:
        if self.hidden or self.before_hidden:
            return str(NOT_COMPUTABLE) if self.before is not None else "–"
        return change(self.before, self.value)


@dataclass(frozen=True)
class Shown:
    """A cell of the provider-type table: its value, or hidden (see secondary_suppression)."""

    value: Decimal | None
    hidden: bool = False


@dataclass
class ProviderTypeRow:
    """A subregion (or the province) with the figure per type of provider."""

    label: str
    cells: list[Shown]
    total: Shown


@dataclass
class PublicFigure:
    name: str
    label: str
    unit: str
    definition: str
    sources: list[str]
    province: Row | None
    subregions: list[Row]
    study_domains: list[Row] = field(default_factory=list)
    provider_types: list[str] = field(default_factory=list)  # the column headers
    by_provider_type: list[ProviderTypeRow] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """One sentence in plain language, with the same suppression as the tables."""
        if self.province is None:
            return _("Voor heel West-Vlaanderen is er geen cijfer op dit meetmoment.")
        if self.province.hidden:
            return _(
                "Het cijfer voor heel West-Vlaanderen tonen we niet: je zou er een klein aantal "
                "uit kunnen afleiden."
            )
        text = _("West-Vlaanderen: %(value)s.") % {
            "value": " ".join(filter(None, [suppress(self.province.value), self.unit]))
        }
        shown_change = self.province.change
        if shown_change not in ("–", str(NOT_COMPUTABLE)):
            text += " " + _("Dat is %(change)s tegenover het vorige meetmoment.") % {
                "change": shown_change
            }
        return text


def _describe(name: str, stored_label: str, fallback: str) -> tuple[str, str, str]:
    """(label, unit, definition): from the registry where the figure is registered."""
    if name in registry.names():
        figure = registry.get(name)
        return str(figure.label), str(figure.unit), str(figure.description or fallback)
    return stored_label or name, "", str(fallback)


def _source_text(value: FigureValue) -> str:
    if value.source == FigureValue.Source.IMPORTED and value.figure_import is not None:
        return value.figure_import.source or _("ingelezen uit een bestand")
    return _("berekend uit het portaal")


def public_figures(
    moment: MeasurementMoment, previous: MeasurementMoment | None
) -> list[PublicFigure]:
    """The public figures of a final moment compared with the final moment before it: the
    province, each subregion, each study domain and (for learners) each type of provider.
    One query for the values of both moments."""
    if not moment.is_final or (previous is not None and not previous.is_final):
        raise ValueError("The public sees final moments only.")
    scope = (
        Q(provider_type="", dimension=D.TOTAL)
        | Q(provider_type="", subregion="", dimension=D.STUDY_DOMAIN)
        | Q(figure=BY_PROVIDER_TYPE, dimension=D.TOTAL)
    )
    values = (
        FigureValue.objects.filter(scope)
        .filter(
            moment__in=[m for m in (moment, previous) if m is not None],
            figure__in=PUBLIC_FIGURE_NAMES,
        )
        .select_related("figure_import")
        .order_by("figure", "subregion_label", "key_label")
    )
    now: dict[tuple, FigureValue] = {}
    then: dict[tuple, Decimal] = {}
    for value in values:
        address = (value.figure, value.subregion, value.provider_type, value.dimension, value.key)
        if value.moment_id == moment.pk:
            now[address] = value
        else:
            then[address] = value.value

    figures = []
    for name, fallback in PUBLIC_FIGURES:
        mine = {a: v for a, v in now.items() if a[0] == name}
        if not mine:
            continue
        stored_label = next((v.label for v in mine.values() if v.label), "")
        label, unit, definition = _describe(name, stored_label, fallback)

        total = (name, "", "", D.TOTAL, "")
        subregions = sorted(
            {(a[1], v.subregion_label or a[1]) for a, v in mine.items() if a[1] and not a[2]},
            key=lambda item: item[1],
        )
        domains = sorted(
            {
                (a[4], v.key_label or a[4])
                for a, v in mine.items()
                if a[3] == D.STUDY_DOMAIN and not a[1]
            },
            key=lambda item: item[1],
        )
        types = sorted(
            {(a[2], v.provider_type_label or a[2]) for a, v in mine.items() if a[2]},
            key=lambda item: item[1],
        )
        hidden = _hidden(name, mine, then, subregions, domains, types)

        def row(address, row_label, mine=mine, hidden=hidden):
            found = mine.get(address)
            return Row(
                address[1] or address[4],
                row_label,
                found.value if found else None,
                then.get(address),
                hidden=("now", *address) in hidden,
                before_hidden=("then", *address) in hidden,
            )

        figure = PublicFigure(
            name=name,
            label=label,
            unit=unit,
            definition=definition,
            sources=sorted({_source_text(v) for v in mine.values()}),
            province=row(total, _("West-Vlaanderen")) if total in mine else None,
            subregions=[row((name, s, "", D.TOTAL, ""), s_label) for s, s_label in subregions],
            study_domains=[
                row((name, "", "", D.STUDY_DOMAIN, k), k_label) for k, k_label in domains
            ],
        )
        if name == BY_PROVIDER_TYPE and types:
            _add_provider_types(figure, mine, subregions, types, hidden)
        figures.append(figure)
    return figures


def _hidden(name, mine, then, subregions, domains, types) -> set:
    """The cells of one figure hidden besides its small counts, as ("now" or "then", *address):
    what would give a small count away (secondary_suppression) in every table of the page that shows
    parts next to their total: subregions and study domains at both moments, and the provider
    types per subregion (rows and columns) at the shown moment."""
    values = {("now", *a): v.value for a, v in mine.items()}
    values |= {("then", *a): v for a, v in then.items() if a[0] == name}
    regions = [s for s, _label in subregions]
    groups = []
    for tag in ("now", "then"):
        whole = (tag, name, "", "", D.TOTAL, "")
        groups.append(([(tag, name, s, "", D.TOTAL, "") for s in regions], whole))
        groups.append(([(tag, name, "", "", D.STUDY_DOMAIN, k) for k, _l in domains], whole))
    kinds = [t for t, _label in types]
    for s in ["", *regions]:
        groups.append(
            ([("now", name, s, t, D.TOTAL, "") for t in kinds], ("now", name, s, "", D.TOTAL, ""))
        )
    for t in kinds:
        groups.append(
            ([("now", name, s, t, D.TOTAL, "") for s in regions], ("now", name, "", t, D.TOTAL, ""))
        )
    # The small counts show as "< 5"; the rest of the hidden cells as "x".
    return {c for c in secondary_suppression(values, groups) if not is_small(values.get(c))}


def _add_provider_types(figure, mine, subregions, types, hidden) -> None:
    figure.provider_types = [t_label for _t, t_label in types]

    def shown(address):
        found = mine.get(address)
        return Shown(found.value if found else None, ("now", *address) in hidden)

    for subregion, s_label in [("", _("West-Vlaanderen")), *subregions]:
        figure.by_provider_type.append(
            ProviderTypeRow(
                s_label,
                [shown((figure.name, subregion, t, D.TOTAL, "")) for t, _l in types],
                shown((figure.name, subregion, "", D.TOTAL, "")),
            )
        )


# The POF annex


@dataclass(frozen=True)
class AnnexValue:
    """One frozen value of the POF annex (a steunpunt.core.frozen_figures.FrozenValue)."""

    label: str
    scope: str  # the subregion's name, or West-Vlaanderen
    value: Decimal
    before: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.before is None else self.value - self.before

    @property
    def change(self) -> str:
        """ "+3 (+12 %)": the POF sees the real numbers (this is no public page)."""
        if self.before is None:
            return "–"
        difference = format_number(abs(self.difference))
        sign = "+" if self.difference > 0 else ("−" if self.difference < 0 else "")
        if not self.before:
            return f"{sign}{difference}"
        percent = (self.difference * 100 / self.before).quantize(Decimal("1"))
        percent_sign = "+" if percent > 0 else ("−" if percent < 0 else "")
        return f"{sign}{difference} ({percent_sign}{format_number(abs(percent))} %)"

    @property
    def shown(self) -> str:
        return format_number(self.value)


def frozen_annex(pairs: list[tuple[str, str]]) -> FrozenAnnex:
    """For each (programme code, subregion slug or ""), the values the last final moment holds
    for that programme in that subregion and in the whole province (all providers), each with
    the change since the final moment before. Two queries, however many pairs.

    The core's frozen-figures port (steunpunt.core.frozen_figures) answers with this function:
    DashboardConfig.ready() registers it, and the POF annex asks the core."""
    moment, previous = pick_moment(final_moments(), None)
    if moment is None or not pairs:
        return FrozenAnnex(moment, previous, {})
    codes = {code for code, _slug in pairs}
    slugs = {slug for _code, slug in pairs if slug} | {""}
    values = FigureValue.objects.filter(
        moment__in=[m for m in (moment, previous) if m is not None],
        dimension=D.PROGRAMME,
        key__in=codes,
        subregion__in=slugs,
        provider_type="",
    ).order_by("figure")
    now: dict[tuple, FigureValue] = {}
    then: dict[tuple, Decimal] = {}
    for value in values:
        address = (value.key, value.subregion, value.figure)
        if value.moment_id == moment.pk:
            now[address] = value
        else:
            then[address] = value.value
    found: dict[tuple[str, str], list[AnnexValue]] = {}
    for code, slug in pairs:
        rows = []
        for scope in dict.fromkeys([slug or "", ""]):
            for address, value in now.items():
                if address[:2] != (code, scope):
                    continue
                label = _describe(value.figure, value.label, "")[0]
                scope_label = value.subregion_label or scope if scope else _("West-Vlaanderen")
                rows.append(AnnexValue(label, scope_label, value.value, then.get(address)))
        found[(code, slug or "")] = rows
    return FrozenAnnex(moment, previous, found)
