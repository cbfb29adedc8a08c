"""Writes on school orders: placing one (with the stock reserved atomically) and the workflow.

Stock is reserved in the transaction that creates the order: the material rows are locked
(`select_for_update`, in a fixed order so two orders never deadlock), the per-school maximum
and the stock are checked against the locked rows, and the stock goes down with a conditional
UPDATE. Two schools ordering the last items at the same moment: the second waits for the first
lock, then sees the stock that is left. A refusal gives the stock back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.accounts.roles import Role
from steunpunt.core import outbox
from steunpunt.core.models import Membership, Organisation, Site

from ..campaign.services import join_campaign
from ..models import Campaign, IllegalOrderTransition, Material, Order, OrderLine


def quantity_field(material: Material) -> str:
    """The form field (and error key) of one material's quantity."""
    return f"quantity_{material.pk}"


def already_ordered(*, campaign: Campaign, school: Organisation) -> dict[int, int]:
    """Material pk → quantity the school ordered in this campaign, refused orders left out."""
    rows = (
        OrderLine.objects.filter(order__campaign=campaign, order__school=school)
        .exclude(order__status=Order.Status.REFUSED)
        .values("material")
        .annotate(total=Sum("quantity"))
        .values_list("material", "total")
    )
    return dict(rows)


def remaining_for_school(material: Material, ordered: int) -> int:
    """How many the school may still order: the stock, capped by the per-school maximum."""
    left = material.stock or 0
    if material.max_per_school is not None:
        left = min(left, max(material.max_per_school - ordered, 0))
    return left


@transaction.atomic
def place_order(
    *,
    campaign: Campaign,
    school: Organisation,
    site: Site,
    quantities: dict[int, int],
    wished_date: datetime.date | None = None,
    remarks: str = "",
    actor=None,
) -> Order:
    """Place an order and reserve its stock; ValidationError (per quantity field) otherwise.

    `quantities` maps material pk → quantity; zeros are ignored. Nothing is reserved when any
    line is refused: the whole transaction rolls back.
    """
    wanted = {pk: qty for pk, qty in quantities.items() if qty}
    if any(qty < 0 for qty in wanted.values()):
        raise ValidationError(_("Een aantal kan niet negatief zijn."))
    if not wanted:
        raise ValidationError(_("Kies van minstens één materiaal een aantal."))
    if campaign.status != Campaign.Status.ACTIVE:
        raise ValidationError(_("Deze campagne loopt niet (meer): bestellen kan niet."))
    if site.organisation_id != school.pk:
        raise ValidationError({"site": _("Kies een vestigingsplaats van je eigen school.")})

    # Lock the materials (always in pk order: two orders never wait on each other in a cycle).
    materials = list(
        Material.objects.select_for_update()
        .filter(campaign=campaign, kind=Material.Kind.PHYSICAL, pk__in=wanted)
        .order_by("pk")
    )
    if len(materials) != len(wanted):
        raise ValidationError(_("Dit materiaal hoort niet bij deze campagne."))
    # Two contacts of one school ordering the same material wait on the same material lock,
    # so what the school already ordered is read after the other one committed (READ
    # COMMITTED: every statement sees the latest commits).
    ordered = already_ordered(campaign=campaign, school=school)
    today = timezone.localdate()
    errors = {}
    for material in materials:
        qty = wanted[material.pk]
        before = ordered.get(material.pk, 0)
        if not material.is_available(today):
            errors[quantity_field(material)] = _("Dit materiaal is nu niet te bestellen.")
        elif material.max_per_school is not None and before + qty > material.max_per_school:
            if before:
                message = _(
                    "Je mag hoogstens %(max)s stuks bestellen. Je school bestelde er al "
                    "%(before)s, dus nu nog hoogstens %(left)s."
                ) % {
                    "max": material.max_per_school,
                    "before": before,
                    "left": max(material.max_per_school - before, 0),
                }
            else:
                message = _("Je mag hoogstens %(max)s stuks bestellen.") % {
                    "max": material.max_per_school
                }
            errors[quantity_field(material)] = message
        elif qty > material.stock:
            errors[quantity_field(material)] = (
                _("Er zijn nog maar %(stock)s stuks in voorraad.") % {"stock": material.stock}
                if material.stock
                else _("Dit materiaal is uitverkocht.")
            )
    if errors:
        raise ValidationError(errors)

    order = Order(
        campaign=campaign,
        school=school,
        site=site,
        wished_date=wished_date,
        remarks=remarks.strip(),
        placed_by=actor if actor is not None and actor.is_authenticated else None,
    )
    order.full_clean()
    order.save()
    for material in materials:
        qty = wanted[material.pk]
        # The row is locked; the condition is a second guard that the stock stays >= 0.
        updated = Material.objects.filter(pk=material.pk, stock__gte=qty).update(
            stock=F("stock") - qty
        )
        if not updated:  # pragma: no cover - unreachable while the lock is held
            raise ValidationError({quantity_field(material): _("Dit materiaal is uitverkocht.")})
        line = OrderLine(order=order, material=material, quantity=qty)
        line.full_clean(exclude=["order"])
        line.save()
    join_campaign(campaign=campaign, school=school, actor=actor)
    notify_school(order=order, step=Order.Status.SUBMITTED)
    return order


