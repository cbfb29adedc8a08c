"""Writes of the mailings tool: compose, test, send, resend failures (sending via the outbox)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from steunpunt.core import outbox
from steunpunt.core.markdown import render_markdown
from steunpunt.core.models import OutboxMessage

from ..campaign.recipients import unsubscribe_headers
from ..models import Mailing
from .selectors import mailing_materials, mailing_recipients, outbox_rows


@dataclass(frozen=True)
class MailingContent:
    subject: str
    body: str
    segment: str
    subregion: object = None
    schools: tuple = ()
    materials: tuple = ()


def _apply(mailing: Mailing, content: MailingContent) -> Mailing:
    mailing.subject = content.subject.strip()
    mailing.body = content.body.strip()
    mailing.segment = content.segment
    mailing.subregion = content.subregion if content.segment == Mailing.Segment.SUBREGION else None
    mailing.full_clean()
    foreign = [m for m in content.materials if m.campaign_id != mailing.campaign_id]
    if foreign:
        raise ValidationError({"materials": _("Kies alleen materiaal van deze campagne.")})
    if content.segment == Mailing.Segment.CUSTOM and not content.schools:
        raise ValidationError({"schools": _("Kies minstens één school.")})
    mailing.save()
    mailing.materials.set(content.materials)
    mailing.schools.set(content.schools if content.segment == Mailing.Segment.CUSTOM else [])
    return mailing


def create_mailing(*, campaign, content: MailingContent, actor) -> Mailing:
    with transaction.atomic():
        return _apply(Mailing(campaign=campaign, created_by=actor), content)


def update_mailing(*, mailing: Mailing, content: MailingContent, actor) -> Mailing:
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
        mailing.ensure_editable()
        return _apply(mailing, content)


# --- Rendering ---------------------------------------------------------------------------------


def mail_context(mailing: Mailing, *, materials=None, greeting_name="", unsubscribe="") -> dict:
    materials = list(mailing_materials(mailing) if materials is None else materials)
    site_url = settings.SITE_URL.rstrip("/")
    return {
        "mailing": mailing,
        "campaign": mailing.campaign,
        "body_html": render_markdown(mailing.body),
        "materials": [
            {
                "name": material.name,
                "link": material.link,
                "files": [
                    {
                        "label": f.label,
                        "format": f.file_format,
                        # The download view checks access and counts the download; the
                        # stored file itself is never served from /media/.
                        "url": site_url + reverse("campaigns:file_download", args=[f.uuid]),
                    }
                    for f in material.files.all()
                ],
            }
            for material in materials
        ],
        "greeting_name": greeting_name,
        "unsubscribe_url": unsubscribe,
        "portal_name": settings.PORTAL_NAME,
        "site_url": site_url,
    }


def render_message(mailing: Mailing, *, email: str, name: str = "", materials=None, subject=None):
    """The outbox message for one recipient (text and HTML, unsubscribe link and headers)."""
    headers = unsubscribe_headers(email)
    link = headers["List-Unsubscribe"].strip("<>")  # the same signed link in body and header
    context = mail_context(mailing, materials=materials, greeting_name=name, unsubscribe=link)
    with translation.override(settings.LANGUAGE_CODE):
        return outbox.OutgoingMessage(
            recipient_email=email,
            recipient_name=name,
            subject=subject or mailing.subject,
            body_text=render_to_string("emails/campaign_mailing.txt", context),
            body_html=render_to_string("emails/campaign_mailing.html", context),
            headers=headers,
        )


# --- Sending -----------------------------------------------------------------------------------


def send_test_mailing(*, mailing: Mailing, actor) -> str:
    """The mailing as the recipients will get it, to the coordinator's own address."""
    if not actor.email:
        raise ValidationError(_("Je account heeft geen e-mailadres om de test naar te sturen."))
    name = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    message = render_message(
        mailing,
        email=actor.email,
        name=name,
        subject=_("[Test] %(subject)s") % {"subject": mailing.subject},
    )
    with transaction.atomic():
        # Every test is its own batch: a coordinator may test as often as needed.
        batch = f"{mailing.test_batch_prefix}{timezone.now():%Y%m%d%H%M%S%f}"
        # The coordinator is waiting for it in her own mailbox.
        outbox.enqueue_messages(
            batch=batch, messages=[message], priority=outbox.Priority.TRANSACTIONAL
        )
    return actor.email


@dataclass(frozen=True)
class SendResult:
    queued: int  # new recipients, queued now
    already: int  # recipients this mailing had reached (or queued) before


def send_mailing(*, mailing: Mailing, actor) -> SendResult:
    """Queue one outbox row per recipient of the segment.

    Sending again (a double click, or later to reach schools that joined since) queues only
    the recipients not yet in the mailing's outbox batch: nobody gets it twice.
    """
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().select_related("campaign").get(pk=mailing.pk)
        recipients = mailing_recipients(mailing)
        if not recipients:
            raise ValidationError(
                _(
                    "Deze mailing bereikt niemand: geen enkele gekozen school heeft een "
                    "contactpersoon met een e-mailadres."
                )
            )
        materials = list(mailing_materials(mailing))
        queued = outbox.enqueue_messages(
            batch=mailing.outbox_batch,
            messages=(
                render_message(mailing, email=r.email, name=r.name, materials=materials)
                for r in recipients
            ),
            priority=outbox.Priority.BULK,
        )
        if mailing.is_draft:
            mailing.mark_sent(by=actor)
            mailing.save(update_fields=["status", "sent_by", "sent_at"])
    return SendResult(queued=queued, already=len(recipients) - queued)


def resend_failed(*, mailing: Mailing, actor) -> int:
    """Failed recipients of this mailing go back into the outbox (attempts reset)."""
    with transaction.atomic():
        return outbox.resend(
            messages=outbox_rows(mailing).filter(status=OutboxMessage.Status.FAILED), actor=actor
        )
