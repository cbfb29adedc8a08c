"""Benchmark of meeting invitations: a body of 200 delegates invited through a real Celery worker.

    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 .venv/bin/python -m bench.invitations
    DATABASE_URL=postgresql://... CELERY_BROKER_URL=redis://... python -m bench.invitations

It migrates the database (without DATABASE_URL a temporary SQLite one; on PostgreSQL the
benchmark's rows are deleted at the end), starts an aiosmtpd sink on 127.0.0.1 in this process
and one `celery worker` subprocess (solo pool). It creates a body whose --delegates partner
organisations each have one effective delegate, and a planned meeting of that body. Then, in
one transaction, it does what the staff's "invite" does: the invitation list from the body's
delegates (network.meetings.services.ensure_invitations) and the mails (send_invitations: per
invitee a personal answer link and the meeting's .ics, one outbox row each). After the commit
the worker fetches `dispatch_outbox` from Redis and sends them over SMTP.

Prints the time to build and queue the invitations, the time from commit to the last row
marked sent, the total, messages/s, and checks that the sink received every delegate exactly
once with a calendar attachment. OUTBOX_RATE_PER_MINUTE is 0 (no throttle). No threshold.
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


class InvitationSink:
    """aiosmtpd handler: counts recipients and the messages that carry an .ics."""

    def __init__(self):
        self.lock = threading.Lock()
        self.received: Counter = Counter()
        self.with_calendar = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        content = envelope.original_content or b""
        with self.lock:
            self.received.update(envelope.rcpt_tos)
            if b"text/calendar" in content:
                self.with_calendar += 1
        return "250 Message accepted for delivery"


def seed(*, delegates: int):
    """A body with `delegates` member organisations (one effective delegate each) and a
    planned meeting of it; returns (meeting, the delegates' e-mail addresses)."""
    from tests.network.factories import BodyFactory, DelegateFactory, MeetingFactory

    tag = secrets.token_hex(3)
    body = BodyFactory(name=f"Lerend netwerk benchmark {tag}", slug=f"bench-{tag}")
    emails = []
    for n in range(delegates):
        email = f"delegate{n:03d}.{tag}@partner{n:03d}.test"
        DelegateFactory(
            mandate__body=body,
            mandate__organisation__name=f"Partner {n:03d} ({tag})",
            person__email=email,
        )
        emails.append(email)
    meeting = MeetingFactory(body=body, title="Lerend netwerk mentorschap (benchmark)")
    return meeting, emails


def invite(meeting) -> tuple[int, str]:
    """The staff's "invite": the list from the delegates, then the mails, in one transaction.
    Returns the number of outbox rows queued and their batch."""
    from django.db import transaction

    from network.meetings import services

    with transaction.atomic():
        services.ensure_invitations(meeting=meeting, actor=None)
        queued = services.send_invitations(meeting=meeting, actor=None)
    meeting.refresh_from_db()
    return queued, f"network.meeting:{meeting.pk}:v{meeting.sequence}"


def wait_until_sent(batch: str, *, timeout: float) -> Counter:
    from steunpunt.core.models import OutboxMessage

    rows = OutboxMessage.objects.filter(batch=batch)
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if not rows.filter(status__in=["queued", "sending"]).exists():
            break
        time.sleep(0.1)
    return Counter(rows.values_list("status", flat=True))


def remove(meeting) -> None:
    """Delete what seed() made (on a database that outlives the run)."""
    from network.models import Delegate, Mandate
    from steunpunt.core.models import Organisation, Person

    body = meeting.body
    mandates = Mandate.objects.filter(body=body)
    organisations = list(mandates.values_list("organisation", flat=True))
    persons = list(Delegate.objects.filter(mandate__body=body).values_list("person", flat=True))
    meeting.delete()
    Delegate.objects.filter(mandate__body=body).delete()
    mandates.delete()
    body.delete()
    Person.objects.filter(pk__in=persons).delete()
    Organisation.objects.filter(pk__in=organisations).delete()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--delegates", type=int, default=200)
    parser.add_argument("--timeout", type=int, default=600, help="give up after this many s")
    args = parser.parse_args(argv)

    broker = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(broker, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        sys.exit(f"bench/invitations.py needs Redis as the Celery broker ({broker}): {exc}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-invitations-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "TESTING": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "smtp",
        "EMAIL_HOST": "127.0.0.1",
        "OUTBOX_RATE_PER_MINUTE": "0",
        "MEDIA_ROOT": str(tmp / "media"),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    sqlite = env["DATABASE_URL"].startswith("sqlite")

    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    sink = InvitationSink()
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

        meeting, emails = seed(delegates=args.delegates)
        started = time.perf_counter()
        queued, batch = invite(meeting)
        committed = time.perf_counter()
        statuses = wait_until_sent(batch, timeout=args.timeout)
        finished = time.perf_counter()
        seconds = finished - committed
        duplicates = sum(1 for email in emails if sink.received[email] > 1)
        missing = sum(1 for email in emails if sink.received[email] == 0)

        print(f"delegates:               {len(emails)}")
        print(f"invitations queued:      {queued} in {committed - started:.2f} s (one commit)")
        print(f"commit → last sent:      {seconds:.1f} s")
        print(f"total:                   {finished - started:.1f} s")
        print(f"throughput:              {statuses['sent'] / max(seconds, 1e-9):.0f} messages/s")
        print(f"rows by status:          {dict(statuses)}")
        print(f"sink received:           {sum(sink.received.values())} messages")
        print(f"  with an .ics:          {sink.with_calendar}")
        print(f"  delegates twice:       {duplicates}")
        print(f"  delegates missing:     {missing}")
        print(f"database:                {'SQLite' if sqlite else 'PostgreSQL'}")
        if not sqlite:
            OutboxMessage.objects.filter(batch=batch).delete()
            remove(meeting)
    finally:
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
        controller.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
