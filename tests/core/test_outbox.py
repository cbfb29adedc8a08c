"""The outbox engine: enqueue once per recipient, claim, send, retry with back-off, fail for good,
throttle, and what happens to rows a dead worker left behind (steunpunt/core/outbox.py)."""

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from steunpunt.core import outbox
from steunpunt.core.models import JobFailure, OutboxMessage
from steunpunt.core.tasks import dispatch_outbox
from tests.plugins.services import SmtpSink, free_port

pytestmark = pytest.mark.django_db

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def message(email, **extra):
    return outbox.OutgoingMessage(
        recipient_email=email, subject="Steek een poot uit", body_text="Dag,\n", **extra
    )


def queue(*emails, batch="test.batch"):
    return outbox.enqueue_messages(batch=batch, messages=[message(e) for e in emails])


def point_mail_at(settings, port, host="127.0.0.1"):
    settings.EMAIL_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = host
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture(autouse=True)
def no_throttle(settings):
    settings.OUTBOX_RATE_PER_MINUTE = 0
    settings.OUTBOX_MAX_ATTEMPTS = 3


# --- Enqueue --------------------------------------------------------------------------------


def test_enqueue_skips_recipients_already_in_the_batch(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert queue("a@school.test", "B@School.test", "b@school.test ") == 2
    assert len(callbacks) == 1  # one dispatch queued after commit

    with django_capture_on_commit_callbacks() as callbacks:
        assert queue("A@school.test", "c@school.test") == 1
    assert sorted(OutboxMessage.objects.values_list("recipient_email", flat=True)) == [
        "a@school.test",
        "b@school.test",
        "c@school.test",
    ]
    # Another batch (another mailing) reaches the same address again.
    assert queue("a@school.test", batch="other.batch") == 1
    with django_capture_on_commit_callbacks() as callbacks:
        assert queue("a@school.test", "c@school.test") == 0
    assert callbacks == []  # nothing new: no dispatch


def test_claim_is_exclusive():
    queue("a@school.test")
    row = OutboxMessage.objects.get()
    token = outbox.claim(row.pk)
    assert token is not None
    assert outbox.claim(row.pk) is None  # a second worker (or run) gets nothing
    row.refresh_from_db()
    assert (row.status, row.attempts, row.claim_token) == ("sending", 1, token)


# --- Sending ----------------------------------------------------------------------------------


def test_dispatch_sends_each_row_once_with_its_headers_and_message_id():
    outbox.enqueue_messages(
        batch="test.batch",
        messages=[
            message(f"r{n}@school.test", headers={"List-Unsubscribe": f"<https://x/{n}>"})
            for n in range(3)
        ],
    )
    result = dispatch_outbox.apply().get()

    assert result == 3
    assert sorted(m.to[0] for m in mail.outbox) == [f"r{n}@school.test" for n in range(3)]
    rows = {r.recipient_email: r for r in OutboxMessage.objects.all()}
    for sent in mail.outbox:
        row = rows[sent.to[0]]
        assert row.status == "sent" and row.sent_at and row.handed_over_at
        assert sent.extra_headers["Message-ID"] == row.message_id
        assert sent.extra_headers["List-Unsubscribe"].startswith("<https://x/")
    assert dispatch_outbox.apply().get() == 0 and len(mail.outbox) == 3


def test_smtp_path_reuses_one_connection_and_delivers_everything(settings, smtp_sink):
    point_mail_at(settings, smtp_sink.port)
    queue("a@school.test", "b@school.test", "c@school.test")

    result = outbox.dispatch()

    assert result.sent == 3
    assert sorted(rcpt for _, rcpts in smtp_sink.envelopes for rcpt in rcpts) == [
        "a@school.test",
        "b@school.test",
        "c@school.test",
    ]
    ids = set(OutboxMessage.objects.values_list("message_id", flat=True))
    assert {m["Message-ID"] for m in smtp_sink.messages} == ids
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


class RefusingSink(SmtpSink):
    """Answers DATA with a temporary error (a greylisting server)."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        return "451 4.7.1 Probeer later opnieuw"


def test_a_refusal_by_the_server_is_retried_with_back_off(settings):
    sink = RefusingSink(host="127.0.0.1", port=free_port())
    controller = Controller(sink, hostname=sink.host, port=sink.port, ready_timeout=10)
    controller.start()
    try:
        point_mail_at(settings, sink.port)
        queue("a@school.test")
        before = timezone.now()
        result = outbox.dispatch()
    finally:
        controller.stop()

    row = OutboxMessage.objects.get()
    assert (result.sent, result.retried) == (0, 1)
    # The server said no: certain, so retried (not "uncertain").
    assert row.status == "queued" and row.attempts == 1
    assert "451" in row.last_error and "SMTPDataError" in row.last_error
    assert (
        before + timedelta(seconds=29)
        <= row.next_attempt_at
        <= timezone.now() + timedelta(seconds=31)
    )
    assert not outbox.due_messages().exists()  # not before the back-off


def test_back_off_grows_and_the_last_attempt_fails_for_good(settings):
    point_mail_at(settings, free_port())  # nobody listens: ConnectionRefusedError
    queue("a@school.test", batch="campaigns.mailing:x")
    row = OutboxMessage.objects.get()
    delays = []
    for _attempt in range(settings.OUTBOX_MAX_ATTEMPTS):
        OutboxMessage.objects.filter(pk=row.pk).update(next_attempt_at=None)  # due now
        before = timezone.now()
        outbox.dispatch()
        row.refresh_from_db()
        if row.next_attempt_at:
            delays.append(round((row.next_attempt_at - before).total_seconds() / 30))

    assert delays == [1, 2]  # 30 s, 1 min (then the third and last attempt)
    assert row.status == "failed" and row.attempts == 3
    assert "ConnectionRefusedError" in row.last_error
    failure = JobFailure.objects.get()
    assert failure.task_name == "steunpunt.core.tasks.dispatch_outbox"
    assert "campaigns.mailing:x" in failure.exception and not failure.resolved


def test_retry_delay_is_capped():
    assert outbox.retry_delay(1) == timedelta(seconds=30)
    assert outbox.retry_delay(3) == timedelta(minutes=2)
    assert outbox.retry_delay(20) == timedelta(minutes=30)


# --- Throttling -------------------------------------------------------------------------------


def test_rate_is_shared_and_paced(settings):
    settings.OUTBOX_RATE_PER_MINUTE = 3
    queue(*[f"r{n}@school.test" for n in range(5)])
    pauses = []

    first = outbox.dispatch(sleep=pauses.append)
    second = outbox.dispatch(sleep=pauses.append)  # another worker, the same minute

    assert (first.sent, first.throttled) == (3, False)
    assert (second.sent, second.throttled) == (0, True)
    assert pauses == [20.0, 20.0, 20.0]  # 60 s / 3, evenly
    assert OutboxMessage.objects.filter(status="queued").count() == 2

    # A minute later the budget is back.
    OutboxMessage.objects.update(claimed_at=timezone.now() - timedelta(seconds=61))
    assert outbox.dispatch(sleep=pauses.append).sent == 2


# --- Rows a dead worker left in "sending" -----------------------------------------------------


def old(seconds=700):
    return timezone.now() - timedelta(seconds=seconds)


def test_a_stale_claim_never_handed_over_is_requeued_and_the_old_worker_loses_it():
    queue("a@school.test")
    row = OutboxMessage.objects.get()
    token = outbox.claim(row.pk, now=old())

    assert outbox.release_stale_claims() == (1, 0)
    row.refresh_from_db()
    assert row.status == "queued" and row.claim_token is None
    # Had the old worker been alive after all, its hand-over fails: it drops the row.
    assert not outbox.hand_over(row, token)
    assert outbox.dispatch().sent == 1 and len(mail.outbox) == 1


def test_a_stale_row_that_was_handed_over_is_not_sent_again():
    queue("a@school.test", batch="campaigns.mailing:y")
    row = OutboxMessage.objects.get()
    token = outbox.claim(row.pk, now=old())
    assert outbox.hand_over(row, token, now=old())

    assert outbox.release_stale_claims() == (0, 1)
    row.refresh_from_db()
    assert row.status == "failed" and "misschien is het toch aangekomen" in row.last_error
    assert outbox.dispatch().sent == 0 and mail.outbox == []
    assert "campaigns.mailing:y" in JobFailure.objects.get().exception
    # A slow worker that did finish corrects the row.
    assert outbox.mark_sent(row, token)
    row.refresh_from_db()
    assert row.status == "sent"


def test_fresh_claims_are_left_alone():
    queue("a@school.test")
    outbox.claim(OutboxMessage.objects.get().pk)
    assert outbox.release_stale_claims() == (0, 0)


def test_resend_requeues_failed_rows_only(django_capture_on_commit_callbacks):
    queue("a@school.test", "b@school.test")
    failed, sent = OutboxMessage.objects.order_by("recipient_email")
    OutboxMessage.objects.filter(pk=failed.pk).update(
        status="failed", attempts=3, last_error="x", handed_over_at=timezone.now()
    )
    OutboxMessage.objects.filter(pk=sent.pk).update(status="sent", sent_at=timezone.now())

    with django_capture_on_commit_callbacks() as callbacks:
        assert outbox.resend(messages=OutboxMessage.objects.all()) == 1
    assert len(callbacks) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("queued", 0, "")
    assert failed.handed_over_at is None
    assert OutboxMessage.objects.get(pk=sent.pk).status == "sent"


class HangUpSink(SmtpSink):
    """Takes the message, then drops the connection before answering: did it arrive?"""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        await super().handle_DATA(server, session, envelope)
        server.transport.close()
        return "250 OK"


def test_a_connection_lost_during_data_is_uncertain_and_not_retried(settings):
    sink = HangUpSink(host="127.0.0.1", port=free_port())
    controller = Controller(sink, hostname=sink.host, port=sink.port, ready_timeout=10)
    controller.start()
    try:
        point_mail_at(settings, sink.port)
        queue("a@school.test", batch="campaigns.mailing:z")
        result = outbox.dispatch()
    finally:
        controller.stop()

    row = OutboxMessage.objects.get()
    assert len(sink.messages) == 1  # it did arrive
    assert (result.sent, result.retried, result.failed) == (0, 0, 1)
    assert row.status == "failed" and row.next_attempt_at is None
    assert "misschien is het toch aangekomen" in row.last_error
    assert "campaigns.mailing:z" in JobFailure.objects.get().exception


# --- The task: when it queues itself again ------------------------------------------------


@pytest.fixture
def requeued(monkeypatch):
    calls = []
    monkeypatch.setattr(dispatch_outbox, "apply_async", lambda **kw: calls.append(kw))
    return calls


def test_task_comes_back_when_the_next_retry_is_due_soon(settings, requeued):
    point_mail_at(settings, free_port())
    queue("a@school.test")
    assert dispatch_outbox.run() == 0  # called as a worker does (not eager)
    assert len(requeued) == 1 and 29 <= requeued[0]["countdown"] <= 31


def test_task_leaves_later_retries_to_beat_and_stops_when_done(settings, requeued):
    queue("a@school.test")
    assert dispatch_outbox.run() == 1
    assert requeued == []  # nothing waits
    queue("b@school.test")
    OutboxMessage.objects.filter(status="queued").update(
        next_attempt_at=timezone.now() + timedelta(minutes=5)
    )
    dispatch_outbox.run()
    assert requeued == []  # beat (every minute) picks it up


def test_task_waits_while_throttled(settings, requeued):
    settings.OUTBOX_RATE_PER_MINUTE = 1
    queue("a@school.test", "b@school.test")
    pauses = []
    outbox.dispatch(sleep=pauses.append)  # uses the budget of this minute
    assert dispatch_outbox.run() == 0
    assert requeued and requeued[0]["countdown"] >= 5
