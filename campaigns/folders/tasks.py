"""Celery tasks of the parent folders, on the portal's task base (steunpunt.celery);
re-exported by campaigns/tasks.py for autodiscovery."""

from steunpunt.celery import describe_error, portal_task

from . import build

__all__ = ["generate_parent_folder"]

FOLDER_MAX_RETRIES = 3


def _folder_id(args, kwargs) -> int:
    return kwargs["folder_id"] if "folder_id" in kwargs else args[0]


def _record_attempt(task, exc, task_id, args, kwargs, einfo) -> None:
    """Celery's on_retry: the error of an attempt that goes back in the queue."""
    build.record_folder_failure(
        folder_id=_folder_id(args, kwargs), error=describe_error(exc), final=False
    )


def _record_final(task, exc, args, kwargs) -> None:
    build.record_folder_failure(
        folder_id=_folder_id(args, kwargs), error=describe_error(exc), final=True
    )


@portal_task(
    acks_late=True,
    max_retries=FOLDER_MAX_RETRIES,
    on_retry=_record_attempt,
    on_final_failure=_record_final,
)
def generate_parent_folder(folder_id: int) -> str:
    """Make the PDF of one parent folder (one school). Idempotent: claims the row first.

    A failed attempt that can pass goes back in the queue with its error and is retried with
    back-off; after the last retry (or at once, for an error waiting does not cure) the folder
    is "failed", with the error visible to the school and in the coordinators' batch results
    (and in the failed background jobs).
    """
    return build.make_folder_pdf(folder_id=folder_id)
