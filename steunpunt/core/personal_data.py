"""The personal-data registry: one list of every field that can hold one person's data.

An app registers a `Holder` per kind of row in its AppConfig.ready(): which model, which
fields, which rows belong to the person (`own_rows`), and whether other rows are searched for
mentions of the person (`mention_fields`). The subject-access export reads the rows from this
list, the erasure rewrites them, and a test fails when a model gains a text field that is on
no list. The core registers its own holders (outbox rows, job failures, the admin log); a
feature app registers its models and never imports another app.

    registry.register(Holder(key="matchmaking.steps", model=ProposalTransition, ...))
    subject = Subject(instance=learner, traces=Traces(names=(...), emails=(...)))
    registry.export(subject)     # [(holder, [row, ...]), ...]
    registry.erase(subject)      # {holder key: rows changed}

How a person shows up in free text is described by `Traces`, built from the values as they
were before the erasure: whole names, e-mail addresses and phone numbers (found in any row:
distinctive enough), and short forms such as the first name alone or "Zoë V." (only replaced
in the person's own rows, where they can only mean her: "An" or "Jan" would otherwise be cut
out of unrelated mails).

Searching other rows for mentions is a scan of the text columns (icontains / a phone regex):
fine for an erasure a few times a night, not for a page request.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PLACEHOLDER = "Geanonimiseerd"

# How an erasure treats a field of the person's own rows.
BLANK = "blank"  # emptied ("" / {} / []): a field the database allows empty
PLACEHOLDER_IF_FILLED = "placeholder"  # a filled value becomes PLACEHOLDER (required reasons)
REPLACE = "replace"  # only the occurrences of the person's traces are replaced
# ...or a callable(row) -> new value (e.g. an address unique per row).

_PHONE_SEPARATORS = "[ ./-]*"  # valid in Python's re (SQLite REGEXP) and PostgreSQL's ARE
_MIN_PHONE_DIGITS = 8
_MIN_NAME_LENGTH = 3
_MIN_SHORT_NAME_LENGTH = 2


def _clean(values: Iterable[str], minimum: int) -> tuple[str, ...]:
    seen, out = set(), []
    for value in values:
        value = " ".join((value or "").split())
        if len(value) >= minimum and value.lower() not in seen and value != PLACEHOLDER:
            seen.add(value.lower())
            out.append(value)
    # Longest first, so "Zoë Vercruysse" is replaced before "Zoë" would cut it in two.
    return tuple(sorted(out, key=len, reverse=True))


def _national_digits(phone: str) -> str:
    """0471 23 45 67, +32 471 23 45 67 and 0032 471… all become 471234567."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0032"):
        digits = digits[4:]
    elif digits.startswith("32") and (phone or "").lstrip().startswith("+"):
        digits = digits[2:]
    return digits.lstrip("0")


