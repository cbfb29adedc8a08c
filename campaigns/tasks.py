"""Periodic work of the campaign tools."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from . import quiz_services


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=60, max_retries=3)
def delete_expired_quiz_sessions(self) -> int:
    """Every 15 minutes (django-celery-beat): delete class sessions past their expiry.

    Players and their answers go with them; the anonymous counts per answer stay.
    Idempotent: a second run finds nothing left to delete.
    """
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        return quiz_services.delete_expired_class_sessions()


# The tasks of each campaign tool live in its package (<tool>/tasks.py); re-exported here so
# Celery's autodiscovery (which imports campaigns.tasks) registers them.
from .calendar.tasks import *  # noqa: E402, F403
from .folders.tasks import *  # noqa: E402, F403
from .kit.tasks import *  # noqa: E402, F403
