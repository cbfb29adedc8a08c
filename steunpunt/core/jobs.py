"""Background jobs that fail for good are recorded, so a coordinator sees them in the admin."""

import logging
import traceback as tb

logger = logging.getLogger(__name__)


def record_task_failure(
    sender=None, task_id=None, exception=None, args=None, kwargs=None, einfo=None, **extra
):
    """Celery `task_failure` handler: fires once a task has exhausted its retries."""
    from .models import JobFailure

    try:
        JobFailure.objects.create(
            task_name=getattr(sender, "name", str(sender))[:200],
            task_id=task_id or "",
            arguments=repr({"args": args, "kwargs": kwargs})[:5000],
            exception=f"{type(exception).__name__}: {exception}"[:5000],
            traceback=(str(einfo) if einfo else "".join(tb.format_exception(exception)))[:20000],
        )
    except Exception:  # the database itself may be what failed: log, never mask the error
        logger.exception("Could not record the failure of task %s", task_id)
