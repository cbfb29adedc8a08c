import smtplib
import socket

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import translation


@shared_task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, socket.error, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=15 * 60,
    retry_jitter=True,
    max_retries=6,
)
def deliver_email(self, payload: dict) -> str:
    """Deliver one serialised e-mail. Retried with back-off; a final failure is recorded."""
    with translation.override("nl-be"):
        message = EmailMultiAlternatives(
            subject=payload["subject"],
            body=payload["body"],
            from_email=payload["from_email"],
            to=payload["to"],
            cc=payload.get("cc") or [],
            bcc=payload.get("bcc") or [],
            reply_to=payload.get("reply_to") or [],
            headers=payload.get("headers") or {},
        )
        if payload.get("html"):
            message.attach_alternative(payload["html"], "text/html")
        message.send(fail_silently=False)
    return ",".join(payload["to"])


@shared_task(bind=True, acks_late=True, max_retries=None)
def dispatch_outbox(self, limit: int = 200) -> int:
    """Send up to `limit` due outbox rows, each claimed first; queue itself again if more wait.

    Idempotent: a row is only sent by whoever flipped it from queued to sending.
    """
    import time

    from django.conf import settings

    from . import outbox
    from .models import OutboxMessage

    outbox.release_stale_claims()
    pause = 60 / settings.OUTBOX_RATE_PER_MINUTE if settings.OUTBOX_RATE_PER_MINUTE else 0
    sent = 0
    with translation.override("nl-be"):
        for pk in list(outbox.due_messages().values_list("pk", flat=True)[:limit]):
            if not outbox.claim(pk):
                continue
            row = OutboxMessage.objects.get(pk=pk)
            try:
                outbox.build_message(row).send(fail_silently=False)
            except (smtplib.SMTPException, OSError) as exc:
                outbox.mark_attempt_failed(row, f"{type(exc).__name__}: {exc}")
                continue
            outbox.mark_sent(row)
            sent += 1
            if pause:
                time.sleep(pause)
    if outbox.due_messages().exists():
        self.apply_async(countdown=1 if sent else 30)
    return sent
