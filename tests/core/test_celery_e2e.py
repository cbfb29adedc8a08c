"""A real Celery task end to end: Redis broker -> in-process worker -> SMTP -> aiosmtpd sink.

Under pytest tasks normally run eagerly (settings.TESTING); these tests switch to the real
broker themselves. The worker runs in a thread of this process (pool "solo"), so it sees the
test database (`transactional_db`).
"""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from steunpunt.celery import app
from steunpunt.core import outbox
from steunpunt.core.models import JobFailure, OutboxMessage
from steunpunt.core.tasks import dispatch_outbox
from tests.plugins.services import free_port

pytestmark = pytest.mark.services

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def queue_test_mail(subject: str) -> None:
    """One outbox row, as every mail of the portal is queued (its dispatch follows on commit)."""
    outbox.enqueue_messages(
        batch=f"test.e2e:{subject}",
        messages=[
            outbox.OutgoingMessage(
                recipient_email="school@vti.test",
                recipient_name="VTI, Brugge",
                subject=subject,
                body_text="Beste,\n\nDit is een proefbericht.\n",
                body_html="<p>Dit is een <strong>proefbericht</strong>.</p>",
                headers={"X-Proef": "ja"},
                reply_to=["Vragen <vragen@west-vlaanderen.be>"],
            )
        ],
        priority=outbox.Priority.TRANSACTIONAL,
    )


def point_mail_at(settings, host: str, port: int) -> None:
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = host
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def celery_conf():
    """Change app.conf for one test and put every changed key back afterwards."""
    saved = {}

    def change(**values):
        for key, value in values.items():
            saved.setdefault(key, app.conf.get(key))
            app.conf[key] = value

    yield change
    for key, value in saved.items():
        app.conf[key] = value


def test_an_outbox_row_through_redis_reaches_smtp(
    transactional_db, settings, redis_url, smtp_sink, celery_conf
):
    """The production path: the row commits, its dispatch is queued by the task's name on the
    broker (steunpunt.core.outbox.queue_dispatch), a worker claims and sends it."""
    point_mail_at(settings, smtp_sink.host, smtp_sink.port)
    settings.OUTBOX_RATE_PER_MINUTE = 0
    # Keep the handlers of the root logger (pytest's log capture) when the worker sets up logging.
    # Before changing settings: celery_conf saves the current value (read through the settings)
    # to put back afterwards, and later tests must get "eager" back.
    celery_conf(task_always_eager=False, broker_url=redis_url, worker_hijack_root_logger=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    subject = f"Proefbericht {uuid.uuid4().hex[:8]}"

    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
    ):
        queue_test_mail(subject)  # commits at once (no outer transaction): the dispatch is queued
        message = smtp_sink.wait_for(lambda m: m["Subject"] == subject, timeout=30)

    assert str(message["To"]) == '"VTI, Brugge" <school@vti.test>'
    assert str(message["Reply-To"]) == "Vragen <vragen@west-vlaanderen.be>"
    assert message["X-Proef"] == "ja"
    assert settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].strip(">") in message["From"]
    assert message.get_body(("plain",)).get_content().startswith("Beste,")
    assert "<strong>proefbericht</strong>" in message.get_body(("html",)).get_content()
    mail_from, rcpt_tos = next(
        env
        for env, m in zip(smtp_sink.envelopes, smtp_sink.messages, strict=True)
        if m["Subject"] == subject
    )
    assert rcpt_tos == ["school@vti.test"]
    row = OutboxMessage.objects.get(batch=f"test.e2e:{subject}")
    assert row.status == OutboxMessage.Status.SENT and row.attempts == 1
    assert not JobFailure.objects.exists()


def test_final_failure_is_recorded_as_job_failure(transactional_db, settings, celery_conf):
    """SMTP refuses the connection and no attempt is left: the row fails for good and a
    JobFailure row names the dispatch run and the error."""
    point_mail_at(settings, "127.0.0.1", free_port())  # nobody listens there
    settings.OUTBOX_RATE_PER_MINUTE = 0
    settings.OUTBOX_MAX_ATTEMPTS = 1
    celery_conf(task_always_eager=True)
    queue_test_mail("Komt nooit aan")  # its own eager dispatch already fails it
    OutboxMessage.objects.update(status=OutboxMessage.Status.QUEUED, attempts=0)
    JobFailure.objects.all().delete()

    result = dispatch_outbox.apply(throw=False)

    assert result.successful() and result.result == 0
    row = OutboxMessage.objects.get()
    assert row.status == OutboxMessage.Status.FAILED and "ConnectionRefusedError" in row.last_error
    failure = JobFailure.objects.get()
    assert failure.task_name == "steunpunt.core.tasks.dispatch_outbox"
    assert failure.task_id == result.id
    assert "ConnectionRefusedError" in failure.exception
    assert "test.e2e:Komt nooit aan" in failure.arguments
    assert not failure.resolved


def test_successful_delivery_records_no_failure(transactional_db, settings, celery_conf, smtp_sink):
    """The same task run eagerly against a working SMTP server: delivered, nothing recorded."""
    point_mail_at(settings, smtp_sink.host, smtp_sink.port)
    settings.OUTBOX_RATE_PER_MINUTE = 0
    celery_conf(task_always_eager=True)

    queue_test_mail("Lukt meteen")  # on commit: dispatch_outbox, run in-process

    smtp_sink.wait_for(lambda m: m["Subject"] == "Lukt meteen", timeout=10)
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    assert not JobFailure.objects.exists()
