"""The mails of meetings: the invitation, its update or cancellation and the reminder, each with
the .ics and the invitee's personal link, queued in the core's outbox (one row per recipient,
in a batch named after what it is, so the same version never reaches anyone twice).

Used by the services (a staff member sends or reminds) and by the background work (the daily
reminder, meetings/work.py); this module imports neither.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from steunpunt.core.outbox import Priority, enqueue_messages, templated_message

from ..models import Invitation, Meeting
from .ics import render_meeting_ics


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def rsvp_url(invitation: Invitation) -> str:
    return absolute(reverse("network:rsvp", args=[invitation.token]))


def meeting_url(meeting: Meeting) -> str:
    return absolute(reverse("network:meeting_detail", args=[meeting.uuid]))


def ics_attachment(meeting: Meeting) -> dict:
    return {
        "filename": "uitnodiging.ics",
        "mimetype": "text/calendar; method="
        + ("CANCEL" if meeting.status == Meeting.Status.CANCELLED else "REQUEST"),
        "content": render_meeting_ics(meeting, url=meeting_url(meeting)).decode("utf-8"),
    }


def invitation_message(invitation: Invitation, template: str, attachment: dict | None):
    meeting = invitation.meeting
    local = timezone.localtime(meeting.starts_at)
    return templated_message(
        template,
        email=invitation.email,
        name=str(invitation.person),
        attachments=[attachment] if attachment else [],
        context={
            "invitation": invitation,
            "meeting": meeting,
            "starts_at": local,
            "ends_at": timezone.localtime(meeting.computed_end()),
            "schedule": [s for s in meeting.schedule() if not s.item.internal],
            "rsvp_url": rsvp_url(invitation),
            "meeting_url": meeting_url(meeting),
        },
    )


def version_batch(meeting: Meeting) -> str:
    return f"network.meeting:{meeting.pk}:v{meeting.sequence}"


def queue_invitation_mails(
    meeting: Meeting, invitations: list[Invitation], *, batch: str, template: str
) -> int:
    attachment = ics_attachment(meeting)
    messages = [invitation_message(i, template, attachment) for i in invitations]
    return enqueue_messages(batch=batch, messages=messages, priority=Priority.BULK)


def queue_reminders(meeting: Meeting, invitations: Iterable[Invitation], *, batch: str) -> int:
    """Remind the given invitees who were invited and have not answered; the caller holds the
    meeting's lock in its transaction. Returns how many mails were new in the outbox."""
    due = [
        i
        for i in invitations
        if i.response == Invitation.Response.PENDING and i.sent_at is not None
    ]
    attachment = ics_attachment(meeting)
    new = enqueue_messages(
        batch=batch,
        messages=[invitation_message(i, "network_reminder", attachment) for i in due],
        priority=Priority.BULK,
    )
    Invitation.objects.filter(pk__in=[i.pk for i in due]).update(
        reminded_at=timezone.now(), reminders=F("reminders") + 1
    )
    return new
