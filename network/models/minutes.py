"""Minutes of a meeting (Markdown) and the actions decided in it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.models import Organisation, Person

from .meetings import Meeting
from .transitions import IllegalTransition

__all__ = ["Action", "Minutes"]


class Minutes(models.Model):
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="minutes"
    )
    text = models.TextField(_("verslag (Markdown)"), blank=True)
    decisions = models.TextField(_("beslissingen (Markdown)"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_in = models.ForeignKey(
        Meeting,
        verbose_name=_("goedgekeurd in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
        help_text=_("De volgende vergadering die dit verslag goedkeurde."),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")

    def __str__(self):
        return str(self.meeting)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def publish(self, *, by):
        if self.is_published:
            raise IllegalTransition(_("Dit verslag is al gepubliceerd."))
        if not self.text.strip():
            raise IllegalTransition(_("Schrijf eerst het verslag."))
        self.published_at = timezone.now()
        self.published_by = by


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Afgewerkt")
        DROPPED = "dropped", _("Vervallen")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("vergadering"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("actie"), max_length=250)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("wie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_actions",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("tegen"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    done_on = models.DateField(_("afgewerkt op"), null=True, blank=True)
    note = models.TextField(_("opvolging"), blank=True)

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["status", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(owner_organisation__isnull=False),
                name="network_action_has_owner",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(done_on__isnull=False),
                name="network_action_done_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="network_action_open_idx")]

    def __str__(self):
        return self.title

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.due_on is not None and self.due_on < today
