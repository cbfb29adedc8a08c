"""Writes of the dashboard: measurement moments, snapshots from the figure registry, imports of
figures the portal does not hold, and making a moment final.

Every write locks the moment row and refuses a final moment, so nothing changes a moment once a
coordinator made it final (FigureValue.save/delete refuse it too).
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from steunpunt.core.figure_groups import Cell, cells, derived_cells
from steunpunt.core.figures import registry
from steunpunt.core.models import Organisation, Programme, StudyDomain, Subregion

from .models import FigureImport, FigureValue, MeasurementMoment

D = FigureValue.Dimension

# What people type in the "dimensie" column of an import file. Subregion and provider type are
# scopes: a row "subregio;Oostende;120" is the total of that subregion.
DIMENSION_WORDS = {
    "totaal": D.TOTAL,
    "total": D.TOTAL,
    "opleiding": D.PROGRAMME,
    "studiedomein": D.STUDY_DOMAIN,
    "doelgroep": D.AUDIENCE,
}
SCOPE_WORDS = {
    "subregio": "subregion",
    "verstrekkerstype": "provider_type",
    "soort verstrekker": "provider_type",
}
# Common names of provider types in the department's and partners' tables.
PROVIDER_TYPE_WORDS = {
    "voltijds secundair": "school",
    "voltijds secundair onderwijs": "school",
    "secundair onderwijs": "school",
    "buso": "buso",
    "buitengewoon secundair onderwijs": "buso",
    "clw": "clw",
    "cdo": "clw",
    "centrum voor leren en werken": "clw",
    "syntra": "syntra",
    "cvo": "cvo",
    "volwassenenonderwijs": "cvo",
    "hogeschool": "hogeschool",
    "hoger onderwijs": "hogeschool",
}
SCOPE_FIELDS = ("subregion", "provider_type")
IMPORT_COLUMNS = ("figuur", "dimensie", "sleutel", "waarde")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked(moment: MeasurementMoment) -> MeasurementMoment:
    moment = MeasurementMoment.objects.select_for_update().get(pk=moment.pk)
    moment.require_provisional()
    return moment


@transaction.atomic
def create_moment(*, name: str, date, actor) -> MeasurementMoment:
    moment = MeasurementMoment(name=name.strip(), date=date)
    moment.full_clean()
    moment.save()
    return moment


@transaction.atomic
def finalise(*, moment: MeasurementMoment, actor) -> MeasurementMoment:
    moment = _locked(moment)
    moment.status = MeasurementMoment.Status.FINAL
    moment.finalised_at = timezone.now()
    moment.finalised_by = _user(actor)
    moment.save()
    return moment


# Snapshots


@transaction.atomic
def compute_snapshot(*, moment: MeasurementMoment, actor) -> int:
    """Freeze every registered figure at the moment's date: for the province and each subregion,
    for all providers and each type of provider, in total and per programme, study domain or
    another breakdown, as far as each figure can be split. Grouped figures take a few grouped
    queries each (steunpunt.core.figure_groups); the others are asked per subregion.
    Earlier computed values of the moment are replaced; imported values stay. Returns how many
    values were written."""
    moment = _locked(moment)
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
    now, user = timezone.now(), _user(actor)
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


class ImportRefused(ValidationError):
    """An import that cannot be confirmed (already handled, or with bad rows)."""


def read_rows(data: bytes, file_name: str) -> list[dict]:
    """The rows of a CSV (comma or semicolon) or XLSX file as dicts with lower-case headers."""
    if file_name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        lines = [
            ["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)
        ]
    else:
        text = data.decode("utf-8-sig", errors="replace")
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
        lines = list(csv.reader(io.StringIO(text), dialect))
    if not lines:
        return []
    header = [h.strip().lower() for h in lines[0]]
    return [
        dict(zip(header, row, strict=False)) for row in lines[1:] if any(c.strip() for c in row)
    ]


class _Keys:
    """Turns what people type as a key into the portal's key: a subregion's name into its slug,
    a provider type into its code, a programme's name into its code; anything else is slugified
    (imported figures the portal does not know keep their own groups)."""

    def __init__(self):
        labels = key_labels()
        self.lookup = {
            dimension: {_plain(name): key for key, name in names.items()}
            | {_plain(key): key for key in names}
            for dimension, names in labels.items()
        }
        self.lookup["provider_type"] |= PROVIDER_TYPE_WORDS

    def __call__(self, dimension, typed: str) -> str:
        found = self.lookup.get(dimension, {}).get(_plain(typed))
        return found or slugify(typed) or typed.strip()


def _plain(text) -> str:
    return slugify(str(text)).replace("-", " ")


def check_rows(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(good rows, errors): each error names its line (1 is the header) and what is wrong.

    Columns: figuur, dimensie, sleutel, waarde; optional: label (the figure's name), subregio and
    verstrekkerstype (the scope of a row split per programme, study domain or audience)."""
    good, errors, seen = [], [], set()
    if rows and not set(IMPORT_COLUMNS) <= set(rows[0]):
        missing = ", ".join(c for c in IMPORT_COLUMNS if c not in rows[0])
        return [], [
            {"line": 1, "error": _("Kolommen ontbreken: %(missing)s.") % {"missing": missing}}
        ]
    to_key = _Keys() if rows else None
    for line, row in enumerate(rows, start=2):
        figure = (row.get("figuur") or "").strip()
        word = (row.get("dimensie") or "").strip().lower()
        dimension = DIMENSION_WORDS.get(word)
        scope_field = SCOPE_WORDS.get(word)
        typed_key = (row.get("sleutel") or "").strip()
        raw = (row.get("waarde") or "").strip().replace(" ", "").replace(",", ".")
        scope = {
            "subregion": (row.get("subregio") or "").strip(),
            "provider_type": (row.get("verstrekkerstype") or "").strip(),
        }
        problem = ""
        if not figure:
            problem = _("De kolom figuur is leeg.")
        elif dimension is None and scope_field is None:
            problem = _(
                "Onbekende dimensie “%(value)s”; kies totaal, subregio, verstrekkerstype, "
                "opleiding, studiedomein of doelgroep."
            ) % {"value": row.get("dimensie", "")}
        elif dimension != D.TOTAL and not typed_key:
            problem = _("Een sleutel is nodig buiten het totaal.")
        elif scope_field is not None and scope[scope_field]:
            problem = _("Vul de %(column)s in de kolom sleutel in, niet twee keer.") % {
                "column": word
            }
        else:
            try:
                value = Decimal(raw)
                if value < 0:
                    problem = _("Een cijfer is niet negatief.")
            except InvalidOperation:
                problem = _("“%(value)s” is geen getal.") % {"value": row.get("waarde", "")}
        if not problem and scope_field is not None:
            scope[scope_field], dimension, typed_key = typed_key, D.TOTAL, ""
        scope_keys = {name: to_key(name, typed) if typed else "" for name, typed in scope.items()}
        key = to_key(dimension, typed_key) if typed_key and not problem else ""
        identity = (figure, scope_keys["subregion"], scope_keys["provider_type"], dimension, key)
        if not problem and identity in seen:
            problem = _("Deze rij staat er twee keer in.")
        if problem:
            errors.append({"line": line, "error": problem, "row": row})
            continue
        seen.add(identity)
        good.append(
            {
                "line": line,
                "figure": figure,
                "label": (row.get("label") or row.get("omschrijving") or "").strip(),
                "subregion": scope_keys["subregion"],
                "subregion_label": scope["subregion"],
                "provider_type": scope_keys["provider_type"],
                "provider_type_label": scope["provider_type"],
                "dimension": dimension,
                "key": key,
                "key_label": typed_key,
                "value": str(Decimal(raw)),
            }
        )
    return good, errors


