"""Grouped figures: a figure counted in the database once for the province and split by scope
(subregion, provider type) and breakdown (programme, study domain, ...) in a few grouped queries,
whatever the number of rows.

An app describes what it counts with a Grouping:

    Grouping(
        rows=lambda day: Agreement.objects.current_on(day),
        paths={
            "subregion": "site__postcode__subregion__slug",
            "provider_type": "learner__provider__kind",
            "programme": "programme__code",
            "study_domain": "programme__study_domain__code",
        },
    )

and `cells(grouping, day)` returns every value: (subregion, provider type, dimension, key, value),
with "" for "all" in a scope and for the key of the total.

Additive groupings (plain counts) take ONE query grouped by every path; the sums per scope and
breakdown are added up from its groups (a few thousand at most, never the rows). Groupings with a
distinct count or a median cannot be added up: they take one grouped query per scope shape and
breakdown (at most 4 × (1 + breakdowns)).
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product
from typing import Any, NamedTuple

from django.db import connections
from django.db.models import Aggregate, Count, F, FloatField, Func
from django.utils import timezone

SCOPES = ("subregion", "provider_type")
TOTAL = "total"


class Cell(NamedTuple):
    subregion: str
    provider_type: str
    dimension: str
    key: str
    value: Any


@dataclass(frozen=True)
class Grouping:
    rows: Callable[[Any], Any]
    paths: Mapping[str, str]
    aggregate: Any = None
    additive: bool = True
    labels: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def scopes(self) -> tuple[str, ...]:
        return tuple(s for s in SCOPES if s in self.paths)

    @property
    def breakdowns(self) -> tuple[str, ...]:
        return tuple(d for d in self.paths if d not in SCOPES)

    def aggregation(self):
        return self.aggregate if self.aggregate is not None else Count("pk")


def day_end(day) -> datetime.datetime:
    """The first instant after `day` (local time). Rows created "up to a day" are those with
    created_at < day_end(day): a range on the column itself, so an index on it serves it."""
    next_day = day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def school_year_start(day) -> datetime.date:
    """1 September of the school year `day` lies in (a school year runs September to August)."""
    return datetime.date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def school_year_begin(day) -> datetime.datetime:
    """The first instant of the school year of `day` (local time), for created_at ranges."""
    return timezone.make_aware(datetime.datetime.combine(school_year_start(day), datetime.time.min))


def _key(value) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def cells(grouping: Grouping, moment=None) -> list[Cell]:
    day = moment or timezone.localdate()
    queryset = grouping.rows(day).order_by()
    if grouping.additive:
        return _additive_cells(grouping, queryset)
    if connections[queryset.db].vendor == "postgresql":
        found = _grouping_sets_cells(grouping, queryset)
        if found is not None:
            return found
    return _grouped_cells(grouping, queryset)


def _additive_cells(grouping: Grouping, queryset) -> list[Cell]:
    dims = list(grouping.paths)
    columns = [grouping.paths[d] for d in dims]
    totals: dict[tuple, Any] = defaultdict(int)
    groups = (
        queryset.values(*columns).annotate(_n=grouping.aggregation()).values_list(*columns, "_n")
    )
    for *keys, number in groups:
        if not number:
            continue
        by_dim = dict(zip(dims, (_key(k) for k in keys), strict=True))
        scope_options = [
            [""] + ([by_dim[s]] if by_dim.get(s) else []) if s in by_dim else [""] for s in SCOPES
        ]
        breakdowns = [(TOTAL, "")] + [
            (d, by_dim[d]) for d in grouping.breakdowns if by_dim[d] is not None
        ]
        for (subregion, provider_type), (dimension, key) in product(
            product(*scope_options), breakdowns
        ):
            totals[(subregion, provider_type, dimension, key)] += number
    return [Cell(*identity, value) for identity, value in totals.items()]


def _grouped_cells(grouping: Grouping, queryset) -> list[Cell]:
    result = []
    for shape, dimension in _shapes(grouping):
        group_by = [grouping.paths[s] for s in shape]
        if dimension != TOTAL:
            group_by.append(grouping.paths[dimension])
        if not group_by:
            value = queryset.aggregate(_n=grouping.aggregation())["_n"]
            if value is not None:
                result.append(Cell("", "", TOTAL, "", value))
            continue
        rows = queryset.values(*group_by).annotate(_n=grouping.aggregation())
        for *keys, value in rows.values_list(*group_by, "_n"):
            keys = [_key(k) for k in keys]
            if value is None or None in keys:
                continue
            named = dict(zip(shape, keys, strict=False))
            result.append(
                Cell(
                    named.get("subregion", ""),
                    named.get("provider_type", ""),
                    dimension,
                    keys[-1] if dimension != TOTAL else "",
                    value,
                )
            )
    return result


def query_count(grouping: Grouping, vendor: str) -> int:
    """How many queries cells() takes for `grouping`, whatever the number of rows: one for an
    additive figure; for the others one or two with GROUPING SETS on PostgreSQL, else one per
    shape."""
    if grouping.additive:
        return 1
    if vendor == "postgresql":
        queries = _set_queries(grouping, grouping.rows(timezone.localdate()).model)
        if queries is not None:
            return len(queries)
    return len(_shapes(grouping))


def _shapes(grouping: Grouping) -> list[tuple[tuple[str, ...], str]]:
    """(scopes, dimension) of every cell kind: each subset of the scopes × total or a breakdown."""
    scopes = grouping.scopes
    subsets = [
        tuple(s for s, used in zip(scopes, mask, strict=True) if used)
        for mask in product((False, True), repeat=len(scopes))
    ]
    return list(product(subsets, (TOTAL, *grouping.breakdowns)))


def _outer_aggregate(aggregate) -> str | None:
    """The SQL of `aggregate` over a column _v of a subquery, or None when not known here."""
    if getattr(aggregate, "filter", None) is not None:
        return None
    if isinstance(aggregate, Count):
        return "COUNT(DISTINCT _v)" if aggregate.distinct else "COUNT(_v)"
    if isinstance(aggregate, Median):
        return "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY _v)"
    return None


def _multivalued(model, path: str) -> bool:
    """Whether `path` crosses a to-many relation (a learner's wishes): one row per related row."""
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except Exception:
            return False
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        model = field.related_model
    return False


def _set_queries(grouping: Grouping, model) -> list[tuple[list[str], list]] | None:
    """The GROUPING SETS queries that give every cell: (dimensions in the subquery, shapes).

    One query serves every shape when a row counts once per set: a distinct count does not mind
    repeated rows, and without a to-many path none repeat. A median or plain count over a
    to-many path (a learner once per wish) takes two: the shapes without that breakdown over a
    subquery that does not join it, and the shapes of that breakdown over one that does (one row
    per wish, as a query grouped by that breakdown counts). None: not for GROUPING SETS."""
    aggregate = grouping.aggregation()
    if _outer_aggregate(aggregate) is None:
        return None
    dims, shapes = list(grouping.paths), _shapes(grouping)
    if isinstance(aggregate, Count) and aggregate.distinct:
        return [(dims, shapes)]
    multi = {d for d in dims if _multivalued(model, grouping.paths[d])}
    if not multi:
        return [(dims, shapes)]
    if multi & set(SCOPES):
        return None
    single = [d for d in dims if d not in multi]
    return [
        (single, [(shape, d) for shape, d in shapes if d not in multi]),
        (
            [d for d in dims if d in SCOPES or d in multi],
            [(shape, d) for shape, d in shapes if d in multi],
        ),
    ]


def _grouping_sets_cells(grouping: Grouping, queryset) -> list[Cell] | None:
    """PostgreSQL: every cell of a non-additive figure with GROUPING SETS over a subquery of
    (keys..., value) rows, in one query (two with a to-many path, see _set_queries) instead of
    one query per shape. GROUPING() tells a key that was grouped over from a key that is empty
    in the data (those rows are left out, as in _grouped_cells)."""
    queries = _set_queries(grouping, queryset.model)
    if queries is None:
        return None
    aggregate = grouping.aggregation()
    outer = _outer_aggregate(aggregate)
    value = aggregate.get_source_expressions()[0]
    result = []
    for dims, shapes in queries:
        alias = {d: f"_k{i}" for i, d in enumerate(dims)}
        inner = queryset.values(**{alias[d]: F(grouping.paths[d]) for d in dims}, _v=value)
        inner_sql, params = inner.query.sql_with_params()
        sets = ", ".join(
            "(" + ", ".join([alias[s] for s in shape] + ([alias[d]] if d != TOTAL else [])) + ")"
            for shape, d in shapes
        )
        keys = ", ".join(alias[d] for d in dims)
        sql = (
            f"SELECT {keys}, GROUPING({keys}), {outer} FROM ({inner_sql}) AS _rows "
            f"GROUP BY GROUPING SETS ({sets})"
        )
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        for *raw, mask, number in rows:
            if number is None:
                continue
            present = {
                d: _key(k)
                for i, (d, k) in enumerate(zip(dims, raw, strict=True))
                if not mask & (1 << (len(dims) - 1 - i))
            }
            if None in present.values():
                continue
            breakdown = [d for d in present if d not in SCOPES]
            result.append(
                Cell(
                    present.get("subregion", ""),
                    present.get("provider_type", ""),
                    breakdown[0] if breakdown else TOTAL,
                    present[breakdown[0]] if breakdown else "",
                    number,
                )
            )
    return result


def grouped_compute(grouping: Grouping) -> Callable[..., Any]:
    """A single-value provider for a figure that is defined by its Grouping:
    compute(subregion=None, programme=None, moment=None) filters the grouping's rows on the
    subregion (a Subregion, by slug) and programme (a Programme, by code) paths and aggregates
    them in one query, so registry.value() answers for it like for any other figure."""

    def compute(subregion=None, programme=None, moment=None):
        queryset = grouping.rows(moment or timezone.localdate()).order_by()
        if subregion is not None:
            queryset = queryset.filter(**{grouping.paths["subregion"]: subregion.slug})
        if programme is not None:
            queryset = queryset.filter(**{grouping.paths["programme"]: programme.code})
        return queryset.aggregate(_n=grouping.aggregation())["_n"]

    return compute


def derived_cells(numerators: list[Cell] | None, denominators: list[Cell] | None) -> list[Cell]:
    """A percentage per cell: numerator / denominator × 100, where the denominator is not 0."""
    if numerators is None or denominators is None:
        return []
    top = {cell[:4]: cell.value for cell in numerators}
    return [
        Cell(*cell[:4], Decimal(str(top.get(cell[:4], 0))) * 100 / Decimal(str(cell.value)))
        for cell in denominators
        if cell.value
    ]


# Database helpers for grouped figures


class Median(Aggregate):
    """The median of an expression, in the database (PostgreSQL percentile_cont; on SQLite an
    aggregate registered on every connection, see register_sqlite_median)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    output_field = FloatField()
    template = "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="MEDIAN", template="MEDIAN(%(expressions)s)"
        )


class DaysBetween(Func):
    """Days (with fraction) from the first date/time to the second."""

    output_field = FloatField()
    arity = 2

    def as_postgresql(self, compiler, connection, **extra_context):
        start, end = (compiler.compile(e) for e in self.get_source_expressions())
        sql = f"EXTRACT(EPOCH FROM (({end[0]})::timestamptz - ({start[0]})::timestamptz)) / 86400.0"
        return sql, (*end[1], *start[1])

    def as_sqlite(self, compiler, connection, **extra_context):
        start, end = (compiler.compile(e) for e in self.get_source_expressions())
        return f"(julianday({end[0]}) - julianday({start[0]}))", (*end[1], *start[1])


class _SqliteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_median(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("MEDIAN", 1, _SqliteMedian)
