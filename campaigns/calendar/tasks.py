"""Celery tasks of the calendar, on the portal's task base (steunpunt.celery: nl-be, Europe/
Brussels, errors that can pass retried with back-off, the final failure recorded as a
JobFailure); re-exported by campaigns/tasks.py for autodiscovery."""

from steunpunt.celery import describe_error, portal_task

from . import reminders

__all__ = ["send_due_moment_reminders", "send_moment_reminders"]


def _record_on_moment(task, exc, args, kwargs) -> None:
    moment_id = kwargs["moment_id"] if "moment_id" in kwargs else args[0]
    reminders.record_reminder_failure(moment_id=moment_id, error=describe_error(exc))


@portal_task(max_retries=4, on_final_failure=_record_on_moment)
def send_moment_reminders(moment_id: int) -> int:
    """Queue the reminder mails of one moment in the outbox (idempotent: the outbox batch per
    moment skips who already has it). A final failure is recorded on the moment."""
    return reminders.queue_moment_reminders(moment_id=moment_id)


@portal_task
def send_due_moment_reminders() -> int:
    """Every morning (django-celery-beat): one task per moment whose reminder is due."""
    moments = reminders.due_moments()
    for moment in moments:
        send_moment_reminders.delay(moment.pk)
    return len(moments)
