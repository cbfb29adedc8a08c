"""Reads of events: what the public sees, the staff list with its counts, the places left and
the registration behind a cancel link."""

from django.db.models import Count, Q, QuerySet

from ..models import Event, EventRegistration

S = EventRegistration.Status


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(is_published=True)


def events_with_counts() -> QuerySet[Event]:
    return Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=S.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=S.WAITLISTED)),
    ).order_by("-starts_at", "pk")


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=S.CONFIRMED).count()


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - confirmed_count(event), 0)


def registration_for_token(token: str) -> EventRegistration | None:
    return EventRegistration.objects.select_related("event").filter(token=token).first()
