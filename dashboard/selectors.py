"""Reads of the staff dashboard: the FROZEN values of a measurement moment (FigureValue rows),
never the live registry, so the page costs the same few queries at any data size.

`overview()` gathers what /dashboard/ shows (and exports): every figure of a moment in the chosen
scope (subregion × provider type, optionally one study domain) grouped in sections, compared with
another moment, and one figure split per subregion, provider type, study domain and programme,
with its trend over all moments. The registry is asked only for labels, units and kinds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from steunpunt.core.figures import registry
from steunpunt.core.models import Organisation, Programme, StudyDomain, Subregion

from .models import FigureValue, MeasurementMoment
from .numbers import format_difference, format_number, format_percent_change

D = FigureValue.Dimension

# The sections of the dashboard, in order, with the registered figures each holds. A registered
# figure missing here lands in OTHER_SECTION; an imported figure the registry does not know in
# IMPORTED_SECTION.
SECTIONS = (
    (
        gettext_lazy("Kerncijfers"),
        (
            "matchmaking.learners_in_dual",
            "core.providers_with_offer",
            "core.programmes_offered",
            "matchmaking.agreements_total",
            "matchmaking.agreements_running",
            "matchmaking.recognised_companies",
            "matchmaking.recognised_sites",
            "matchmaking.active_companies",
            "matchmaking.activation_rate",
            "matchmaking.candidate_companies",
        ),
    ),
    (
        gettext_lazy("Matchmaking"),
        (
            "matchmaking.learners_registered",
            "matchmaking.learners_proposed",
            "matchmaking.learners_with_agreement",
            "matchmaking.days_to_agreement",
            "matchmaking.learners_at_risk",
            "matchmaking.open_workplaces",
        ),
    ),
    (
        gettext_lazy("Bereik van de campagnes"),
        (
            "campaigns.participating_schools",
            "campaigns.checklist_progress",
            "campaigns.kits_ordered",
            "campaigns.kit_downloads",
            "campaigns.qr_scans",
            "campaigns.selftests",
            "campaigns.quiz_sessions",
            "campaigns.quiz_players",
        ),
    ),
    (
        gettext_lazy("Dienstverlening van het Steunpunt"),
        (
            "inbox.questions",
            "inbox.info_session_requests",
            "inbox.days_to_first_answer",
            "inbox.info_sessions_held",
        ),
    ),
)
OTHER_SECTION = gettext_lazy("Andere cijfers uit het portaal")
IMPORTED_SECTION = gettext_lazy("Ingelezen cijfers")

# The figure split per subregion, provider type, study domain and programme unless the URL names
# another (the first of these that the moment holds).
BREAKDOWN_DEFAULTS = (
    "matchmaking.learners_in_dual",
    "matchmaking.agreements_running",
    "matchmaking.agreements_total",
)
# Programmes shown before "the other programmes" (behind a details/summary).
TOP_PROGRAMMES = 10

# What the page shows


@dataclass
class Compared:
    """One number at the moment and at the comparison moment, formatted the Dutch way."""

    key: str
    label: str
    value: Decimal | None
    before: Decimal | None = None
    kind: str = "count"
    note: str = ""
    compared: bool = False

    @property
    def difference(self) -> Decimal | None:
        if self.value is None or self.before is None:
            return None
        return self.value - self.before

    @property
    def percent(self) -> Decimal | None:
        # A change of a percentage is told in percentage points, not in %.
        if self.difference is None or not self.before or self.kind == "percent":
            return None
        return (self.difference * 100 / self.before).quantize(Decimal("0.1"))

    @property
    def value_text(self) -> str:
        return self.note or format_number(self.value, self.kind)

    @property
    def before_text(self) -> str:
        return format_number(self.before, self.kind)

    @property
    def difference_text(self) -> str:
        return format_difference(self.difference, self.kind)

    @property
    def percent_text(self) -> str:
        return format_percent_change(self.percent)


@dataclass
class FigureRow(Compared):
    unit: str = ""
    description: str = ""
    source: str = ""


@dataclass
class Section:
    title: str
    rows: list[FigureRow]


@dataclass
class Breakdown:
    """One figure split by one dimension; `missing` says why there is no table."""

    dimension: str
    title: str
    rows: list[Compared]
    missing: str = ""
    rest: list[Compared] = field(default_factory=list)


@dataclass
class TrendPoint:
    moment: MeasurementMoment
    value: Decimal


@dataclass
class Overview:
    moments: list[MeasurementMoment]
    moment: MeasurementMoment | None
    compare: MeasurementMoment | None
    subregion: str
    provider_type: str
    study_domain: str
    scope_label: str
    sections: list[Section]
    figure: str
    figure_label: str
    figure_kind: str
    figure_choices: list[tuple[str, str]]
    breakdowns: list[Breakdown]
    trend: list[TrendPoint]

    @property
    def has_values(self) -> bool:
        return any(section.rows for section in self.sections)


def figure_info(name: str, stored_label: str = "") -> dict:
    """Label, unit, kind and description of a figure: from the registry when registered, else
    what the imported file named it."""
    try:
        figure = registry.get(name)
    except KeyError:
        return {
            "label": stored_label or name,
            "unit": "",
            "kind": "count",
            "description": "",
            "registered": False,
        }
    return {
        "label": str(figure.label),
        "unit": str(figure.unit),
        "kind": figure.kind,
        "description": str(figure.description),
        "registered": True,
    }


def moment_list():
    """Every moment with its numbers of values and imports (one query)."""
    return (
        MeasurementMoment.objects.select_related("finalised_by")
        .annotate(
            value_count=Count("values", distinct=True),
            import_count=Count("imports", filter=Q(imports__status="confirmed"), distinct=True),
        )
        .order_by("-date")
    )


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The choices of the dashboard's filters (two queries: subregions, study domains)."""
    return {
        "subregion": list(Subregion.objects.order_by("order", "name").values_list("slug", "name")),
        "study_domain": [
            (str(code), name)
            for code, name in StudyDomain.objects.order_by("name").values_list("code", "name")
        ],
        "provider_type": [
            (str(kind), str(Organisation.Kind(kind).label)) for kind in Organisation.PROVIDER_KINDS
        ],
    }


