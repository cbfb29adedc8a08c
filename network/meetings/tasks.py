"""Periodic work of meetings (scheduled with django-celery-beat by a data migration), on the
portal's task base (steunpunt.celery: retried when an error can pass, a final failure recorded
as a JobFailure for the coordinators).

Idempotent: a reminder batch is named per meeting, so a rerun mails nobody twice.
"""

from steunpunt.celery import portal_task

from . import work


@portal_task
def send_meeting_reminders() -> int:
    """Daily: remind invitees who have not answered, NETWORK_REMINDER_DAYS before a meeting."""
    return work.send_due_reminders()
