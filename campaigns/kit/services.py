"""Writes of the digital kit: asking for the ZIP per kit version, the download counts, file
changes.

The ZIP is built by the task campaigns.kit.tasks.build_kit_archive_task (the work is in
campaigns.kit.build); it is served as a stream (FileResponse).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from steunpunt.accounts.roles import Role
from steunpunt.core.models import Organisation

from ..campaign.access import schools_for_user
from ..campaign.services import bump_kit_version
from ..models import Campaign, KitArchive, KitDownloadCount, Material, MaterialFile
from . import tasks

# ---------------------------------------------------------------------------------------------
# The ZIP of the whole kit
# ---------------------------------------------------------------------------------------------


def current_archive(campaign: Campaign) -> KitArchive | None:
    """The ZIP row of the campaign's current kit version, if one was asked for."""
    return KitArchive.objects.filter(campaign=campaign, version=campaign.kit_version).first()


def request_kit_archive(*, campaign: Campaign, actor=None) -> KitArchive:
    """Make sure a ZIP of the current kit version exists or is being built (idempotent).

    Creates the row (pending) and queues the build after commit when it is new; an existing
    row is returned as it is, whatever its status (a failed build is retried by its task, a
    coordinator may start it again in the admin).
    """
    # get_or_create survives a race: on the unique (campaign, version) it fetches the other row.
    archive, created = KitArchive.objects.get_or_create(
        campaign=campaign, version=campaign.kit_version
    )
    if created:
        transaction.on_commit(lambda: tasks.build_kit_archive_task.delay(archive.pk))
    return archive


def retry_kit_archive(*, archive: KitArchive, actor=None) -> KitArchive:
    """A coordinator starts a failed build again (the admin action)."""
    with transaction.atomic():
        archive = KitArchive.objects.select_for_update().get(pk=archive.pk)
        if archive.status != KitArchive.Status.FAILED:
            raise ValidationError(gettext_lazy("Alleen een mislukte ZIP kan opnieuw starten."))
        archive.status = KitArchive.Status.PENDING
        archive.save(update_fields=["status"])
        transaction.on_commit(lambda: tasks.build_kit_archive_task.delay(archive.pk))
    return archive


# ---------------------------------------------------------------------------------------------
# Changes to the digital files (called by the admin)
# ---------------------------------------------------------------------------------------------


def kit_files_changed(*, campaign: Campaign, actor=None) -> int:
    """A digital file was added, replaced or removed: a new kit version, and its ZIP queued."""
    with transaction.atomic():
        version = bump_kit_version(campaign=campaign)
        if campaign.status != Campaign.Status.DRAFT:
            request_kit_archive(campaign=campaign, actor=actor)
    return version


def save_material_file(*, material_file: MaterialFile, actor=None) -> MaterialFile:
    """Store an uploaded or changed file of a material, with its size in bytes.

    A file of a digital material changes the kit: its version goes up (a new ZIP)."""
    with transaction.atomic():
        if material_file.file:
            material_file.size_bytes = material_file.file.size
        material_file.full_clean()
        material_file.save()
        material = material_file.material
        if material.kind == Material.Kind.DIGITAL:
            kit_files_changed(campaign=material.campaign, actor=actor)
    return material_file


def delete_material_file(*, material_file: MaterialFile, actor=None) -> None:
    with transaction.atomic():
        material = material_file.material
        stored = material_file.file.name
        material_file.delete()
        if material.kind == Material.Kind.DIGITAL:
            kit_files_changed(campaign=material.campaign, actor=actor)
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))


# ---------------------------------------------------------------------------------------------
# Download counts: per material (or the ZIP) per day, per school when a school contact is in
# ---------------------------------------------------------------------------------------------


def school_of_downloader(user) -> Organisation | None:
    """The school a download counts for: a logged-in school contact's school, else nobody."""
    if not user.is_authenticated or not user.has_role(Role.SCHOOL_CONTACT):
        return None
    return schools_for_user(user).order_by("name", "pk").first()


def count_download(
    *,
    campaign: Campaign,
    material: Material | None = None,
    school: Organisation | None = None,
    day: datetime.date | None = None,
) -> None:
    """Add one download. No person, no IP address: the day, the material and the school."""
    day = day or timezone.localdate()
    key = {"campaign": campaign, "material": material, "school": school, "day": day}
    lookup = {"campaign": campaign, "day": day}
    lookup |= {"material__isnull": True} if material is None else {"material": material}
    lookup |= {"school__isnull": True} if school is None else {"school": school}
    if KitDownloadCount.objects.filter(**lookup).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            KitDownloadCount.objects.create(**key, count=1)
    except IntegrityError:  # created by a download at the same moment
        KitDownloadCount.objects.filter(**lookup).update(count=F("count") + 1)
