"""Chaos: a 1,000-recipient mailing while the mail server is away (issue 13, "Done when").

Nothing listens on the SMTP port for the first runs (connections refused, so no row is ever cut
off mid-DATA), one recipient has a hostile name, then the server comes back on the same port.
The outage is modelled with a controlled clock: between runs the rows' next_attempt_at is moved
to "now", as if their back-off had passed (30 s, then 1 min), instead of sleeping minutes.
Afterwards every one of the 1,000 rows arrived exactly once, correctly addressed; nothing stays
"sending", nothing failed, nothing is "uncertain".
"""

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.db.models import Count

from steunpunt.core import outbox
from steunpunt.core.models import JobFailure, OutboxMessage
from tests.plugins.services import SmtpSink, free_port

pytestmark = pytest.mark.django_db

RECIPIENTS = 1000
HOSTILE = "De Smet, Jan\n<x@y>"
HOSTILE_EMAIL = "r0500@school.test"


def point_mail_at(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


def back_off_passes():
    """The controlled clock: every queued row's back-off is over."""
    OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED).update(next_attempt_at=None)


def dispatch_until_nothing_is_due(max_runs=20):
    for _run in range(max_runs):
        if not outbox.due_messages().exists():
            return
        outbox.dispatch(limit=RECIPIENTS)
    raise AssertionError("de outbox raakte niet leeg")


def test_an_outage_during_a_big_mailing_loses_and_doubles_nothing(settings):
    settings.OUTBOX_RATE_PER_MINUTE = 0  # pacing is tested elsewhere; here: all at once
    # The default number of attempts must outlast a 30 s outage by far (the whole back-off
    # before a row fails for good is over ten minutes).
    attempts = django_settings.OUTBOX_MAX_ATTEMPTS
    assert sum((outbox.retry_delay(n) for n in range(1, attempts)), timedelta()) >= timedelta(
        minutes=10
    )

    port = free_port()
    point_mail_at(settings, port)
    outbox.enqueue_messages(
        batch="campaigns.mailing:chaos",
        messages=[
            outbox.OutgoingMessage(
                recipient_email=f"r{n:04d}@school.test",
                recipient_name=HOSTILE
                if f"r{n:04d}@school.test" == HOSTILE_EMAIL
                else f"Ouder {n}",
                subject="Opendeurdag duaal leren & werkplekleren",
                body_text=f"Beste ouder {n},\n",
            )
            for n in range(RECIPIENTS)
        ],
    )

    # The outage: two runs, 30 s apart by the rows' clock, both refused.
    for expected_attempts in (1, 2):
        result = outbox.dispatch(limit=RECIPIENTS)
        assert (result.sent, result.retried, result.failed) == (0, RECIPIENTS, 0)
        rows = OutboxMessage.objects.all()
        assert set(rows.values_list("status", flat=True)) == {"queued"}
        assert set(rows.values_list("attempts", flat=True)) == {expected_attempts}
        assert "ConnectionRefusedError" in rows.first().last_error
        assert not outbox.due_messages().exists()  # waiting for the back-off
        back_off_passes()

    # The server is back, on the same port.
    sink = SmtpSink(host="127.0.0.1", port=port)
    controller = Controller(sink, hostname=sink.host, port=port, ready_timeout=10)
    controller.start()
    try:
        dispatch_until_nothing_is_due()
    finally:
        controller.stop()

    statuses = dict(
        OutboxMessage.objects.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    assert statuses == {"sent": RECIPIENTS}  # nothing sending, queued, failed or uncertain
    assert not JobFailure.objects.exists()

    # Exactly once each: 1,000 messages, 1,000 distinct Message-IDs (those of the rows), and
    # every recipient once in the envelopes.
    assert len(sink.messages) == RECIPIENTS
    assert {m["Message-ID"] for m in sink.messages} == set(
        OutboxMessage.objects.values_list("message_id", flat=True)
    )
    envelope_recipients = sorted(r for _, rcpts in sink.envelopes for r in rcpts)
    assert envelope_recipients == [f"r{n:04d}@school.test" for n in range(RECIPIENTS)]

    # The hostile row arrived, addressed to its own address under its (one-line) name.
    [hostile] = [m for m in sink.messages if HOSTILE_EMAIL in str(m["To"])]
    [to] = hostile["To"].addresses
    assert (to.display_name, to.addr_spec) == ("De Smet, Jan <x@y>", HOSTILE_EMAIL)
    assert "&amp;" not in str(hostile["Subject"])
