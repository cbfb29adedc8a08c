import smtplib
import socket

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from steunpunt.celery import portal_task

from .email import clean_address


@shared_task(
    bind=True,
    autoretry_for=(smtplib.SMTPException, socket.error, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=15 * 60,
    retry_jitter=True,
    max_retries=6,
)
def deliver_email(self, payload: dict) -> str:
    """Deliver one serialised e-mail. Retried with back-off; a final failure is recorded.

    Addresses are rebuilt by named_address and the subject kept on one line, so a name with a
    comma or a line break cannot make the message unbuildable. A message that still cannot be
    built (a broken address) raises at once and is recorded, never retried."""

    def addresses(key):
        return [clean_address(a) for a in payload.get(key) or []]

    with translation.override("nl-be"):
        message = EmailMultiAlternatives(
            subject=" ".join(str(payload["subject"]).split()),
            body=payload["body"],
            from_email=clean_address(payload["from_email"]),
            to=addresses("to"),
            cc=addresses("cc"),
            bcc=addresses("bcc"),
            reply_to=addresses("reply_to"),
            headers=payload.get("headers") or {},
        )
        if payload.get("html"):
            message.attach_alternative(payload["html"], "text/html")
        message.send(fail_silently=False)
    return ",".join(payload["to"])


@portal_task(bind=True, acks_late=True)
def dispatch_outbox(self, limit: int = 200) -> int:
    """Send up to `limit` due outbox rows, each claimed first; queue itself again if more wait.

    Idempotent: a row is only sent by the worker that claimed it (see steunpunt/core/outbox.py
    for why a killed worker never causes a second copy). Beat also runs it every minute.
    """
    from . import outbox

    result = outbox.dispatch(limit=limit, task_id=self.request.id or "")
    wait = outbox.next_run_in()
    if self.request.is_eager:
        # Run in-process (tests, no broker): go on only while rows are due and being sent.
        if wait == 0 and result.sent:
            self.apply(kwargs={"limit": limit})
        return result.sent
    if wait is not None:
        if result.throttled:
            wait = max(wait, 5)
        if wait <= 60:  # later retries are picked up by the beat schedule
            self.apply_async(kwargs={"limit": limit}, countdown=wait)
    return result.sent
