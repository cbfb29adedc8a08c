"""Writes of the parent folder: a school's settings and logo, asking for a PDF, the batch, and
the work of the folder task itself (claim, render, store, record a failure).

The PDF is never made in a request: services queue campaigns.folders_tasks.generate_parent_folder
with transaction.on_commit, and the task calls `make_folder_pdf`.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.core.models import Organisation, Person

from .access import is_coordinator
from .campaign_services import join_campaign
from .folders_pdf import render_parent_folder_pdf
from .folders_selectors import (
    folder_inputs,
    folder_inputs_many,
    folders_with_school,
)
from .models import Campaign, FolderBatch, FolderBatchItem, ParentFolder, Participation

# A folder claimed longer ago than this is taken to be orphaned (its worker died).
CLAIM_TIMEOUT = timedelta(minutes=10)


def _folder_for(*, campaign: Campaign, school: Organisation, actor) -> ParentFolder:
    """The school's folder row (joins the campaign when the school did not take part yet).

    A coordinator acting for the school joins it without becoming its contact person.
    """
    participation = join_campaign(
        campaign=campaign, school=school, actor=None if is_coordinator(actor) else actor
    )
    folder, _created = ParentFolder.objects.get_or_create(participation=participation)
    return ParentFolder.objects.select_for_update().get(pk=folder.pk)


def _enqueue(folder_ids: list[int]) -> None:
    from .folders_tasks import generate_parent_folder

    def send():
        for folder_id in folder_ids:
            generate_parent_folder.delay(folder_id)

    transaction.on_commit(send)


def save_folder_settings(
    *,
    campaign: Campaign,
    school: Organisation,
    contact_person: Person | None,
    personal_word: str,
    actor,
) -> ParentFolder:
    with transaction.atomic():
        folder = _folder_for(campaign=campaign, school=school, actor=actor)
        participation = Participation.objects.select_for_update().get(pk=folder.participation_id)
        participation.contact_person = contact_person
        participation.full_clean()
        participation.save(update_fields=["contact_person"])
        folder.personal_word = personal_word
        folder.full_clean()
        folder.save(update_fields=["personal_word", "updated_at"])
    return folder


def save_folder_logo(
    *, campaign: Campaign, school: Organisation, logo, extension: str, actor
) -> ParentFolder:
    """Store a logo already checked by the form (`extension`: png or jpg); None removes it."""
    with transaction.atomic():
        folder = _folder_for(campaign=campaign, school=school, actor=actor)
        old_name = folder.logo.name if folder.logo else ""
        if logo is None:
            folder.logo = ""
            folder.logo_sha256 = ""
        else:
            content = b"".join(logo.chunks())
            folder.logo_sha256 = hashlib.sha256(content).hexdigest()
            folder.logo.save(f"logo.{extension}", ContentFile(content), save=False)
        folder.full_clean()
        folder.save(update_fields=["logo", "logo_sha256", "updated_at"])
        if old_name and old_name != folder.logo.name:
            storage = folder.logo.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return folder


def _is_stale(folder: ParentFolder) -> bool:
    """Queued or claimed so long ago that its task must have been lost."""
    since = folder.claimed_at or folder.updated_at
    return since is not None and since < timezone.now() - CLAIM_TIMEOUT


def request_folder(*, campaign: Campaign, school: Organisation, actor) -> tuple[ParentFolder, bool]:
    """Ask for the school's folder PDF. Returns (folder, queued).

    Unchanged inputs and a stored PDF: nothing to do (no new PDF). A PDF on its way: nothing
    either, unless its task was lost. Otherwise the folder is queued for the task.
    """
    with transaction.atomic():
        folder = _folder_for(campaign=campaign, school=school, actor=actor)
        folder = folders_with_school().select_for_update(of=("self",)).get(pk=folder.pk)
        inputs_hash = folder_inputs(folder).hash
        if folder.status == ParentFolder.Status.READY and folder.pdf_hash == inputs_hash:
            return folder, False
        if folder.is_working:
            if not _is_stale(folder):
                return folder, False  # the task reads the newest inputs when it renders
            # Its task was lost (a broker or worker outage): queue it again. A stale claim
            # is taken over by the new task (claim_folder).
            _enqueue([folder.pk])
            return folder, True
        folder.queue(inputs_hash)
        folder.full_clean()
        folder.save()
        _enqueue([folder.pk])
    return folder, True


def start_folder_batch(*, campaign: Campaign, actor) -> FolderBatch:
    """Make the folders of all schools that take part: one result row per school.

    Schools whose folder is up to date are "already up to date" at once; the others are queued,
    one task per folder, so one school's failure never stops the rest.
    """
    if campaign.status == Campaign.Status.DRAFT:
        raise ValidationError(_("Deze campagne is nog in voorbereiding."))
    with transaction.atomic():
        participations = list(
            Participation.objects.filter(campaign=campaign).values_list("pk", flat=True)
        )
        if not participations:
            raise ValidationError(_("Er doen nog geen scholen mee aan deze campagne."))
        existing = set(
            ParentFolder.objects.filter(participation__in=participations).values_list(
                "participation_id", flat=True
            )
        )
        ParentFolder.objects.bulk_create(
            [ParentFolder(participation_id=pk) for pk in participations if pk not in existing],
            ignore_conflicts=True,
        )
        folders = list(
            folders_with_school()
            .filter(participation__campaign=campaign)
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        inputs = folder_inputs_many(folders)
        batch = FolderBatch.objects.create(campaign=campaign, started_by=actor)
        now, items, to_queue, to_update = timezone.now(), [], [], []
        for folder in folders:
            inputs_hash = inputs[folder.pk].hash
            if folder.status == ParentFolder.Status.READY and folder.pdf_hash == inputs_hash:
                items.append(
                    FolderBatchItem(
                        batch=batch,
                        folder=folder,
                        status=FolderBatchItem.Status.UNCHANGED,
                        finished_at=now,
                    )
                )
                continue
            items.append(FolderBatchItem(batch=batch, folder=folder))
            if folder.status != ParentFolder.Status.GENERATING:
                folder.queue(inputs_hash)
                to_update.append(folder)
            to_queue.append(folder.pk)
        ParentFolder.objects.bulk_update(
            to_update, ["status", "requested_hash", "progress", "attempts", "last_error"]
        )
        FolderBatchItem.objects.bulk_create(items)
        _enqueue(to_queue)
    return batch


def retry_failed_batch_items(*, batch: FolderBatch, actor) -> int:
    """Queue the failed schools of a batch again; returns how many."""
    with transaction.atomic():
        items = list(
            batch.items.select_for_update()
            .filter(status=FolderBatchItem.Status.FAILED)
            .select_related("folder__participation__campaign", "folder__participation__school")
        )
        folders = [item.folder for item in items]
        inputs = folder_inputs_many(folders)
        for item in items:
            item.status, item.error, item.finished_at = FolderBatchItem.Status.PENDING, "", None
            if item.folder.status != ParentFolder.Status.GENERATING:
                item.folder.queue(inputs[item.folder.pk].hash)
        FolderBatchItem.objects.bulk_update(items, ["status", "error", "finished_at"])
        ParentFolder.objects.bulk_update(
            [f for f in folders if f.status == ParentFolder.Status.QUEUED],
            ["status", "requested_hash", "progress", "attempts", "last_error"],
        )
        _enqueue([f.pk for f in folders])
    return len(items)


# ---------------------------------------------------------------------------------------------
# The work of the folder task
# ---------------------------------------------------------------------------------------------


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
