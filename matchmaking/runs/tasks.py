"""Celery tasks of the runs tool of matchmaking (on the portal's task base, steunpunt.celery).

`run_matching_task(run_id)` runs one matching (runs/work.py). Idempotent: a finished run (done
or failed) is not redone. An error that can pass is retried by the base with an exponential
back-off; after the last attempt (or at once, for an error that waiting does not cure) the run
becomes "failed" with the error (shown on the run page) and the base records a JobFailure for
the coordinators.
"""

from steunpunt.celery import describe_error, portal_task

from . import work

__all__ = ["run_matching_task"]


def _fail_run(task, exc, args, kwargs) -> None:
    run_id = kwargs["run_id"] if "run_id" in kwargs else args[0]
    work.fail_run(run_id=run_id, error=describe_error(exc))


@portal_task(acks_late=True, on_final_failure=_fail_run)
def run_matching_task(run_id: int) -> str:
    run = work.claim_run(run_id)
    if run is None:
        return "already finished"
    work.execute_run(run=run)
    return "done"
