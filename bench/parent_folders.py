"""Benchmark of the parent folder batch: every participating school's PDF at `province` scale.

    .venv/bin/python bench/parent_folders.py    # a temporary SQLite database, eager tasks
    DATABASE_URL=postgresql://... CELERY_BROKER_URL=redis://... \
        .venv/bin/python bench/parent_folders.py    # a real Celery worker (BENCH_WORKERS=2)

Builds the database at `province` demo scale (reference data + seed_demo) in a temporary
database, lets every provider join an active campaign, then starts the coordinators' batch
through the real code path (campaigns.folders.services.start_folder_batch → one
generate_parent_folder task per school → WeasyPrint → storage) and waits until every school has
a result. Prints the batch total, seconds per folder, failures, and a second batch right after
(inputs unchanged: no new PDF is made, so it shows the cost of the hash check alone).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's apps, not those of an editable install
PYTHON = sys.executable
WORKERS = os.environ.get("BENCH_WORKERS", "2")
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "1800"))


def manage(env: dict, *args: str) -> None:
    print(f"  manage.py {' '.join(args)}", flush=True)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def temporary_postgres(url: str) -> tuple[str, callable]:
    """A fresh database next to the one in `url` (the role may create databases)."""
    import psycopg

    name = f"bench_folders_{os.getpid()}"
    server, _slash, _database = url.rpartition("/")
    maintenance = f"{server}/postgres"  # the database in `url` need not exist
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"{server}/{name}", drop


def prepare_environment(tmp: Path, database_url: str) -> dict:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DEMO_MODE": "0",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp / "media"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "steunpunt.settings",
    }
    os.environ.update(env)
    return env


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "steunpunt",
            "worker",
            "--concurrency",
            WORKERS,
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--hostname",
            f"bench-folders-{os.getpid()}@127.0.0.1",
        ],  # fmt: skip
        env=env,
        cwd=ROOT,
    )


def wait_for(batch, timeout: float) -> None:
    from campaigns.folders.selectors import batch_progress

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = batch_progress(batch)
        if not progress.is_running:
            return
        time.sleep(0.5)
    raise SystemExit(f"The batch did not finish within {timeout:.0f} s.")


def run_batch(campaign, label: str, timeout: float):
    from campaigns.folders.selectors import batch_progress
    from campaigns.folders.services import start_folder_batch

    started = time.monotonic()
    batch = start_folder_batch(campaign=campaign, actor=None)  # eager: the PDFs are made here
    wait_for(batch, timeout)
    seconds = time.monotonic() - started
    progress = batch_progress(batch)
    print(f"\n{label}")
    print(f"  schools:            {progress.total}")
    print(f"  new PDFs:           {progress.done}")
    print(f"  already up to date: {progress.unchanged}")
    print(f"  failed:             {progress.failed}")
    print(f"  batch total:        {seconds:.1f} s")
    if progress.done:
        print(f"  seconds per folder: {seconds / progress.done:.2f} s (wall clock)")
    else:
        print(
            f"  seconds per school: {seconds / max(progress.total, 1) * 1000:.1f} ms (check only)"
        )
    return batch, progress


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-parent-folders-"))
    given = os.environ.get("DATABASE_URL", "")
    drop_database = None
    if given.startswith(("postgres://", "postgresql://")):
        database_url, drop_database = temporary_postgres(given)
    else:
        database_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    try:
        run(tmp, prepare_environment(tmp, database_url))
    finally:
        if drop_database is not None:
            from django.db import connections

            connections.close_all()
            drop_database()
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp: Path, env: dict) -> None:
    use_worker = bool(os.environ.get("CELERY_BROKER_URL"))
    if use_worker and env["DATABASE_URL"].startswith("sqlite"):
        raise SystemExit("A real worker needs PostgreSQL: set DATABASE_URL as well.")
    print(f"Database: {env['DATABASE_URL'].split('@')[-1]} (province demo scale)")
    print(
        f"Tasks: {'a Celery worker, concurrency ' + WORKERS if use_worker else 'eager, in process'}"
    )
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_reference_data", "-v0")
    manage(env, "seed_demo", "--scale", "province", "--force", "-v0")
    print(f"  ready in {time.monotonic() - started:.0f} s")

    import django

    django.setup()
    from campaigns.campaign.services import join_campaign
    from campaigns.models import Campaign, FolderBatchItem
    from steunpunt.core.models import Organisation

    campaign, _created = Campaign.objects.get_or_create(
        slug="steek-een-poot-uit-bench",
        defaults={
            "name": "Steek een poot uit",
            "slogan": "Duaal leren: steek een poot uit!",
            "school_year": "2026-2027",
            "starts_on": "2026-09-01",
            "ends_on": "2027-06-30",
            "status": Campaign.Status.ACTIVE,
        },
    )
    for school in Organisation.objects.filter(kind__in=Organisation.PROVIDER_KINDS):
        join_campaign(campaign=campaign, school=school)

    worker = start_worker(env) if use_worker else None
    try:
        batch, progress = run_batch(campaign, "First batch (every folder new):", TIMEOUT)
        failures = batch.items.filter(status=FolderBatchItem.Status.FAILED)
        for item in failures.select_related("folder__participation__school")[:5]:
            print(f"  failed: {item.folder.participation.school}: {item.error}")
        run_batch(campaign, "Second batch (nothing changed):", TIMEOUT)
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
    sizes = [p.stat().st_size for p in (tmp / "media").rglob("*.pdf")]
    if sizes:
        print(
            f"\nPDF size: {sum(sizes) / len(sizes) / 1024:.0f} KiB on average ({len(sizes)} files)"
        )


if __name__ == "__main__":
    main()
