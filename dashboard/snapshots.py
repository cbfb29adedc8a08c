"""The snapshot of a measurement moment: every registered figure frozen at the moment's date.

The work of the task dashboard.tasks.compute_moment_snapshot (and of the demo and the
benchmarks): services → tasks → this module, one way. It locks the moment row and refuses a final
moment, like every write of the dashboard.
"""

from decimal import Decimal

from django.db import connections, transaction
from django.utils import timezone

from steunpunt.core.figure_groups import Cell, cells, derived_cells
from steunpunt.core.figures import registry
from steunpunt.core.models import Organisation, Programme, StudyDomain, Subregion

from .models import FigureValue, MeasurementMoment

D = FigureValue.Dimension


def user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def lock_provisional(moment: MeasurementMoment) -> MeasurementMoment:
    moment = MeasurementMoment.objects.select_for_update().get(pk=moment.pk)
    moment.require_provisional()
    return moment


@transaction.atomic
def compute_snapshot(*, moment: MeasurementMoment, actor) -> int:
    """Freeze every registered figure at the moment's date: for the province and each subregion,
    for all providers and each type of provider, in total and per programme, study domain or
    another breakdown, as far as each figure can be split. Grouped figures take a few grouped
    queries each (steunpunt.core.figure_groups); the others are asked per subregion.
    Earlier computed values of the moment are replaced; imported values stay. Returns how many
    values were written."""
    moment = lock_provisional(moment)
    labels = key_labels()
    cells_by_figure = {}
    for name in registry.names():
        figure = registry.get(name)
        if figure.in_snapshot and figure.derived is None:
            cells_by_figure[name] = _with_zeros(
                figure, _figure_cells(figure, moment.date), labels["subregion"]
            )
    for name in registry.names():
        figure = registry.get(name)
        if figure.in_snapshot and figure.derived is not None:
            numerator, denominator = figure.derived
            cells_by_figure[name] = derived_cells(
                cells_by_figure.get(numerator), cells_by_figure.get(denominator)
            )
    now, user = timezone.now(), user_or_none(actor)
    rows = []
    for name, figure_cells in cells_by_figure.items():
        figure = registry.get(name)
        extra = figure.grouping.labels if figure.grouping is not None else {}
        label = str(figure.label)
        rows.extend(
            _value_row(moment, name, label, cell, labels, extra, user, now) for cell in figure_cells
        )
    moment.values.filter(source=FigureValue.Source.COMPUTED).delete()
    _write_values(rows)
    moment.computed_at = now
    moment.save(update_fields=["computed_at"])
    return len(rows)


def _with_zeros(figure, found: list[Cell], subregions) -> list[Cell]:
    """A grouped count leaves out what it did not find: the province and every subregion that
    has none get an explicit 0 (a count of nothing is 0, not "unknown"); medians stay absent."""
    if figure.kind != "count" or figure.grouping is None:
        return found
    present = {cell[:4] for cell in found}
    scopes = [""] + (list(subregions) if "subregion" in figure.grouping.paths else [])
    return found + [
        Cell(slug, "", D.TOTAL, "", 0) for slug in scopes if (slug, "", D.TOTAL, "") not in present
    ]


def _figure_cells(figure, day) -> list[Cell]:
    if figure.grouping is not None:
        return cells(figure.grouping, day)
    if figure.compute is None:
        return []
    common = {"moment": day} if "moment" in figure.filters else {}
    found = [Cell("", "", D.TOTAL, "", figure.compute(**common))]
    if "subregion" in figure.filters:
        for subregion in Subregion.objects.order_by("order", "name"):
            value = figure.compute(subregion=subregion, **common)
            found.append(Cell(subregion.slug, "", D.TOTAL, "", value))
    return [cell for cell in found if cell.value is not None]


# The columns a snapshot writes, in this order (recorded_at is set here: no save() runs).
VALUE_COLUMNS = (
    "moment_id",
    "figure",
    "label",
    "subregion",
    "subregion_label",
    "provider_type",
    "provider_type_label",
    "dimension",
    "key",
    "key_label",
    "value",
    "source",
    "recorded_by_id",
    "recorded_at",
)
CENT = Decimal("0.01")


def _value_row(moment, name, label, cell: Cell, labels, extra_labels, user, now) -> tuple:
    key_names = labels.get(cell.dimension) or extra_labels.get(cell.dimension) or {}
    value = Decimal(str(cell.value))
    if value != value.to_integral_value():
        value = value.quantize(CENT)
    return (
        moment.pk,
        name,
        label,
        cell.subregion,
        str(labels["subregion"].get(cell.subregion, cell.subregion)),
        cell.provider_type,
        str(labels["provider_type"].get(cell.provider_type, cell.provider_type)),
        cell.dimension,
        cell.key,
        str(key_names.get(cell.key, cell.key)),
        value,
        FigureValue.Source.COMPUTED.value,
        user.pk if user is not None else None,
        now,
    )


def _write_values(rows: list[tuple]) -> None:
    """Tens of thousands of values at Flemish scale: PostgreSQL takes them with COPY (a few
    hundred ms); elsewhere bulk_create. The moment is locked and checked by the caller."""
    connection = connections[FigureValue.objects.db]
    if connection.vendor == "postgresql":
        table = FigureValue._meta.db_table
        columns = ", ".join(f'"{c}"' for c in VALUE_COLUMNS)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        return
    FigureValue.objects.bulk_create(
        [FigureValue(**dict(zip(VALUE_COLUMNS, row, strict=True))) for row in rows],
        batch_size=2000,
    )


def key_labels() -> dict[str, dict[str, str]]:
    """The names of the keys of the scopes and the standard breakdowns (four small queries)."""
    return {
        "subregion": dict(Subregion.objects.values_list("slug", "name")),
        "provider_type": {str(k): str(v) for k, v in Organisation.Kind.choices},
        D.PROGRAMME: dict(Programme.objects.values_list("code", "name")),
        D.STUDY_DOMAIN: {str(c): n for c, n in StudyDomain.objects.values_list("code", "name")},
    }


# Imports
