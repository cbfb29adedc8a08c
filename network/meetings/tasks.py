"""Periodic work of meetings (scheduled with django-celery-beat by a data migration).

Idempotent: a reminder batch is named per meeting, so a rerun mails nobody twice. A task that
keeps failing is recorded as a JobFailure (the core's task_failure handler) for the
coordinators.
"""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone, translation

from . import work


@shared_task(
    bind=True, autoretry_for=(DatabaseError, ConnectionError), retry_backoff=60, max_retries=3
)
def send_meeting_reminders(self) -> int:
    """Daily: remind invitees who have not answered, NETWORK_REMINDER_DAYS before a meeting."""
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        return work.send_due_reminders()
