"""Reads on school orders: who sees which order, the order form's materials, the picking list
of a day, and the "kits ordered" figure for the dashboard registry."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steunpunt.core.access import scope_to_user
from steunpunt.core.figures import Figure, registry
from steunpunt.core.models import Organisation

from .models import Campaign, Material, Order, OrderLine
from .orders_services import already_ordered, remaining_for_school
from .reach_figures import KITS_ORDERED


def orders_for_user(user) -> QuerySet[Order]:
    """The orders of the user's schools (all orders for coordinators)."""
    return scope_to_user(
        Order.objects.select_related("campaign", "school", "site__postcode"),
        user,
        organisation_path="school",
    )


def get_order_for_user(user, uuid) -> Order:
    """One order of the user's schools; a 404 for everyone else."""
    return get_object_or_404(orders_for_user(user), uuid=uuid)


def with_lines(queryset: QuerySet[Order]) -> QuerySet[Order]:
    return queryset.prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.select_related("material"))
    )


def staff_orders() -> QuerySet[Order]:
    """The coordinators' list (and export): school, delivery site and subregion in one query."""
    return with_lines(
        Order.objects.select_related("campaign", "school", "site__postcode__subregion", "placed_by")
    )


@dataclass(frozen=True)
class OrderableMaterial:
    material: Material
    ordered: int  # what the school already ordered in this campaign (refused orders left out)
    remaining: int  # what it may still order: stock capped by the per-school maximum


def orderable_materials(*, campaign: Campaign, school: Organisation) -> list[OrderableMaterial]:
    """The physical materials a school can order today, with what it may still order."""
    materials = (
        campaign.materials.physical()
        .available_on(timezone.localdate())
        .order_by("order", "name", "pk")
    )
    ordered = already_ordered(campaign=campaign, school=school)
    return [
        OrderableMaterial(
            material=m,
            ordered=ordered.get(m.pk, 0),
            remaining=remaining_for_school(m, ordered.get(m.pk, 0)),
        )
        for m in materials
    ]


@dataclass(frozen=True)
class PickingTotal:
    material: Material
    quantity: int


def picking_list(day: datetime.date) -> tuple[list[Order], list[PickingTotal]]:
    """The orders approved on `day` (Brussels time) that are to be picked, shipped or were
    shipped since, and the total per material over all of them."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    end = start + datetime.timedelta(days=1)
    orders = list(
        staff_orders()
        .filter(
            approved_at__gte=start,
            approved_at__lt=end,
            status__in=[Order.Status.APPROVED, Order.Status.SHIPPED, Order.Status.DELIVERED],
        )
        .order_by("site__postcode__code", "school__name", "pk")
    )
    totals: dict[int, PickingTotal] = {}
    for order in orders:
        for line in order.lines.all():
            seen = totals.get(line.material_id)
            totals[line.material_id] = PickingTotal(
                material=line.material, quantity=(seen.quantity if seen else 0) + line.quantity
            )
    ordered_totals = sorted(totals.values(), key=lambda t: (t.material.order, t.material.name))
    return orders, ordered_totals


# --- Figures --------------------------------------------------------------------------------


def _kits_ordered(subregion=None, programme=None, moment=None, campaign=None):
    """Orders not refused (one order is one kit), by delivery subregion, up to a moment."""
    qs = Order.objects.exclude(status=Order.Status.REFUSED)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if subregion is not None:
        qs = qs.filter(site__postcode__subregion=subregion)
    if programme is not None:
        schools = Organisation.objects.filter(
            sites__offers__programme=programme, sites__offers__active=True
        ).values("pk")
        qs = qs.filter(school__in=schools)
    if moment is not None:
        if isinstance(moment, datetime.datetime):
            qs = qs.filter(created_at__lte=moment)
        else:
            qs = qs.filter(created_at__date__lte=moment)
    return qs.count()


def _items_ordered(subregion=None, programme=None, moment=None, campaign=None):
    qs = OrderLine.objects.exclude(order__status=Order.Status.REFUSED)
    if campaign is not None:
        qs = qs.filter(order__campaign=campaign)
    if subregion is not None:
        qs = qs.filter(order__site__postcode__subregion=subregion)
    if programme is not None:
        schools = Organisation.objects.filter(
            sites__offers__programme=programme, sites__offers__active=True
        ).values("pk")
        qs = qs.filter(order__school__in=schools)
    if moment is not None:
        if isinstance(moment, datetime.datetime):
            qs = qs.filter(order__created_at__lte=moment)
        else:
            qs = qs.filter(order__created_at__date__lte=moment)
    return qs.aggregate(total=Sum("quantity"))["total"] or 0


def register_order_figures():
    filters = ("subregion", "programme", "moment", "campaign")
    registry.register(
        Figure(
            name="campaigns.kits_ordered",
            label=_("Bestelde kits"),
            unit=_("bestellingen"),
            compute=_kits_ordered,
            description=_(
                "Bestellingen van fysiek campagnemateriaal door scholen, geweigerde niet "
                "meegeteld; de subregio is die van het leveradres."
            ),
            filters=filters,
            grouping=KITS_ORDERED,
        )
    )
    registry.register(
        Figure(
            name="campaigns.items_ordered",
            label=_("Bestelde stuks campagnemateriaal"),
            unit=_("stuks"),
            compute=_items_ordered,
            description=_(
                "Stuks fysiek campagnemateriaal in de bestellingen van scholen via het portaal "
                "tot en met de peildatum, geweigerde bestellingen niet meegeteld."
            ),
            filters=filters,
        )
    )
