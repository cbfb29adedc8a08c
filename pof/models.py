"""What is specific to the Provinciaal Overlegforum: programmatie requests with the forum's
advice, and the versions of a session's agenda PDF. A POF session *is* a network meeting."""

import re
import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from network.models import AgendaItem, IllegalTransition, Meeting
from network.models.transitions import require_status
from steunpunt.core.models import JobState, Organisation, Programme, Site

__all__ = ["AgendaPdf", "ProgrammatieRequest", "RequestAttachment", "request_deadline"]

SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def parse_school_year(value: str) -> int:
    """The first calendar year of a school year written as "2027-2028"."""
    match = SCHOOL_YEAR.match(value or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(_("Schrijf het schooljaar als 2027-2028."), code="school_year")
    return int(match.group(1))


def request_deadline(school_year: str) -> date:
    """The last day to submit a request for `school_year`: POF_REQUEST_DEADLINE ("dd-mm") of
    the calendar year before it starts (a request for 2027-2028 by 30 November 2026)."""
    first = parse_school_year(school_year)
    day, month = (int(part) for part in settings.POF_REQUEST_DEADLINE.split("-"))
    return date(first - 1, month, day)


class ProgrammatieRequest(models.Model):
    """A provider asks to start a dual programme at one of its sites next school year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Ontwerp")
        SUBMITTED = "submitted", _("Ingediend")
        ON_AGENDA = "on_agenda", _("Geagendeerd")
        ADVISED = "advised", _("Advies gegeven")
        FORWARDED = "forwarded", _("Doorgestuurd")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    class Advice(models.TextChoices):
        POSITIVE = "positive", _("Positief")
        CONDITIONAL = "conditional", _("Voorwaardelijk positief")
        NEGATIVE = "negative", _("Negatief")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("opleidingsverstrekker"),
        on_delete=models.PROTECT,
        related_name="programmatie_requests",
    )
    site = models.ForeignKey(
        Site, verbose_name=_("vestigingsplaats"), on_delete=models.PROTECT, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("opleiding"), on_delete=models.PROTECT, related_name="+"
    )
    school_year = models.CharField(
        _("schooljaar"), max_length=9, help_text=_("Het schooljaar van de start, bv. 2027-2028.")
    )
    expected_learners = models.PositiveSmallIntegerField(_("verwacht aantal lerenden"))
    partner_companies = models.ManyToManyField(
        Organisation,
        verbose_name=_("partnerondernemingen"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.COMPANY},
    )
    rationale = models.TextField(
        _("waarom deze opleiding hier"),
        help_text=_("De vraag op de regionale arbeidsmarkt en hoe je die kent."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    session = models.ForeignKey(
        Meeting,
        verbose_name=_("POF-zitting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmatie_requests",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agendapunt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    advice = models.CharField(_("advies"), max_length=12, choices=Advice, blank=True)
    advice_motivation = models.TextField(_("motivering van het advies"), blank=True)
    advised_at = models.DateTimeField(_("advies gegeven op"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("doorgestuurd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("programmatieaanvraag")
        verbose_name_plural = _("programmatieaanvragen")
        ordering = ["-school_year", "provider__name", "programme__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "programme", "school_year"],
                condition=~Q(status="withdrawn"),
                name="pof_request_once_per_site_programme_year",
            ),
            models.CheckConstraint(
                condition=Q(expected_learners__gte=1), name="pof_request_expects_learners"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["advised", "forwarded"])
                | (~Q(advice="") & ~Q(advice_motivation="")),
                name="pof_request_advised_has_advice",
            ),
        ]
        indexes = [models.Index(fields=["status", "school_year"], name="pof_request_status_idx")]

    def __str__(self):
        return f"{self.programme} – {self.site} ({self.school_year})"

    @property
    def deadline(self) -> date:
        return request_deadline(self.school_year)

    def clean(self):
        super().clean()
        errors = {}
        try:
            parse_school_year(self.school_year)
        except ValidationError as error:
            errors["school_year"] = error.messages
        if self.provider_id and self.provider.kind not in Organisation.PROVIDER_KINDS:
            errors["provider"] = _("Kies een school of centrum.")
        if self.site_id and self.provider_id and self.site.organisation_id != self.provider_id:
            errors["site"] = _("Deze vestigingsplaats hoort niet bij de opleidingsverstrekker.")
        if errors:
            raise ValidationError(errors)

    # Status changes: each refuses what the workflow does not allow; the caller saves.

    def submit(self, *, by, today: date | None = None):
        require_status(self, self.Status.DRAFT, message=_("Deze aanvraag is al ingediend."))
        today = today or timezone.localdate()
        if today > self.deadline:
            raise IllegalTransition(
                _(
                    "De indiendatum voor schooljaar %(year)s was %(deadline)s. Neem contact op "
                    "met het POF-secretariaat als je toch nog een aanvraag wilt bespreken."
                )
                % {"year": self.school_year, "deadline": self.deadline.strftime("%d/%m/%Y")},
                code="deadline",
            )
        if not self.rationale.strip():
            raise IllegalTransition(_("Beschrijf eerst waarom deze opleiding hier nodig is."))
        self.status = self.Status.SUBMITTED
        self.submitted_at = timezone.now()
        self.submitted_by = by

    def put_on_agenda(self, *, session: Meeting, item: AgendaItem):
        require_status(
            self,
            self.Status.SUBMITTED,
            self.Status.ON_AGENDA,
            message=_("Alleen een ingediende aanvraag komt op de agenda."),
        )
        self.status = self.Status.ON_AGENDA
        self.session = session
        self.agenda_item = item

    def record_advice(self, *, advice: str, motivation: str):
        require_status(
            self,
            self.Status.SUBMITTED,
            self.Status.ON_AGENDA,
            self.Status.ADVISED,
            message=_("Voor deze aanvraag kan je geen advies (meer) vastleggen."),
        )
        if advice not in self.Advice.values:
            raise IllegalTransition(_("Kies positief, voorwaardelijk of negatief."))
        if not (motivation or "").strip():
            raise IllegalTransition(_("Motiveer het advies."))
        self.advice = advice
        self.advice_motivation = motivation.strip()
        self.advised_at = timezone.now()
        self.status = self.Status.ADVISED

    def forward(self):
        require_status(
            self, self.Status.ADVISED, message=_("Stuur een aanvraag door nadat er advies is.")
        )
        self.status = self.Status.FORWARDED
        self.forwarded_at = timezone.now()

    def withdraw(self):
        require_status(
            self,
            self.Status.DRAFT,
            self.Status.SUBMITTED,
            self.Status.ON_AGENDA,
            message=_("Na het advies kan je een aanvraag niet meer intrekken."),
        )
        self.status = self.Status.WITHDRAWN


def attachment_path(instance, filename):
    return f"pof/requests/{instance.request.uuid}/{instance.uuid}.{instance.extension}"


class RequestAttachment(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        ProgrammatieRequest,
        verbose_name=_("aanvraag"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=200)
    extension = models.CharField(max_length=5, editable=False)
    mimetype = models.CharField(max_length=120, editable=False)
    size = models.PositiveBigIntegerField(_("grootte"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("opgeladen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["request", "title"]

    def __str__(self):
        return self.title


def agenda_pdf_path(instance, filename):
    return f"pof/agendas/{instance.meeting.uuid}/agenda-v{instance.version}.pdf"


class AgendaPdf(JobState):
    """One generated version of a POF session's agenda PDF."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        READY = "ready", _("Klaar")
        FAILED = "failed", _("Mislukt")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("zitting"), on_delete=models.CASCADE, related_name="agenda_pdfs"
    )
    version = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.QUEUED)
    file = models.FileField(_("bestand"), upload_to=agenda_pdf_path, blank=True, max_length=200)
    error = models.TextField(_("fout"), blank=True)  # JobState's last_error, named so here
    last_error = None
    attempts = None
    started_at = None
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # finished_at: JobState's
    mailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda-PDF")
        verbose_name_plural = _("agenda-PDF's")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="pof_agenda_pdf_version"),
        ]

    def __str__(self):
        return f"{self.meeting} v{self.version}"
