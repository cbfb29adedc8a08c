"""The work of the parent folder task (campaigns.folders.tasks): claim the folder, render and
store its PDF, record a failure.

The task calls these functions; the services (campaigns.folders.services) only queue the task.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import FolderBatchItem, ParentFolder
from .pdf import render_parent_folder_pdf
from .selectors import folder_inputs, folders_with_school

# A folder claimed longer ago than this is taken to be orphaned (its worker died).
CLAIM_TIMEOUT = timedelta(minutes=10)


def _set_progress(folder_id: int, percent: int) -> None:
    ParentFolder.objects.filter(pk=folder_id, status=ParentFolder.Status.GENERATING).update(
        progress=percent
    )


def _close_items(folder: ParentFolder, *, status: str, error: str = "") -> int:
    return FolderBatchItem.objects.filter(
        folder=folder, status=FolderBatchItem.Status.PENDING
    ).update(status=status, error=error[:2000], finished_at=timezone.now())


def claim_folder(folder_id: int) -> bool:
    """queued → generating (or take over a claim that is too old). False: someone else has it."""
    now = timezone.now()
    return bool(
        ParentFolder.objects.filter(pk=folder_id)
        .filter(
            Q(status=ParentFolder.Status.QUEUED)
            | Q(status=ParentFolder.Status.GENERATING, claimed_at__lt=now - CLAIM_TIMEOUT)
        )
        .update(status=ParentFolder.Status.GENERATING, claimed_at=now, progress=5)
    )


def make_folder_pdf(*, folder_id: int) -> str:
    """Claim the folder, render and store its PDF. Returns what happened.

    "skipped": another task has it, or it is already done (open batch results are closed
    with the folder's state); "unchanged": the stored PDF fits the inputs; "made": a new PDF.
    Idempotent: a second run of the same task finds nothing to claim.
    """
    if not claim_folder(folder_id):
        folder = ParentFolder.objects.filter(pk=folder_id).first()
        if folder is not None and folder.status == ParentFolder.Status.READY:
            _close_items(folder, status=FolderBatchItem.Status.DONE)
        elif folder is not None and folder.status == ParentFolder.Status.FAILED:
            _close_items(folder, status=FolderBatchItem.Status.FAILED, error=folder.last_error)
        return "skipped"
    folder = folders_with_school().get(pk=folder_id)
    inputs = folder_inputs(folder)
    _set_progress(folder_id, 20)
    unchanged = (
        bool(folder.pdf)
        and folder.pdf_hash == inputs.hash
        and folder.pdf.storage.exists(folder.pdf.name)
    )
    old_name = folder.pdf.name if folder.pdf else ""
    if not unchanged:
        content = render_parent_folder_pdf(inputs)
        _set_progress(folder_id, 80)
        filename = f"ouderfolder-{folder.uuid}-{inputs.hash[:10]}.pdf"
        folder.pdf.save(filename, ContentFile(content), save=False)
    with transaction.atomic():
        current = ParentFolder.objects.select_for_update().get(pk=folder_id)
        current.pdf, current.attempts = folder.pdf, current.attempts + 1
        current.finish(inputs_hash=inputs.hash, when=timezone.now())
        current.full_clean()
        current.save()
        _close_items(
            current,
            status=FolderBatchItem.Status.UNCHANGED if unchanged else FolderBatchItem.Status.DONE,
        )
        if old_name and old_name != current.pdf.name:
            storage = current.pdf.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return "unchanged" if unchanged else "made"


def record_folder_failure(*, folder_id: int, error: str, final: bool) -> None:
    """An attempt failed: back in the queue (a retry follows), or failed for good, visible to
    the school and in the batch results."""
    with transaction.atomic():
        folder = ParentFolder.objects.select_for_update().filter(pk=folder_id).first()
        if folder is None:
            return
        folder.fail(error=error, final=final)
        folder.save(
            update_fields=[
                "attempts",
                "last_error",
                "claimed_at",
                "progress",
                "status",
                "updated_at",
            ]
        )
        if final:
            _close_items(folder, status=FolderBatchItem.Status.FAILED, error=folder.last_error)