@dataclass(frozen=True)
class Traces:
    """How one person shows up in stored text (case-insensitive, whole words)."""

    names: tuple[str, ...] = ()  # whole names (first and last, a parent's): searched everywhere
    emails: tuple[str, ...] = ()  # searched everywhere
    phones: tuple[str, ...] = ()  # searched everywhere, whatever the spaces, dots or +32
    short: tuple[str, ...] = ()  # first name, "Zoë V.", a street: only in the person's rows

    @classmethod
    def of(cls, *, names=(), emails=(), phones=(), short=()) -> Traces:
        phones = tuple(
            sorted(
                {d for d in (_national_digits(p) for p in phones) if len(d) >= _MIN_PHONE_DIGITS}
            )
        )
        return cls(
            names=_clean(names, _MIN_NAME_LENGTH),
            emails=_clean((e.lower() for e in emails if "@" in (e or "")), 3),
            phones=phones,
            short=_clean(short, _MIN_SHORT_NAME_LENGTH),
        )

    def __bool__(self) -> bool:
        return bool(self.names or self.emails or self.phones or self.short)

    # --- In Python ---------------------------------------------------------------------------

    def _pattern(self, *, own: bool) -> re.Pattern | None:
        words = [*self.names, *self.emails, *(self.short if own else ())]
        parts = [r"\s+".join(re.escape(w) for w in word.split()) for word in words]
        parts += [
            r"(?:(?:\+|00)32"
            + _PHONE_SEPARATORS
            + r"|0"
            + _PHONE_SEPARATORS
            + r")?"
            + _PHONE_SEPARATORS.join(phone)
            for phone in self.phones
        ]
        if not parts:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)

    def mentioned_in(self, value, *, own: bool = False) -> bool:
        return self.scrub(value, own=own) != value

    def scrub(self, value, *, own: bool):
        """`value` (text, JSON text, a decoded JSON value) with every trace replaced."""
        pattern = self._pattern(own=own)
        if pattern is None:
            return value
        return _scrub(value, pattern)

    # --- In the database ---------------------------------------------------------------------

    def mention_filter(self, field_names: Iterable[str]) -> Q:
        """Rows whose text fields may mention the person (a prefilter: `scrub` decides)."""
        needles = set()
        for word in (*self.names, *self.emails):
            needles.add(word)
            needles.add(json.dumps(word)[1:-1])  # as JSON text stores it: "Zo\u00eb"
        query = Q()
        for name in field_names:
            for needle in needles:
                query |= Q(**{f"{name}__icontains": needle})
            for phone in self.phones:
                query |= Q(**{f"{name}__regex": _PHONE_SEPARATORS.join(phone)})
        return query


