"""Learners looking for a workplace, their wishes in order, and the log of who viewed their file."""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from steunpunt.core.models import Organisation, Postcode, Programme, Site

from .transitions import IllegalTransition, require_status

__all__ = ["Learner", "LearnerAccess", "LearnerWish", "age_on"]


def age_on(birth_date: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


class Learner(models.Model):
    """A learner (leerling/cursist) in duaal leren looking for, or working at, a workplace."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Aangemeld")
        SCREENED = "screened", _("Gescreend")
        SEARCHING = "searching", _("Zoekt een werkplek")
        PROPOSED = "proposed", _("Werkplek voorgesteld")
        INTRODUCTION = "introduction", _("Kennismaking")
        AGREEMENT = "agreement", _("Overeenkomst")
        RUNNING = "running", _("Loopt")
        ENDED = "ended", _("Beëindigd")
        REFERRED = "referred", _("Doorverwezen")

    class Readiness(models.TextChoices):
        NOT_SCREENED = "not_screened", _("Nog niet gescreend")
        WORK_READY = "arbeidsrijp", _("Arbeidsrijp")
        WORK_WILLING = "arbeidsbereid", _("Arbeidsbereid")
        NOT_READY = "not_ready", _("Nog niet arbeidsbereid")

    class ConsentBy(models.TextChoices):
        LEARNER = "learner", _("De jongere zelf")
        PARENT = "parent", _("Een ouder of voogd")

    class Pathway(models.TextChoices):
        NONE = "", _("Geen")
        FULL_TIME = "full_time", _("Voltijds onderwijs")
        AANLOOPFASE = "aanloopfase", _("Aanloopfase")
        WELFARE = "welfare", _("Welzijnstraject")
        VDAB = "vdab", _("Begeleiding door VDAB")
        OTHER = "other", _("Ander traject")

    READY_FOR_SEARCH = (Readiness.WORK_READY, Readiness.WORK_WILLING)
    OPEN_STATUSES = (
        Status.REGISTERED,
        Status.SCREENED,
        Status.SEARCHING,
        Status.PROPOSED,
        Status.INTRODUCTION,
        Status.AGREEMENT,
        Status.RUNNING,
    )

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(_("voornaam"), max_length=80)
    last_name = models.CharField(_("familienaam"), max_length=80)
    birth_date = models.DateField(_("geboortedatum"))
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    street = models.CharField(_("straat en nummer"), max_length=200, blank=True)
    postcode = models.ForeignKey(
        Postcode,
        verbose_name=_("postcode"),
        on_delete=models.PROTECT,
        related_name="learners",
        help_text=_("Van de woonplaats: daaruit volgen de afstand tot een werkplek en de regio."),
    )
    parent_name = models.CharField(_("naam ouder of voogd"), max_length=160, blank=True)
    parent_email = models.EmailField(_("e-mailadres ouder of voogd"), blank=True)
    parent_phone = models.CharField(_("telefoon ouder of voogd"), max_length=30, blank=True)

    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("opleidingsverstrekker"),
        on_delete=models.PROTECT,
        related_name="learners",
        help_text=_("De school of het centrum waar de jongere nu ingeschreven is."),
    )
    provider_site = models.ForeignKey(
        Site,
        verbose_name=_("vestigingsplaats"),
        on_delete=models.PROTECT,
        related_name="learners",
        null=True,
        blank=True,
    )
    wished_programmes = models.ManyToManyField(
        Programme,
        verbose_name=_("gewenste opleidingen"),
        through="LearnerWish",
        related_name="wishing_learners",
        blank=True,
    )
    wished_start_date = models.DateField(_("gewenste startdatum"), null=True, blank=True)
    max_distance_km = models.PositiveSmallIntegerField(
        _("maximale afstand (km)"),
        default=20,
        help_text=_("Hoe ver de jongere wil of kan reizen naar de werkplek."),
    )
    transport_own = models.BooleanField(_("eigen vervoer"), default=False)
    transport_bike = models.BooleanField(_("fiets"), default=True)
    transport_public = models.BooleanField(_("openbaar vervoer"), default=True)

    readiness = models.CharField(
        _("arbeidsrijp/arbeidsbereid"),
        max_length=20,
        choices=Readiness,
        default=Readiness.NOT_SCREENED,
    )
    screened_on = models.DateField(_("gescreend op"), null=True, blank=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gescreend door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    early_school_leaver = models.BooleanField(_("vroegtijdige schoolverlater"), default=False)
    adult = models.BooleanField(_("18-plusser"), default=False)
    no_qualification = models.BooleanField(_("zonder kwalificatie"), default=False)
    buso = models.BooleanField(_("BuSO"), default=False)
    okan = models.BooleanField(_("OKAN"), default=False)
    aanloopfase = models.BooleanField(_("in aanloopfase"), default=False)

    consent_given_on = models.DateField(_("toestemming gegeven op"), null=True, blank=True)
    consent_given_by = models.CharField(
        _("toestemming gegeven door"), max_length=10, choices=ConsentBy, blank=True
    )
    notes = models.TextField(_("notities"), blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.REGISTERED)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), default=timezone.now)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.TextField(_("reden van beëindiging"), blank=True)
    referred_to = models.ForeignKey(
        Organisation,
        verbose_name=_("doorverwezen naar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_learners",
        limit_choices_to={"kind": Organisation.Kind.PARTNER},
    )
    referred_pathway = models.CharField(
        _("doorverwezen naar traject"), max_length=20, choices=Pathway, blank=True
    )
    referral_reason = models.TextField(_("reden van doorverwijzing"), blank=True)

    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    programme_started_on = models.DateField(
        _("gestart in de duale opleiding op"),
        null=True,
        blank=True,
        help_text=_(
            "De dag waarop de jongere op school startte in de duale opleiding. Vanaf dan tellen "
            "de opleidingsdagen zonder overeenkomst (de risicolijst)."
        ),
    )
    anonymised_at = models.DateTimeField(
        _("geanonimiseerd op"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Vanaf dan zijn de persoonsgegevens gewist; de tellingen blijven."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_distance_km__gte=1), name="matchmaking_learner_distance_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | ~Q(end_reason=""),
                name="matchmaking_learner_ended_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="referred")
                | (
                    ~Q(referral_reason="")
                    & (Q(referred_to__isnull=False) | ~Q(referred_pathway=""))
                ),
                name="matchmaking_learner_referred_has_target_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(consent_given_on__isnull=True) | ~Q(consent_given_by=""),
                name="matchmaking_learner_consent_has_giver",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True) | Q(status__in=["ended", "referred"]),
                name="matchmaking_learner_anonymised_is_closed",
            ),
        ]
        indexes = [
            # The waiting list: searching learners per provider, oldest status change first.
            models.Index(fields=["status", "status_changed_at"], name="mm_learner_status_idx"),
            # A school contact's list of its own learners.
            models.Index(fields=["provider", "status"], name="mm_learner_provider_idx"),
            # The funnel figures: learners registered up to a day (created_at < the next day).
            models.Index(fields=["created_at"], name="mm_learner_created_idx"),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("matchmaking:learner_detail", kwargs={"uuid": self.uuid})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def subregion(self):
        return self.postcode.subregion

    def is_minor(self, on: date | None = None) -> bool:
        return age_on(self.birth_date, on or timezone.localdate()) < 18

    def clean(self):
        super().clean()
        errors = {}
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = _("Een geboortedatum ligt niet in de toekomst.")
        if self.birth_date and self.is_minor():
            if not self.parent_name:
                errors["parent_name"] = _(
                    "Voor een minderjarige is de naam van een ouder of voogd verplicht."
                )
            if not (self.parent_email or self.parent_phone):
                errors["parent_email"] = _(
                    "Voor een minderjarige is een e-mailadres of telefoon van een ouder of voogd "
                    "verplicht."
                )
        if self.provider_id and self.provider.kind not in Organisation.PROVIDER_KINDS:
            errors["provider"] = _("Kies een school of centrum, geen onderneming of partner.")
        if self.provider_site_id and self.provider_site.organisation_id != self.provider_id:
            errors["provider_site"] = _(
                "Deze vestigingsplaats hoort niet bij de gekozen opleidingsverstrekker."
            )
        if self.consent_given_on and not self.consent_given_by:
            errors["consent_given_by"] = _("Vul in wie de toestemming gaf.")
        if errors:
            raise ValidationError(errors)

    # Status changes: each refuses what the workflow does not allow; the caller saves.

    def _move(self, status):
        self.status = status
        self.status_changed_at = timezone.now()

    def screen(self, *, readiness: str, by, on: date | None = None):
        require_status(
            self,
            self.Status.REGISTERED,
            self.Status.SCREENED,
            message=_("Alleen een aangemelde of gescreende jongere kan je (opnieuw) screenen."),
        )
        if readiness == self.Readiness.NOT_SCREENED:
            raise IllegalTransition(_("Kies het resultaat van de screening."))
        self.readiness = readiness
        self.screened_on = on or timezone.localdate()
        self.screened_by = by
        self._move(self.Status.SCREENED)

    def start_search(self):
        require_status(
            self,
            self.Status.SCREENED,
            self.Status.PROPOSED,
            self.Status.INTRODUCTION,
            message=_("Alleen een gescreende jongere of een afgesprongen voorstel gaat zoeken."),
        )
        if self.readiness not in self.READY_FOR_SEARCH:
            raise IllegalTransition(
                _("Alleen een arbeidsrijpe of arbeidsbereide jongere zoekt een werkplek.")
            )
        if not self.consent_given_on:
            raise IllegalTransition(
                _("Zonder toestemming zoeken we geen werkplek: vul eerst de toestemming in.")
            )
        self._move(self.Status.SEARCHING)

    def propose(self):
        require_status(
            self,
            self.Status.SEARCHING,
            message=_("Alleen een jongere die zoekt, krijgt een voorstel."),
        )
        self._move(self.Status.PROPOSED)

    def plan_introduction(self):
        require_status(
            self,
            self.Status.PROPOSED,
            message=_("Een kennismaking volgt op een voorstel."),
        )
        self._move(self.Status.INTRODUCTION)

    def sign_agreement(self):
        require_status(
            self,
            self.Status.INTRODUCTION,
            message=_("Een overeenkomst volgt op een kennismaking."),
        )
        self._move(self.Status.AGREEMENT)

    def start_running(self):
        require_status(
            self,
            self.Status.AGREEMENT,
            message=_("Alleen een jongere met een overeenkomst kan starten op de werkplek."),
        )
        self._move(self.Status.RUNNING)

    def end(self, *, reason: str, on: date | None = None):
        require_status(
            self, *self.OPEN_STATUSES, message=_("Deze jongere is al beëindigd of doorverwezen.")
        )
        reason = (reason or "").strip()
        if not reason:
            raise IllegalTransition(_("Geef de reden van de beëindiging."))
        self.end_reason = reason
        self.ended_on = on or timezone.localdate()
        self._move(self.Status.ENDED)

    def refer(self, *, reason: str, to: Organisation | None = None, pathway: str = ""):
        require_status(
            self, *self.OPEN_STATUSES, message=_("Deze jongere is al beëindigd of doorverwezen.")
        )
        reason = (reason or "").strip()
        if not reason:
            raise IllegalTransition(_("Geef de reden van de doorverwijzing."))
        if to is None and not pathway:
            raise IllegalTransition(_("Kies een partnerorganisatie of een traject."))
        if to is not None and to.kind != Organisation.Kind.PARTNER:
            raise IllegalTransition(_("Doorverwijzen kan alleen naar een partnerorganisatie."))
        self.referred_to = to
        self.referred_pathway = pathway
        self.referral_reason = reason
        self._move(self.Status.REFERRED)


class LearnerWish(models.Model):
    """One wished programme of a learner, rank 1 being the first choice."""

    learner = models.ForeignKey(
        Learner, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="wishes"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("voorkeur"), help_text=_("1 is de eerste keuze."))

    class Meta:
        verbose_name = _("gewenste opleiding")
        verbose_name_plural = _("gewenste opleidingen")
        ordering = ["learner", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "programme"], name="matchmaking_wish_programme_once"
            ),
            models.UniqueConstraint(fields=["learner", "rank"], name="matchmaking_wish_rank_once"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="matchmaking_wish_rank_positive"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.programme}"


class LearnerAccess(models.Model):
    """Who looked at or changed a learner file, and when (the privacy audit of views)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Bekeken")
        CHANGE = "change", _("Gewijzigd")
        CREATE = "create", _("Aangemaakt")
        EXPORT = "export", _("Geëxporteerd")

    learner = models.ForeignKey(
        Learner, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="accesses"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    action = models.CharField(_("handeling"), max_length=10, choices=Action)
    what = models.CharField(
        _("wat"), max_length=200, blank=True, help_text=_("Welke pagina of welk onderdeel.")
    )

    class Meta:
        verbose_name = _("inzage in een jongerendossier")
        verbose_name_plural = _("inzages in jongerendossiers")
        ordering = ["-at"]
        indexes = [
            # The access log of one learner, newest first (learner admin, subject-access export).
            models.Index(fields=["learner", "-at"], name="mm_learner_access_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.learner} ({self.at:%d/%m/%Y %H:%M})"
