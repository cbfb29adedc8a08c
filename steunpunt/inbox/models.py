"""The Steunpunt's inbox: questions and info-session requests from the public, and their handling.

One `Question` per message from the public. `kind` says whether it is a plain question or a
request for an info session; a request has its `InfoSessionDetails` (one-to-one). Coordinators
keep internal `QuestionNote`s and send `Answer`s from the portal; both stay with the question.

Status: new → in progress → referred → closed (a closed question can be reopened). Changes are
model methods that raise `IllegalTransition`; the caller (a service) saves.

Personal data keeps an audit trail (simple_history) and is anonymised after the retention
period (`retention.anonymise_expired_questions`), history included; the rows stay for counts.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

ANONYMISED = "[geanonimiseerd]"


class IllegalTransition(Exception):
    """A status change that the question's current status does not allow."""


class ReferenceSequence(models.Model):
    """The last number handed out per prefix and year ("V-2026" → 42 gives "V-2026-00042")."""

    key = models.CharField(_("sleutel"), max_length=12, unique=True)
    last_number = models.PositiveIntegerField(_("laatste nummer"), default=0)

    class Meta:
        verbose_name = _("nummerreeks")
        verbose_name_plural = _("nummerreeksen")

    def __str__(self):
        return f"{self.key}: {self.last_number}"


