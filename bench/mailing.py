"""Benchmark of the outbox: a mailing to 5,000 recipients through a real Celery worker.

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/mailing.py
    DATABASE_URL=postgresql://... CELERY_BROKER_URL=redis://... .venv/bin/python bench/mailing.py
    .venv/bin/python bench/mailing.py --recipients 1000 --rate 600    # with the throttle on

It migrates the database (without DATABASE_URL a temporary SQLite one; on PostgreSQL the
benchmark's rows are deleted at the end). It starts an aiosmtpd sink on 127.0.0.1 in this
process and one `celery worker` subprocess (solo pool: one dispatcher at a time),
then queues the mailing the way a coordinator's "send" does: one
outbox row per recipient with a campaign-sized text and HTML body and the List-Unsubscribe
headers, committed in one transaction, after which `dispatch_outbox` goes through Redis.

Prints how long queueing took, the time from commit to the last row marked sent, messages/s,
and checks that the sink received every recipient exactly once. OUTBOX_RATE_PER_MINUTE is 0
(no throttle) unless --rate is given, so the figure is the engine's capacity. No threshold.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CountingSink:
    """aiosmtpd handler: counts recipients, keeps no message bodies."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received: Counter = Counter()
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        with self.lock:
            self.received.update(envelope.rcpt_tos)
            self.bytes += len(envelope.original_content or b"")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--rate", type=int, default=0, help="OUTBOX_RATE_PER_MINUTE (0: none)")
    parser.add_argument("--timeout", type=int, default=900, help="give up after this many s")
    args = parser.parse_args()

    broker = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        sys.exit(f"bench/mailing.py needs Redis as the Celery broker ({broker}): {exc}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-mailing-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "TESTING": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "OUTBOX_RATE_PER_MINUTE": str(args.rate),
        "MEDIA_ROOT": str(tmp / "media"),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    sqlite = env["DATABASE_URL"].startswith("sqlite")

    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    sink = CountingSink()
    port = free_port()
    env["EMAIL_PORT"] = str(port)
    controller = Controller(sink, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    os.environ.update(env)
    worker = None
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steunpunt.settings")
        django.setup()
        from django.db import transaction

        from steunpunt.core import outbox
        from steunpunt.core.markdown import render_markdown
        from steunpunt.core.models import OutboxMessage

        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "celery", "-A", "steunpunt", "worker", "--pool=solo"]
            + ["--without-gossip", "--without-mingle", "--loglevel=WARNING"],
            cwd=ROOT,
            env=env,
            stdout=open(tmp / "worker.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        time.sleep(3)  # let the worker connect; messages wait in Redis anyway

        body = (
            "De **infopunten** van *Steek een poot uit* zijn klaar.\n\n"
            "- Bestel ze vóór 15 oktober\n- Download de webbanners\n- Plan je infomoment\n\n"
        ) * 6
        html = str(render_markdown(body))
        batch = f"bench.mailing:{secrets.token_hex(6)}"
        recipients = [f"contact{n:05d}@school{n % 400:03d}.test" for n in range(args.recipients)]
        started = time.perf_counter()
        with transaction.atomic():
            queued = outbox.enqueue_messages(
                batch=batch,
                messages=(
                    outbox.OutgoingMessage(
                        recipient_email=address,
                        recipient_name=f"Contact {n}",
                        subject="Steek een poot uit: de infopunten zijn klaar",
                        body_text=f"Dag Contact {n},\n\n{body}",
                        body_html=f"<p>Dag Contact {n},</p>{html}",
                        headers={
                            "List-Unsubscribe": f"<https://portal.test/u/{n}/>",
                            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                        },
                    )
                    for n, address in enumerate(recipients)
                ),
                priority=outbox.Priority.BULK,
            )
        committed = time.perf_counter()

        rows = OutboxMessage.objects.filter(batch=batch)
        deadline = committed + args.timeout
        while time.perf_counter() < deadline:
            if not rows.filter(status__in=["queued", "sending"]).exists():
                break
            time.sleep(0.2)
        finished = time.perf_counter()
        statuses = Counter(rows.values_list("status", flat=True))
        seconds = finished - committed
        duplicates = sum(1 for count in sink.received.values() if count > 1)
        missing = len(set(recipients) - set(sink.received))

        print(f"recipients queued:       {queued:,} in {committed - started:.2f} s (one commit)")
        print(f"commit → last sent:      {seconds:.1f} s")
        print(f"throughput:              {statuses['sent'] / seconds:.0f} messages/s")
        print(f"rows by status:          {dict(statuses)}")
        print(f"sink received:           {sum(sink.received.values()):,} messages")
        print(f"  average size:          {sink.bytes / max(len(sink.received), 1) / 1024:.1f} KiB")
        print(f"  recipients twice:      {duplicates}")
        print(f"  recipients missing:    {missing}")
        print(f"rate limit (per minute): {args.rate or 'none'}")
        print(f"database:                {'SQLite' if sqlite else 'PostgreSQL'}")
        if not sqlite:
            rows.delete()
    finally:
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        controller.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
