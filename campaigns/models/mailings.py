"""Campaign models: mailings to the contacts of participating schools (sent via the outbox)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .campaign import Campaign, Material

__all__ = ["IllegalMailingTransition", "Mailing"]


class IllegalMailingTransition(ValidationError):
    """A status change that the mailing's current status does not allow."""


class Mailing(models.Model):
    """A mail from the Steunpunt to the school contacts of a campaign segment.

    Sending creates one outbox row per recipient in batch `outbox_batch`; the outbox's unique
    (batch, recipient) means sending again only reaches recipients who were not reached yet.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Ontwerp")
        SENT = "sent", _("Verstuurd")

    class Segment(models.TextChoices):
        ALL = "all", _("Alle deelnemende scholen")
        SUBREGION = "subregion", _("Deelnemende scholen in één subregio")
        NOT_ORDERED = "no_order", _("Scholen die nog niets bestelden")
        CUSTOM = "custom", _("Zelf gekozen scholen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="mailings", verbose_name=_("campagne")
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Markdown: **vet**, *schuin*, [tekst van een link](https://…), lijstjes met -."
        ),
    )
    materials = models.ManyToManyField(
        Material,
        blank=True,
        related_name="+",
        verbose_name=_("materialen om naar te linken"),
    )
    segment = models.CharField(_("naar wie"), max_length=10, choices=Segment, default=Segment.ALL)
    subregion = models.ForeignKey(
        "core.Subregion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subregio"),
    )
    schools = models.ManyToManyField(
        "core.Organisation", blank=True, related_name="+", verbose_name=_("scholen")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgesteld door"),
    )
    created_at = models.DateTimeField(_("opgesteld op"), default=timezone.now, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verstuurd door"),
    )
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(segment="subregion") | Q(subregion__isnull=False),
                name="campaigns_mailing_subregion_segment_has_subregion",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="campaigns_mailing_sent_has_time",
            ),
        ]
        indexes = [
            # The staff list: mailings of one campaign, newest first.
            models.Index(fields=["campaign", "-created_at"], name="campaigns_mailing_list_idx"),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("campaigns:mailing_detail", kwargs={"uuid": self.uuid})

    @property
    def outbox_batch(self) -> str:
        return f"campaigns.mailing:{self.uuid}"

    @property
    def test_batch_prefix(self) -> str:
        return f"campaigns.mailing-test:{self.uuid}:"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def clean(self):
        if self.segment == self.Segment.SUBREGION and self.subregion_id is None:
            raise ValidationError({"subregion": _("Kies de subregio.")})
        if self.segment != self.Segment.SUBREGION:
            self.subregion = None

    def mark_sent(self, *, by, now=None):
        """draft → sent (the first send). Sending again to new recipients keeps the date."""
        if self.status == self.Status.SENT:
            raise IllegalMailingTransition(_("Deze mailing is al verstuurd."))
        self.status = self.Status.SENT
        self.sent_by = by
        self.sent_at = now or timezone.now()

    def ensure_editable(self):
        if not self.is_draft:
            raise IllegalMailingTransition(
                _("Een verstuurde mailing kan je niet meer wijzigen. Maak een nieuwe.")
            )
