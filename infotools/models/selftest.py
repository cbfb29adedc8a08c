"""The self-test ("Is duaal leren iets voor mij?"): only anonymous counts are stored."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SelfTestTally"]


class SelfTestTally(models.Model):
    """How many self-tests ended in each result, per month. No answers, no person, no IP."""

    class Result(models.TextChoices):
        FITS = "past", _("Duaal leren past")
        MAYBE = "misschien", _("Past misschien")
        NOT_NOW = "nu-niet", _("Nu waarschijnlijk niet")

    result = models.CharField(_("uitslag"), max_length=12, choices=Result)
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    count = models.PositiveIntegerField(_("aantal"), default=0)

    class Meta:
        db_table = "campaigns_selftesttally"  # the table of when it lived in campaigns
        verbose_name = _("telling zelftest")
        verbose_name_plural = _("tellingen zelftest")
        ordering = ["-month", "result"]
        constraints = [
            # One row per result and month: the service increments it with F().
            models.UniqueConstraint(
                fields=["result", "month"], name="campaigns_selftesttally_result_month"
            ),
        ]

    def __str__(self):
        return f"{self.get_result_display()} – {self.month:%m/%Y}: {self.count}"
