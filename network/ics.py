"""Calendar files (RFC 5545, with the icalendar library) for meetings and events.

A meeting's UID comes from its UUID and its SEQUENCE from `Meeting.sequence`, so an updated
invitation replaces the earlier one in the invitee's agenda instead of adding a copy; a
cancelled meeting goes out with STATUS:CANCELLED. Times carry TZID=Europe/Brussels with the
VTIMEZONE block of the years concerned.

Titles, places and calendar names go on one line (`_one_line`): staff may paste a line break
into a title, and icalendar writes an X- property such as X-WR-CALNAME as it is, so a line break
there made the whole file unbuildable (and a registration for such an event a 500).
Descriptions keep their line breaks: as TEXT values icalendar escapes them (RFC 5545 3.3.11).
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as IcsEvent

from .models import Event, Meeting


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting: Meeting) -> str:
    return f"vergadering-{meeting.uuid}@{_domain()}"


def event_uid(event: Event) -> str:
    return f"activiteit-{event.uuid}@{_domain()}"


def _one_line(text) -> str:
    """A title or place on one line: line breaks and runs of white space become one space."""
    return " ".join(str(text or "").split())


def _calendar(name: str, method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{_one_line(settings.PORTAL_NAME)}//{_one_line(name)}//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def _where(location: str, online_url: str) -> str:
    return " – ".join(_one_line(part) for part in (location, online_url) if _one_line(part))


def _finish(calendar: Calendar, days: list[datetime.date]) -> bytes:
    calendar.add_missing_timezones(
        first_date=min(days) - datetime.timedelta(days=1),
        last_date=max(days) + datetime.timedelta(days=1),
    )
    return calendar.to_ical()


def render_meeting_ics(meeting: Meeting, *, url: str = "") -> bytes:
    """One meeting as an invitation (METHOD:REQUEST) or a cancellation (METHOD:CANCEL)."""
    cancelled = meeting.status == Meeting.Status.CANCELLED
    calendar = _calendar(meeting.body.name, "CANCEL" if cancelled else "REQUEST")
    item = IcsEvent()
    item.add("uid", meeting_uid(meeting))
    item.add("sequence", meeting.sequence)
    item.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    item.add("summary", _one_line(f"{meeting.body.name}: {meeting.title}"))
    item.add("dtstart", _local(meeting.starts_at))
    item.add("dtend", _local(meeting.computed_end()))
    where = _where(meeting.location, meeting.online_url)
    if where:
        item.add("location", where)
    description = "\n\n".join(part for part in (meeting.description, url) if part)
    if description:
        item.add("description", description)
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(item)
    return _finish(calendar, [_local(meeting.starts_at).date()])


def render_events_ics(events, *, name: str, url_for) -> bytes:
    """Public events as a feed (METHOD:PUBLISH); `url_for(event)` gives each page's address."""
    calendar = _calendar(name, "PUBLISH")
    # An X- property has no known type: icalendar would write it unescaped. As TEXT it is
    # escaped (commas, semicolons) like SUMMARY.
    calendar.add("x-wr-calname", vText(_one_line(name)))
    days = [timezone.localdate()]
    for event in events:
        item = IcsEvent()
        item.add("uid", event_uid(event))
        item.add("sequence", event.sequence)
        item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
        item.add("summary", _one_line(event.title))
        item.add("dtstart", _local(event.starts_at))
        item.add("dtend", _local(event.ends_at))
        where = _where(event.location, event.online_url)
        if where:
            item.add("location", where)
        page = url_for(event)
        item.add("description", f"{event.summary}\n\n{page}")
        item.add("url", page)
        calendar.add_component(item)
        days.append(_local(event.starts_at).date())
    return _finish(calendar, days)
