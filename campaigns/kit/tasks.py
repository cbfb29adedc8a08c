"""Celery tasks: kit (re-exported by campaigns/tasks.py for autodiscovery)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from . import build

__all__ = ["build_kit_archive_task"]


@shared_task(
    bind=True,
    autoretry_for=(OSError, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=3,
)
def build_kit_archive_task(self, archive_id: int) -> str:
    """Build the ZIP of one kit version. Idempotent: a ready or claimed row is left alone.

    A failure marks the row failed (with the error, visible in the admin) and is retried with
    backoff; after the last retry the failure stays on the row and in the job failures.
    """
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        archive = build.build_kit_archive(archive_id=archive_id)
    return "skipped" if archive is None else archive.status
