"""The outbox: queue a mailing as one row per recipient; workers send each row exactly once.

    enqueue_messages(batch="campaigns.mailing:12", messages=[OutgoingMessage(...), ...])

Rows are created in the caller's transaction; once it commits, `dispatch_outbox` is queued.
A row is claimed with a conditional update (queued → sending) before its SMTP conversation and
marked sent right after, so a worker killed mid-way leaves at most the row it was sending in
`sending`: `release_stale_claims` puts such rows back only after OUTBOX_CLAIM_TIMEOUT, and the
SMTP sink or server then sees the same Message-ID again at worst for that one row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxMessage


@dataclass
class OutgoingMessage:
    recipient_email: str
    subject: str
    body_text: str
    recipient_name: str = ""
    body_html: str = ""
    headers: dict = field(default_factory=dict)
    attachments: list = field(default_factory=list)  # [{"filename", "mimetype", "content"}]


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(">") or "localhost"
    return make_msgid(domain=domain)


def enqueue_messages(*, batch: str, messages: Iterable[OutgoingMessage]) -> int:
    """Create one queued row per recipient not yet in `batch`; returns how many are new.

    Recipients are compared case-insensitively; a recipient already in the batch (whatever
    its status) is skipped: nobody gets the same mailing twice.
    """
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
                    recipient_email=email,
                    recipient_name=message.recipient_name[:200],
                    subject=message.subject[:250],
                    body_text=message.body_text,
                    body_html=message.body_html,
                    headers=message.headers,
                    attachments=message.attachments,
                    message_id=_message_id(),
                )
            )
        created = OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        if created:
            transaction.on_commit(queue_dispatch)
    return len(rows)


def queue_dispatch() -> None:
    from .tasks import dispatch_outbox

    dispatch_outbox.delay()


def due_messages(now=None):
    now = now or timezone.now()
    return OutboxMessage.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        status=OutboxMessage.Status.QUEUED,
    ).order_by("created_at", "pk")


def claim(message_id: int, now=None) -> bool:
    """queued → sending for one row; False when another worker (or an earlier run) has it."""
    now = now or timezone.now()
    return bool(
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.QUEUED).update(
            status=OutboxMessage.Status.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
        )
    )


def build_message(row: OutboxMessage) -> EmailMultiAlternatives:
    to = (
        f"{row.recipient_name} <{row.recipient_email}>"
        if row.recipient_name
        else row.recipient_email
    )
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={**row.headers, "Message-ID": row.message_id},
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    for attachment in row.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def retry_delay(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, … capped at 30 min."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 30 * 60))


def mark_sent(row: OutboxMessage, now=None) -> None:
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=OutboxMessage.Status.SENT, sent_at=now or timezone.now(), last_error=""
    )


def mark_attempt_failed(row: OutboxMessage, error: str, now=None) -> str:
    """Back to the queue with a back-off, or failed for good after OUTBOX_MAX_ATTEMPTS."""
    now = now or timezone.now()
    attempts = OutboxMessage.objects.values_list("attempts", flat=True).get(pk=row.pk)
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        status, next_attempt = OutboxMessage.Status.FAILED, None
    else:
        status, next_attempt = OutboxMessage.Status.QUEUED, now + retry_delay(attempts)
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=status, last_error=error[:2000], next_attempt_at=next_attempt
    )
    return status


def release_stale_claims(now=None) -> int:
    """Rows left in `sending` by a worker that died: back in the queue after the timeout."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT)
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, claimed_at__lt=cutoff
    ).update(status=OutboxMessage.Status.QUEUED, next_attempt_at=None)


def resend(*, messages, actor=None) -> int:
    """A coordinator sends failed (or cancelled) rows again."""
    count = messages.filter(
        status__in=[OutboxMessage.Status.FAILED, OutboxMessage.Status.CANCELLED]
    ).update(status=OutboxMessage.Status.QUEUED, next_attempt_at=None, attempts=0, last_error="")
    if count:
        transaction.on_commit(queue_dispatch)
    return count
