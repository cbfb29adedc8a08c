"""The outbox: queue a mailing as one row per recipient; workers send each row at most once.

    enqueue_messages(
        batch="campaigns.mailing:12", messages=[OutgoingMessage(...), ...], priority=BULK
    )

It is the only way the portal sends mail: allauth's mails (steunpunt.accounts.adapter), the
inbox's acknowledgements and answers and every app's notifications and mailings. A message
built elsewhere (steunpunt.core.email.build_email, allauth's render_mail) becomes a row through
`outgoing_from_email`.

Rows are created in the caller's transaction; once it commits, `dispatch_outbox` is queued
(and django-celery-beat runs it every minute for retries and leftovers).

Priority: a run claims the due rows with the most urgent priority first (transactional: login
codes, password resets, acknowledgements, confirmations; then normal; then bulk: mailings and
invitation rounds), within a priority the longest waiting first. Rows are claimed in chunks
(CLAIM_CHUNK), so a login code queued behind a 5,000-recipient mailing leaves with the next
chunk, within the same rate limit, instead of after the mailing.

The life of a row, and why a killed worker never makes anyone receive a mailing twice:

1. claim: a conditional update queued → sending that also writes a fresh `claim_token`.
   Only the worker whose update hit the row goes on; every later write of that worker
   (hand over, sent, failed) is conditional on the token.
2. hand over: after MAIL FROM and RCPT TO were accepted, and right before the SMTP DATA
   command, the worker stamps `handed_over_at` (again conditional on the token). Only if that
   stamp succeeds does it send DATA.
3. sent: right after the server's 250 reply to DATA the row becomes sent.

A worker claims rows in chunks (CLAIM_CHUNK). Killed (SIGKILL, OOM, a deploy), it leaves its
chunk in `sending`: the rows it had not reached yet, and at most one handed-over row (the one
in DATA, or delivered but not yet marked sent). `release_stale_claims`
looks at such rows after OUTBOX_CLAIM_TIMEOUT (keep it well above EMAIL_TIMEOUT, so a live
but slow worker is never mistaken for a dead one):

- not handed over: the server never got DATA for this row, so it goes back to the queue. Its
  token is cleared, so should the old worker still be alive after all, its hand-over stamp
  fails and it drops the row instead of sending it.
- handed over: the server may have the message. We cannot know, so the row is NOT re-queued:
  it becomes failed with a Dutch "delivery uncertain" error, and a JobFailure is recorded.
  A coordinator sees it on the mailing page and decides whether to resend. The window is the
  DATA exchange plus one UPDATE: milliseconds per message.

The trade-off is at-most-once delivery: after a crash inside that tiny window a recipient may
get nothing rather than two copies (the coordinator is told which rows). An SMTP error that
the server states (a 4xx/5xx reply) is certain and retried with back-off; a connection lost
during DATA is treated as uncertain for the same reason as a crash.

One row never stops the run. Each row is built (addresses through
steunpunt.core.email.named_address, headers checked, serialised) before the connection is
touched; a row that cannot be built is failed for good at once with the reason, as is a row
that breaks the sender in an unexpected way before hand-over (after hand-over: uncertain).
Either way the run records it in its JobFailure and goes on with the next row.

Throttling is shared by all workers: a run sends at most OUTBOX_RATE_PER_MINUTE minus the rows
claimed in the last minute, paced evenly (60 / rate seconds apart).
"""

from __future__ import annotations

import base64
import smtplib
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import make_msgid

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .email import build_email, clean_address, clean_display_name, named_address
from .models import JobFailure, OutboxMessage

Priority = OutboxMessage.Priority
# Queued by name (see queue_dispatch): the outbox never imports the tasks module.
DISPATCH_TASK = "steunpunt.core.tasks.dispatch_outbox"
# Errors the server stated in a reply: the connection stays usable for the next row.
ANSWERED_BY_SERVER = (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused)


