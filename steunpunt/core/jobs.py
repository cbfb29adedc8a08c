"""Background jobs that fail for good are recorded, so a coordinator sees them in the admin.

Tasks on the portal's task base (steunpunt.celery.PortalTask) record their final failure
themselves (`PortalTask.on_failure` calls `record_job_failure`); the `task_failure` signal
handler below only records the tasks that are not on that base.
"""

import logging
import traceback as tb

logger = logging.getLogger(__name__)


def record_job_failure(*, task_name: str, task_id, args, kwargs, exc, einfo=None) -> None:
    """One JobFailure row for a task that failed after all its retries. Never raises."""
    from .models import JobFailure

    try:
        JobFailure.objects.create(
            task_name=str(task_name)[:200],
            task_id=task_id or "",
            arguments=repr({"args": args, "kwargs": kwargs})[:5000],
            exception=f"{type(exc).__name__}: {exc}"[:5000],
            traceback=(str(einfo) if einfo else "".join(tb.format_exception(exc)))[:20000],
        )
    except Exception:  # the database itself may be what failed: log, never mask the error
        logger.exception("Could not record the failure of task %s", task_id)


def record_task_failure(
    sender=None, task_id=None, exception=None, args=None, kwargs=None, einfo=None, **extra
):
    """Celery `task_failure` handler: fires once a task has exhausted its retries."""
    if getattr(sender, "records_own_failure", False):
        return  # PortalTask.on_failure has recorded it
    record_job_failure(
        task_name=getattr(sender, "name", str(sender)),
        task_id=task_id,
        args=args,
        kwargs=kwargs,
        exc=exception,
        einfo=einfo,
    )
