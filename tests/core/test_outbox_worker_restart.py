"""A mailing survives workers that are killed mid-way: every recipient gets exactly one message.

Real processes: `celery worker` subprocesses on Redis, the test's PostgreSQL database, and an
aiosmtpd sink in this process. The sink holds the conversation at two chosen moments so the
kills land where they hurt most:

1. during RCPT TO of recipient 5: the row is claimed but not handed over (SIGKILL worker 1);
   the next worker puts it back in the queue and sends it once.
2. after the server received DATA of recipient 12, before it answers 250 (SIGKILL worker 2):
   the message is delivered but the row still says "sending". The next worker must not send
   it again; it marks the row failed with "delivery uncertain" for the coordinator.
"""

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection

from steunpunt.celery import app
from steunpunt.core import outbox
from steunpunt.core.models import JobFailure, OutboxMessage
from tests.plugins.services import SmtpSink, free_port

pytestmark = [
    pytest.mark.services,
    pytest.mark.postgres_only,
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]

BATCH = "test.restart"
RECIPIENTS = [f"ontvanger{n:02d}@school.test" for n in range(1, 21)]
HOLD_RCPT = RECIPIENTS[4]
HOLD_DATA = RECIPIENTS[11]
CLAIM_TIMEOUT = 2


@dataclass
class GatedSink(SmtpSink):
    """An SMTP sink that can hold one RCPT TO and one DATA until the test releases it."""

    hold_rcpt: str = ""
    hold_data: str = ""
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    async def _hold(self):
        self.release.clear()
        self.held.set()
        try:
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        finally:
            self.held.clear()

    def let_go(self):
        """Release the held conversation (its client is dead by now)."""
        self.release.set()
        self.held.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        envelope.rcpt_tos.append(address)
        if address == self.hold_rcpt:
            self.hold_rcpt = ""
            await self._hold()
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        reply = await super().handle_DATA(server, session, envelope)
        if self.hold_data in envelope.rcpt_tos:
            self.hold_data = ""
            await self._hold()
        return reply


@pytest.fixture
def gated_sink():
    from aiosmtpd.controller import Controller

    sink = GatedSink(host="127.0.0.1", port=free_port(), hold_rcpt=HOLD_RCPT, hold_data=HOLD_DATA)
    controller = Controller(sink, hostname=sink.host, port=sink.port, ready_timeout=10)
    controller.start()
    try:
        yield sink
    finally:
        sink.release.set()
        controller.stop()


class Workers:
    """Start `celery worker` subprocesses against the test database; kill or stop them."""

    def __init__(self, tmp_path: Path, redis_url: str, sink: SmtpSink):
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "DEBUG": "1",
            "TESTING": "0",
            "DATABASE_URL": (
                f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            ),
            "CELERY_BROKER_URL": redis_url,
            "EMAIL_BACKEND": "smtp",
            "EMAIL_HOST": sink.host,
            "EMAIL_PORT": str(sink.port),
            "EMAIL_TIMEOUT": "60",
            "OUTBOX_RATE_PER_MINUTE": "0",
            "OUTBOX_CLAIM_TIMEOUT": str(CLAIM_TIMEOUT),
        }
        self.tmp_path = tmp_path
        self.redis_url = redis_url
        self.processes: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        log = open(self.tmp_path / f"worker{len(self.processes) + 1}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "steunpunt",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=django_settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def dispatch(self):
        """What beat does every minute: queue one dispatch_outbox run."""
        with app.connection_for_write(self.redis_url) as conn:
            app.send_task(outbox.DISPATCH_TASK, connection=conn)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in self.tmp_path.glob("worker*.log"))


def wait_until(predicate, timeout: float, what: str, workers: Workers):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"Timed out waiting for {what}.\n{workers.logs()[-4000:]}")


def unfinished():
    return OutboxMessage.objects.filter(
        batch=BATCH, status__in=[OutboxMessage.Status.QUEUED, OutboxMessage.Status.SENDING]
    ).exists()


def test_killed_workers_never_send_a_recipient_the_mailing_twice(
    transactional_db, redis_url, gated_sink, tmp_path, monkeypatch
):
    # Rows only; the dispatch goes through Redis to the worker subprocesses.
    monkeypatch.setattr(outbox, "queue_dispatch", lambda: None)
    outbox.enqueue_messages(
        batch=BATCH,
        messages=[
            outbox.OutgoingMessage(
                recipient_email=email, subject="Steek een poot uit", body_text="."
            )
            for email in RECIPIENTS
        ],
    )
    workers = Workers(tmp_path, redis_url, gated_sink)
    try:
        # Worker 1 is killed while the server holds RCPT TO of recipient 5.
        first = workers.start()
        workers.dispatch()
        wait_until(gated_sink.held.is_set, 60, "RCPT TO of recipient 5", workers)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        gated_sink.let_go()
        row5 = OutboxMessage.objects.get(batch=BATCH, recipient_email=HOLD_RCPT)
        assert row5.status == OutboxMessage.Status.SENDING
        assert row5.handed_over_at is None

        # Worker 2 is killed after the server got DATA of recipient 12, before its 250 reply.
        time.sleep(CLAIM_TIMEOUT + 0.5)
        second = workers.start()
        workers.dispatch()
        wait_until(gated_sink.held.is_set, 60, "DATA of recipient 12", workers)
        os.killpg(second.pid, signal.SIGKILL)
        second.wait(timeout=10)
        gated_sink.let_go()
        row12 = OutboxMessage.objects.get(batch=BATCH, recipient_email=HOLD_DATA)
        assert row12.status == OutboxMessage.Status.SENDING
        assert row12.handed_over_at is not None

        # Worker 3 finishes the mailing.
        time.sleep(CLAIM_TIMEOUT + 0.5)
        workers.start()
        workers.dispatch()
        wait_until(lambda: not unfinished(), 90, "the end of the mailing", workers)
    finally:
        gated_sink.release.set()
        workers.stop_all()

    received = Counter(address for _, rcpt_tos in gated_sink.envelopes for address in rcpt_tos)
    assert received == Counter(RECIPIENTS), workers.logs()[-4000:]  # each exactly once

    rows = {r.recipient_email: r for r in OutboxMessage.objects.filter(batch=BATCH)}
    assert rows[HOLD_RCPT].status == OutboxMessage.Status.SENT
    assert rows[HOLD_RCPT].attempts == 2  # claimed by worker 1, released, sent by worker 2
    assert rows[HOLD_DATA].status == OutboxMessage.Status.FAILED
    assert "misschien is het toch aangekomen" in rows[HOLD_DATA].last_error
    others = [r for email, r in rows.items() if email != HOLD_DATA]
    assert all(r.status == OutboxMessage.Status.SENT and r.sent_at for r in others)
    # The uncertain row is shown to coordinators as a failed job of the dispatcher.
    assert JobFailure.objects.filter(
        task_name=outbox.DISPATCH_TASK, arguments__contains=BATCH
    ).exists()
