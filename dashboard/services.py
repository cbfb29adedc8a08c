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

from . import tasks
from .models import FigureImport, FigureValue, MeasurementMoment
from .running import mark_running
from .snapshots import key_labels
from .snapshots import lock_provisional as _locked
from .snapshots import user_or_none as _user

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


@transaction.atomic
def create_moment(*, name: str, date, actor) -> MeasurementMoment:
    moment = MeasurementMoment(name=name.strip(), date=date)
    moment.full_clean()
    moment.save()
    return moment


def request_snapshot(*, moment: MeasurementMoment, actor) -> None:
    """Queue the computation of a provisional moment's figures (dashboard.tasks); the moment
    page shows "bezig" until the task ends."""
    moment.require_provisional()
    mark_running(moment.pk)
    tasks.compute_moment_snapshot.delay(actor_id=_user(actor) and actor.pk, moment_id=moment.pk)


@transaction.atomic
def finalise(*, moment: MeasurementMoment, actor) -> MeasurementMoment:
    moment = _locked(moment)
    moment.status = MeasurementMoment.Status.FINAL
    moment.finalised_at = timezone.now()
    moment.finalised_by = _user(actor)
    moment.save()
    return moment


# Snapshots


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
