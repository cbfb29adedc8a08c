"""Writes of the digital kit: the ZIP per kit version, the download counts, file changes.

The ZIP is built on disk under MEDIA_ROOT, file by file with a fixed-size buffer, so memory
stays bounded whatever the size of the kit; it is served as a stream (FileResponse) too.
"""

from __future__ import annotations

import datetime
import os
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy

from steunpunt.accounts.roles import Role
from steunpunt.core.figures import Figure, registry
from steunpunt.core.models import Organisation

from .access import schools_for_user
from .campaign_services import bump_kit_version
from .models import Campaign, KitArchive, KitDownloadCount, Material, MaterialFile
from .reach_figures import KIT_DOWNLOADS

# Formats that are compressed already: stored as they are (deflating them costs CPU for nothing).
STORED_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".zip", ".mp4", ".mov", ".mp3",
    ".docx", ".pptx", ".xlsx", ".odt", ".odp", ".ods", ".woff", ".woff2",
}  # fmt: skip
COPY_BUFFER = 1024 * 1024  # 1 MiB per read: the memory bound of building the ZIP


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
    from .kit_tasks import build_kit_archive_task

    # get_or_create survives a race: on the unique (campaign, version) it fetches the other row.
    archive, created = KitArchive.objects.get_or_create(
        campaign=campaign, version=campaign.kit_version
    )
    if created:
        transaction.on_commit(lambda: build_kit_archive_task.delay(archive.pk))
    return archive


def retry_kit_archive(*, archive: KitArchive, actor=None) -> KitArchive:
    """A coordinator starts a failed build again (the admin action)."""
    from .kit_tasks import build_kit_archive_task

    with transaction.atomic():
        archive = KitArchive.objects.select_for_update().get(pk=archive.pk)
        if archive.status != KitArchive.Status.FAILED:
            raise ValidationError(gettext_lazy("Alleen een mislukte ZIP kan opnieuw starten."))
        archive.status = KitArchive.Status.PENDING
        archive.save(update_fields=["status"])
        transaction.on_commit(lambda: build_kit_archive_task.delay(archive.pk))
    return archive


def _kit_files(campaign: Campaign):
    return (
        MaterialFile.objects.filter(
            material__campaign=campaign, material__kind=Material.Kind.DIGITAL
        )
        .select_related("material")
        .order_by("material__order", "material__name", "order", "label", "pk")
    )


def _arcname(material_file: MaterialFile, used: set[str]) -> str:
    """<material slug>/<file name>, made unique inside the ZIP."""
    name = PurePosixPath(material_file.file.name).name
    folder = material_file.material.slug or slugify(material_file.material.name)
    candidate = f"{folder}/{name}"
    stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
    counter = 2
    while candidate in used:
        candidate = f"{folder}/{stem}-{counter}{suffix}"
        counter += 1
    used.add(candidate)
    return candidate


def _stale_build(archive: KitArchive) -> bool:
    """A build whose worker died: started longer ago than a task may run."""
    limit = datetime.timedelta(seconds=getattr(settings, "CELERY_TASK_TIME_LIMIT", 900))
    return archive.started_at is None or archive.started_at < timezone.now() - limit


def _claim(archive_id: int) -> KitArchive | None:
    with transaction.atomic():
        archive = (
            KitArchive.objects.select_for_update().select_related("campaign").filter(pk=archive_id)
        ).first()
        if archive is None or archive.is_ready:
            return None
        if archive.status == KitArchive.Status.BUILDING:
            if not _stale_build(archive):
                return None  # another worker is on it
            archive.status = KitArchive.Status.FAILED
        archive.start()
        archive.save(update_fields=["status", "attempts", "started_at", "last_error"])
        return archive


def write_kit_zip(files, target: Path) -> int:
    """Write the files into a ZIP at `target`, one buffer at a time. Returns the file count."""
    used: set[str] = set()
    count = 0
    with zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        for material_file in files:
            name = _arcname(material_file, used)
            suffix = PurePosixPath(name).suffix.lower()
            method = zipfile.ZIP_STORED if suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(name, date_time=material_file.uploaded_at.timetuple()[:6])
            info.compress_type = method
            with (
                material_file.file.open("rb") as source,
                archive.open(info, "w", force_zip64=True) as sink,
            ):
                shutil.copyfileobj(source, sink, COPY_BUFFER)
            count += 1
    return count


