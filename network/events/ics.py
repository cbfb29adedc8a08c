"""The public events as an iCal feed (METHOD:PUBLISH), built on the calendar basics of
meetings/ics.py (one-line titles, Europe/Brussels times with their VTIMEZONE)."""

import datetime

from django.utils import timezone
from icalendar import Event as IcsEvent
from icalendar import vText

from ..meetings.ics import calendar_file, domain, finish, local, one_line, place_of
from ..models import Event


def event_uid(event: Event) -> str:
    return f"activiteit-{event.uuid}@{domain()}"


def render_events_ics(events, *, name: str, url_for) -> bytes:
    """Public events as a feed (METHOD:PUBLISH); `url_for(event)` gives each page's address."""
    calendar = calendar_file(name, "PUBLISH")
    # An X- property has no known type: icalendar would write it unescaped. As TEXT it is
    # escaped (commas, semicolons) like SUMMARY.
    calendar.add("x-wr-calname", vText(one_line(name)))
    days = [timezone.localdate()]
    for event in events:
        item = IcsEvent()
        item.add("uid", event_uid(event))
        item.add("sequence", event.sequence)
        item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
        item.add("summary", one_line(event.title))
        item.add("dtstart", local(event.starts_at))
        item.add("dtend", local(event.ends_at))
        where = place_of(event.location, event.online_url)
        if where:
            item.add("location", where)
        page = url_for(event)
        item.add("description", f"{event.summary}\n\n{page}")
        item.add("url", page)
        calendar.add_component(item)
        days.append(local(event.starts_at).date())
    return finish(calendar, days)
