"""Celery tasks of the companies tool of matchmaking: the nightly recognition watch
(companies/recognition_watch.py), on the portal's task base (steunpunt.celery)."""

from steunpunt.celery import portal_task

from . import recognition_watch

__all__ = ["watch_recognitions"]


@portal_task
def watch_recognitions() -> dict:
    """Nightly (django-celery-beat, 02:30 Europe/Brussels): close the workplaces of ended
    recognitions and warn the coordinators once about those ending soon.

    Idempotent: an expired recognition is claimed with select_for_update and skipped once
    expired; a warning is recorded per recognition, period and end date and sent only once.
    """
    result = recognition_watch.watch_recognitions()
    return {"closed": result.closed_workplaces, "warned": result.warned_recognitions}