@dataclass
class OutgoingMessage:
    recipient_email: str
    subject: str
    body_text: str
    recipient_name: str = ""
    body_html: str = ""
    headers: dict = field(default_factory=dict)
    attachments: list = field(default_factory=list)  # [{"filename", "mimetype", "content"}]
    # (or "content_base64" instead of "content" for a binary file)
    reply_to: list[str] = field(default_factory=list)  # stored as the Reply-To header


def templated_message(
    template: str,
    *,
    email: str,
    name: str = "",
    context: dict,
    headers: dict | None = None,
    attachments: list[dict] | None = None,
) -> OutgoingMessage:
    """One outbox message from the e-mail templates emails/<template>{_subject.txt,.txt,.html}
    (steunpunt.core.email.build_email): subject, text body and the HTML alternative."""
    message = build_email(template, to=[email], context=context)
    html = next((c for c, mimetype in message.alternatives if mimetype == "text/html"), "")
    return OutgoingMessage(
        recipient_email=email,
        recipient_name=name,
        subject=str(message.subject),
        body_text=message.body,
        body_html=html,
        headers=headers or {},
        attachments=attachments or [],
    )


def outgoing_from_email(message: EmailMessage, *, email: str, name: str = "") -> OutgoingMessage:
    """The outbox message for one recipient of a message built elsewhere (build_email,
    allauth's render_mail): subject, text body, HTML alternative, Reply-To and extra headers.

    The recipient is passed apart (not parsed back from message.to), so the name reaches the
    row as typed and is cleaned and quoted once, when the row is sent. An HTML-only message
    (allauth without a .txt template) gets its text body from the HTML."""
    html = next(
        (
            c
            for c, mimetype in getattr(message, "alternatives", None) or []
            if mimetype == "text/html"
        ),
        "",
    )
    body = str(message.body)
    if message.content_subtype == "html":
        html, body = body, strip_tags(body)
    return OutgoingMessage(
        recipient_email=email,
        recipient_name=name,
        subject=str(message.subject),
        body_text=body,
        body_html=html,
        headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        reply_to=list(message.reply_to),
    )


def _headers(message: OutgoingMessage) -> dict:
    headers = dict(message.headers)
    if message.reply_to:
        # Rebuilt like every named address: a line break in a name cannot break the header.
        headers["Reply-To"] = ", ".join(clean_address(a) for a in message.reply_to)
    return headers


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"
    return make_msgid(domain=domain)


def enqueue_messages(
    *,
    batch: str,
    messages: Iterable[OutgoingMessage],
    priority: Priority = Priority.NORMAL,
    confidential: bool = False,
) -> int:
    """Create one queued row per recipient not yet in `batch`; returns how many are new.

    Recipients are compared case-insensitively; a recipient already in the batch (whatever
    its status) is skipped, and the unique constraint (batch, recipient) catches a concurrent
    caller: nobody gets the same mailing twice. `priority`: TRANSACTIONAL for what someone
    waits for now, BULK for mailings and invitation rounds (see the module docstring).
    `confidential`: the body holds a credential (login code, reset link): hidden in the admin
    and wiped once sent.
    """
    priority = Priority(priority)
    with transaction.atomic():
        existing = {
            e.lower()
            for e in OutboxMessage.objects.filter(batch=batch).values_list(
                "recipient_email", flat=True
            )
        }
        rows, seen = [], set(existing)
        for message in messages:
            email = message.recipient_email.strip().lower()
            if not email or email in seen:
                continue
            seen.add(email)
            rows.append(
                OutboxMessage(
                    batch=batch,
                    priority=priority,
                    confidential=confidential,
                    recipient_email=email,
                    # One line, no control characters (PostgreSQL refuses a NUL byte, and
                    # a header a line break): the name and subject as the mail will show them.
                    recipient_name=clean_display_name(message.recipient_name)[:200],
                    subject=clean_display_name(message.subject)[:250],
                    body_text=message.body_text,
                    body_html=message.body_html,
                    headers=_headers(message),
                    attachments=message.attachments,
                    message_id=_message_id(),
                )
            )
        OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        if rows:
            transaction.on_commit(queue_dispatch)
    return len(rows)


