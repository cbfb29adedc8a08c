"""Background work of meetings (called by meetings/tasks.py, never by a service): the daily
reminder to invitees who have not answered, NETWORK_REMINDER_DAYS before a planned meeting."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Invitation, Meeting
from . import mails


def meetings_due_for_reminder(now: datetime | None = None):
    """Planned meetings starting within NETWORK_REMINDER_DAYS days that have open invitations."""
    now = now or timezone.now()
    days = settings.NETWORK_REMINDER_DAYS
    if days <= 0:
        return Meeting.objects.none()
    return Meeting.objects.filter(
        status=Meeting.Status.PLANNED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=days),
        invitations__response=Invitation.Response.PENDING,
        invitations__sent_at__isnull=False,
    ).distinct()


@transaction.atomic
def remind_meeting(meeting_id: int) -> int:
    """The automatic reminder of one meeting: once (the batch name is fixed, and only invitees
    never reminded are asked), in its own transaction with the meeting locked."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    return mails.queue_reminders(
        meeting,
        meeting.invitations.select_related("person").filter(reminders=0),
        batch=f"network.meeting:{meeting.pk}:auto-reminder",
    )


def send_due_reminders(now: datetime | None = None) -> int:
    """The daily reminder: once per meeting, so a rerun adds nothing."""
    return sum(remind_meeting(meeting.pk) for meeting in meetings_due_for_reminder(now))