def build_kit_archive(*, archive_id: int) -> KitArchive | None:
    """Build the ZIP of one kit version (the task's body). Idempotent.

    Returns None when there is nothing to do (already ready, or another worker is building).
    On an error the row is marked failed with the error and the error is raised again, so the
    task retries; the next attempt claims the failed row.
    """
    archive = _claim(archive_id)
    if archive is None:
        return None
    campaign = archive.campaign
    name = f"campaigns/kits/{campaign.slug}/{campaign.slug}-digitale-kit-v{archive.version}.zip"
    target = Path(default_storage.path(name))
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        file_count = write_kit_zip(_kit_files(campaign).iterator(), partial)
        os.replace(partial, target)
    except Exception as exc:
        partial.unlink(missing_ok=True)
        with transaction.atomic():
            row = KitArchive.objects.select_for_update().get(pk=archive.pk)
            if row.status == KitArchive.Status.BUILDING:
                row.fail(f"{type(exc).__name__}: {exc}")
                row.save(update_fields=["status", "last_error", "finished_at"])
        raise
    with transaction.atomic():
        row = KitArchive.objects.select_for_update().get(pk=archive.pk)
        row.finish(name=name, size_bytes=target.stat().st_size, file_count=file_count)
        row.save(update_fields=["status", "file", "size_bytes", "file_count", "finished_at"])
        older = list(KitArchive.objects.filter(campaign=campaign, version__lt=row.version))
        for old in older:
            if old.file:
                old.file.delete(save=False)
        KitArchive.objects.filter(pk__in=[old.pk for old in older]).delete()
    return row


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


# ---------------------------------------------------------------------------------------------
# Figures (registered from CampaignsConfig.ready())
# ---------------------------------------------------------------------------------------------


def _downloads(subregion=None, moment=None, campaign=None, zip_only=False) -> int:
    rows = KitDownloadCount.objects.all()
    if campaign is not None:
        rows = rows.filter(campaign=campaign)
    if zip_only:
        rows = rows.filter(material__isnull=True)
    if moment is not None:
        rows = rows.filter(day__lte=moment)
    if subregion is not None:
        schools = Organisation.objects.filter(sites__postcode__subregion=subregion)
        rows = rows.filter(school__in=schools.values("pk"))
    return rows.aggregate(total=Sum("count"))["total"] or 0


def _kit_downloads(subregion=None, moment=None, campaign=None) -> int:
    return _downloads(subregion=subregion, moment=moment, campaign=campaign)


def _kit_zip_downloads(subregion=None, moment=None, campaign=None) -> int:
    return _downloads(subregion=subregion, moment=moment, campaign=campaign, zip_only=True)


def register_kit_figures() -> None:
    registry.register(
        Figure(
            name="campaigns.kit_downloads",
            label=gettext_lazy("Downloads uit de digitale kit"),
            unit=gettext_lazy("downloads"),
            compute=_kit_downloads,
            description=gettext_lazy(
                "Downloads uit de digitale kit op het portaal tot en met de peildatum, losse "
                "bestanden en de ZIP samen; per subregio tellen de downloads van aangemelde "
                "scholen, volgens de subregio van hun hoofdvestiging."
            ),
            filters=("subregion", "moment", "campaign"),
            grouping=KIT_DOWNLOADS,
        )
    )
    registry.register(
        Figure(
            name="campaigns.kit_zip_downloads",
            label=gettext_lazy("Downloads van de hele digitale kit (ZIP)"),
            unit=gettext_lazy("downloads"),
            compute=_kit_zip_downloads,
            description=gettext_lazy(
                "Downloads van de volledige digitale kit als ZIP-bestand op het portaal, tot en "
                "met de peildatum."
            ),
            filters=("subregion", "moment", "campaign"),
        )
    )
