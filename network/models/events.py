"""Public events (the yearly network event, info sessions) and their registrations, with a
waiting list that moves up when someone cancels."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .participation import new_token
from .transitions import IllegalTransition, require_status

__all__ = ["Event", "EventRegistration"]


class Event(models.Model):
    class Kind(models.TextChoices):
        NETWORK_EVENT = "network_event", _("Netwerkevent")
        INFO_SESSION = "info_session", _("Infosessie")
        WORKSHOP = "workshop", _("Workshop")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("korte naam"), max_length=120, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("samenvatting"), max_length=300)
    description = models.TextField(_("omschrijving (Markdown)"), blank=True)
    starts_at = models.DateTimeField(_("begin"))
    ends_at = models.DateTimeField(_("einde"))
    location = models.CharField(_("plaats"), max_length=250, blank=True)
    online_url = models.URLField(_("link online"), blank=True)
    audience = models.CharField(_("voor wie"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: onbeperkt.")
    )
    registration_open = models.BooleanField(_("inschrijven kan"), default=True)
    registration_closes_at = models.DateTimeField(
        _("inschrijven tot"), null=True, blank=True, help_text=_("Leeg: tot het begin.")
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    registrations_purged_at = models.DateTimeField(null=True, blank=True, editable=False)
    registered_count = models.PositiveIntegerField(
        _("aantal ingeschreven (na opschonen)"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="network_event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="network_event_capacity_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["is_published", "starts_at"], name="network_event_public_idx")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Het einde ligt na het begin.")})
        if not (self.location or self.online_url):
            raise ValidationError({"location": _("Vul een plaats of een link in.")})

    def accepts_registrations(self, now=None) -> bool:
        now = now or timezone.now()
        closes = self.registration_closes_at or self.starts_at
        return self.is_published and self.registration_open and now < closes

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class EventRegistration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Ingeschreven")
        WAITLISTED = "waitlisted", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Geannuleerd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        Event, verbose_name=_("activiteit"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("naam"), max_length=160)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"))
    dietary_needs = models.CharField(_("voedingswensen"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("toegankelijkheid"), max_length=300, blank=True)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"))
    status = models.CharField(_("status"), max_length=12, choices=Status)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    registered_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    promoted_at = models.DateTimeField(_("van de wachtlijst gehaald op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["event", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="network_registration_once_per_email",
            ),
        ]
        indexes = [
            # The waiting list in order, and the count of confirmed places.
            models.Index(
                fields=["event", "status", "registered_at"], name="network_registration_idx"
            )
        ]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def cancel(self):
        require_status(
            self,
            self.Status.CONFIRMED,
            self.Status.WAITLISTED,
            message=_("Deze inschrijving is al geannuleerd."),
        )
        self.status = self.Status.CANCELLED
        self.cancelled_at = timezone.now()

    def promote(self):
        if self.status != self.Status.WAITLISTED:
            raise IllegalTransition(_("Alleen wie op de wachtlijst staat, schuift door."))
        self.status = self.Status.CONFIRMED
        self.promoted_at = timezone.now()