class Question(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "vraag", _("Vraag")
        INFO_SESSION = "infosessie", _("Aanvraag infosessie")

    class Audience(models.TextChoices):
        LEARNER = "lerende", _("Leerling of lerende")
        PARENT = "ouder", _("Ouder")
        SCHOOL = "school", _("School of opleidingscentrum")
        COMPANY = "onderneming", _("Onderneming")
        ORGANISATION = "organisatie", _("Organisatie of sector")
        OTHER = "andere", _("Iemand anders")

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        IN_PROGRESS = "in_behandeling", _("In behandeling")
        REFERRED = "doorverwezen", _("Doorverwezen")
        CLOSED = "afgesloten", _("Afgesloten")

    REFERENCE_PREFIX = {Kind.QUESTION: "V", Kind.INFO_SESSION: "I"}

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("referentienummer"),
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("Staat in de ontvangstbevestiging, bijvoorbeeld V-2026-00042."),
    )
    kind = models.CharField(_("soort"), max_length=12, choices=Kind, default=Kind.QUESTION)
    audience = models.CharField(_("wie stelt de vraag"), max_length=12, choices=Audience)
    name = models.CharField(_("naam"), max_length=120, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    postcode = models.ForeignKey(
        "core.Postcode",
        verbose_name=_("postcode"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    subregion = models.ForeignKey(
        "core.Subregion",
        verbose_name=_("subregio"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Afgeleid uit de postcode als die is ingevuld."),
    )
    text = models.TextField(_("vraag"), blank=True)
    consent = models.BooleanField(_("toestemming"), default=False)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"))

    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandeld door"),
        on_delete=models.SET_NULL,
        related_name="assigned_questions",
        null=True,
        blank=True,
    )
    referred_to = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("doorverwezen naar"),
        on_delete=models.PROTECT,
        related_name="referred_questions",
        null=True,
        blank=True,
        limit_choices_to={"kind": "partner"},
    )
    referral_reason = models.TextField(_("reden van doorverwijzing"), blank=True)

    # What the question is about (a workplace of the public finder, …): a generic link, so the
    # inbox never imports the app that owns the row. The label and the staff URL are stored with
    # it, so the question page shows the link without asking that app anything.
    about_type = models.ForeignKey(
        ContentType,
        verbose_name=_("over (soort)"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    about_id = models.PositiveBigIntegerField(_("over (nummer)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    about_label = models.CharField(
        _("over"),
        max_length=200,
        blank=True,
        help_text=_("Waarover de vraag gaat, bijvoorbeeld een leerwerkplek uit de zoeker."),
    )
    about_url = models.CharField(
        _("link voor het Steunpunt"),
        max_length=300,
        blank=True,
        help_text=_("Waar een coördinator dat onderwerp in het portaal bekijkt."),
    )

    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    first_answered_at = models.DateTimeField(_("eerste antwoord op"), null=True, blank=True)
    referred_at = models.DateTimeField(_("doorverwezen op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="inbox_question_consent"),
            models.CheckConstraint(
                condition=~Q(email="", phone="") | Q(anonymised_at__isnull=False),
                name="inbox_question_email_or_phone",
            ),
            models.CheckConstraint(
                condition=Q(referred_to__isnull=False) | ~Q(status="doorverwezen"),
                name="inbox_question_referred_has_partner",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=False) | ~Q(status="afgesloten"),
                name="inbox_question_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(about_type__isnull=True, about_id__isnull=True)
                | Q(about_type__isnull=False, about_id__isnull=False),
                name="inbox_question_about_type_and_id",
            ),
        ]
        indexes = [
            # The inbox list: filter by status, newest first; and the counts per status.
            models.Index(fields=["status", "-created_at"], name="inbox_q_status_created_idx"),
            # The retention task: not yet anonymised, closed or received before the cut-off.
            models.Index(
                fields=["closed_at", "created_at"],
                condition=Q(anonymised_at__isnull=True),
                name="inbox_q_retention_idx",
            ),
            # "Questions about this workplace": the generic link looked up from its side.
            models.Index(fields=["about_type", "about_id"], name="inbox_q_about_idx"),
            # The figures inbox.questions and inbox.info_session_requests: one kind received
            # up to a day, grouped by subregion and audience.
            models.Index(fields=["kind", "created_at"], name="inbox_q_kind_created_idx"),
            # The figure inbox.days_to_first_answer: questions answered up to a day.
            models.Index(
                fields=["first_answered_at"],
                condition=Q(first_answered_at__isnull=False),
                name="inbox_q_first_answer_idx",
            ),
        ]

    def __str__(self):
        return self.reference or str(_("nieuwe vraag"))

    def get_absolute_url(self):
        return reverse("inbox:question_detail", kwargs={"uuid": self.uuid})

    def clean(self):
        super().clean()
        if not self.anonymised_at and not (self.email or self.phone):
            raise ValidationError(
                _("Geef een e-mailadres of een telefoonnummer, zodat we je kunnen antwoorden.")
            )
        if not self.consent:
            raise ValidationError({"consent": _("Zonder toestemming kunnen we niet verder.")})
        if self.postcode_id and self.postcode.subregion_id:
            self.subregion_id = self.postcode.subregion_id

    # --- Derived -----------------------------------------------------------------------------

    @property
    def is_info_session(self) -> bool:
        return self.kind == self.Kind.INFO_SESSION

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def time_to_first_answer(self):
        """A timedelta, or None while nobody has answered."""
        if self.first_answered_at is None:
            return None
        return self.first_answered_at - self.created_at

    @property
    def can_receive_answer(self) -> bool:
        return bool(self.email) and not self.is_anonymised and self.status != self.Status.CLOSED

    # --- Status transitions (the caller saves) ------------------------------------------------

    def _refuse(self, action) -> None:
        raise IllegalTransition(
            _("Een vraag met status “%(status)s” kan niet %(action)s.")
            % {"status": self.get_status_display(), "action": action}
        )

    def start(self) -> None:
        """New → in progress (also: back from referred when the partner could not help)."""
        if self.status not in (self.Status.NEW, self.Status.REFERRED):
            self._refuse(_("in behandeling genomen worden"))
        self.status = self.Status.IN_PROGRESS

    def refer(self, *, organisation, reason: str) -> None:
        if self.status == self.Status.CLOSED:
            self._refuse(_("doorverwezen worden"))
        if organisation is None:
            raise IllegalTransition(_("Kies de partner naar wie je doorverwijst."))
        self.status = self.Status.REFERRED
        self.referred_to = organisation
        self.referral_reason = reason
        self.referred_at = timezone.now()

    def close(self) -> None:
        if self.status == self.Status.CLOSED:
            self._refuse(_("afgesloten worden"))
        self.status = self.Status.CLOSED
        self.closed_at = timezone.now()

    def reopen(self) -> None:
        if self.status != self.Status.CLOSED:
            self._refuse(_("heropend worden"))
        self.status = self.Status.IN_PROGRESS
        self.closed_at = None

    def record_answer(self, *, at) -> None:
        """An answer went out: a new question is now in progress; remember the first answer."""
        if not self.can_receive_answer:
            self._refuse(_("beantwoord worden"))
        if self.status == self.Status.NEW:
            self.status = self.Status.IN_PROGRESS
        if self.first_answered_at is None:
            self.first_answered_at = at

    def anonymise(self, *, at) -> None:
        """Remove what identifies the asker; keep kind, audience, subregion, status and dates."""
        if self.postcode_id and self.subregion_id is None:
            self.subregion_id = self.postcode.subregion_id
        self.postcode = None
        self.name = ANONYMISED
        self.email = ""
        self.phone = ""
        self.text = ANONYMISED
        self.referral_reason = ANONYMISED if self.referral_reason else ""
        self.anonymised_at = at


class InfoSessionDetails(models.Model):
    """What a school, company or organisation asks for when it requests an info session."""

    class SessionAudience(models.TextChoices):
        PUPILS = "leerlingen", _("Leerlingen")
        PARENTS = "ouders", _("Ouders")
        TEACHERS = "schoolteam", _("Leerkrachten of schoolteam")
        EMPLOYERS = "werkgevers", _("Werkgevers of personeel")
        MIXED = "gemengd", _("Een gemengde groep")

    question = models.OneToOneField(
        Question,
        verbose_name=_("vraag"),
        on_delete=models.CASCADE,
        related_name="info_session",
    )
    organisation_name = models.CharField(_("naam van de school of organisatie"), max_length=200)
    session_audience = models.CharField(
        _("voor wie is de infosessie"), max_length=12, choices=SessionAudience
    )
    participants = models.PositiveSmallIntegerField(_("aantal deelnemers"))
    preferred_dates = models.TextField(_("voorkeursdata"), blank=True)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    held_on = models.DateField(
        _("gehouden op"),
        null=True,
        blank=True,
        help_text=_("De dag waarop het Steunpunt de infosessie gaf (telt mee in de cijfers)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("details infosessie")
        verbose_name_plural = _("details infosessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=1), name="inbox_infosession_participants"
            ),
        ]
        indexes = [
            # The figure inbox.info_sessions_held: sessions held up to a day.
            models.Index(
                fields=["held_on"],
                condition=Q(held_on__isnull=False),
                name="inbox_infosession_held_idx",
            ),
        ]

    def __str__(self):
        return f"{self.organisation_name} ({self.participants})"

    def anonymise(self) -> None:
        self.organisation_name = ANONYMISED
        self.preferred_dates = ANONYMISED if self.preferred_dates else ""
        self.place = ANONYMISED if self.place else ""


class QuestionNote(models.Model):
    """An internal note of a coordinator; never shown to the asker."""

    question = models.ForeignKey(
        Question, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("notitie"))
    created_at = models.DateTimeField(_("geschreven op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.question} – {self.created_at:%d/%m/%Y %H:%M}"


class Answer(models.Model):
    """An answer a coordinator sent from the portal (Markdown), kept with the question."""

    question = models.ForeignKey(
        Question, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("antwoord"), help_text=_("Markdown: **vet**, lijstjes, links."))
    sent_to = models.EmailField(_("verstuurd naar"), blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.question} – {self.sent_at:%d/%m/%Y %H:%M}"
