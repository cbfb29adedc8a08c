"""The personalised parent folder: one PDF per participating school, and the coordinators' batches.

A school's folder carries its name, logo, contact person, a short personal word and its dual
programmes. The PDF is made by a Celery task (campaigns.folders_tasks) and stored. `pdf_hash`
is the hash of the inputs the stored PDF was made from (school data, programmes, settings and
the template version): when the current inputs hash differently, the folder is out of date.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import JobState

__all__ = [
    "FolderBatch",
    "FolderBatchItem",
    "IllegalFolderTransition",
    "ParentFolder",
]

PERSONAL_WORD_MAX_LENGTH = 600


class IllegalFolderTransition(ValidationError):
    pass


def folder_logo_path(instance, filename):
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "img"
    return f"campaigns/folder-logos/{instance.uuid}.{suffix}"


def folder_pdf_path(instance, filename):
    return f"campaigns/folders/{instance.participation.campaign.slug}/{filename}"


class ParentFolder(JobState):
    class Status(models.TextChoices):
        NEW = "new", _("Nog niet gemaakt")
        QUEUED = "queued", _("In de wachtrij")
        GENERATING = "generating", _("Wordt gemaakt")
        READY = "ready", _("Klaar")
        FAILED = "failed", _("Mislukt")

    WORKING = (Status.QUEUED, Status.GENERATING)

    participation = models.OneToOneField(
        "campaigns.Participation",
        on_delete=models.CASCADE,
        related_name="parent_folder",
        verbose_name=_("deelnemende school"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    logo = models.FileField(_("logo"), upload_to=folder_logo_path, blank=True, max_length=200)
    logo_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    personal_word = models.TextField(
        _("persoonlijk woordje"),
        max_length=PERSONAL_WORD_MAX_LENGTH,
        blank=True,
        help_text=_("Een korte boodschap van de school aan de ouders."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.NEW)
    progress = models.PositiveSmallIntegerField(
        _("voortgang (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    pdf = models.FileField(_("PDF"), upload_to=folder_pdf_path, blank=True, max_length=300)
    pdf_hash = models.CharField(
        _("kenmerk van de PDF"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Hash van de gegevens waarmee de bewaarde PDF gemaakt is."),
    )
    requested_hash = models.CharField(max_length=64, blank=True, editable=False)
    generated_at = models.DateTimeField(_("gemaakt op"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("opgepikt op"), null=True, blank=True, editable=False)
    # attempts and last_error: JobState's
    started_at = None  # claimed_at and generated_at say when
    finished_at = None
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("ouderfolder")
        verbose_name_plural = _("ouderfolders")
        ordering = ["participation__school__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="campaigns_parentfolder_progress_max"
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(pdf=""),
                name="campaigns_parentfolder_ready_has_pdf",
            ),
        ]
        indexes = [
            # The figure "folders generated" and the staff counts: ready folders per status.
            models.Index(fields=["status", "generated_at"], name="campaigns_folder_status_idx"),
        ]

    def __str__(self):
        return str(_("Ouderfolder van %(school)s") % {"school": self.participation.school})

    def get_absolute_url(self):
        url = reverse("campaigns:folder", kwargs={"slug": self.participation.campaign.slug})
        return f"{url}?school={self.participation.school.uuid}"

    @property
    def is_working(self) -> bool:
        return self.status in self.WORKING

    @property
    def has_pdf(self) -> bool:
        return bool(self.pdf)

    def queue(self, inputs_hash: str):
        """Ask for a (new) PDF made from inputs that hash to `inputs_hash`."""
        if self.status == self.Status.GENERATING:
            raise IllegalFolderTransition(_("De folder wordt net gemaakt. Wacht even."))
        self.status = self.Status.QUEUED
        self.requested_hash = inputs_hash
        self.progress = 0
        self.attempts = 0
        self.last_error = ""

    def finish(self, *, inputs_hash: str, when):
        if self.status != self.Status.GENERATING:
            raise IllegalFolderTransition(_("Alleen een folder die gemaakt wordt, kan klaar zijn."))
        self.status = self.Status.READY
        self.pdf_hash = inputs_hash
        self.progress = 100
        self.generated_at = when
        self.claimed_at = None
        self.last_error = ""

    def fail(self, *, error: str, final: bool):
        """A failed attempt: back in the queue for a retry, or failed for good."""
        self.attempts += 1
        self.last_error = error[:2000]
        self.claimed_at = None
        self.progress = 0
        self.status = self.Status.FAILED if final else self.Status.QUEUED


class FolderBatch(models.Model):
    """Coordinators make the folders of all participating schools of a campaign in one go."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="folder_batches",
        verbose_name=_("campagne"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    started_at = models.DateTimeField(_("gestart op"), auto_now_add=True)

    class Meta:
        verbose_name = _("reeks ouderfolders")
        verbose_name_plural = _("reeksen ouderfolders")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return str(
            _("Ouderfolders %(campaign)s van %(when)s")
            % {
                "campaign": self.campaign,
                "when": timezone.localtime(self.started_at).strftime("%d/%m/%Y %H:%M"),
            }
        )

    def get_absolute_url(self):
        return reverse("campaigns:staff_folder_batch_detail", kwargs={"uuid": self.uuid})


class FolderBatchItem(JobState):
    """The result of one school in a batch."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Bezig")
        DONE = "done", _("Nieuwe folder gemaakt")
        UNCHANGED = "unchanged", _("Al up-to-date")
        FAILED = "failed", _("Mislukt")

    batch = models.ForeignKey(
        FolderBatch, on_delete=models.CASCADE, related_name="items", verbose_name=_("reeks")
    )
    folder = models.ForeignKey(
        ParentFolder,
        on_delete=models.CASCADE,
        related_name="batch_items",
        verbose_name=_("ouderfolder"),
    )
    status = models.CharField(_("resultaat"), max_length=10, choices=Status, default=Status.PENDING)
    error = models.TextField(_("fout"), blank=True)
    # finished_at: JobState's; one result per batch, no attempts of its own
    attempts = None
    last_error = None
    started_at = None

    class Meta:
        verbose_name = _("school in een reeks")
        verbose_name_plural = _("scholen in een reeks")
        ordering = ["batch", "folder__participation__school__name"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "folder"], name="campaigns_folderbatch_once"),
        ]
        indexes = [
            # The folder task closes the open items of its folder: "pending items of folder X".
            models.Index(fields=["folder", "status"], name="campaigns_folderitem_open_idx"),
        ]

    def __str__(self):
        return f"{self.folder.participation.school} ({self.get_status_display()})"
