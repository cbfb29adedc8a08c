"""Celery tasks of the dashboard, on the portal's task base (steunpunt.celery): computing a
moment's snapshot (dashboard/snapshots.py). An error that can pass is retried; the final
failure is recorded as a JobFailure by the base and shown on the moment's page.

While the task is queued or running, the cache holds a "bezig" mark for the moment
(dashboard/running.py); the task clears it when it ends, successfully or for good.
"""

from django.contrib.auth import get_user_model

from steunpunt.celery import portal_task

from . import running, snapshots
from .models import MeasurementMoment


def _clear_mark(task, exc, args, kwargs) -> None:
    running.clear_running(kwargs["moment_id"])


@portal_task(name=running.SNAPSHOT_TASK, on_final_failure=_clear_mark)
def compute_moment_snapshot(*, actor_id: int | None = None, moment_id: int) -> int:
    """Compute the figures of a provisional moment. Idempotent: the snapshot replaces the
    moment's computed values; a final (or deleted) moment is left alone."""
    moment = MeasurementMoment.objects.filter(pk=moment_id).first()
    if moment is None or moment.is_final:
        running.clear_running(moment_id)
        return 0
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    written = snapshots.compute_snapshot(moment=moment, actor=actor)
    running.clear_running(moment_id)
    return written