def _not_split(dimensions: list[str]) -> str:
    names = {
        "subregion": _("per subregio"),
        "provider_type": _("per soort verstrekker"),
        "study_domain": _("per studiedomein"),
    }
    return _("Niet %(split)s beschikbaar") % {"split": _(" en ").join(names[d] for d in dimensions)}


class _Values:
    """The fetched values of one moment, indexed for the page. `shapes` records per figure which
    (split by subregion?, split by provider type?, dimension) combinations it has, to tell a
    group with nothing (0) from a figure that is not split that way."""

    def __init__(self):
        self.cells: dict[tuple, Decimal] = {}
        self.labels: dict[tuple, str] = {}
        self.shapes: dict[str, set[tuple]] = defaultdict(set)
        self.figures: dict[str, tuple[str, str]] = {}  # name → (stored label, source)

    def add(self, figure, subregion, provider_type, dimension, key, value, labels, source):
        self.cells[(figure, subregion, provider_type, dimension, key)] = value
        self.shapes[figure].add((bool(subregion), bool(provider_type), dimension))
        if subregion:
            self.labels[("subregion", subregion)] = labels[0] or subregion
        if provider_type:
            self.labels[("provider_type", provider_type)] = labels[1] or provider_type
        if dimension != D.TOTAL:
            self.labels[(dimension, key)] = labels[2] or key
        stored = self.figures.get(figure)
        if stored is None or not stored[0]:
            self.figures[figure] = (labels[3], source)

    def has_shape(self, figure, by_subregion, by_provider_type, dimension) -> bool:
        return (by_subregion, by_provider_type, dimension) in self.shapes[figure]

    def missing(self, figure, subregion, provider_type, dimension) -> str:
        """Why the figure has no value in this scope ("" when it is split this way)."""
        if self.has_shape(figure, bool(subregion), bool(provider_type), dimension):
            return ""
        shapes = self.shapes[figure]
        lacking = []
        if subregion and not any(shape[0] for shape in shapes):
            lacking.append("subregion")
        if provider_type and not any(shape[1] for shape in shapes):
            lacking.append("provider_type")
        if dimension == D.STUDY_DOMAIN and not any(shape[2] == dimension for shape in shapes):
            lacking.append("study_domain")
        if not lacking:
            return _("Niet beschikbaar voor deze combinatie van filters")
        return _not_split(lacking)


