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


# The tasks of each campaign tool live in their own module; re-exported for autodiscovery.
from .calendar_tasks import *  # noqa: E402, F403
from .folders_tasks import *  # noqa: E402, F403
from .kit_tasks import *  # noqa: E402, F403
from .mailings_tasks import *  # noqa: E402, F403
from .orders_tasks import *  # noqa: E402, F403
from .qr_tasks import *  # noqa: E402, F403
