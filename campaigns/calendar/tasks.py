"""Celery tasks: calendar (re-exported by campaigns/tasks.py for autodiscovery)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from . import reminders

__all__ = ["send_due_moment_reminders", "send_moment_reminders"]

MAX_RETRIES = 4


@shared_task(bind=True, max_retries=MAX_RETRIES)
def send_moment_reminders(self, moment_id: int) -> int:
    """Queue the reminder mails of one moment in the outbox (idempotent: the outbox batch per
    moment skips who already has it). A final failure is recorded on the moment."""
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        try:
            return reminders.queue_moment_reminders(moment_id=moment_id)
        except Exception as exc:
            if self.request.retries < MAX_RETRIES:
                raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc
            reminders.record_reminder_failure(
                moment_id=moment_id, error=f"{type(exc).__name__}: {exc}"
            )
            raise


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=60, max_retries=3)
def send_due_moment_reminders(self) -> int:
    """Every morning (django-celery-beat): one task per moment whose reminder is due."""
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        moments = reminders.due_moments()
        for moment in moments:
            send_moment_reminders.delay(moment.pk)
        return len(moments)
