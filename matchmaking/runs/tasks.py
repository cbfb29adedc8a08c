"""Celery tasks of the runs tool of matchmaking.

`run_matching_task(run_id)` runs one matching (runs/work.py). Idempotent: a finished run (done
or failed) is not redone. A failing attempt is retried with an exponential back-off (30 s,
60 s, 120 s); after the last one the run becomes "failed" with the error (shown on the run
page) and the core's task_failure handler records a JobFailure for the coordinators.
"""

from celery import shared_task
from django.utils import translation

from . import work

__all__ = ["run_matching_task"]

MAX_RETRIES = 3
RETRY_BACKOFF_SECONDS = 30


@shared_task(bind=True, max_retries=MAX_RETRIES, acks_late=True)
def run_matching_task(self, run_id: int) -> str:
    translation.activate("nl-be")  # a worker has no request
    run = work.claim_run(run_id)
    if run is None:
        return "already finished"
    try:
        work.execute_run(run=run)
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            work.fail_run(run_id=run_id, error=f"{type(exc).__name__}: {exc}")
            raise
        raise self.retry(
            exc=exc, countdown=RETRY_BACKOFF_SECONDS * 2**self.request.retries
        ) from exc
    return "done"
