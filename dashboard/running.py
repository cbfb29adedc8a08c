"""The "bezig" mark of a moment whose snapshot is queued or running (in the cache).

Set by the service that queues the computation, cleared by the task when it ends, successfully
or for good; it expires with the task's hard time limit, so no mark outlives its task.
"""

from django.conf import settings
from django.core.cache import cache

RUNNING_TIMEOUT = settings.CELERY_TASK_TIME_LIMIT
# The task's registered name (dashboard/tasks.py), under which its failures are recorded.
SNAPSHOT_TASK = "dashboard.tasks.compute_moment_snapshot"


def running_key(moment_id: int) -> str:
    return f"dashboard:computing:{moment_id}"


def mark_running(moment_id: int) -> None:
    cache.set(running_key(moment_id), True, RUNNING_TIMEOUT)


def clear_running(moment_id: int) -> None:
    cache.delete(running_key(moment_id))


def is_running(moment_id: int) -> bool:
    return bool(cache.get(running_key(moment_id)))