@transaction.atomic
def preview_import(
    *, moment: MeasurementMoment, data: bytes, file_name: str, source: str, actor
) -> FigureImport:
    """Read and check a file; nothing is imported until `confirm_import`."""
    moment = _locked(moment)
    try:
        rows = read_rows(data, file_name)
    except Exception as error:  # a file that is no CSV or XLSX at all
        rows, errors = (
            [],
            [{"line": 0, "error": _("Dit bestand kan niet gelezen worden: %(e)s") % {"e": error}}],
        )
    else:
        rows, errors = check_rows(rows)
    return FigureImport.objects.create(
        moment=moment,
        file_name=file_name[:200],
        source=source.strip(),
        rows=rows,
        errors=errors,
        uploaded_by=_user(actor),
    )


@transaction.atomic
def confirm_import(*, figure_import: FigureImport, actor) -> int:
    """Write the previewed rows (replacing the same figure, dimension and key at the moment)."""
    figure_import = FigureImport.objects.select_for_update().get(pk=figure_import.pk)
    moment = _locked(figure_import.moment)
    if figure_import.status != FigureImport.Status.PREVIEW:
        raise ImportRefused(_("Deze import is al verwerkt."))
    if figure_import.errors:
        raise ImportRefused(_("Verbeter eerst de foute rijen; er werd niets ingelezen."))
    for row in figure_import.rows:
        FigureValue.objects.update_or_create(
            moment=moment,
            figure=row["figure"],
            subregion=row.get("subregion", ""),
            provider_type=row.get("provider_type", ""),
            dimension=row["dimension"],
            key=row["key"],
            defaults={
                "label": row["label"],
                "subregion_label": row.get("subregion_label", ""),
                "provider_type_label": row.get("provider_type_label", ""),
                "key_label": row["key_label"],
                "value": Decimal(row["value"]),
                "source": FigureValue.Source.IMPORTED,
                "figure_import": figure_import,
                "recorded_by": _user(actor),
            },
        )
    figure_import.status = FigureImport.Status.CONFIRMED
    figure_import.confirmed_at = timezone.now()
    figure_import.save()
    return len(figure_import.rows)