def _scrub(value, pattern: re.Pattern):
    if isinstance(value, str):
        stripped = value.lstrip()
        if stripped[:1] in ("{", "["):
            try:
                decoded = json.loads(value)
            except ValueError:
                decoded = None
            if isinstance(decoded, (dict, list)):
                scrubbed = _scrub(decoded, pattern)
                return value if scrubbed == decoded else json.dumps(scrubbed)
        return pattern.sub(PLACEHOLDER, value)
    if isinstance(value, list):
        return [_scrub(item, pattern) for item in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "content_base64" and isinstance(item, str):
                out[key] = _scrub_base64(item, pattern)
            else:
                out[key] = _scrub(item, pattern)
        return out
    return value


def _scrub_base64(encoded: str, pattern: re.Pattern) -> str:
    """A text attachment is decoded, scrubbed and encoded again; a binary one is left as is
    here (the holder of a row that belongs to the person drops attachments altogether)."""
    try:
        text = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return encoded
    scrubbed = pattern.sub(PLACEHOLDER, text)
    return encoded if scrubbed == text else base64.b64encode(scrubbed.encode()).decode()


def blank_like(value):
    if isinstance(value, dict):
        return {}
    if isinstance(value, list):
        return []
    return "" if isinstance(value, str) else value


@dataclass
class Subject:
    """The person being exported or erased: the row that is her file, and her traces."""

    instance: models.Model
    traces: Traces
    since: Any = None  # when her file started: rows older than this cannot mention her
    # (content type id, object id) of every row that is hers, filled in by the registry
    objects: set[tuple[int, str]] = field(default_factory=set)


Treatment = str | Callable[[models.Model], Any]


@dataclass(frozen=True)
class Holder:
    """One kind of row that can hold a person's data.

    - `own_rows(subject)`: the rows that belong to the person; `fields` says how each listed
      field of those rows is erased.
    - `mention_fields`: fields of any other row of the model that are searched for her traces
      and rewritten where they mention her (`mention_candidates` adds rows to look at in
      Python, e.g. those with attachments, which the database cannot search).
    - `export_fields`: what the subject-access export shows of a row (all fields when None).
    """

    key: str
    title: Any
    model: type[models.Model]
    subject_model: type[models.Model] | None = None  # whose rows; None: anyone's
    fields: dict[str, Treatment] = field(default_factory=dict)
    own_rows: Callable[[Subject], models.QuerySet] | None = None
    mention_fields: tuple[str, ...] = ()
    mention_candidates: Callable[[Subject], models.QuerySet] | None = None
    export_fields: tuple[str, ...] | None = None
    ordering: tuple[str, ...] = ("pk",)

    def field_names(self) -> set[str]:
        return set(self.fields) | set(self.mention_fields)

    def own(self, subject: Subject) -> models.QuerySet:
        if self.own_rows is None:
            return self.model._default_manager.none()
        return self.own_rows(subject)

    def mentioning(self, subject: Subject) -> models.QuerySet:
        manager = self.model._default_manager
        if not self.mention_fields or not subject.traces:
            return manager.none()
        text_fields = [
            name
            for name in self.mention_fields
            if not isinstance(self.model._meta.get_field(name), models.JSONField)
        ]
        query = subject.traces.mention_filter(text_fields)
        if self.mention_candidates is not None:
            query |= Q(pk__in=self.mention_candidates(subject).values("pk"))
        if not query:
            return manager.none()
        return manager.filter(query)


class PersonalDataRegistry:
    def __init__(self):
        self._holders: dict[str, Holder] = {}

    def register(self, holder: Holder) -> Holder:
        existing = self._holders.get(holder.key)
        if existing is not None and (existing.model, existing.field_names()) != (
            holder.model,
            holder.field_names(),
        ):
            raise ValueError(f"Personal-data holder {holder.key!r} is already registered.")
        for name in holder.field_names():
            holder.model._meta.get_field(name)  # a typo fails at start-up, not at erasure
        self._holders[holder.key] = holder
        return holder

    def holders(self) -> list[Holder]:
        return list(self._holders.values())

    def holders_for(self, instance) -> list[Holder]:
        return [
            h
            for h in self._holders.values()
            if h.subject_model is None or isinstance(instance, h.subject_model)
        ]

    def fields(self) -> set[tuple[str, str]]:
        """(model label, field name) of every field on the list."""
        return {
            (holder.model._meta.label_lower, name)
            for holder in self._holders.values()
            for name in holder.field_names()
        }

    def _collect_objects(self, subject: Subject, holders: list[Holder]) -> None:
        from django.contrib.contenttypes.models import ContentType

        for holder in holders:
            if holder.own_rows is None:
                continue
            content_type = ContentType.objects.get_for_model(holder.model)
            subject.objects.update(
                (content_type.pk, str(pk))
                for pk in holder.own(subject).values_list("pk", flat=True)
            )

    def export(self, subject: Subject) -> list[tuple[Holder, list[models.Model]]]:
        """Per holder, the rows of (and about) the person; a row is listed once."""
        holders = self.holders_for(subject.instance)
        self._collect_objects(subject, holders)
        seen: set[tuple[str, Any]] = set()
        out = []
        for holder in holders:
            rows = []
            querysets = (holder.own(subject), holder.mentioning(subject))
            for queryset in querysets:
                for row in queryset.order_by(*holder.ordering):
                    key = (holder.model._meta.label_lower, row.pk)
                    if key in seen:
                        continue
                    if queryset is querysets[1] and not any(
                        subject.traces.mentioned_in(getattr(row, name))
                        for name in holder.mention_fields
                    ):
                        continue  # the prefilter matched, the words did not
                    seen.add(key)
                    rows.append(row)
            out.append((holder, rows))
        return out

    def erase(self, subject: Subject) -> dict[str, int]:
        """Rewrite every listed field of her rows and every mention of her elsewhere.

        Rows are updated with QuerySet.update(): no new history row, no signal, no
        auto_now; statuses, dates and counts stay as they were. Run it inside the caller's
        transaction, with her file locked.
        """
        holders = self.holders_for(subject.instance)
        self._collect_objects(subject, holders)
        changed: dict[str, int] = {}
        for holder in holders:
            done, own_pks = 0, set()
            for row in holder.own(subject).order_by("pk").iterator():
                own_pks.add(row.pk)
                done += _update(row, _own_changes(row, holder, subject.traces))
            for row in holder.mentioning(subject).exclude(pk__in=own_pks).iterator():
                changes = {}
                for name in holder.mention_fields:
                    value = getattr(row, name)
                    scrubbed = subject.traces.scrub(value, own=False)
                    if scrubbed != value:
                        changes[name] = scrubbed
                done += _update(row, changes)
            changed[holder.key] = done
        return changed


def _own_changes(row, holder: Holder, traces: Traces) -> dict:
    changes = {}
    for name, treatment in holder.fields.items():
        value = getattr(row, holder.model._meta.get_field(name).attname)
        if callable(treatment):
            new = treatment(row)
        elif treatment == BLANK:
            new = blank_like(value)
        elif treatment == PLACEHOLDER_IF_FILLED:
            new = PLACEHOLDER if value not in (None, "") else value
        elif treatment == REPLACE:
            new = traces.scrub(value, own=True)
        else:
            raise ValueError(f"Unknown treatment {treatment!r} of {holder.key}.{name}")
        if new != value:
            changes[name] = new
    return changes


def _update(row, changes: dict) -> int:
    if not changes:
        return 0
    type(row)._default_manager.filter(pk=row.pk).update(**changes)
    return 1


registry = PersonalDataRegistry()


# --- The core's own holders --------------------------------------------------------------------


# What the subject-access export shows of an outbox row (here and in the apps' mail holders).
OUTBOX_EXPORT_FIELDS = (
    "created_at",
    "batch",
    "recipient_email",
    "recipient_name",
    "subject",
    "body_text",
    "status",
    "sent_at",
    "last_error",
)


def erased_address(row) -> str:
    """Unique per row: the outbox allows one row per (batch, recipient)."""
    return f"gewist-{row.pk}@geanonimiseerd.invalid"


def register_core_holders() -> None:
    from django.contrib.admin.models import LogEntry

    from .models import JobFailure, OutboxMessage

    outbox_texts = ("recipient_name", "subject", "body_text", "body_html", "last_error")

    def outbox_to_her(subject: Subject):
        addresses = Q()
        for email in subject.traces.emails:
            addresses |= Q(recipient_email__iexact=email)
        if not addresses:
            return OutboxMessage.objects.none()
        return OutboxMessage.objects.filter(addresses)

    def outbox_with_json(subject: Subject):
        # Headers and attachments are JSON (base64 for binary files): looked at in Python.
        rows = OutboxMessage.objects.exclude(attachments=[], headers={})
        return rows.filter(created_at__gte=subject.since) if subject.since else rows

    registry.register(
        Holder(
            key="core.outbox",
            title=_("E-mails aan of over deze persoon"),
            model=OutboxMessage,
            fields={
                "recipient_email": erased_address,
                "recipient_name": BLANK,
                "subject": PLACEHOLDER_IF_FILLED,
                "body_text": PLACEHOLDER_IF_FILLED,
                "body_html": BLANK,
                "headers": BLANK,
                "attachments": BLANK,
                "last_error": REPLACE,
            },
            own_rows=outbox_to_her,
            mention_fields=(*outbox_texts, "headers", "attachments"),
            mention_candidates=outbox_with_json,
            export_fields=OUTBOX_EXPORT_FIELDS,
            ordering=("created_at", "pk"),
        )
    )
    registry.register(
        Holder(
            key="core.job_failures",
            title=_("Mislukte achtergrondtaken die deze persoon noemen"),
            model=JobFailure,
            mention_fields=("arguments", "exception", "traceback"),
            export_fields=("occurred_at", "task_name", "arguments", "exception", "resolved"),
            ordering=("occurred_at", "pk"),
        )
    )

    def log_of_her_rows(subject: Subject):
        by_type: dict[int, list[str]] = {}
        for content_type_id, object_id in subject.objects:
            by_type.setdefault(content_type_id, []).append(object_id)
        query = Q()
        for content_type_id, object_ids in by_type.items():
            query |= Q(content_type_id=content_type_id, object_id__in=object_ids)
        return LogEntry.objects.filter(query) if query else LogEntry.objects.none()

    registry.register(
        Holder(
            key="core.admin_log",
            title=_("Wijzigingen in het beheer"),
            model=LogEntry,
            fields={"object_repr": PLACEHOLDER_IF_FILLED, "change_message": REPLACE},
            own_rows=log_of_her_rows,
            mention_fields=("object_repr", "change_message"),
            export_fields=(
                "action_time",
                "user",
                "content_type",
                "object_repr",
                "action_flag",
                "change_message",
            ),
            ordering=("action_time", "pk"),
        )
    )
