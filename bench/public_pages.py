"""Benchmark of the public pages against a bare Django view, measured in the same run.

    .venv/bin/python bench/public_pages.py            # a temporary SQLite database
    DATABASE_URL=postgres://... .venv/bin/python bench/public_pages.py

Builds the database at `province` demo scale (reference data + seed_demo), collects the static
files, starts gunicorn on 127.0.0.1 (2 sync workers, DEBUG off, a generated SECRET_KEY) with
bench/public_pages_django as settings (the portal plus `/bench/bare/`, a view that returns "ok"
through the same middleware), and runs wrk against each page. Prints req/s, p50 and p99 latency
per page and each page's throughput as a percentage of the bare view (target: at least 40 %).
The bare view is measured first and last; the percentage uses the mean of both.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
WRK = shutil.which("wrk") or "/usr/bin/wrk"
DURATION = os.environ.get("BENCH_DURATION", "10s")
THREADS, CONNECTIONS, WORKERS = "2", "16", "2"
TARGET_RATIO = 40.0

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> None:
    print(f"  manage.py {' '.join(args)}", flush=True)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own server
        return response.read().decode()


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn stopped while starting; see its log above.")
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {url} within {timeout} s.")


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * UNITS[unit]


def run_wrk(url: str) -> dict:
    out = subprocess.run(
        [WRK, "-t", THREADS, "-c", CONNECTIONS, "-d", DURATION, "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-public-pages-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback
        "DEMO_MODE": "0",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}",
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "public_pages_django.settings",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(BENCH), str(ROOT), os.environ.get("PYTHONPATH")])
        ),
    }
    database = env["DATABASE_URL"].split("@")[-1]
    print(f"Database: {database} (province demo scale)")
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_reference_data", "-v0")
    manage(env, "seed_demo", "--scale", "province", "--force", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    print(f"  ready in {time.monotonic() - started:.0f} s")

    gunicorn = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "steunpunt.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            WORKERS,
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],  # fmt: skip
        env=env,
        cwd=ROOT,
    )
    try:
        wait_until_up(f"{base}/bench/bare/", gunicorn)
        finder = get(f"{base}/opleidingen/?q=elektrische+installaties")
        slug = re.search(r'href="/opleidingen/([\w-]+)/', finder).group(1)
        pages = [
            ("bare Django view", "/bench/bare/"),
            ("home page", "/"),
            ("finder, filters + postcode", "/opleidingen/?postcode=8500&km=15&q=elektr"),
            ("programme page", f"/opleidingen/{slug}/"),
            ("bare Django view (again)", "/bench/bare/"),
        ]
        for _label, path in pages:  # warm up every worker (and its cache)
            for _ in range(8):
                get(base + path)
        print(
            f"\nwrk {THREADS} threads, {CONNECTIONS} connections, {DURATION} per page; "
            f"gunicorn {WORKERS} sync workers; {os.cpu_count()} CPUs shared with wrk\n"
        )
        results = [(label, path, run_wrk(base + path)) for label, path in pages]
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=15)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    bare = (results[0][2]["rps"] + results[-1][2]["rps"]) / 2
    print(f"{'page':<30} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'% bare':>7}  errors  path")
    failed = []
    for label, path, r in results:
        ratio = 100 * r["rps"] / bare
        print(
            f"{label:<30} {r['rps']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {ratio:>6.0f}%"
            f"  {r['errors']:>6}  {path}"
        )
        if not label.startswith("bare") and ratio < TARGET_RATIO:
            failed.append(label)
        if r["errors"]:
            failed.append(f"{label} (HTTP errors)")
    print(
        f"\nTarget: every page at least {TARGET_RATIO:.0f} % of the bare view ({bare:.0f} req/s)."
    )
    print(
        "Result: " + ("all pages meet the target." if not failed else f"below: {', '.join(failed)}")
    )


if __name__ == "__main__":
    main()
