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
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from steunpunt.core.figures import registry
from steunpunt.core.models import Subregion

from .models import FigureImport, FigureValue, MeasurementMoment

D = FigureValue.Dimension

# What people type in the "dimensie" column of an import file.
DIMENSION_WORDS = {
    "totaal": D.TOTAL,
    "total": D.TOTAL,
    "subregio": D.SUBREGION,
    "opleiding": D.PROGRAMME,
    "studiedomein": D.STUDY_DOMAIN,
    "verstrekkerstype": D.PROVIDER_TYPE,
    "soort verstrekker": D.PROVIDER_TYPE,
}
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
    """Freeze every registered figure at the moment: the total, and per subregion where the
    figure can be split that way. Earlier computed values of the moment are replaced; imported
    values stay. Returns how many values were written."""
    moment = _locked(moment)
    subregions = list(Subregion.objects.order_by("order", "name"))
    rows = []
    for name in registry.names():
        figure = registry.get(name)
        common = {"moment": moment.date} if "moment" in figure.filters else {}
        rows.append(_computed(moment, figure, D.TOTAL, "", "", figure.compute(**common), actor))
        if "subregion" in figure.filters:
            for subregion in subregions:
                value = figure.compute(subregion=subregion, **common)
                rows.append(
                    _computed(
                        moment, figure, D.SUBREGION, subregion.slug, subregion.name, value, actor
                    )
                )
    moment.values.filter(source=FigureValue.Source.COMPUTED).delete()
    FigureValue.objects.bulk_create([r for r in rows if r is not None])
    moment.computed_at = timezone.now()
    moment.save(update_fields=["computed_at"])
    return len([r for r in rows if r is not None])


def _computed(moment, figure, dimension, key, key_label, value, actor) -> FigureValue | None:
    if value is None:
        return None
    return FigureValue(
        moment=moment,
        figure=figure.name,
        label=str(figure.label),
        dimension=dimension,
        key=key,
        key_label=key_label,
        value=Decimal(str(value)),
        source=FigureValue.Source.COMPUTED,
        recorded_by=_user(actor),
    )


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


def check_rows(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(good rows, errors): each error names its line (1 is the header) and what is wrong."""
    good, errors, seen = [], [], set()
    if rows and not set(IMPORT_COLUMNS) <= set(rows[0]):
        missing = ", ".join(c for c in IMPORT_COLUMNS if c not in rows[0])
        return [], [
            {"line": 1, "error": _("Kolommen ontbreken: %(missing)s.") % {"missing": missing}}
        ]
    for line, row in enumerate(rows, start=2):
        figure = (row.get("figuur") or "").strip()
        dimension = DIMENSION_WORDS.get((row.get("dimensie") or "").strip().lower())
        key = (row.get("sleutel") or "").strip()
        raw = (row.get("waarde") or "").strip().replace(" ", "").replace(",", ".")
        problem = ""
        if not figure:
            problem = _("De kolom figuur is leeg.")
        elif dimension is None:
            problem = _(
                "Onbekende dimensie “%(value)s”; kies totaal, subregio, opleiding, "
                "studiedomein of verstrekkerstype."
            ) % {"value": row.get("dimensie", "")}
        elif dimension != D.TOTAL and not key:
            problem = _("Een sleutel is nodig buiten het totaal.")
        else:
            try:
                value = Decimal(raw)
                if value < 0:
                    problem = _("Een cijfer is niet negatief.")
            except InvalidOperation:
                problem = _("“%(value)s” is geen getal.") % {"value": row.get("waarde", "")}
        identity = (figure, dimension, "" if dimension == D.TOTAL else slugify(key) or key)
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
                "dimension": dimension,
                "key": identity[2],
                "key_label": key if dimension != D.TOTAL else "",
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
            dimension=row["dimension"],
            key=row["key"],
            defaults={
                "label": row["label"],
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
    *, before: MeasurementMoment, after: MeasurementMoment, figure: str, dimension: str
) -> list[Comparison]:
    """Each key of a figure at two moments, with the difference ("van 320 naar 307, −13")."""
    values = FigureValue.objects.filter(
        moment__in=[before, after], figure=figure, dimension=dimension
    ).values_list("moment_id", "key", "key_label", "value")
    rows: dict[str, dict] = {}
    for moment_id, key, key_label, value in values:
        row = rows.setdefault(key, {"label": key_label or key})
        row["before" if moment_id == before.pk else "after"] = value
    return [
        Comparison(key, row["label"], row.get("before"), row.get("after"))
        for key, row in sorted(rows.items(), key=lambda item: item[1]["label"])
    ]
