"""Celery tasks of the POF: the agenda PDF (retried; a final failure is recorded on the
version for the secretariat and as a JobFailure for the coordinators)."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from . import services


@shared_task(bind=True, max_retries=3, retry_backoff=30)
def generate_agenda_pdf(self, pdf_id: int) -> bool:
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        try:
            return services.build_agenda_pdf(pdf_id=pdf_id)
        except Exception as error:
            if self.request.retries >= self.max_retries:
                services.record_agenda_pdf_failure(pdf_id=pdf_id, error=str(error))
                raise
            raise self.retry(exc=error, countdown=30 * 2**self.request.retries) from error
