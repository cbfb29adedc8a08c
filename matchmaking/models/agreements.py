"""The agreement register: the signed OAO, SAO or DAO between a learner and a company site."""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from steunpunt.core.models import Organisation, Programme, Site

from .learners import Learner
from .transitions import IllegalTransition, require_status
from .workplaces import Workplace

__all__ = ["Agreement"]

# An OAO is from 20 hours a week; an SAO below that (DOMAIN.md).
OAO_MIN_HOURS = 20


class Agreement(models.Model):
    class Type(models.TextChoices):
        OAO = "oao", _("OAO (overeenkomst alternerende opleiding)")
        SAO = "sao", _("SAO (stageovereenkomst alternerende opleiding)")
        DAO = "dao", _("DAO (deeltijdse arbeidsovereenkomst)")

    class Status(models.TextChoices):
        SIGNED = "signed", _("Ondertekend")
        RUNNING = "running", _("Loopt")
        ENDED = "ended", _("Beëindigd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    learner = models.ForeignKey(
        Learner, verbose_name=_("jongere"), on_delete=models.PROTECT, related_name="agreements"
    )
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("leerwerkplek"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("Leeg als de overeenkomst buiten een gepubliceerde werkplek om kwam."),
    )
    site = models.ForeignKey(
        Site, verbose_name=_("vestigingsplaats"), on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.PROTECT, related_name="+"
    )
    type = models.CharField(_("soort"), max_length=3, choices=Type)
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SIGNED)
    end_reason = models.TextField(_("reden van beëindiging"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("overeenkomst")
        verbose_name_plural = _("overeenkomsten")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(status__in=["signed", "running"]),
                name="matchmaking_agreement_one_current_per_learner",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="matchmaking_agreement_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=40),
                name="matchmaking_agreement_hours_per_week",
            ),
            models.CheckConstraint(
                condition=~Q(type="oao") | Q(hours_per_week__gte=OAO_MIN_HOURS),
                name="matchmaking_agreement_oao_from_20_hours",
            ),
            models.CheckConstraint(
                condition=~Q(type="sao") | Q(hours_per_week__lt=OAO_MIN_HOURS),
                name="matchmaking_agreement_sao_below_20_hours",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | ~Q(end_reason=""),
                name="matchmaking_agreement_ended_has_reason",
            ),
        ]
        indexes = [
            # "Recognised but inactive": agreements per site since a date.
            models.Index(fields=["site", "start_date"], name="mm_agreement_site_idx"),
            # agreements_total: agreements started in one school year (a start_date range).
            models.Index(fields=["start_date", "end_date"], name="mm_agreement_period_idx"),
            # agreements_running, learners_in_dual: not ended before a day (end_date IS NULL OR
            # end_date >= day: a bitmap OR of two ranges of this index; most agreements ended).
            models.Index(fields=["end_date"], name="mm_agreement_end_idx"),
            # The funnel figures: a learner's (first) agreement registered by a day.
            models.Index(fields=["learner", "created_at"], name="mm_agreement_learner_reg_idx"),
        ]

    def __str__(self):
        return f"{self.get_type_display()}: {self.learner} – {self.site}"

    def clean(self):
        super().clean()
        errors = {}
        if self.site_id and self.site.organisation.kind != Organisation.Kind.COMPANY:
            errors["site"] = _("Een overeenkomst is met een vestigingsplaats van een onderneming.")
        if self.workplace_id and (
            self.workplace.site_id != self.site_id
            or self.workplace.programme_id != self.programme_id
        ):
            errors["workplace"] = _(
                "De werkplek hoort niet bij deze vestigingsplaats en opleiding."
            )
        if self.hours_per_week is not None:
            if self.type == self.Type.OAO and self.hours_per_week < OAO_MIN_HOURS:
                errors["hours_per_week"] = _("Een OAO is minstens 20 uur per week; kies een SAO.")
            if self.type == self.Type.SAO and self.hours_per_week >= OAO_MIN_HOURS:
                errors["hours_per_week"] = _("Een SAO is minder dan 20 uur per week; kies een OAO.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum ligt na de begindatum.")
        if errors:
            raise ValidationError(errors)

    def start(self):
        require_status(
            self, self.Status.SIGNED, message=_("Alleen een ondertekende overeenkomst kan starten.")
        )
        self.status = self.Status.RUNNING

    def end(self, *, reason: str, on: date | None = None):
        require_status(
            self,
            self.Status.SIGNED,
            self.Status.RUNNING,
            message=_("Deze overeenkomst is al beëindigd."),
        )
        reason = (reason or "").strip()
        if not reason:
            raise IllegalTransition(_("Geef de reden van de beëindiging."))
        self.end_reason = reason
        self.end_date = on or timezone.localdate()
        if self.end_date < self.start_date:
            self.end_date = self.start_date
        self.status = self.Status.ENDED
