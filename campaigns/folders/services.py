"""Writes of the parent folder: a school's settings and logo, asking for a PDF, the batch.

The PDF is never made in a request: services queue campaigns.folders.tasks.generate_parent_folder
after the commit (the task base), and the task calls the work in campaigns.folders.build.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steunpunt.accounts.roles import is_coordinator
from steunpunt.core.models import Organisation, Person

from ..campaign.services import join_campaign
from ..models import Campaign, FolderBatch, FolderBatchItem, ParentFolder, Participation
from . import tasks
from .build import CLAIM_TIMEOUT
from .selectors import (
    folder_inputs,
    folder_inputs_many,
    folders_with_school,
)


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
    # Sent to the broker once the transaction commits (the portal's task base).
    for folder_id in folder_ids:
        tasks.generate_parent_folder.delay(folder_id)


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
