from steunpunt.celery import portal_task

from . import retention


@portal_task
def anonymise_old_questions() -> int:
    """Daily (django-celery-beat, 03:00 Europe/Brussels): anonymise questions past retention.

    Idempotent: each question is claimed with select_for_update and skipped once anonymised,
    so a second run (or two workers at once) changes nothing.
    """
    return retention.anonymise_expired_questions(actor=None)
