"""Periodic work of the class quiz, on the portal's task base (steunpunt.celery)."""

from steunpunt.celery import portal_task

from . import cleanup

__all__ = ["delete_expired_quiz_sessions"]


@portal_task
def delete_expired_quiz_sessions() -> int:
    """Every 15 minutes (django-celery-beat): delete class sessions past their expiry.

    Players and their answers go with them; the anonymous counts per answer stay.
    Idempotent: a second run finds nothing left to delete.
    """
    return cleanup.delete_expired_class_sessions()