def queue_dispatch() -> None:
    """Queue a dispatch run by the task's name: the tasks module imports the outbox, never the
    other way round. The registered task is used when this process knows it (eager mode runs it
    in-process; steunpunt.core.apps imports the tasks), otherwise the name goes to the broker."""
    current_app.signature(DISPATCH_TASK).delay()


# The claim order; core_outbox_claim_idx (priority, created_at, id, for queued rows) serves it.
CLAIM_ORDER = ("priority", "created_at", "pk")


def due_messages(now=None):
    """Queued rows due now, in the order a run claims them: most urgent priority first, then
    the longest waiting (a retried row keeps its place once its back-off has passed)."""
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        status=OutboxMessage.Status.QUEUED,
    ).order_by(*CLAIM_ORDER)


def claim(message_id: int, now=None) -> uuid.UUID | None:
    """queued → sending for one row; returns the claim token, or None when another worker
    (or an earlier run) has it."""
    now = now or timezone.now()
    token = uuid.uuid4()
    updated = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.QUEUED
    ).update(
        status=OutboxMessage.Status.SENDING,
        claimed_at=now,
        claim_token=token,
        handed_over_at=None,
        attempts=F("attempts") + 1,
    )
    return token if updated else None


def claim_batch(size: int, now=None) -> tuple[uuid.UUID, list[OutboxMessage]]:
    """Claim up to `size` due rows with one conditional update (one token for all of them).

    Two queries instead of two per row. Claimed rows that this worker never reaches (it dies)
    are not handed over, so release_stale_claims may safely put them back in the queue."""
    now = now or timezone.now()
    token = uuid.uuid4()
    ids = list(due_messages(now).values_list("pk", flat=True)[:size])
    if not ids:
        return token, []
    OutboxMessage.objects.filter(pk__in=ids, status=OutboxMessage.Status.QUEUED).update(
        status=OutboxMessage.Status.SENDING,
        claimed_at=now,
        claim_token=token,
        handed_over_at=None,
        attempts=F("attempts") + 1,
    )
    return token, list(OutboxMessage.objects.filter(claim_token=token).order_by(*CLAIM_ORDER))


def hand_over(row: OutboxMessage, token, now=None) -> bool:
    """Stamp the row right before SMTP DATA; False when the claim was taken away meanwhile."""
    return bool(
        OutboxMessage.objects.filter(
            pk=row.pk, claim_token=token, status=OutboxMessage.Status.SENDING
        ).update(handed_over_at=now or timezone.now())
    )


