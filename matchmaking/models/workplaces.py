"""Recognitions (erkenningen) of company sites per programme, and the workplaces they allow."""

import uuid
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from steunpunt.core.models import Organisation, Person, Programme, Site

from .transitions import IllegalTransition, require_status

__all__ = ["Recognition", "Workplace"]


class RecognitionQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        """Recognised and within its validity on `day` (an open end means no end date)."""
        return self.filter(
            status=Recognition.Status.RECOGNISED,
            valid_from__lte=day,
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))

    def expiring_within(self, days: int, today: date | None = None):
        """Recognised, still valid today, ending within `days` days: the coordinator's warning."""
        today = today or timezone.localdate()
        return self.filter(
            status=Recognition.Status.RECOGNISED,
            valid_until__gte=today,
            valid_until__lte=today + timedelta(days=days),
        ).order_by("valid_until")

    def lapsed(self, today: date | None = None):
        """Still marked recognised although the end date has passed."""
        today = today or timezone.localdate()
        return self.filter(status=Recognition.Status.RECOGNISED, valid_until__lt=today)


class Recognition(models.Model):
    """An erkenning: a company site may train learners of one programme."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        RECOGNISED = "recognised", _("Erkend")
        EXPIRED = "expired", _("Verlopen")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    ACTIVE_STATUSES = (Status.REQUESTED, Status.RECOGNISED)

    site = models.ForeignKey(
        Site,
        verbose_name=_("vestigingsplaats"),
        on_delete=models.PROTECT,
        related_name="recognitions",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.REQUESTED)
    reference = models.CharField(
        _("erkenningsnummer"),
        max_length=40,
        blank=True,
        help_text=_("Het nummer van de erkenning; uniek als ingevuld."),
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(
        _("geldig tot"), null=True, blank=True, help_text=_("Leeg als er geen einddatum is.")
    )
    mentors = models.ManyToManyField(
        Person, verbose_name=_("mentoren"), related_name="mentor_recognitions", blank=True
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[mentors])

    objects = RecognitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("erkenning")
        verbose_name_plural = _("erkenningen")
        ordering = ["site__organisation__name", "programme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "programme"],
                condition=Q(status__in=["requested", "recognised"]),
                name="matchmaking_recognition_one_active_per_site_programme",
            ),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="matchmaking_recognition_reference_unique",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="matchmaking_recognition_until_after_from",
            ),
            models.CheckConstraint(
                condition=~Q(status="recognised") | Q(valid_from__isnull=False),
                name="matchmaking_recognition_recognised_has_start",
            ),
        ]
        indexes = [
            # The expiry warning and the nightly closing: recognised rows by end date.
            models.Index(fields=["status", "valid_until"], name="mm_recognition_expiry_idx"),
        ]

    def __str__(self):
        return f"{self.programme} – {self.site}"

    def clean(self):
        super().clean()
        errors = {}
        if self.site_id and self.site.organisation.kind != Organisation.Kind.COMPANY:
            errors["site"] = _("Alleen een vestigingsplaats van een onderneming kan erkend worden.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("De einddatum ligt na de begindatum.")
        if self.status == self.Status.RECOGNISED and not self.valid_from:
            errors["valid_from"] = _("Een erkenning heeft een begindatum.")
        if errors:
            raise ValidationError(errors)

    def is_valid_on(self, day: date) -> bool:
        return (
            self.status == self.Status.RECOGNISED
            and self.valid_from is not None
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
        )

    def recognise(self, *, valid_from: date, valid_until: date | None = None, reference: str = ""):
        require_status(
            self,
            self.Status.REQUESTED,
            message=_("Alleen een aangevraagde erkenning kan je toekennen."),
        )
        if valid_until and valid_until < valid_from:
            raise IllegalTransition(_("De einddatum ligt na de begindatum."))
        self.status = self.Status.RECOGNISED
        self.valid_from = valid_from
        self.valid_until = valid_until
        if reference:
            self.reference = reference

    def expire(self):
        require_status(
            self, self.Status.RECOGNISED, message=_("Alleen een toegekende erkenning kan verlopen.")
        )
        self.status = self.Status.EXPIRED

    def withdraw(self):
        require_status(
            self,
            self.Status.REQUESTED,
            self.Status.RECOGNISED,
            message=_("Een verlopen of ingetrokken erkenning kan je niet meer intrekken."),
        )
        self.status = self.Status.WITHDRAWN


class Workplace(models.Model):
    """A leerwerkplek: places for learners of one programme at a recognised company site."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULL = "full", _("Volzet")
        CLOSED = "closed", _("Gesloten")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    site = models.ForeignKey(
        Site,
        verbose_name=_("vestigingsplaats"),
        on_delete=models.PROTECT,
        related_name="workplaces",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.PROTECT, related_name="workplaces"
    )
    places = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=1)
    start_date = models.DateField(_("startdatum"))
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), default=20)
    description = models.TextField(_("korte omschrijving"), blank=True)
    is_public = models.BooleanField(
        _("publiek"),
        default=False,
        help_text=_("Toon deze werkplek in de publieke zoeker (zonder persoonsgegevens)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leerwerkplek")
        verbose_name_plural = _("leerwerkplekken")
        ordering = ["site__organisation__name", "programme__name", "start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="matchmaking_workplace_places"),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=40),
                name="matchmaking_workplace_hours_per_week",
            ),
        ]
        indexes = [
            # The matching run and the public finder: open workplaces per programme.
            models.Index(fields=["status", "programme"], name="mm_workplace_open_idx"),
        ]

    def __str__(self):
        return f"{self.programme} – {self.site}"

    def recognition_on(self, day: date):
        return (
            Recognition.objects.valid_on(day)
            .filter(site_id=self.site_id, programme_id=self.programme_id)
            .first()
        )

    def check_recognised(self, today: date | None = None) -> None:
        """Refuse a workplace without a valid recognition today and on its start date."""
        today = today or timezone.localdate()
        days = {today} | ({self.start_date} if self.start_date else set())
        for day in sorted(days):
            if self.recognition_on(day) is None:
                raise ValidationError(
                    _(
                        "Deze vestigingsplaats heeft op %(day)s geen geldige erkenning voor "
                        "deze opleiding."
                    )
                    % {"day": day.strftime("%d/%m/%Y")},
                    code="not_recognised",
                )

    def clean(self):
        super().clean()
        if self.hours_per_week is not None and not 1 <= self.hours_per_week <= 40:
            raise ValidationError({"hours_per_week": _("Tussen 1 en 40 uur per week.")})
        if self.site_id and self.programme_id and self.status != self.Status.CLOSED:
            self.check_recognised()

    def mark_full(self):
        require_status(
            self, self.Status.OPEN, message=_("Alleen een open werkplek kan volzet zijn.")
        )
        self.status = self.Status.FULL

    def reopen(self):
        require_status(
            self,
            self.Status.FULL,
            self.Status.CLOSED,
            message=_("Deze werkplek is al open."),
        )
        self.check_recognised()
        self.status = self.Status.OPEN

    def close(self):
        require_status(
            self, self.Status.OPEN, self.Status.FULL, message=_("Deze werkplek is al gesloten.")
        )
        self.status = self.Status.CLOSED
