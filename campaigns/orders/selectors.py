"""Reads on school orders: the order form's materials, the picking list of a day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from steunpunt.core.models import Organisation

from ..models import Campaign, Material, Order, OrderLine
from .services import already_ordered, remaining_for_school


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