def _locked(order: Order) -> Order:
    """The order row locked (only it: not the campaign, school or site joined in)."""
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("campaign", "school", "site")
        .get(pk=order.pk)
    )


@transaction.atomic
def approve_order(*, order: Order, actor) -> Order:
    order = _locked(order)
    order.approve()
    order.save(update_fields=["status", "approved_at"])
    notify_school(order=order, step=Order.Status.APPROVED)
    return order


@transaction.atomic
def refuse_order(*, order: Order, reason: str, actor) -> Order:
    """Refuse the order and give its stock back."""
    order = _locked(order)
    order.refuse(reason)
    order.full_clean()
    order.save(update_fields=["status", "refusal_reason", "refused_at"])
    for material_id, qty in order.lines.values_list("material_id", "quantity").order_by(
        "material_id"
    ):
        Material.objects.filter(pk=material_id).update(stock=F("stock") + qty)
    notify_school(order=order, step=Order.Status.REFUSED)
    return order


@transaction.atomic
def ship_order(*, order: Order, actor) -> Order:
    order = _locked(order)
    order.ship()
    order.save(update_fields=["status", "shipped_at"])
    notify_school(order=order, step=Order.Status.SHIPPED)
    return order


@transaction.atomic
def deliver_order(*, order: Order, actor) -> Order:
    order = _locked(order)
    order.deliver()
    order.save(update_fields=["status", "delivered_at"])
    notify_school(order=order, step=Order.Status.DELIVERED)
    return order


TRANSITIONS = {
    "approve": approve_order,
    "ship": ship_order,
    "deliver": deliver_order,
}


def bulk_transition(*, orders: Iterable[Order], action: str, actor) -> tuple[int, list[str]]:
    """Admin actions: apply one step to several orders; returns (done, errors per order)."""
    service = TRANSITIONS[action]
    done, errors = 0, []
    for order in orders:
        try:
            service(order=order, actor=actor)
        except IllegalOrderTransition as exc:
            errors.append(f"{order.reference}: {' '.join(exc.messages)}")
        else:
            done += 1
    return done, errors


# --- Mails to the school ------------------------------------------------------------------------


def school_order_recipients(order: Order) -> list[str]:
    """The school's current contacts with an e-mail address, and the contact who placed the
    order (also when their own membership has no address)."""
    emails = list(
        Membership.objects.filter(organisation_id=order.school_id, ended_on__isnull=True)
        .exclude(person__email="")
        .order_by("-is_primary_contact", "person__last_name", "pk")
        .values_list("person__email", flat=True)
    )
    placer = order.placed_by
    # A coordinator who ordered on the school's behalf is not one of its contacts.
    if placer is not None and placer.email and not placer.has_role(Role.COORDINATOR):
        emails.append(placer.email)
    seen, unique = set(), []
    for email in emails:
        if email.lower() not in seen:
            seen.add(email.lower())
            unique.append(email)
    return unique


def notify_school(*, order: Order, step: str) -> None:
    """One mail per step to each of the school's contacts, built and queued in the outbox
    after the transaction commits (rendering the templates does not hold the row locks of
    the order). One message per contact: no contact sees the others' addresses, and the
    outbox sends each at most once, retried and visible per recipient."""
    transaction.on_commit(lambda: _queue_school_mail(order.pk, step))


def _queue_school_mail(order_pk: int, step: str) -> None:
    from django.conf import settings

    order = Order.objects.select_related("campaign", "school", "site__postcode", "placed_by").get(
        pk=order_pk
    )
    to = school_order_recipients(order)
    if not to:
        return
    context = {
        "order": order,
        "lines": list(order.lines.select_related("material")),
        "order_url": settings.SITE_URL.rstrip("/") + order.get_absolute_url(),
    }
    outbox.enqueue_messages(
        batch=f"campaigns.order:{order.pk}:{step}",
        messages=[
            outbox.templated_message(f"campaign_order_{step}", email=email, context=context)
            for email in to
        ],
        # The school's own order confirmed at once; the later steps are notifications.
        priority=(
            outbox.Priority.TRANSACTIONAL
            if step == Order.Status.SUBMITTED
            else outbox.Priority.NORMAL
        ),
    )
