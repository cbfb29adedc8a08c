"""The Celery app and the one task base every task of the portal uses.

Without CELERY_BROKER_URL the settings make every task run in-process (eager).

The recipe (every feature's tasks.py)::

    from steunpunt.celery import describe_error, portal_task

    from . import work  # the work functions of the tool; never the services module


    def mark_failed(task, exc, args, kwargs):
        # Runs once, after the last attempt: put the error on the row for the people who wait.
        thing_id = kwargs["thing_id"] if "thing_id" in kwargs else args[0]
        work.record_failure(thing_id=thing_id, error=describe_error(exc))


    @portal_task(on_final_failure=mark_failed)
    def make_thing(thing_id: int) -> str:
        return work.make_thing(thing_id)  # reloads the row by id, claims it, returns if done

and the service imports the task at the top and queues it with ``make_thing.delay(thing.pk)``
inside its transaction (no `transaction.on_commit` wrapper needed: the base does that).

What the base (`PortalTask`) does, so no task repeats it:

- **Queued after commit.** `.delay()` / `.apply_async()` called inside a transaction hand the
  task to the broker only once the outermost transaction commits (`transaction.on_commit`);
  a rolled-back transaction queues nothing. Outside a transaction the task is sent at once.
  The atomic block Django's TestCase wraps around a test does not count as a transaction here,
  so in tests a task queued inside a service's atomic block runs (eagerly) when the test runs
  the on-commit callbacks (`django_capture_on_commit_callbacks(execute=True)`), as in
  production; a task queued by the test itself, outside any atomic block, runs at once.
- **Language and time zone.** Every run happens under settings.LANGUAGE_CODE (nl-be) and
  settings.TIME_ZONE (Europe/Brussels): a worker has no request.
- **One retry policy.** Errors that can pass (`RETRYABLE_ERRORS`: every OSError, which covers
  connection errors, time-outs and smtplib's SMTP errors; the database's OperationalError and
  InterfaceError, e.g. a lost connection, a deadlock or a lock time-out; the broker's and
  Redis' connection errors) are retried `max_retries` (3) times with an exponential back-off
  from `retry_backoff` (30 s) up to `retry_backoff_max` (10 min), with full jitter. Any other
  exception is a bug or bad data and fails at once. A task marks an error as permanent (not
  retried, even when it is an OSError) by raising `PermanentTaskError` (`raise
  PermanentTaskError("...") from error`). A task may widen or narrow the policy in its
  decorator (`autoretry_for=RETRYABLE_ERRORS + (SomeError,)`, `max_retries=5`).
- **The final failure is recorded.** When a task fails for good (no retry left, or an error
  that is not retried) the base records one `JobFailure` (task, id, arguments, error,
  traceback) for the coordinators, then calls the task's hook `on_final_failure(self, exc,
  args, kwargs)`, e.g. to mark its row failed with the error. Neither may mask the other.
  For bookkeeping on every failed attempt, Celery's own `on_retry` hook is there.

A task's name is `<module>.<function>` unless the decorator gives one (`name=`). Beat schedules
(django-celery-beat PeriodicTask rows) and queued messages hold these names: a task that moves
to another module keeps its old name with `name="..."`, or a data migration renames its
schedule. tests/core/test_worker_registers_tasks.py asks a real worker for the names it knows.
"""

import logging
import os
from functools import partial

from celery import Celery, Task, shared_task
from django.conf import settings
from django.db import InterfaceError, transaction
from django.db import OperationalError as DatabaseOperationalError
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerOperationalError
from kombu.utils.uuid import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunpunt.settings")

logger = logging.getLogger(__name__)


class PermanentTaskError(Exception):
    """Raised by a task for an error that waiting will not cure: failed at once, no retry."""


def _redis_errors() -> tuple[type[BaseException], ...]:
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency (celery[redis])
        return ()
    return (RedisConnectionError, RedisTimeoutError)


# Errors that can pass: retried with back-off. OSError covers ConnectionError, TimeoutError,
# socket errors and smtplib.SMTPException.
RETRYABLE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    DatabaseOperationalError,
    InterfaceError,
    BrokerOperationalError,
    *_redis_errors(),
)


def describe_error(exc: BaseException) -> str:
    """ "ExceptionType: message", as rows and job failures show an error."""
    return f"{type(exc).__name__}: {exc}"


def in_transaction(using: str | None = None) -> bool:
    """True inside an atomic block of the code (not the one TestCase wraps around a test)."""
    connection = transaction.get_connection(using)
    # Django marks the test case's own blocks so (its durable-atomic check reads the same flag).
    return any(not getattr(b, "_from_testcase", False) for b in connection.atomic_blocks)


class PortalTask(Task):
    """The base of every task of the portal: see the module's docstring."""

    autoretry_for = RETRYABLE_ERRORS
    dont_autoretry_for = (PermanentTaskError,)
    max_retries = 3
    retry_backoff = 30
    retry_backoff_max = 10 * 60
    retry_jitter = True

    # The task_failure signal handler (steunpunt.core.jobs) leaves these tasks to on_failure.
    records_own_failure = True

    def apply_async(self, args=None, kwargs=None, task_id=None, **options):
        """Send now outside a transaction; inside one, once it commits (nothing on rollback).

        Returns the AsyncResult of the id the task will have (sent later, or never on a
        rollback). A retry of a running task (`retries` in the options) is sent at once.
        """
        if "retries" in options or not in_transaction():
            return super().apply_async(args, kwargs, task_id, **options)
        task_id = task_id or uuid()
        transaction.on_commit(partial(super().apply_async, args, kwargs, task_id, **options))
        return self.AsyncResult(task_id)

    def __call__(self, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
            return super().__call__(*args, **kwargs)

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """The task failed for good (Celery calls on_retry, not this, for a retried attempt)."""
        from steunpunt.core.jobs import record_job_failure

        record_job_failure(
            task_name=self.name, task_id=task_id, args=args, kwargs=kwargs, exc=exc, einfo=einfo
        )
        try:
            with (
                translation.override(settings.LANGUAGE_CODE),
                timezone.override(settings.TIME_ZONE),
            ):
                self.on_final_failure(exc, args, kwargs)
        except Exception:  # the hook must not hide the task's own error
            logger.exception("on_final_failure of task %s (%s) failed", self.name, task_id)

    def on_final_failure(self, exc, args, kwargs) -> None:
        """Hook: mark the task's row failed with the error. Runs once, after the last attempt."""


def portal_task(*args, **options):
    """`shared_task` on PortalTask. Options as shared_task's; `on_final_failure=` takes a
    function `(task, exc, args, kwargs)` that becomes the task's hook."""
    options.setdefault("base", PortalTask)
    return shared_task(*args, **options)


app = Celery("steunpunt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
