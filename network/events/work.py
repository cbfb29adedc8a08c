"""Background work of events (called by events/tasks.py, never by a service): the purge of
registrations NETWORK_EVENT_RETENTION_MONTHS after their event."""

from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Event
from .selectors import confirmed_count


def purge_cutoff(now: datetime | None = None) -> datetime:
    now = now or timezone.now()
    return now - relativedelta(months=settings.NETWORK_EVENT_RETENTION_MONTHS)


@transaction.atomic
def purge_old_registrations(now: datetime | None = None) -> int:
    """Delete the registrations of events that ended more than the retention period ago.

    The event keeps how many were registered (confirmed) so figures stay; idempotent."""
    now = now or timezone.now()
    events = Event.objects.filter(
        ends_at__lt=purge_cutoff(now), registrations_purged_at__isnull=True
    )
    deleted = 0
    for event in events.select_for_update():
        event.registered_count = confirmed_count(event)
        deleted += event.registrations.all().delete()[0]
        event.registrations_purged_at = now
        event.save(update_fields=["registered_count", "registrations_purged_at"])
    return deleted
