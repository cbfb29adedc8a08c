"""The record of expiry warnings sent to coordinators, so each goes out once.

One row per recognition, warning period and end date: the nightly watch mails a recognition
when it comes within the period and never again for that end date; a recognition that is
extended (a new end date) gets a new warning when that one comes near.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .workplaces import Recognition

__all__ = ["RecognitionWarning"]


class RecognitionWarning(models.Model):
    recognition = models.ForeignKey(
        Recognition,
        verbose_name=_("erkenning"),
        on_delete=models.CASCADE,
        related_name="expiry_warnings",
    )
    threshold_days = models.PositiveSmallIntegerField(
        _("dagen vooraf"), help_text=_("De waarschuwingstermijn toen de waarschuwing vertrok.")
    )
    valid_until = models.DateField(_("einddatum van de erkenning"))
    warned_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("waarschuwing einde erkenning")
        verbose_name_plural = _("waarschuwingen einde erkenning")
        ordering = ["-warned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recognition", "threshold_days", "valid_until"],
                name="matchmaking_recognition_warning_once",
            ),
        ]

    def __str__(self):
        return f"{self.recognition} ({self.valid_until:%d/%m/%Y}, {self.threshold_days} d)"
