"""PDFs of school orders: the packing list of one order and the picking list of one day."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from ..campaign.pdf import render_pdf
from ..models import Order


def _common() -> dict:
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_CONTACT_EMAIL": settings.PORTAL_CONTACT_EMAIL,
        "printed_at": timezone.localtime(),
    }


def render_packing_list_pdf(order: Order) -> bytes:
    """What goes in the box for one school, with the delivery address and remarks."""
    return render_pdf(
        "pdf/orders/packing_list.html",
        {**_common(), "order": order, "lines": list(order.lines.all())},
    )


def render_picking_list_pdf(day: datetime.date, orders: list[Order], totals: list) -> bytes:
    """All orders approved on one day: the totals to pick per material, then per order."""
    return render_pdf(
        "pdf/orders/picking_list.html",
        {**_common(), "day": day, "orders": orders, "totals": totals},
    )
