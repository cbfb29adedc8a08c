"""Celery tasks of the dashboard: computing a moment's snapshot (retried; a final failure is
recorded as a JobFailure by steunpunt.core.jobs and shown on the moment's page).

While the task is queued or running, the cache holds a "bezig" mark for the moment; the task
clears it when it ends, successfully or for good.
"""

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from . import services
from .models import MeasurementMoment

# The mark outlives no task: it expires with the task's hard time limit.
RUNNING_TIMEOUT = settings.CELERY_TASK_TIME_LIMIT


def running_key(moment_id: int) -> str:
    return f"dashboard:computing:{moment_id}"


def mark_running(moment_id: int) -> None:
    cache.set(running_key(moment_id), True, RUNNING_TIMEOUT)


def is_running(moment_id: int) -> bool:
    return bool(cache.get(running_key(moment_id)))


@shared_task(bind=True, max_retries=3, retry_backoff=30)
def compute_moment_snapshot(self, *, actor_id: int | None = None, moment_id: int) -> int:
    """Compute the figures of a provisional moment. Idempotent: the snapshot replaces the
    moment's computed values; a final (or deleted) moment is left alone."""
    from django.contrib.auth import get_user_model

    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        moment = MeasurementMoment.objects.filter(pk=moment_id).first()
        if moment is None or moment.is_final:
            cache.delete(running_key(moment_id))
            return 0
        actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
        try:
            written = services.compute_snapshot(moment=moment, actor=actor)
        except Exception as error:
            if self.request.retries >= self.max_retries:
                cache.delete(running_key(moment_id))
                raise
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
        cache.delete(running_key(moment_id))
        return written
