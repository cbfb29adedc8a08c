"""Calendar files (RFC 5545, with the icalendar library) for meetings, and the calendar
basics the events' feed (events/ics.py) shares.

A meeting's UID comes from its UUID and its SEQUENCE from `Meeting.sequence`, so an updated
invitation replaces the earlier one in the invitee's agenda instead of adding a copy; a
cancelled meeting goes out with STATUS:CANCELLED. Times carry TZID=Europe/Brussels with the
VTIMEZONE block of the years concerned.

Titles, places and calendar names go on one line (`one_line`): staff may paste a line break
into a title, and icalendar writes an X- property such as X-WR-CALNAME as it is, so a line break
there made the whole file unbuildable (and a registration for such an event a 500).
Descriptions keep their line breaks: as TEXT values icalendar escapes them (RFC 5545 3.3.11).
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as IcsEvent

from ..models import Meeting


def domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    return f"vergadering-{meeting.uuid}@{domain()}"


def one_line(text) -> str:
    """A title or place on one line: line breaks and runs of white space become one space."""
    return " ".join(str(text or "").split())


def calendar_file(name: str, method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{one_line(settings.PORTAL_NAME)}//{one_line(name)}//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def place_of(location: str, online_url: str) -> str:
    return " – ".join(one_line(part) for part in (location, online_url) if one_line(part))


def finish(calendar: Calendar, days: list[datetime.date]) -> bytes:
    calendar.add_missing_timezones(
        first_date=min(days) - datetime.timedelta(days=1),
        last_date=max(days) + datetime.timedelta(days=1),
    )
    return calendar.to_ical()


def render_meeting_ics(meeting: Meeting, *, url: str = "") -> bytes:
    """One meeting as an invitation (METHOD:REQUEST) or a cancellation (METHOD:CANCEL)."""
    cancelled = meeting.status == Meeting.Status.CANCELLED
    calendar = calendar_file(meeting.body.name, "CANCEL" if cancelled else "REQUEST")
    item = IcsEvent()
    item.add("uid", meeting_uid(meeting))
    item.add("sequence", meeting.sequence)
    item.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    item.add("summary", one_line(f"{meeting.body.name}: {meeting.title}"))
    item.add("dtstart", local(meeting.starts_at))
    item.add("dtend", local(meeting.computed_end()))
    where = place_of(meeting.location, meeting.online_url)
    if where:
        item.add("location", where)
    description = "\n\n".join(part for part in (meeting.description, url) if part)
    if description:
        item.add("description", description)
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(item)
    return finish(calendar, [local(meeting.starts_at).date()])
