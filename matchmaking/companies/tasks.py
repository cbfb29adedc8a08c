"""Celery tasks of the companies tool of matchmaking: the nightly recognition watch
(companies/recognition_watch.py)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from . import recognition_watch

__all__ = ["watch_recognitions"]


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=60, max_retries=3)
def watch_recognitions(self) -> dict:
    """Nightly (django-celery-beat, 02:30 Europe/Brussels): close the workplaces of ended
    recognitions and warn the coordinators once about those ending soon.

    Idempotent: an expired recognition is claimed with select_for_update and skipped once
    expired; a warning is recorded per recognition, period and end date and sent only once.
    """
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        result = recognition_watch.watch_recognitions()
    return {"closed": result.closed_workplaces, "warned": result.warned_recognitions}
