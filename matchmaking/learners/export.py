"""The subject-access export of a learner file (JSON or PDF).

The export collects everything stored on one learner: the file itself, its audit trail
(simple_history rows) and every row of any model that points at the learner. Those rows are
found generically from the learner's reverse relations, so what other parts of matchmaking add
later (the proposals of the matching runs) is in the export without a change here.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.personal_data import Holder, registry

from ..models import Learner, LearnerAccess
from .pdf import render_learner_export_pdf
from .personal_data import learner_subject
from .services import record_learner_access


@dataclass
class ExportSection:
    """The rows of one kind of data on a learner (e.g. "Gewenste opleidingen")."""

    key: str
    title: str
    rows: list[dict] = field(default_factory=list)


@dataclass
class LearnerExport:
    learner: Learner
    made_at: datetime.datetime
    fields: dict
    sections: list[ExportSection]

    def as_dict(self) -> dict:
        return {
            "jongere": str(self.learner.uuid),
            "gemaakt_op": self.made_at,
            "gegevens": self.fields,
            **{section.key: section.rows for section in self.sections},
        }

    def display_fields(self) -> list[tuple[str, str]]:
        return [(label, display_value(value)) for label, value in self.fields.items()]

    def display_sections(self) -> list[tuple[ExportSection, list[list[tuple[str, str]]]]]:
        """Each section with its rows as (label, readable value) pairs, for the PDF."""
        return [
            (
                section,
                [[(k, display_value(v)) for k, v in row.items()] for row in section.rows],
            )
            for section in self.sections
        ]

    def as_json(self) -> str:
        return json.dumps(self.as_dict(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def display_value(value) -> str:
    """A value as the PDF prints it: Belgian dates, ja/nee, a dash for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _value(obj, model_field):
    """A field's value as a person reads it: choices by label, relations by name."""
    if model_field.is_relation:
        related = getattr(obj, model_field.name)
        return None if related is None else str(related)
    value = getattr(obj, model_field.attname)
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    return value


def _row(obj, *, skip: tuple[str, ...] = ()) -> dict:
    """Every concrete field of a row by its Dutch label (leaving out the link to the learner)."""
    row = {}
    for model_field in obj._meta.concrete_fields:
        if model_field.name in skip:
            continue
        row[str(model_field.verbose_name)] = _value(obj, model_field)
    return row


def _holder_row(holder: Holder, obj) -> dict:
    if holder.export_fields is None:
        return _row(obj)
    return {
        str(obj._meta.get_field(name).verbose_name): _value(obj, obj._meta.get_field(name))
        for name in holder.export_fields
    }


def _reverse_relations(learner: Learner):
    """(accessor name, title, model, field name) for each model with a relation to Learner."""
    for relation in Learner._meta.related_objects:
        if relation.many_to_many or relation.related_model is Learner:
            continue
        yield (
            relation.get_accessor_name(),
            str(relation.related_model._meta.verbose_name_plural).capitalize(),
            relation.related_model,
            relation.field.name,
        )


def collect_learner_export(learner: Learner) -> LearnerExport:
    """Everything stored on one learner, in sections that both the JSON and the PDF show."""
    sections = []
    for accessor, title, model, field_name in _reverse_relations(learner):
        queryset = model._default_manager.filter(**{field_name: learner})
        if accessor == "accesses":
            queryset = queryset.select_related("user").order_by("at", "pk")
        else:
            queryset = queryset.order_by("pk")
        rows = [_row(obj, skip=(field_name,)) for obj in queryset]
        sections.append(ExportSection(key=accessor, title=title, rows=rows))
    history = learner.history.order_by("history_date", "history_id").select_related("history_user")
    history_rows = []
    for record in history:
        row = {
            _("tijdstip"): record.history_date,
            _("door"): str(record.history_user) if record.history_user else "",
            _("soort wijziging"): {"+": _("aangemaakt"), "~": _("gewijzigd"), "-": _("gewist")}[
                record.history_type
            ],
            _("reden"): record.history_change_reason or "",
        }
        row.update(_row(record.instance))
        history_rows.append(row)
    title = _("Geschiedenis van het dossier")
    sections.append(ExportSection(key="geschiedenis", title=title, rows=history_rows))
    # Everything else on the personal-data list: the steps of her proposals, the history of her
    # agreements, the mails to and about her, the admin log of her rows, job failures naming her.
    covered = {Learner, Learner.history.model} | {
        model for _accessor, _title, model, _field in _reverse_relations(learner)
    }
    for holder, objects in registry.export(learner_subject(learner)):
        if holder.model in covered:
            continue
        rows = [_holder_row(holder, obj) for obj in objects]
        sections.append(ExportSection(key=holder.key, title=str(holder.title), rows=rows))
    return LearnerExport(
        learner=learner,
        made_at=timezone.now(),
        fields=_row(learner),
        sections=sections,
    )


def export_learner(*, learner: Learner, actor, fmt: str) -> tuple[bytes, str]:
    """The subject-access export as JSON or PDF (content, content type); logged as EXPORT."""
    if fmt not in ("json", "pdf"):
        raise ValueError(f"Unknown export format: {fmt}")
    # The log row goes in first, so the export shows its own making in the access log.
    record_learner_access(
        learner=learner,
        user=actor,
        action=LearnerAccess.Action.EXPORT,
        what=_("inzageverzoek (%(fmt)s)") % {"fmt": fmt.upper()},
    )
    export = collect_learner_export(learner)
    if fmt == "json":
        return export.as_json().encode(), "application/json; charset=utf-8"
    return render_learner_export_pdf(export), "application/pdf"
