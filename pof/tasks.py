"""Celery tasks of the POF: the agenda PDF (retried when the error can pass; a final failure is
recorded on the version for the secretariat and as a JobFailure for the coordinators).

One way: pof.services queues these tasks; they call the work in pof.agenda_pdf.
"""

from steunpunt.celery import describe_error, portal_task

from . import agenda_pdf


def _record_failure(task, exc, args, kwargs) -> None:
    pdf_id = kwargs["pdf_id"] if "pdf_id" in kwargs else args[0]
    agenda_pdf.record_agenda_pdf_failure(pdf_id=pdf_id, error=describe_error(exc))


@portal_task(on_final_failure=_record_failure)
def generate_agenda_pdf(pdf_id: int) -> bool:
    return agenda_pdf.build_agenda_pdf(pdf_id=pdf_id)
