"""Who may see which order (STYLE.md: one get_<obj>_for_user per model).

An order belongs to a school: the school's own contacts and coordinators see it; everyone else
gets a 404.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from steunpunt.core.access import scope_to_user

from ..models import Order


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
