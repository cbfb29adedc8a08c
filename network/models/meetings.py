"""Meetings of a body, their numbered agenda (one level of sub-items) and documents."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Person

from .bodies import Body
from .transitions import IllegalTransition, require_status

__all__ = ["AgendaItem", "Meeting", "MeetingDocument", "ScheduledItem"]


class Meeting(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Ontwerp")
        PLANNED = "planned", _("Gepland")
        HELD = "held", _("Gehouden")
        MINUTES_PUBLISHED = "minutes_published", _("Verslag gepubliceerd")
        CANCELLED = "cancelled", _("Geannuleerd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        Body, verbose_name=_("overlegorgaan"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begin"))
    ends_at = models.DateTimeField(_("einde"), null=True, blank=True)
    location = models.CharField(
        _("plaats"), max_length=250, blank=True, help_text=_("Adres of zaal; leeg als online.")
    )
    online_url = models.URLField(_("link online vergadering"), blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    # Raised on every change invitees must hear about: the .ics SEQUENCE (RFC 5545).
    sequence = models.PositiveIntegerField(_("versie van de uitnodiging"), default=0)
    cloned_from = models.ForeignKey(
        "self",
        verbose_name=_("gekopieerd van"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="network_meeting_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["body", "-starts_at"], name="network_meeting_body_idx")]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{self.title} ({local:%d/%m/%Y})"

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Het einde ligt na het begin.")})
        if self.status != self.Status.DRAFT and not (self.location or self.online_url):
            raise ValidationError(
                {"location": _("Vul een plaats of een link naar de online vergadering in.")}
            )

    @property
    def is_online_only(self) -> bool:
        return bool(self.online_url) and not self.location

    def computed_end(self) -> datetime:
        """The end: as set, or after the last agenda item, or one hour after the start."""
        if self.ends_at:
            return self.ends_at
        schedule = self.schedule()
        if schedule:
            return schedule[-1].ends_at
        return self.starts_at + timedelta(hours=1)

    def schedule(self) -> list["ScheduledItem"]:
        """Every agenda item in order with its number and start/end from the durations.

        Sub-items run inside their parent's time slot, which lasts the parent's own duration or
        the sum of its sub-items, whichever is longer.
        """
        items = list(self.agenda_items.all())
        top = sorted((i for i in items if i.parent_id is None), key=lambda i: (i.position, i.pk))
        children: dict[int, list[AgendaItem]] = {}
        for item in items:
            if item.parent_id is not None:
                children.setdefault(item.parent_id, []).append(item)
        result, clock = [], self.starts_at
        for number, item in enumerate(top, start=1):
            subs = sorted(children.get(item.pk, []), key=lambda i: (i.position, i.pk))
            minutes = max(item.duration_minutes, sum(s.duration_minutes for s in subs))
            end = clock + timedelta(minutes=minutes)
            result.append(ScheduledItem(item, str(number), clock, end))
            sub_clock = clock
            for sub_number, sub in enumerate(subs, start=1):
                end = sub_clock + timedelta(minutes=sub.duration_minutes)
                result.append(ScheduledItem(sub, f"{number}.{sub_number}", sub_clock, end))
                sub_clock = end
            clock += timedelta(minutes=minutes)
        return result

    # Status changes: each refuses what the workflow does not allow; the caller saves.

    def plan(self):
        require_status(self, self.Status.DRAFT, message=_("Alleen een ontwerp kan je plannen."))
        if not (self.location or self.online_url):
            raise IllegalTransition(_("Vul eerst een plaats of een link in."))
        self.status = self.Status.PLANNED

    def mark_held(self):
        require_status(
            self, self.Status.PLANNED, message=_("Alleen een geplande vergadering is gehouden.")
        )
        self.status = self.Status.HELD

    def publish_minutes(self):
        require_status(
            self,
            self.Status.HELD,
            message=_("Het verslag publiceer je na de vergadering."),
        )
        self.status = self.Status.MINUTES_PUBLISHED

    def cancel(self):
        require_status(
            self,
            self.Status.DRAFT,
            self.Status.PLANNED,
            message=_("Een gehouden vergadering kan je niet meer annuleren."),
        )
        self.status = self.Status.CANCELLED
        self.sequence += 1


@dataclass(frozen=True)
class ScheduledItem:
    item: "AgendaItem"
    number: str
    starts_at: datetime
    ends_at: datetime

    @property
    def is_sub_item(self) -> bool:
        return self.item.parent_id is not None


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        ITEM = "item", _("Agendapunt")
        APPROVE_MINUTES = "approve_minutes", _("Goedkeuring vorig verslag")
        GOOD_PRACTICE = "good_practice", _("Goede praktijk")
        LABOUR_MARKET = "labour_market", _("VDAB over de regionale arbeidsmarkt")
        REQUEST_PROCEDURE = "request_procedure", _("Procedure programmatieaanvragen")
        ALIGN_OFFER = "align_offer", _("Afstemming duaal aanbod")
        PROGRAMMATIE = "programmatie", _("Programmatieaanvragen")
        PROGRAMMATIE_REQUEST = "programmatie_request", _("Programmatieaanvraag")
        NETWORKING = "networking", _("Netwerkmoment")
        BREAK = "break", _("Pauze")
        AOB = "aob", _("Varia")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("vergadering"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("hoort bij"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_items",
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort"), max_length=24, choices=Kind, default=Kind.ITEM)
    title = models.CharField(_("titel"), max_length=250)
    description = models.TextField(_("toelichting"), blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=15)
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("wie stelt voor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    presenter_text = models.CharField(
        _("wie stelt voor (vrije tekst)"),
        max_length=200,
        blank=True,
        help_text=_("Als de spreker geen contactpersoon in de portaal is."),
    )
    internal = models.BooleanField(
        _("intern"),
        default=False,
        help_text=_("Niet zichtbaar voor het publiek en niet in exports of de agenda-PDF."),
    )
    documents = models.ManyToManyField(
        "MeetingDocument", verbose_name=_("documenten"), blank=True, related_name="agenda_items"
    )
    # What this item is about, for items that stand for a row of another app (a good practice,
    # a programmatie request): stored generically so network never imports pof.
    subject_type = models.CharField(max_length=60, blank=True, editable=False)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "parent_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__lte=480), name="network_item_duration_max_8_hours"
            ),
            models.UniqueConstraint(
                fields=["meeting", "subject_type", "subject_id"],
                condition=Q(subject_id__isnull=False),
                name="network_item_subject_once_per_meeting",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def presenter_name(self) -> str:
        return str(self.presenter) if self.presenter_id else self.presenter_text

    def clean(self):
        super().clean()
        if self.parent_id:
            if self.parent.parent_id is not None:
                raise ValidationError(
                    {"parent": _("Een subpunt kan zelf geen subpunten hebben (één niveau).")}
                )
            if self.parent.meeting_id != self.meeting_id:
                raise ValidationError({"parent": _("Kies een punt van dezelfde vergadering.")})
            if self.pk and self.sub_items.exists():
                raise ValidationError(
                    {"parent": _("Dit punt heeft zelf subpunten en kan dus geen subpunt worden.")}
                )


def document_path(instance, filename):
    return f"network/documents/{instance.meeting.uuid}/{instance.uuid}.{instance.extension}"


class MeetingDocument(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Verslag")
        PRESENTATION = "presentation", _("Presentatie")
        NOTE = "note", _("Nota")
        ANNEX = "annex", _("Bijlage")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind, default=Kind.ANNEX)
    file = models.FileField(_("bestand"), upload_to=document_path, max_length=200)
    extension = models.CharField(max_length=5, editable=False)
    mimetype = models.CharField(max_length=120, editable=False)
    size = models.PositiveBigIntegerField(_("grootte"), editable=False, default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opgeladen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("opgeladen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["meeting", "kind", "title"]

    def __str__(self):
        return self.title

    @property
    def download_name(self) -> str:
        from django.utils.text import slugify

        return f"{slugify(self.title) or 'document'}.{self.extension}"
