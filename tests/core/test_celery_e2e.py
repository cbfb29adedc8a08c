"""A real Celery task end to end: Redis broker -> in-process worker -> SMTP -> aiosmtpd sink.

Under pytest tasks normally run eagerly (settings.TESTING); these tests switch to the real
broker themselves. The worker runs in a thread of this process (pool "solo"), so it sees the
test database (`transactional_db`).
"""

import uuid

import pytest
from celery.contrib.testing.worker import start_worker

from steunpunt.celery import app
from steunpunt.core.models import JobFailure
from steunpunt.core.tasks import deliver_email
from tests.plugins.services import free_port

pytestmark = pytest.mark.services

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def payload(subject: str) -> dict:
    return {
        "subject": subject,
        "body": "Beste,\n\nDit is een proefbericht.\n",
        "from_email": "duaalleren@west-vlaanderen.be",
        "to": ["school@vti.test"],
        "cc": ["kopie@vti.test"],
        "headers": {"X-Proef": "ja"},
        "html": "<p>Dit is een <strong>proefbericht</strong>.</p>",
    }


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


def test_deliver_email_through_redis_reaches_smtp(
    transactional_db, settings, redis_url, smtp_sink, celery_conf
):
    point_mail_at(settings, smtp_sink.host, smtp_sink.port)
    # Keep the handlers of the root logger (pytest's log capture) when the worker sets up logging.
    # Before changing settings: celery_conf saves the current value (read through the settings)
    # to put back afterwards, and later tests must get "eager" back.
    celery_conf(task_always_eager=False, broker_url=redis_url, worker_hijack_root_logger=False)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    subject = f"Proefbericht {uuid.uuid4().hex[:8]}"

    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
    ):
        result = deliver_email.delay(payload(subject))
        message = smtp_sink.wait_for(lambda m: m["Subject"] == subject, timeout=30)

    assert result.id
    assert message["To"] == "school@vti.test"
    assert message["Cc"] == "kopie@vti.test"
    assert message["X-Proef"] == "ja"
    assert "duaalleren@west-vlaanderen.be" in message["From"]
    assert message.get_body(("plain",)).get_content().startswith("Beste,")
    assert "<strong>proefbericht</strong>" in message.get_body(("html",)).get_content()
    mail_from, rcpt_tos = next(
        env
        for env, m in zip(smtp_sink.envelopes, smtp_sink.messages, strict=True)
        if m["Subject"] == subject
    )
    assert mail_from == "duaalleren@west-vlaanderen.be"
    assert sorted(rcpt_tos) == ["kopie@vti.test", "school@vti.test"]
    assert not JobFailure.objects.exists()


def test_final_failure_is_recorded_as_job_failure(transactional_db, settings, celery_conf):
    """SMTP refuses the connection and no retry is left: a JobFailure row with the error."""
    point_mail_at(settings, "127.0.0.1", free_port())  # nobody listens there
    celery_conf(task_always_eager=True)

    result = deliver_email.apply(
        args=[payload("Komt nooit aan")], retries=deliver_email.max_retries, throw=False
    )

    assert result.failed()
    assert isinstance(result.result, ConnectionRefusedError)
    failure = JobFailure.objects.get()
    assert failure.task_name == "steunpunt.core.tasks.deliver_email"
    assert failure.task_id == result.id
    assert "ConnectionRefusedError" in failure.exception
    assert "Komt nooit aan" in failure.arguments
    assert "ConnectionRefusedError" in failure.traceback
    assert not failure.resolved


def test_successful_delivery_records_no_failure(transactional_db, settings, celery_conf, smtp_sink):
    """The same task run eagerly against a working SMTP server: delivered, nothing recorded."""
    point_mail_at(settings, smtp_sink.host, smtp_sink.port)
    celery_conf(task_always_eager=True)

    result = deliver_email.apply(args=[payload("Lukt meteen")], throw=False)

    assert result.successful()
    assert result.result == "school@vti.test"
    smtp_sink.wait_for(lambda m: m["Subject"] == "Lukt meteen", timeout=10)
    assert not JobFailure.objects.exists()