def overview(
    *,
    moment: MeasurementMoment | None,
    compare: MeasurementMoment | None = None,
    moments: list[MeasurementMoment] | None = None,
    subregion: str = "",
    provider_type: str = "",
    study_domain: str = "",
    figure: str = "",
    choices: dict | None = None,
) -> Overview:
    """Everything /dashboard/ shows. Queries: the values of the moment and the comparison
    moment in and around the scope (one), the programmes' study domains (one), the trend of the
    split figure over all moments (one)."""
    moments = moments or []
    choices = choices or {"subregion": [], "study_domain": [], "provider_type": []}
    scope_label = _scope_label(choices, subregion, provider_type, study_domain)
    if moment is None:
        return Overview(
            moments, None, None, subregion, provider_type, study_domain, scope_label,
            [], "", "", "count", [], [], [],
        )  # fmt: skip
    dimension, key = (D.STUDY_DOMAIN, study_domain) if study_domain else (D.TOTAL, "")
    ids = [moment.pk] + ([compare.pk] if compare is not None else [])
    rows = FigureValue.objects.filter(moment_id__in=ids).filter(
        Q(subregion=subregion, provider_type=provider_type)
        | Q(provider_type=provider_type, dimension=dimension, key=key)
        | Q(subregion=subregion, dimension=dimension, key=key)
    )
    by_moment = {pk: _Values() for pk in ids}
    for row in rows.values_list(
        "moment_id", "figure", "subregion", "provider_type", "dimension", "key", "value",
        "subregion_label", "provider_type_label", "key_label", "label", "source",
    ):  # fmt: skip
        by_moment[row[0]].add(*row[1:7], row[7:11], row[11])
    now = by_moment[moment.pk]
    before = by_moment.get(compare.pk) if compare is not None else None
    scope = (subregion, provider_type, dimension, key)

    def scoped(values: _Values | None, name: str, kind: str) -> tuple[Decimal | None, str]:
        if values is None or name not in values.figures:
            return None, ""
        found = values.cells.get((name, *scope))
        if found is not None:
            return found, ""
        missing = values.missing(name, subregion, provider_type, dimension)
        if missing:
            return None, missing
        # The figure is split this way but this group has nothing: a count of 0.
        return (Decimal(0), "") if kind == "count" else (None, "")

    infos = {}
    for name in set(now.figures) | set(before.figures if before else ()):
        stored = now.figures.get(name) or before.figures.get(name)
        infos[name] = figure_info(name, stored[0]) | {"source": stored[1]}
    sections = _sections(infos, lambda name, kind: scoped(now, name, kind), before, scoped, compare)
    # The split figure: chosen in the URL, or the first default the moment holds.
    figure_choices = [(row.key, row.label) for section in sections for row in section.rows]
    names = [name for name, _label in figure_choices]
    if figure not in names:
        figure = next((n for n in BREAKDOWN_DEFAULTS if n in names), names[0] if names else "")
    info = infos.get(figure, {"label": "", "kind": "count"})
    domain_of = dict(Programme.objects.values_list("code", "study_domain__code"))
    breakdowns = (
        _breakdowns(figure, info["kind"], now, before, compare, scope, domain_of) if figure else []
    )
    trend = []
    if figure:
        trend_values = dict(
            FigureValue.objects.filter(
                figure=figure,
                subregion=subregion,
                provider_type=provider_type,
                dimension=dimension,
                key=key,
            ).values_list("moment_id", "value")
        )
        trend = [
            TrendPoint(m, trend_values[m.pk])
            for m in sorted(moments, key=lambda m: m.date)
            if m.pk in trend_values
        ]
    return Overview(
        moments, moment, compare, subregion, provider_type, study_domain, scope_label,
        sections, figure, info["label"], info["kind"], figure_choices, breakdowns, trend,
    )  # fmt: skip


def _scope_label(choices, subregion, provider_type, study_domain) -> str:
    parts = [
        dict(choices["subregion"]).get(subregion, subregion) if subregion else _("West-Vlaanderen"),
        dict(choices["provider_type"]).get(provider_type, provider_type)
        if provider_type
        else _("alle opleidingsverstrekkers"),
    ]
    if study_domain:
        parts.append(
            _("studiedomein %(name)s")
            % {"name": dict(choices["study_domain"]).get(study_domain, study_domain)}
        )
    return ", ".join(str(p) for p in parts)


def _sections(infos, scoped_now, before, scoped, compare) -> list[Section]:
    placed = set()
    sections = []
    registered_order = [(title, names) for title, names in SECTIONS]
    listed = {name for _title, names in SECTIONS for name in names}
    others = sorted(n for n, i in infos.items() if i["registered"] and n not in listed)
    imported = sorted(
        (n for n, i in infos.items() if not i["registered"]), key=lambda n: infos[n]["label"]
    )
    for title, names in [*registered_order, (OTHER_SECTION, others), (IMPORTED_SECTION, imported)]:
        rows = []
        for name in names:
            if name not in infos or name in placed:
                continue
            placed.add(name)
            info = infos[name]
            value, note = scoped_now(name, info["kind"])
            before_value, _before_note = scoped(before, name, info["kind"])
            rows.append(
                FigureRow(
                    key=name,
                    label=info["label"],
                    value=value,
                    before=before_value,
                    kind=info["kind"],
                    note=note,
                    compared=compare is not None,
                    unit=info["unit"],
                    description=info["description"],
                    source=info["source"],
                )
            )
        sections.append(Section(str(title), rows))
    return sections


