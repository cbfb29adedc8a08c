"""Celery tasks of the learners tool of matchmaking: the nightly erasure (learners/privacy.py)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from . import privacy

__all__ = ["anonymise_old_learners"]


@shared_task(bind=True, autoretry_for=(ConnectionError,), retry_backoff=60, max_retries=3)
def anonymise_old_learners(self) -> int:
    """Nightly (django-celery-beat, 03:30 Europe/Brussels): anonymise learner files that ended
    or were referred longer than MATCHMAKING_LEARNER_RETENTION_DAYS ago.

    Idempotent: each file is claimed with select_for_update and skipped once anonymised, so a
    second run (or two workers at once) changes nothing.
    """
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        return privacy.anonymise_expired_learners(actor=None)
