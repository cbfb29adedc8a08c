"""Celery tasks: folders (re-exported by campaigns/tasks.py for autodiscovery)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from . import build

__all__ = ["generate_parent_folder"]

FOLDER_MAX_RETRIES = 3


@shared_task(bind=True, max_retries=FOLDER_MAX_RETRIES, acks_late=True)
def generate_parent_folder(self, folder_id: int) -> str:
    """Make the PDF of one parent folder (one school). Idempotent: claims the row first.

    A failed attempt goes back in the queue with its error and is retried with backoff; after
    the last retry the folder is "failed", with the error visible to the school and in the
    coordinators' batch results (and in the failed background jobs).
    """
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        try:
            return build.make_folder_pdf(folder_id=folder_id)
        except Exception as error:
            final = self.request.retries >= self.max_retries
            build.record_folder_failure(
                folder_id=folder_id, error=f"{type(error).__name__}: {error}", final=final
            )
            if final:
                raise
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