BREAKDOWN_TITLES = {
    "subregion": gettext_lazy("Per subregio"),
    "provider_type": gettext_lazy("Per soort opleidingsverstrekker"),
    D.STUDY_DOMAIN: gettext_lazy("Per studiedomein"),
    D.PROGRAMME: gettext_lazy("Per opleiding"),
}


def _breakdowns(figure, kind, now, before, compare, scope, domain_of) -> list[Breakdown]:
    subregion, provider_type, dimension, key = scope
    result = []
    for split in ("subregion", "provider_type", D.STUDY_DOMAIN, D.PROGRAMME):
        title = str(BREAKDOWN_TITLES[split])
        shape = {
            "subregion": (True, bool(provider_type), dimension),
            "provider_type": (bool(subregion), True, dimension),
        }.get(split, (bool(subregion), bool(provider_type), split))
        if not now.has_shape(figure, *shape):
            elsewhere = any(
                (
                    known[0]
                    if split == "subregion"
                    else known[1]
                    if split == "provider_type"
                    else known[2] == split
                )
                for known in now.shapes[figure]
            )
            missing = _not_split_sentence(split, with_filters=elsewhere)
            result.append(Breakdown(split, title, [], missing=missing))
            continue

        def identity(group, split=split):
            if split == "subregion":
                return (figure, group, provider_type, dimension, key)
            if split == "provider_type":
                return (figure, subregion, group, dimension, key)
            return (figure, subregion, provider_type, split, group)

        groups = {
            ident[_position(split)]
            for values in (now, before)
            if values is not None
            for ident in values.cells
            if ident[0] == figure and _matches(ident, split, identity)
        }
        if split == D.PROGRAMME and scope[2] == D.STUDY_DOMAIN:
            groups = {g for g in groups if str(domain_of.get(g, "")) == key}
        rows = [
            Compared(
                key=group,
                label=now.labels.get((split, group))
                or (before.labels.get((split, group)) if before else None)
                or group,
                value=now.cells.get(identity(group), Decimal(0) if kind == "count" else None),
                before=(
                    before.cells.get(identity(group), Decimal(0) if kind == "count" else None)
                    if before is not None and before.has_shape(figure, *shape)
                    else None
                ),
                kind=kind,
                compared=compare is not None,
            )
            for group in groups
        ]
        if split in (D.PROGRAMME, D.STUDY_DOMAIN):
            rows.sort(key=lambda r: (-(r.value or 0), r.label))
        else:
            rows.sort(key=lambda r: r.label)
        rest = []
        if split == D.PROGRAMME and len(rows) > TOP_PROGRAMMES:
            rows, rest = rows[:TOP_PROGRAMMES], rows[TOP_PROGRAMMES:]
        result.append(Breakdown(split, title, rows, rest=rest))
    return result


def _position(split) -> int:
    return {"subregion": 1, "provider_type": 2}.get(split, 4)


def _matches(ident, split, identity) -> bool:
    group = ident[_position(split)]
    return bool(group) and ident == identity(group)


def _not_split_sentence(split, *, with_filters: bool = False) -> str:
    if with_filters:  # split that way, but not within the chosen subregion or provider type
        return {
            "subregion": _(
                "Dit cijfer is niet per subregio beschikbaar met deze filters. Kies minder filters."
            ),
            "provider_type": _(
                "Dit cijfer is niet per soort opleidingsverstrekker beschikbaar met deze filters. "
                "Kies minder filters."
            ),
            D.STUDY_DOMAIN: _(
                "Dit cijfer is niet per studiedomein beschikbaar met deze filters. "
                "Kies minder filters."
            ),
            D.PROGRAMME: _(
                "Dit cijfer is niet per opleiding beschikbaar met deze filters. "
                "Kies minder filters."
            ),
        }[split]
    return {
        "subregion": _("Dit cijfer is niet per subregio beschikbaar."),
        "provider_type": _("Dit cijfer is niet per soort opleidingsverstrekker beschikbaar."),
        D.STUDY_DOMAIN: _("Dit cijfer is niet per studiedomein beschikbaar."),
        D.PROGRAMME: _("Dit cijfer is niet per opleiding beschikbaar."),
    }[split]


def moment_by_date(moments, day: date | None):
    return next((m for m in moments if m.date == day), None)
