"""The iCal feed of a campaign's moments (RFC 5545, built with the icalendar library).

UIDs come from the moment's UUID, so a calendar that subscribed updates an event instead of
adding a copy. Timed moments carry TZID=Europe/Brussels with a VTIMEZONE block; moments
without an hour are all-day events. The calendar's name and the moments' titles go on one line
(a line break in X-WR-CALNAME made icalendar refuse the file); descriptions keep theirs.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vText

from ..models import Campaign, CampaignMoment


def moment_uid(moment: CampaignMoment) -> str:
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"campagnemoment-{moment.uuid}@{domain}"


def _one_line(text) -> str:
    return " ".join(str(text or "").split())


def render_campaign_ics(campaign: Campaign, moments) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL_NAME}//Campagnekalender//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is TEXT by default: escaped as such, not written raw by icalendar.
    calendar.add("x-wr-calname", vText(_one_line(campaign.name)))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    page_url = settings.SITE_URL + campaign.get_absolute_url()
    moments = list(moments)
    for moment in moments:
        event = Event()
        event.add("uid", moment_uid(moment))
        event.add("dtstamp", moment.updated_at.astimezone(datetime.UTC))
        event.add("summary", _one_line(moment.title))
        event.add(
            "description", f"{moment.what_to_do}\n\n{moment.get_audience_display()}\n{page_url}"
        )
        event.add("url", page_url)
        event.add("categories", [str(moment.get_audience_display())])
        if moment.is_all_day:
            event.add("dtstart", moment.date)
            event.add("dtend", moment.date + datetime.timedelta(days=1))
        else:
            event.add("dtstart", moment.starts_at())
            event.add("dtend", moment.ends_at())
        calendar.add_component(event)
    # The time zone rules of the campaign's school year only (not every year since 1970).
    days = [campaign.starts_on, campaign.ends_on, *(m.date for m in moments)]
    calendar.add_missing_timezones(
        first_date=min(days) - datetime.timedelta(days=366),
        last_date=max(days) + datetime.timedelta(days=366),
    )
    return calendar.to_ical()
