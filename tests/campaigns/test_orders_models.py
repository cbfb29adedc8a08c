"""The order workflow as model methods: each step only from the right status."""

import pytest
from django.db import IntegrityError

from campaigns.models import IllegalOrderTransition, Order
from tests.campaigns.factories import OrderFactory

S = Order.Status


def make(status):
    return Order(status=status)


@pytest.mark.parametrize(
    ("method", "allowed", "result"),
    [
        ("approve", {S.SUBMITTED}, S.APPROVED),
        ("ship", {S.APPROVED}, S.SHIPPED),
        ("deliver", {S.SHIPPED}, S.DELIVERED),
    ],
)
def test_each_step_only_from_its_status(method, allowed, result):
    for status in S:
        order = make(status)
        if status in allowed:
            getattr(order, method)()
            assert order.status == result
        else:
            with pytest.raises(IllegalOrderTransition):
                getattr(order, method)()
            assert order.status == status


def test_refuse_needs_an_open_order_and_a_reason():
    for status in S:
        order = make(status)
        if status in (S.SUBMITTED, S.APPROVED):
            with pytest.raises(IllegalOrderTransition, match="reden"):
                order.refuse("   ")
            assert order.status == status
            order.refuse(" Geen voorraad meer. ")
            assert (order.status, order.refusal_reason) == (S.REFUSED, "Geen voorraad meer.")
            assert order.refused_at is not None
        else:
            with pytest.raises(IllegalOrderTransition):
                order.refuse("Te laat.")


def test_the_database_refuses_a_refusal_without_reason(db):
    order = OrderFactory()
    order.status = S.REFUSED
    with pytest.raises(IntegrityError):
        order.save()


def test_reference_and_urls(db):
    order = OrderFactory()
    assert order.reference == f"B-{order.pk:05d}"
    assert str(order.uuid) in order.get_absolute_url()
    assert str(order.pk) not in order.get_absolute_url().replace(str(order.uuid), "")
