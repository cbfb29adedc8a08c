"""Periodic work of the network app (scheduled with django-celery-beat by a data migration).

Both tasks are idempotent: a reminder batch is named per meeting, so a rerun mails nobody
twice; purged events are marked. A task that keeps failing is recorded as a JobFailure (the
core's task_failure handler) for the coordinators.
"""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation

from . import event_services, services


@shared_task(
    bind=True, autoretry_for=(DatabaseError, ConnectionError), retry_backoff=60, max_retries=3
)
def send_meeting_reminders(self) -> int:
    """Daily: remind invitees who have not answered, NETWORK_REMINDER_DAYS before a meeting."""
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        return services.send_due_reminders()


@shared_task(bind=True, autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=3)
def purge_event_registrations(self) -> int:
    """Daily: delete registrations NETWORK_EVENT_RETENTION_MONTHS after their event."""
    return event_services.purge_old_registrations()