def build_message(row: OutboxMessage) -> EmailMultiAlternatives:
    headers = {k: v for k, v in row.headers.items() if k.lower() != "reply-to"}
    # Django writes Reply-To only from `reply_to` (it skips the header among extra headers).
    reply_to = [v for k, v in row.headers.items() if k.lower() == "reply-to" and v]
    message = EmailMultiAlternatives(
        subject=" ".join(row.subject.split()),
        body=row.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[named_address(row.recipient_name, row.recipient_email)],
        reply_to=reply_to,
        headers={**headers, "Message-ID": row.message_id},
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    for attachment in row.attachments:
        # Binary files (a PDF) travel base64-encoded in the JSON row; text files as they are.
        content = (
            base64.b64decode(attachment["content_base64"])
            if "content_base64" in attachment
            else attachment["content"]
        )
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


@dataclass
class Prepared:
    """A row turned into what goes on the wire: built once, before anything is claimed from
    the server, so a row that cannot be built fails alone (and for good) without a connection
    being touched."""

    message: EmailMultiAlternatives
    from_email: str
    recipients: list[str]
    data: bytes


def prepare(row: OutboxMessage) -> Prepared:
    """Build the message, check every address and header and serialise it. Raises whatever
    Django or the email package raises for a message that can never be sent."""
    message = build_message(row)
    encoding = message.encoding or settings.DEFAULT_CHARSET
    return Prepared(
        message=message,
        from_email=sanitize_address(message.from_email, encoding),
        recipients=[sanitize_address(addr, encoding) for addr in message.recipients()],
        data=message.message().as_bytes(linesep="\r\n"),
    )


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … capped at 30 min."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 30 * 60))


def erased_body_text() -> str:
    """What a confidential row's text becomes once the mail went out: the row says why its
    text is gone instead of keeping a login code or a reset link anyone with admin access
    could use."""
    return _("(Niet bewaard: deze e-mail bevatte een inlogcode of een persoonlijke link.)")


def mark_sent(row: OutboxMessage, token, now=None) -> bool:
    """Also corrects a row that was meanwhile marked "uncertain" by release_stale_claims.

    A confidential row loses its body in the same update: the code or link it carried is the
    recipient's alone."""
    changes = {"status": OutboxMessage.Status.SENT, "sent_at": now or timezone.now()}
    if row.confidential:
        changes.update(body_text=erased_body_text(), body_html="")
    return bool(
        OutboxMessage.objects.filter(pk=row.pk, claim_token=token).update(**changes, last_error="")
    )


def mark_attempt_failed(row: OutboxMessage, token, error: str, now=None) -> str | None:
    """Back to the queue with a back-off, or failed for good after OUTBOX_MAX_ATTEMPTS.

    Returns the new status (None when this worker no longer holds the claim)."""
    now = now or timezone.now()
    attempts = OutboxMessage.objects.values_list("attempts", flat=True).get(pk=row.pk)
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status, next_attempt = OutboxMessage.Status.FAILED, None
    else:
        status, next_attempt = OutboxMessage.Status.QUEUED, now + retry_delay(attempts)
    updated = OutboxMessage.objects.filter(
        pk=row.pk, claim_token=token, status=OutboxMessage.Status.SENDING
    ).update(status=status, last_error=error[:2000], next_attempt_at=next_attempt)
    return status if updated else None


def mark_failed(row: OutboxMessage, token, error: str) -> bool:
    """Failed for good at once, never retried automatically: a row that cannot be built (or
    broke the sender in a way a retry would only repeat). A coordinator sees the error."""
    return bool(
        OutboxMessage.objects.filter(
            pk=row.pk, claim_token=token, status=OutboxMessage.Status.SENDING
        ).update(status=OutboxMessage.Status.FAILED, last_error=error[:2000], next_attempt_at=None)
    )


def unbuildable_error(exc: Exception) -> str:
    return _("Deze e-mail kon niet worden opgemaakt en wordt niet verstuurd: %(error)s") % {
        "error": f"{type(exc).__name__}: {exc}"
    }


def mark_uncertain(row: OutboxMessage, token, error: str) -> bool:
    """The server may have the message: failed, never retried automatically."""
    return bool(
        OutboxMessage.objects.filter(
            pk=row.pk, claim_token=token, status=OutboxMessage.Status.SENDING
        ).update(
            status=OutboxMessage.Status.FAILED,
            last_error=f"{uncertain_error()} ({error})"[:2000],
            next_attempt_at=None,
        )
    )


def uncertain_error() -> str:
    return _(
        "Onderbroken terwijl de mailserver het bericht kreeg: misschien is het toch "
        "aangekomen. Daarom is het niet vanzelf opnieuw verstuurd."
    )


def release_stale_claims(now=None) -> tuple[int, int]:
    """Rows left in `sending` by a worker that died, older than OUTBOX_CLAIM_TIMEOUT.

    Returns (requeued, uncertain): rows never handed to the server go back to the queue with
    their claim revoked; rows that were handed over become failed (see the module docstring).
    """
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT)
    stale = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENDING, claimed_at__lt=cutoff)
    requeued = stale.filter(handed_over_at__isnull=True).update(
        status=OutboxMessage.Status.QUEUED, claim_token=None, next_attempt_at=None
    )
    handed_over = list(stale.filter(handed_over_at__isnull=False).values_list("pk", "batch"))
    uncertain = OutboxMessage.objects.filter(
        pk__in=[pk for pk, _batch in handed_over], status=OutboxMessage.Status.SENDING
    ).update(status=OutboxMessage.Status.FAILED, last_error=uncertain_error(), next_attempt_at=None)
    if uncertain:
        batches: dict[str, list[str]] = {}
        for _pk, batch in handed_over:
            batches.setdefault(batch, []).append(uncertain_error())
        record_final_failures(batches)
    return requeued, uncertain


