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
