"""Reads of the mailings tool: who a segment reaches, and what the outbox did per recipient."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from steunpunt.core.models import Organisation, OutboxMessage

from ..campaign.recipients import Recipient, school_contacts
from ..models import Mailing, MaterialFile, Order


def segment_schools(mailing: Mailing) -> QuerySet[Organisation]:
    """The schools a mailing goes to (before looking at their contacts)."""
    if mailing.segment == Mailing.Segment.CUSTOM:
        return mailing.schools.all().order_by("name")
    if mailing.segment == Mailing.Segment.NOT_ORDERED:
        # Every active school or provider, taking part or not, without an order in this
        # campaign that still counts (a refused order is no order).
        ordered = Order.objects.filter(campaign=mailing.campaign).exclude(
            status=Order.Status.REFUSED
        )
        return (
            Organisation.objects.filter(kind__in=Organisation.PROVIDER_KINDS, active=True)
            .exclude(pk__in=ordered.values("school_id"))
            .order_by("name")
        )
    schools = Organisation.objects.filter(campaign_participations__campaign=mailing.campaign)
    if mailing.segment == Mailing.Segment.SUBREGION:
        # A school with a site (vestigingsplaats) in the subregion belongs to it.
        schools = Organisation.objects.filter(
            pk__in=schools.filter(sites__postcode__subregion=mailing.subregion_id).values("pk")
        )
    return schools.order_by("name")


def mailing_recipients(mailing: Mailing) -> list[Recipient]:
    """The current contacts of the segment's schools, without whoever unsubscribed."""
    return school_contacts(segment_schools(mailing))


def mailing_materials(mailing: Mailing):
    """The linked materials with their files (two queries)."""
    return mailing.materials.order_by("kind", "order", "name").prefetch_related(
        Prefetch("files", queryset=MaterialFile.objects.order_by("order", "label"))
    )


def outbox_rows(mailing: Mailing) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(batch=mailing.outbox_batch).order_by(
        "recipient_email", "pk"
    )


@dataclass
class DeliveryCounts:
    queued: int = 0
    sending: int = 0
    sent: int = 0
    failed: int = 0
    cancelled: int = 0

    @property
    def total(self) -> int:
        return self.queued + self.sending + self.sent + self.failed + self.cancelled

    @property
    def in_progress(self) -> int:
        return self.queued + self.sending


def delivery_counts(mailings) -> dict[int, DeliveryCounts]:
    """Outbox counts per status for several mailings, in one query (mailing pk → counts)."""
    by_batch = {m.outbox_batch: m.pk for m in mailings}
    counts = {pk: DeliveryCounts() for pk in by_batch.values()}
    rows = (
        OutboxMessage.objects.filter(batch__in=list(by_batch))
        .values_list("batch", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for batch, status, n in rows:
        setattr(counts[by_batch[batch]], status, n)
    return counts
