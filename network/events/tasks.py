"""Periodic work of events (scheduled with django-celery-beat by a data migration).

Idempotent: purged events are marked. A task that keeps failing is recorded as a JobFailure
(the core's task_failure handler) for the coordinators.
"""

from celery import shared_task
from django.db import DatabaseError

from . import work


@shared_task(bind=True, autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=3)
def purge_event_registrations(self) -> int:
    """Daily: delete registrations NETWORK_EVENT_RETENTION_MONTHS after their event."""
    return work.purge_old_registrations()
