"""The work of the kit task (campaigns.kit.tasks): build the ZIP of one kit version.

The ZIP is built on disk under MEDIA_ROOT, file by file with a fixed-size buffer, so memory
stays bounded whatever the size of the kit.
"""

from __future__ import annotations

import datetime
import os
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import Campaign, KitArchive, Material, MaterialFile

# Formats that are compressed already: stored as they are (deflating them costs CPU for nothing).
STORED_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".zip", ".mp4", ".mov", ".mp3",
    ".docx", ".pptx", ".xlsx", ".odt", ".odp", ".ods", ".woff", ".woff2",
}  # fmt: skip
COPY_BUFFER = 1024 * 1024  # 1 MiB per read: the memory bound of building the ZIP


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
