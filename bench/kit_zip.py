"""Benchmark of the digital kit's ZIP: build a 200 MB kit and stream it, with bounded memory.

    .venv/bin/python bench/kit_zip.py                  # 200 MB, a temporary SQLite database
    .venv/bin/python bench/kit_zip.py --size-mb 500
    DATABASE_URL=postgres://... .venv/bin/python bench/kit_zip.py

Creates a campaign with digital materials whose files add up to --size-mb (mostly random bytes,
like the PNG/PDF/MP4 files of a real kit, plus some text files that are deflated), written to a
temporary MEDIA_ROOT in 1 MiB blocks. Then:

1. build: the Celery task that builds the ZIP of the kit version (run in-process with .apply());
2. stream: a GET of the kit's ZIP URL through the full Django stack (test client, all
   middleware), reading the FileResponse to the end and throwing the bytes away.

Each phase runs twice: once plain for the throughput (MB/s) and the process's peak resident
memory (VmHWM, reset before the phase through /proc/self/clear_refs; ru_maxrss where that is not
possible), and once under tracemalloc for the peak Python heap. Bounded
means: the peaks stay a few MB, whatever the size of the kit. No threshold: the figures go into
the README.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def setup_django(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunpunt.settings")
    os.environ.setdefault("DEBUG", "1")  # a generated key is fine: nothing leaves the machine
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.pop("CELERY_BROKER_URL", None)  # the task runs in this process
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import logging

    logging.getLogger("celery.app.trace").setLevel(logging.WARNING)


def reset_peak_rss() -> bool:
    """Reset the kernel's peak RSS of this process (Linux ≥ 4.0); False when not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb(resettable: bool) -> float:
    if resettable:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_kit(size_mb: int):
    """A campaign with digital materials whose files add up to size_mb, written in blocks."""
    from django.conf import settings

    from campaigns.models import Campaign, KitArchive, Material, MaterialFile

    campaign = Campaign.objects.create(
        name="Steek een poot uit (benchmark)",
        slug="bench-kit",
        school_year="2026-2027",
        starts_on="2026-09-01",
        ends_on="2027-06-30",
        status=Campaign.Status.ACTIVE,
    )
    # (name, suffix, share of the kit): mostly already compressed files, some text.
    plan = [
        ("Campagnefilm", ".mp4", 0.45),
        ("Lerarenhandleiding", ".pdf", 0.20),
        ("Ouderfolder", ".pdf", 0.10),
        ("Webbanners", ".png", 0.15),
        ("Teksten voor de nieuwsbrief", ".txt", 0.10),
    ]
    block = os.urandom(MB)
    text = (b"Duaal leren: half op school, half op de werkvloer. Steek een poot uit!\n" * 20000)[
        :MB
    ]
    folder = Path(settings.MEDIA_ROOT) / "campaigns" / "materials" / campaign.slug
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index, (name, suffix, share) in enumerate(plan):
        material = Material.objects.create(
            campaign=campaign,
            kind=Material.Kind.DIGITAL,
            category=Material.Category.OTHER,
            name=name,
            slug=f"materiaal-{index}",
            order=index,
        )
        files = 4 if suffix in (".png", ".txt") else 1
        per_file = max(1, round(size_mb * share / files))
        for number in range(files):
            filename = f"{material.slug}-{number}{suffix}"
            with open(folder / filename, "wb") as out:
                for _ in range(per_file):
                    out.write(text if suffix == ".txt" else block)
            size = (folder / filename).stat().st_size
            total += size
            MaterialFile.objects.create(
                material=material,
                label=f"Bestand {number + 1}",
                file=f"campaigns/materials/{campaign.slug}/{filename}",
                size_bytes=size,
                order=number,
            )
    del block, text
    return campaign, total, KitArchive


def build(campaign, KitArchive):
    from campaigns.kit.tasks import build_kit_archive_task

    KitArchive.objects.filter(campaign=campaign).delete()
    for path in (Path(os.environ["MEDIA_ROOT"]) / "campaigns" / "kits").rglob("*.zip"):
        path.unlink()
    archive = KitArchive.objects.create(campaign=campaign, version=campaign.kit_version)
    result = build_kit_archive_task.apply(args=[archive.pk])
    if result.failed() or result.get() != "ready":
        raise SystemExit(f"The build failed: {result.result!r}")
    archive.refresh_from_db()
    return archive


def stream(campaign) -> int:
    from django.test import Client
    from django.urls import reverse

    response = Client(HTTP_HOST="localhost").get(
        reverse("campaigns:kit_zip", kwargs={"slug": campaign.slug})
    )
    if response.status_code != 200 or not response.streaming:
        raise SystemExit(f"The ZIP was not streamed: HTTP {response.status_code}")
    received = 0
    for chunk in response.streaming_content:
        received += len(chunk)
    response.close()
    return received


def measure(label, fn, size_bytes, resettable):
    resettable = reset_peak_rss() and resettable
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    rss_peak = peak_rss_mb(resettable)
    tracemalloc.start()
    fn()
    _current, heap_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "label": label,
        "seconds": seconds,
        "mb_s": size_bytes / MB / seconds,
        "heap_peak_mb": heap_peak / MB,
        "rss_peak_mb": rss_peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=int, default=200, help="size of the kit (default 200)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-kit-"))
    try:
        setup_django(workdir)
        print(f"Making a kit of {args.size_mb} MB in {workdir} …", flush=True)
        campaign, kit_bytes, KitArchive = make_kit(args.size_mb)
        archive = build(campaign, KitArchive)  # warm-up, and the size of the ZIP
        zip_bytes = archive.size_bytes
        stream(campaign)  # warm-up: the first request imports the URL configuration
        resettable = reset_peak_rss()
        baseline = peak_rss_mb(resettable)
        rows = [
            measure("build (Celery task)", lambda: build(campaign, KitArchive), kit_bytes, True),
            measure("stream (GET, FileResponse)", lambda: stream(campaign), zip_bytes, True),
        ]
        print()
        print(
            f"kit: {kit_bytes / MB:.0f} MB in {archive.file_count} files; "
            f"ZIP: {zip_bytes / MB:.0f} MB; resident memory at rest: {baseline:.0f} MB"
        )
        print()
        print("| phase | MB/s | seconds | peak Python heap | peak resident memory |")
        print("|---|---:|---:|---:|---:|")
        for row in rows:
            print(
                f"| {row['label']} | {row['mb_s']:.0f} | {row['seconds']:.1f} "
                f"| {row['heap_peak_mb']:.1f} MB | {row['rss_peak_mb']:.0f} MB |"
            )
        if not resettable:
            print("\n(peak resident memory is ru_maxrss: the peak of the whole run)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
