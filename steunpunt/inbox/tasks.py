from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from . import services


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=60, max_retries=3)
def anonymise_old_questions(self) -> int:
    """Daily (django-celery-beat, 03:00 Europe/Brussels): anonymise questions past retention.

    Idempotent: each question is claimed with select_for_update and skipped once anonymised,
    so a second run (or two workers at once) changes nothing.
    """
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        return services.anonymise_expired_questions(actor=None)