def resend(*, messages, actor=None) -> int:
    """A coordinator sends failed (or cancelled) rows again: a new row state, attempts reset."""
    count = messages.filter(
        status__in=[OutboxMessage.Status.FAILED, OutboxMessage.Status.CANCELLED]
    ).update(
        status=OutboxMessage.Status.QUEUED,
        next_attempt_at=None,
        attempts=0,
        last_error="",
        claim_token=None,
        handed_over_at=None,
    )
    if count:
        transaction.on_commit(queue_dispatch)
    return count


def record_final_failures(batches: dict[str, list[str]], task_id: str = "") -> None:
    """One JobFailure per batch with rows that failed for good in this run (coordinator view)."""
    for batch, errors in batches.items():
        JobFailure.objects.create(
            task_name=DISPATCH_TASK,
            task_id=task_id[:64],
            arguments=repr({"batch": batch, "failed": len(errors)})[:5000],
            exception=_(
                "%(count)d e-mail(s) van verzending %(batch)s definitief mislukt: %(error)s"
            )
            % {"count": len(errors), "batch": batch, "error": errors[-1]},
        )


# --- Sending -----------------------------------------------------------------------------------


class _Uncertain(Exception):
    """The connection broke after DATA was sent: the server may have the message."""


class Sender:
    """One mail connection for a dispatch run, opened lazily and reopened after an error.

    With Django's SMTP backend it speaks MAIL/RCPT/DATA itself, to stamp the row between RCPT
    and DATA; any other backend (locmem in tests, the file backend in development) is handed
    the message after the stamp.
    """

    def __init__(self):
        self.connection = None
        self.handed_over = False

    def close(self):
        if self.connection is not None:
            try:
                self.connection.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                pass
        self.connection = None

    def _open(self):
        if self.connection is None:
            connection = get_connection(fail_silently=False)
            connection.open()
            self.connection = connection
        return self.connection

    def send(self, row: OutboxMessage, token, prepared: Prepared) -> bool:
        """Deliver one claimed row. True when sent; False when the claim was lost.

        Raises smtplib.SMTPException/OSError for certain failures, _Uncertain otherwise.
        `handed_over` tells the caller whether DATA may have reached the server."""
        self.handed_over = False
        backend = self._open()
        if not isinstance(backend, SMTPBackend):
            if not hand_over(row, token):
                return False
            self.handed_over = True
            backend.send_messages([prepared.message])
            return True

        smtp = backend.connection
        smtp.ehlo_or_helo_if_needed()
        code, response = smtp.mail(prepared.from_email)
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPSenderRefused(code, response, prepared.from_email)
        refused = {}
        for recipient in prepared.recipients:
            code, response = smtp.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, response)
        if len(refused) == len(prepared.recipients):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused(refused)
        if not hand_over(row, token):
            smtp.rset()
            return False
        self.handed_over = True
        try:
            code, response = smtp.data(prepared.data)
        except smtplib.SMTPResponseException:
            raise  # the server answered: certain
        except (smtplib.SMTPException, OSError) as exc:
            raise _Uncertain(f"{type(exc).__name__}: {exc}") from exc
        if code != 250:
            smtp.rset()
            raise smtplib.SMTPDataError(code, response)
        return True


