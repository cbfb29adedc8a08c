"""The reminders of the campaign calendar: the work of the calendar tasks
(campaigns.calendar.tasks).

Mails go through the core outbox (one batch per moment: nobody is reminded of the same moment
twice).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from steunpunt.core.models import Organisation
from steunpunt.core.outbox import OutgoingMessage, Priority, enqueue_messages, templated_message

from ..campaign import recipients
from ..models import Campaign, CampaignMoment
from .ics import render_campaign_ics


def due_moments(today: datetime.date | None = None):
    """Moments of active campaigns whose reminder date has come and that have not passed.

    Picked up every morning until the moment itself: a school that joins in between still
    gets its reminder; the outbox batch makes sure nobody gets it twice."""
    today = today or timezone.localdate()
    moments = CampaignMoment.objects.filter(
        campaign__status=Campaign.Status.ACTIVE,
        date__gte=today,
        remind_days_before__gt=0,
    ).select_related("campaign")
    return [m for m in moments if m.remind_on is not None and m.remind_on <= today]


def _moment_attachment(moment: CampaignMoment) -> dict:
    """The moment as a one-event .ics (same UID as in the feed: no double in the agenda)."""
    return {
        "filename": f"{moment.slug}.ics",
        "mimetype": "text/calendar",
        "content": render_campaign_ics(moment.campaign, [moment]).decode("utf-8"),
    }


def _reminder_message(
    moment: CampaignMoment, recipient: recipients.Recipient, attachment: dict
) -> OutgoingMessage:
    campaign = moment.campaign
    unsubscribe = recipients.unsubscribe_url(recipient.email)
    return templated_message(
        "campaign_reminder",
        email=recipient.email,
        name=recipient.name,
        headers=recipients.unsubscribe_headers(recipient.email),
        attachments=[attachment],
        context={
            "moment": moment,
            "campaign": campaign,
            "school_name": recipient.school_name,
            "greeting_name": recipient.name,
            "campaign_url": settings.SITE_URL + campaign.get_absolute_url(),
            "calendar_url": settings.SITE_URL + campaign.get_absolute_url() + "kalender.ics",
            "unsubscribe_url": unsubscribe,
        },
    )


def queue_moment_reminders(*, moment_id: int, actor=None) -> int:
    """Queue the reminder of one moment for the contacts of all participating schools.

    Claims the moment row (select_for_update), so two runs at once queue it once; the outbox
    batch per moment skips whoever already has it. Returns how many mails are new."""
    with transaction.atomic():
        moment = (
            CampaignMoment.objects.select_for_update().select_related("campaign").get(pk=moment_id)
        )
        schools = Organisation.objects.filter(
            campaign_participations__campaign=moment.campaign
        ).values("pk")
        attachment = _moment_attachment(moment)
        messages = [
            _reminder_message(moment, r, attachment) for r in recipients.school_contacts(schools)
        ]
        new = enqueue_messages(
            batch=moment.reminder_batch, messages=messages, priority=Priority.BULK
        )
        CampaignMoment.objects.filter(pk=moment.pk).update(
            reminders_queued_at=timezone.now(),
            reminders_queued=moment.reminders_queued + new,
            reminder_error="",
        )
    return new


def record_reminder_failure(*, moment_id: int, error: str) -> None:
    """Shown to coordinators in the admin (the moment's list and form)."""
    CampaignMoment.objects.filter(pk=moment_id).update(reminder_error=error[:2000])
