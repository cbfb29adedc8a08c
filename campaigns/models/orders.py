"""School orders of physical campaign materials.

A school contact orders quantities of the physical materials of the active campaign; the stock
is reserved when the order is placed (campaigns.orders_services.place_order) and given back
when a coordinator refuses it. The workflow is submitted → approved / refused → shipped →
delivered; each step is a method below that refuses an illegal transition (the caller saves).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["IllegalOrderTransition", "Order", "OrderLine"]


class IllegalOrderTransition(ValidationError):
    pass


class Order(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Ingediend")
        APPROVED = "approved", _("Goedgekeurd")
        REFUSED = "refused", _("Geweigerd")
        SHIPPED = "shipped", _("Verzonden")
        DELIVERED = "delivered", _("Geleverd")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("campagne"),
    )
    school = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="campaign_orders",
        verbose_name=_("school"),
    )
    site = models.ForeignKey(
        "core.Site",
        on_delete=models.PROTECT,
        related_name="campaign_orders",
        verbose_name=_("leveradres"),
        help_text=_("De vestigingsplaats waar het materiaal geleverd wordt."),
    )
    wished_date = models.DateField(_("gewenste leverdatum"), null=True, blank=True)
    remarks = models.TextField(_("opmerkingen"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SUBMITTED)
    refusal_reason = models.TextField(_("reden van weigering"), blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besteld door"),
    )
    created_at = models.DateTimeField(_("besteld op"), default=timezone.now, editable=False)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    refused_at = models.DateTimeField(_("geweigerd op"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("geleverd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bestelling")
        verbose_name_plural = _("bestellingen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="campaigns_order_refusal_has_reason",
            ),
        ]
        indexes = [
            # The staff list: newest first, usually filtered on status.
            models.Index(fields=["status", "-created_at"], name="campaigns_order_status_idx"),
            # What a school already ordered in a campaign (the per-school maximum).
            models.Index(fields=["campaign", "school"], name="campaigns_order_school_idx"),
            # The picking list of one day: orders approved that day.
            models.Index(fields=["approved_at"], name="campaigns_order_approved_idx"),
            # The figure campaigns.kits_ordered: orders placed up to a day.
            models.Index(fields=["created_at"], name="campaigns_order_created_idx"),
        ]

    def __str__(self):
        return _("Bestelling %(reference)s van %(school)s") % {
            "reference": self.reference,
            "school": self.school,
        }

    def get_absolute_url(self):
        return reverse("campaigns:order_detail", kwargs={"uuid": self.uuid})

    def get_staff_url(self):
        return reverse("campaigns:staff_order_detail", kwargs={"uuid": self.uuid})

    @property
    def reference(self) -> str:
        """A short reference for phone calls and the packing list (not used in URLs)."""
        return f"B-{self.pk:05d}" if self.pk else "B-nieuw"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.APPROVED)

    def _require(self, *allowed, message):
        if self.status not in allowed:
            raise IllegalOrderTransition(message)

    def approve(self):
        self._require(
            self.Status.SUBMITTED, message=_("Alleen een ingediende bestelling kan je goedkeuren.")
        )
        self.status = self.Status.APPROVED
        self.approved_at = timezone.now()

    def refuse(self, reason: str):
        self._require(
            self.Status.SUBMITTED,
            self.Status.APPROVED,
            message=_("Een verzonden of al geweigerde bestelling kan je niet meer weigeren."),
        )
        reason = (reason or "").strip()
        if not reason:
            raise IllegalOrderTransition(_("Geef de reden van de weigering."))
        self.status = self.Status.REFUSED
        self.refusal_reason = reason
        self.refused_at = timezone.now()

    def ship(self):
        self._require(
            self.Status.APPROVED, message=_("Alleen een goedgekeurde bestelling kan je verzenden.")
        )
        self.status = self.Status.SHIPPED
        self.shipped_at = timezone.now()

    def deliver(self):
        self._require(
            self.Status.SHIPPED, message=_("Alleen een verzonden bestelling kan geleverd zijn.")
        )
        self.status = self.Status.DELIVERED
        self.delivered_at = timezone.now()

    def clean(self):
        if self.site_id and self.school_id and self.site.organisation_id != self.school_id:
            raise ValidationError({"site": _("Kies een vestigingsplaats van je eigen school.")})


class OrderLine(models.Model):
    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("bestelling")
    )
    material = models.ForeignKey(
        "campaigns.Material",
        on_delete=models.PROTECT,
        related_name="order_lines",
        verbose_name=_("materiaal"),
    )
    quantity = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("bestelregel")
        verbose_name_plural = _("bestelregels")
        ordering = ["order", "material__order", "material__name"]
        constraints = [
            models.UniqueConstraint(fields=["order", "material"], name="campaigns_orderline_once"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="campaigns_orderline_quantity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.material}"