def rate_budget(now=None) -> int | None:
    """How many rows may still be claimed this minute (None: no limit)."""
    rate = settings.OUTBOX_RATE_PER_MINUTE
    if not rate:
        return None
    now = now or timezone.now()
    recent = OutboxMessage.objects.filter(claimed_at__gte=now - timedelta(seconds=60)).count()
    return max(rate - recent, 0)


CLAIM_CHUNK = 25


def _fail_for_good(row, token, error, result, final_failures) -> None:
    if mark_failed(row, token, error):
        result.failed += 1
        final_failures.setdefault(row.batch, []).append(error)


def _send_one(sender, row, token, result, final_failures) -> None:
    """One row, whatever happens: an exception fails this row (recorded on it and, when for
    good, in the run's JobFailure) and never stops the run."""
    try:
        prepared = prepare(row)
    except Exception as exc:  # noqa: BLE001 - any build error: this row can never be sent
        _fail_for_good(row, token, unbuildable_error(exc), result, final_failures)
        return
    try:
        delivered = sender.send(row, token, prepared)
    except _Uncertain as exc:
        sender.close()
        if mark_uncertain(row, token, str(exc)):
            result.failed += 1
            final_failures.setdefault(row.batch, []).append(uncertain_error())
        return
    except (smtplib.SMTPException, OSError) as exc:
        if not isinstance(exc, ANSWERED_BY_SERVER):
            sender.close()  # the connection itself is suspect: open a new one
        error = f"{type(exc).__name__}: {exc}"
        status = mark_attempt_failed(row, token, error)
        if status == OutboxMessage.Status.FAILED:
            result.failed += 1
            final_failures.setdefault(row.batch, []).append(error)
        elif status == OutboxMessage.Status.QUEUED:
            result.retried += 1
        return
    except Exception as exc:  # noqa: BLE001 - unexpected: fail this row alone, go on
        sender.close()
        error = f"{type(exc).__name__}: {exc}"
        if sender.handed_over:
            # DATA may have reached the server: as uncertain as a broken connection.
            if mark_uncertain(row, token, error):
                result.failed += 1
                final_failures.setdefault(row.batch, []).append(uncertain_error())
        else:
            _fail_for_good(row, token, error, result, final_failures)
        return
    if not delivered:
        result.lost += 1
        return
    # At once, not batched with the next row's hand-over: a slow or hanging next RCPT
    # would otherwise widen the window in which a crash leaves a delivered row "uncertain".
    mark_sent(row, token)
    result.sent += 1


@dataclass
class DispatchResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    lost: int = 0
    throttled: bool = False


def dispatch(*, limit: int = 200, task_id: str = "", sleep=time.sleep) -> DispatchResult:
    """Send up to `limit` due rows (one run of the dispatch_outbox task)."""
    release_stale_claims()
    result = DispatchResult()
    budget = rate_budget()
    if budget is not None:
        limit = min(limit, budget)
        result.throttled = budget == 0
    pause = 60 / settings.OUTBOX_RATE_PER_MINUTE if settings.OUTBOX_RATE_PER_MINUTE else 0
    final_failures: dict[str, list[str]] = {}
    # Claim in chunks of at most CLAIM_CHUNK rows, and at most ~30 s of paced sending each.
    chunk = min(CLAIM_CHUNK, max(int(30 / pause), 1)) if pause else CLAIM_CHUNK
    sender = Sender()
    try:
        while limit > 0:
            token, rows = claim_batch(min(chunk, limit))
            if not rows:
                break
            limit -= len(rows)
            for row in rows:
                _send_one(sender, row, token, result, final_failures)
                if pause:
                    sleep(pause)
    finally:
        sender.close()
        if final_failures:
            record_final_failures(final_failures, task_id)
    return result


def next_run_in(now=None) -> int | None:
    """Seconds until the next row is due (None: nothing waits)."""
    now = now or timezone.now()
    queued = OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED)
    if due_messages(now).exists():
        return 0
    upcoming = queued.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    if upcoming is None:
        return None
    return max(int((upcoming - now).total_seconds()) + 1, 1)
