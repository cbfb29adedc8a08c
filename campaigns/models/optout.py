"""Who no longer wants campaign mailings (the one-click unsubscribe link in every mail)."""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

__all__ = ["MailOptOut"]


class MailOptOut(models.Model):
    """An e-mail address that unsubscribed from campaign mailings; all later ones skip it."""

    email = models.EmailField(_("e-mailadres"))
    opted_out_at = models.DateTimeField(_("uitgeschreven op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitschrijving campagnemails")
        verbose_name_plural = _("uitschrijvingen campagnemails")
        ordering = ["-opted_out_at"]
        constraints = [
            # Stored lower-case by the service; the index also refuses case variants.
            models.UniqueConstraint(Lower("email"), name="campaigns_mailoptout_email_ci"),
        ]

    def __str__(self):
        return self.email
