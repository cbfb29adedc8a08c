"""QR codes on the DIY info point.

Each panel of the info point (InfoPanel) links to a short tracked URL /q/<code>. A panel has
one general code (printed on the standard panels and used on the campaign website) and one
code per school kit (Participation), so coordinators see which schools' info points are used.
A scan is counted per code and day (QrScanCount): no person, no IP, no cookie.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

__all__ = [
    "QR_CODE_ALPHABET",
    "QR_CODE_LENGTH",
    "InfoPanel",
    "QrCode",
    "QrScanCount",
    "new_qr_code",
]

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code may be typed over from a printed panel.
QR_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
QR_CODE_LENGTH = 6


def new_qr_code() -> str:
    return "".join(secrets.choice(QR_CODE_ALPHABET) for _ in range(QR_CODE_LENGTH))


class InfoPanel(models.Model):
    """One panel of the info point, with the content its QR code leads to."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="info_panels",
        verbose_name=_("campagne"),
    )
    title = models.CharField(_("titel"), max_length=120)
    text = models.TextField(
        _("tekst"), blank=True, help_text=_("Korte uitleg die onder de titel op het paneel staat.")
    )
    target_url = models.URLField(
        _("doel: een website"),
        blank=True,
        help_text=_("Een volledig adres, bijvoorbeeld een film op YouTube."),
    )
    target_path = models.CharField(
        _("doel: een pagina van het portaal"),
        max_length=200,
        blank=True,
        help_text=_("Een pad op dit portaal, bijvoorbeeld /quiz/ of /zelftest/."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("paneel van het infopunt")
        verbose_name_plural = _("panelen van het infopunt")
        ordering = ["campaign", "order", "pk"]
        constraints = [
            # Exactly one target: a website or a portal page.
            models.CheckConstraint(
                condition=(Q(target_url="") & ~Q(target_path=""))
                | (~Q(target_url="") & Q(target_path="")),
                name="campaigns_infopanel_one_target",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if bool(self.target_url) == bool(self.target_path):
            raise ValidationError(
                {"target_url": _("Vul één doel in: een website of een pagina van het portaal.")}
            )
        if self.target_path:
            if not self.target_path.startswith("/") or self.target_path.startswith("//"):
                raise ValidationError(
                    {"target_path": _("Begin het pad met één schuine streep, bijvoorbeeld /quiz/.")}
                )
            try:
                resolve(self.target_path.split("?", 1)[0].split("#", 1)[0])
            except Resolver404:
                raise ValidationError(
                    {"target_path": _("Deze pagina bestaat niet op het portaal.")}
                ) from None

    @property
    def target(self) -> str:
        """Where a scan leads: the website, or the portal path."""
        return self.target_url or self.target_path


class QrCode(models.Model):
    """The short code of one panel, for one school kit or (participation empty) in general."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    panel = models.ForeignKey(
        InfoPanel, on_delete=models.CASCADE, related_name="codes", verbose_name=_("paneel")
    )
    participation = models.ForeignKey(
        "campaigns.Participation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="qr_codes",
        verbose_name=_("deelnemende school"),
        help_text=_("Leeg: de algemene code van het paneel."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("QR-code")
        verbose_name_plural = _("QR-codes")
        ordering = ["panel", "participation"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "participation"],
                condition=Q(participation__isnull=False),
                name="campaigns_qrcode_panel_school",
            ),
            models.UniqueConstraint(
                fields=["panel"],
                condition=Q(participation__isnull=True),
                name="campaigns_qrcode_panel_general",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_general(self) -> bool:
        return self.participation_id is None


class QrScanCount(models.Model):
    """How often a code was scanned on a day. No person, no IP address, no cookie."""

    qr_code = models.ForeignKey(
        QrCode, on_delete=models.CASCADE, related_name="scan_counts", verbose_name=_("QR-code")
    )
    day = models.DateField(_("dag"))
    count = models.PositiveIntegerField(_("aantal scans"), default=0)

    class Meta:
        verbose_name = _("telling scans")
        verbose_name_plural = _("tellingen scans")
        ordering = ["-day"]
        constraints = [
            # One row per code and day: the scan increments it with F().
            models.UniqueConstraint(fields=["qr_code", "day"], name="campaigns_qrscan_code_day"),
        ]
        indexes = [
            # The figure campaigns.qr_scans: the scans of every code up to a day.
            models.Index(fields=["day"], name="campaigns_qrscan_day_idx"),
        ]

    def __str__(self):
        return f"{self.qr_code} – {self.day:%d/%m/%Y}: {self.count}"
