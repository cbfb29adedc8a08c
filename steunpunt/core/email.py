"""Building and queueing e-mails. Templates: emails/<name>_subject.txt, <name>.txt, <name>.html."""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string


def build_email(
    name: str, *, to: list[str], context: dict, reply_to: list[str] | None = None
) -> EmailMultiAlternatives:
    context = {"portal_name": settings.PORTAL_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    body = render_to_string(f"emails/{name}.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    try:
        message.attach_alternative(render_to_string(f"emails/{name}.html", context), "text/html")
    except TemplateDoesNotExist:
        pass
    return message


def serialise_message(message: EmailMessage) -> dict:
    html = None
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = content
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email or settings.DEFAULT_FROM_EMAIL,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "html": html,
    }


def queue_email_message(message: EmailMessage) -> None:
    """Send through Celery once the current transaction commits (retries on SMTP errors)."""
    from .tasks import deliver_email

    payload = serialise_message(message)
    transaction.on_commit(lambda: deliver_email.delay(payload))
