"""The digital kit: the whole kit as one ZIP per kit version, and the download counts.

A ZIP is built once per (campaign, kit_version) by a Celery task that claims its KitArchive
row; when a digital file changes the campaign's kit_version goes up and the next ZIP is a new
row. Downloads are counted per material (or the whole ZIP) per day, and per school when a
school contact is logged in. Nothing personal is stored: no person, no IP, no cookie.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import JobState

__all__ = ["IllegalKitArchiveTransition", "KitArchive", "KitDownloadCount"]


class IllegalKitArchiveTransition(Exception):
    """A kit archive was asked to move to a state it cannot reach from where it is."""


def kit_archive_path(instance, filename):
    return f"campaigns/kits/{instance.campaign.slug}/{filename}"


class KitArchive(JobState):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op de verwerking")
        BUILDING = "building", _("Wordt gemaakt")
        READY = "ready", _("Klaar")
        FAILED = "failed", _("Mislukt")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="kit_archives",
        verbose_name=_("campagne"),
    )
    version = models.PositiveIntegerField(_("versie van de kit"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    file = models.FileField(
        _("ZIP-bestand"), upload_to=kit_archive_path, max_length=300, blank=True
    )
    size_bytes = models.PositiveBigIntegerField(_("grootte (bytes)"), default=0)
    file_count = models.PositiveIntegerField(_("aantal bestanden"), default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    # attempts, last_error, started_at, finished_at: JobState's

    class Meta:
        verbose_name = _("ZIP van de digitale kit")
        verbose_name_plural = _("ZIP's van de digitale kit")
        ordering = ["campaign", "-version"]
        constraints = [
            # One ZIP per kit version: the task and the page both get_or_create this row.
            models.UniqueConstraint(
                fields=["campaign", "version"], name="campaigns_kitarchive_campaign_version"
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(file=""), name="campaigns_kitarchive_ready_file"
            ),
        ]

    def __str__(self):
        return f"{self.campaign} – v{self.version} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    # --- transitions (the caller saves) ----------------------------------------------------
    def start(self):
        if self.status not in (self.Status.PENDING, self.Status.FAILED):
            raise IllegalKitArchiveTransition(f"Cannot start building from {self.status}.")
        self.status = self.Status.BUILDING
        self.attempts += 1
        self.started_at = timezone.now()
        self.last_error = ""

    def finish(self, *, name: str, size_bytes: int, file_count: int):
        if self.status != self.Status.BUILDING:
            raise IllegalKitArchiveTransition(f"Cannot finish from {self.status}.")
        self.status = self.Status.READY
        self.file.name = name
        self.size_bytes = size_bytes
        self.file_count = file_count
        self.finished_at = timezone.now()

    def fail(self, error: str):
        if self.status != self.Status.BUILDING:
            raise IllegalKitArchiveTransition(f"Cannot fail from {self.status}.")
        self.status = self.Status.FAILED
        self.last_error = error[:4000]
        self.finished_at = timezone.now()


class KitDownloadCount(models.Model):
    """How often a material (or the whole kit as ZIP) was downloaded on a day.

    `material` empty: the ZIP of the whole kit. `school` empty: anonymous visitors (and staff).
    One row per combination; the service increments it with F().
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="kit_download_counts",
        verbose_name=_("campagne"),
    )
    material = models.ForeignKey(
        "campaigns.Material",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="download_counts",
        verbose_name=_("materiaal"),
        help_text=_("Leeg: de ZIP met de hele kit."),
    )
    school = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kit_download_counts",
        verbose_name=_("school"),
        help_text=_("Leeg: zonder aan te melden."),
    )
    day = models.DateField(_("dag"))
    count = models.PositiveIntegerField(_("aantal downloads"), default=0)

    class Meta:
        verbose_name = _("telling downloads")
        verbose_name_plural = _("tellingen downloads")
        ordering = ["-day", "campaign", "material"]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "school", "day"],
                condition=Q(material__isnull=False, school__isnull=False),
                name="campaigns_kitdownload_material_school_day",
            ),
            models.UniqueConstraint(
                fields=["material", "day"],
                condition=Q(material__isnull=False, school__isnull=True),
                name="campaigns_kitdownload_material_day",
            ),
            models.UniqueConstraint(
                fields=["campaign", "school", "day"],
                condition=Q(material__isnull=True, school__isnull=False),
                name="campaigns_kitdownload_zip_school_day",
            ),
            models.UniqueConstraint(
                fields=["campaign", "day"],
                condition=Q(material__isnull=True, school__isnull=True),
                name="campaigns_kitdownload_zip_day",
            ),
        ]
        indexes = [
            # The figures: downloads of a campaign up to a day (KitDownloadCount.filter(day__lte))
            models.Index(fields=["campaign", "day"], name="campaigns_kitdownload_day_idx"),
        ]

    def __str__(self):
        what = self.material or _("hele kit (ZIP)")
        return f"{what} – {self.day:%d/%m/%Y}: {self.count}"
