"""The privacy of learner files: the subject-access export and the erasure (anonymisation).

The export collects everything stored on one learner: the file itself, its audit trail
(simple_history rows) and every row of any model that points at the learner. Those rows are
found generically from the learner's reverse relations, so what other parts of matchmaking add
later (the proposals of the matching runs) is in the export without a change here.

Anonymising keeps the row and what the figures count (status, programme wishes, provider,
postcode, dates of the file) and wipes what identifies the learner, in the audit trail too.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from steunpunt.core.personal_data import BLANK, Holder, registry

from .models import Agreement, IllegalTransition, Learner, LearnerAccess
from .personal_data import LEARNER_FIELDS, learner_subject
from .services import _save_with_history, record_learner_access

ANONYMISED = "Geanonimiseerd"

# Fields of a learner file that identify the learner: blanked on anonymisation (the list of
# everything else that can hold her data is matchmaking/personal_data.py).
PERSONAL_BLANKED = tuple(name for name, treatment in LEARNER_FIELDS.items() if treatment == BLANK)
# Free text that may name the learner but must stay non-empty where it was filled in.
PERSONAL_FREE_TEXT = tuple(
    name for name in LEARNER_FIELDS if name not in PERSONAL_BLANKED and name != "first_name"
)


# --- Subject-access export -------------------------------------------------------------------


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


def _refuse_every_url(url: str, *args, **kwargs):
    raise ValueError(f"The learner export fetches no URL: {url}")


def render_learner_export_pdf(export: LearnerExport) -> bytes:
    from weasyprint import HTML  # heavy import, only where a PDF is made

    html = render_to_string(
        "pdf/learner_export.html",
        {"export": export, "learner": export.learner, "PORTAL_NAME": settings.PORTAL_NAME},
    )
    document = HTML(string=html, base_url="https://pdf.invalid/", url_fetcher=_refuse_every_url)
    return document.write_pdf()


# --- Erasure ---------------------------------------------------------------------------------


def retention_cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    now = now or timezone.now()
    return now - datetime.timedelta(days=settings.MATCHMAKING_LEARNER_RETENTION_DAYS)


def learners_past_retention(*, now: datetime.datetime | None = None):
    """Ended or referred longer than the retention period ago, not yet anonymised."""
    cutoff = retention_cutoff(now=now)
    cutoff_day = timezone.localtime(cutoff).date()
    return Learner.objects.filter(anonymised_at__isnull=True).filter(
        Q(status=Learner.Status.ENDED, ended_on__lt=cutoff_day)
        | Q(status=Learner.Status.ENDED, ended_on__isnull=True, status_changed_at__lt=cutoff)
        | Q(status=Learner.Status.REFERRED, status_changed_at__lt=cutoff)
    )


@transaction.atomic
def anonymise_learner(
    *, learner: Learner, actor, reason: str = "", now: datetime.datetime | None = None
) -> bool:
    """Wipe the personal data of one learner file; returns False when it was already done.

    An open file is ended first (with `reason`); a learner with a current agreement is refused:
    end the agreement first. The file stays countable: status, wishes, provider, postcode,
    dates of the file and the birth year remain. Everything else on the personal-data list
    (matchmaking/personal_data.py and the core's holders) is rewritten too: the history rows,
    the access log, her proposals, their steps and mails, exclusions, agreements, the admin
    log of her rows, and every outbox row or job failure that names her.
    """
    now = now or timezone.now()
    learner = (
        Learner.objects.select_for_update(of=("self",))
        .filter(pk=learner.pk, anonymised_at__isnull=True)
        .first()
    )
    if learner is None:
        return False
    if learner.agreements.filter(
        status__in=[Agreement.Status.SIGNED, Agreement.Status.RUNNING]
    ).exists():
        raise IllegalTransition(
            _("Deze jongere heeft een lopende overeenkomst: beëindig die eerst.")
        )
    subject = learner_subject(learner)  # her strings as they were, to find them elsewhere
    with translation.override(settings.LANGUAGE_CODE):
        if learner.status in Learner.OPEN_STATUSES:
            learner.end(
                reason=reason or _("Gegevens gewist op verzoek"), on=timezone.localdate(now)
            )
        learner.first_name = ANONYMISED
        for name in PERSONAL_BLANKED:
            setattr(learner, name, "")
        for name in PERSONAL_FREE_TEXT:
            if getattr(learner, name):
                setattr(learner, name, ANONYMISED)
        learner.birth_date = learner.birth_date.replace(month=1, day=1)
        learner.anonymised_at = now
        # No full_clean(): an anonymised minor has no parent contact on purpose; the database
        # constraints (an ended file has a reason, only a closed file is anonymised) still hold.
        _save_with_history(learner, actor=actor, reason=ANONYMISED)
        Learner.history.filter(id=learner.pk).update(birth_date=learner.birth_date)
        registry.erase(subject)
        record_learner_access(
            learner=learner, user=actor, action=LearnerAccess.Action.CHANGE, what=ANONYMISED
        )
    return True


def anonymise_expired_learners(*, now: datetime.datetime | None = None, actor=None) -> int:
    """Anonymise every learner past retention, one transaction each; returns how many."""
    now = now or timezone.now()
    done = 0
    for learner in learners_past_retention(now=now).only("pk").iterator():
        try:
            if anonymise_learner(learner=learner, actor=actor, now=now):
                done += 1
        except IllegalTransition:
            continue  # a current agreement: the agreement's end brings the file back later
    return done
