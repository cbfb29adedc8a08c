"""Periodic work of events (scheduled with django-celery-beat by a data migration), on the
portal's task base (steunpunt.celery: retried when an error can pass, a final failure recorded
as a JobFailure for the coordinators).

Idempotent: purged events are marked.
"""

from steunpunt.celery import portal_task

from . import work


@portal_task
def purge_event_registrations() -> int:
    """Daily: delete registrations NETWORK_EVENT_RETENTION_MONTHS after their event."""
    return work.purge_old_registrations()