# Comparing two moments


@dataclass(frozen=True)
class Comparison:
    key: str
    label: str
    before: Decimal | None
    after: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def percent(self) -> Decimal | None:
        if self.difference is None or not self.before:
            return None
        return (self.difference * 100 / self.before).quantize(Decimal("0.1"))


def compare(
    *,
    before: MeasurementMoment,
    after: MeasurementMoment,
    figure: str,
    dimension: str,
    subregion: str = "",
    provider_type: str = "",
) -> list[Comparison]:
    """Each key of a figure at two moments, with the difference ("van 320 naar 307, −13"), in
    one scope (the province and all providers unless a subregion or provider type is given).
    `dimension` may also be "subregion" or "provider_type": the totals of each."""
    values = FigureValue.objects.filter(moment__in=[before, after], figure=figure)
    if dimension in SCOPE_FIELDS:
        other = "provider_type" if dimension == "subregion" else "subregion"
        fixed = {"subregion": subregion, "provider_type": provider_type}
        values = values.filter(dimension=D.TOTAL, **{other: fixed[other]}).exclude(
            **{dimension: ""}
        )
        columns = ("moment_id", dimension, f"{dimension}_label", "value")
    else:
        values = values.filter(
            dimension=dimension, subregion=subregion, provider_type=provider_type
        )
        columns = ("moment_id", "key", "key_label", "value")
    rows: dict[str, dict] = {}
    for moment_id, key, key_label, value in values.values_list(*columns):
        row = rows.setdefault(key, {"label": key_label or key})
        row["before" if moment_id == before.pk else "after"] = value
    return [
        Comparison(key, row["label"], row.get("before"), row.get("after"))
        for key, row in sorted(rows.items(), key=lambda item: item[1]["label"])
    ]


@transaction.atomic
def cancel_import(*, figure_import: FigureImport, actor) -> FigureImport:
    """Drop a previewed import: nothing of it is written."""
    figure_import = FigureImport.objects.select_for_update().get(pk=figure_import.pk)
    if figure_import.status != FigureImport.Status.PREVIEW:
        raise ImportRefused(_("Deze import is al verwerkt."))
    figure_import.status = FigureImport.Status.CANCELLED
    figure_import.save(update_fields=["status"])
    return figure_import
