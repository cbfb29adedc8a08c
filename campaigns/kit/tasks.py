"""Celery tasks of the digital kit, on the portal's task base (steunpunt.celery);
re-exported by campaigns/tasks.py for autodiscovery."""

from steunpunt.celery import portal_task

from . import build

__all__ = ["build_kit_archive_task"]


@portal_task
def build_kit_archive_task(archive_id: int) -> str:
    """Build the ZIP of one kit version. Idempotent: a ready or claimed row is left alone.

    A failure marks the row failed (with the error, visible in the admin) and is retried with
    back-off when it can pass; after the last retry the failure stays on the row and in the job
    failures.
    """
    archive = build.build_kit_archive(archive_id=archive_id)
    return "skipped" if archive is None else archive.status
