"""Candidate companies (employer intake) and their hand-overs to providers."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from steunpunt.core.enterprise_number import (
    format_enterprise_number,
    normalise_enterprise_number,
    validate_enterprise_number,
)
from steunpunt.core.models import Organisation, Postcode, Programme

from .transitions import IllegalTransition, require_status

__all__ = ["CandidateCompany", "CandidateReferral"]


class CandidateCompany(models.Model):
    """A company that wants to become a workplace, in the coordinators' pipeline."""

    class Status(models.TextChoices):
        NEW = "new", _("Nieuw")
        CONTACTED = "contacted", _("Gecontacteerd")
        RECOGNITION_REQUESTED = "recognition_requested", _("Erkenning aangevraagd")
        RECOGNISED = "recognised", _("Erkend")
        NOT_PURSUED = "not_pursued", _("Niet verder opgevolgd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    company_name = models.CharField(_("naam onderneming"), max_length=200)
    enterprise_number = models.CharField(
        _("ondernemingsnummer"),
        max_length=10,
        blank=True,
        validators=[validate_enterprise_number],
        help_text=_("10 cijfers, bijvoorbeeld 0123.456.749."),
    )
    postcode = models.ForeignKey(
        Postcode,
        verbose_name=_("postcode vestigingsplaats"),
        on_delete=models.PROTECT,
        related_name="candidate_companies",
    )
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    programmes = models.ManyToManyField(
        Programme,
        verbose_name=_("opleidingen van interesse"),
        related_name="candidate_companies",
        blank=True,
    )
    contact_first_name = models.CharField(_("voornaam contactpersoon"), max_length=80)
    contact_last_name = models.CharField(_("familienaam contactpersoon"), max_length=80)
    contact_function = models.CharField(_("functie contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"))
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    consent_given_at = models.DateTimeField(
        _("toestemming gegeven op"),
        help_text=_("Wanneer de contactpersoon toestemming gaf om gecontacteerd te worden."),
    )
    message = models.TextField(_("bericht"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("onderneming in het portaal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
        help_text=_("Ingevuld zodra de onderneming als organisatie bestaat."),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status, default=Status.NEW)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), default=timezone.now)
    not_pursued_reason = models.TextField(_("reden niet verder opgevolgd"), blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[programmes])

    class Meta:
        verbose_name = _("kandidaat-onderneming")
        verbose_name_plural = _("kandidaat-ondernemingen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_pursued") | ~Q(not_pursued_reason=""),
                name="matchmaking_candidate_not_pursued_has_reason",
            ),
        ]
        indexes = [
            # The coordinators' pipeline: candidates per status, newest first.
            models.Index(fields=["status", "-created_at"], name="mm_candidate_pipeline_idx"),
            # The figure candidate_companies: candidates registered up to a day.
            models.Index(fields=["created_at"], name="mm_candidate_created_idx"),
        ]

    def __str__(self):
        return self.company_name

    @property
    def contact_name(self) -> str:
        return f"{self.contact_first_name} {self.contact_last_name}".strip()

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number)

    def clean_fields(self, exclude=None):
        # Accept "0123.456.749" or "BE 0123 456 749"; store the 10 digits.
        if self.enterprise_number:
            self.enterprise_number = normalise_enterprise_number(self.enterprise_number)
        super().clean_fields(exclude=exclude)

    def _move(self, status):
        self.status = status
        self.status_changed_at = timezone.now()

    def mark_contacted(self):
        require_status(
            self, self.Status.NEW, message=_("Alleen een nieuwe kandidaat kan je contacteren.")
        )
        self._move(self.Status.CONTACTED)

    def request_recognition(self):
        require_status(
            self,
            self.Status.NEW,
            self.Status.CONTACTED,
            message=_("Een erkenning aanvragen kan voor een nieuwe of gecontacteerde kandidaat."),
        )
        self._move(self.Status.RECOGNITION_REQUESTED)

    def mark_recognised(self):
        require_status(
            self,
            self.Status.RECOGNITION_REQUESTED,
            message=_("Eerst wordt de erkenning aangevraagd, daarna toegekend."),
        )
        self._move(self.Status.RECOGNISED)

    def not_pursue(self, *, reason: str):
        require_status(
            self,
            self.Status.NEW,
            self.Status.CONTACTED,
            self.Status.RECOGNITION_REQUESTED,
            message=_("Deze kandidaat is al afgesloten."),
        )
        reason = (reason or "").strip()
        if not reason:
            raise IllegalTransition(_("Geef de reden waarom we niet verder gaan."))
        self.not_pursued_reason = reason
        self._move(self.Status.NOT_PURSUED)


class CandidateReferral(models.Model):
    """A hand-over of a candidate company to the providers that offer its programmes nearby."""

    candidate = models.ForeignKey(
        CandidateCompany,
        verbose_name=_("kandidaat-onderneming"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    referred_on = models.DateField(_("doorgegeven op"), default=timezone.localdate)
    providers = models.ManyToManyField(
        Organisation,
        verbose_name=_("opleidingsverstrekkers"),
        related_name="candidate_referrals",
        limit_choices_to={"kind__in": [kind.value for kind in Organisation.PROVIDER_KINDS]},
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("doorgegeven door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("doorverwijzing van een kandidaat")
        verbose_name_plural = _("doorverwijzingen van kandidaten")
        ordering = ["-referred_on"]

    def __str__(self):
        return f"{self.candidate} ({self.referred_on:%d/%m/%Y})"
