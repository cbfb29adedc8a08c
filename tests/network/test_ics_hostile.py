"""Calendar files with a line break in a title or place (issue 13): staff may paste one into an
event's or a meeting's title. icalendar wrote the calendar name (X-WR-CALNAME, built from the
event title) unescaped and refused the file ("Content line can not contain unescaped new line
characters"), so registering for such an event gave a 500 and no confirmation was sent.

Now titles, places and calendar names go on one line; descriptions keep their line breaks,
escaped as RFC 5545 TEXT. Each calendar file is parsed back with icalendar.
"""

import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from network.events.ics import render_events_ics
from network.meetings.ics import render_meeting_ics
from network.models import EventRegistration
from tests.network.factories import EventFactory, MeetingFactory

pytestmark = pytest.mark.django_db

TITLE = "Infosessie\nDuaal leren, Brugge"


def parsed(content) -> Calendar:
    return Calendar.from_ical(content)


def calendar_name(calendar: Calendar) -> str:
    """X-WR-CALNAME as a calendar app reads it: an X- property is TEXT by default (RFC 5545
    3.8.8.2), so its escapes are undone (icalendar itself leaves an unknown property raw)."""
    raw = str(calendar["x-wr-calname"])
    return re.sub(r"\\([\\;,nN])", lambda m: {"n": "\n", "N": "\n"}.get(m[1], m[1]), raw)


def test_registering_for_an_event_with_a_line_break_in_its_title_mails_a_valid_ics(
    client, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.INBOX_RATE_LIMIT = "1000/m"
    event = EventFactory(
        title=TITLE, location="Provinciaal Hof\nMarkt 3, Brugge", summary="Wat?\nDuaal leren."
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:detail", args=[event.slug]),
            {"name": "De Smet, Jan", "email": "jan@voorbeeld.test", "consent": "on"},
        )

    assert response.status_code == 302
    registration = EventRegistration.objects.get()
    assert registration.status == EventRegistration.Status.CONFIRMED
    [mail] = mailoutbox
    assert mail.to == ['"De Smet, Jan" <jan@voorbeeld.test>']
    assert "Infosessie Duaal leren, Brugge" in mail.subject
    [(filename, content, mimetype)] = mail.attachments
    assert (filename, mimetype) == (f"{event.slug}.ics", "text/calendar")
    calendar = parsed(content)
    assert calendar_name(calendar) == "Infosessie Duaal leren, Brugge"
    [item] = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Infosessie Duaal leren, Brugge"
    assert str(item["location"]) == "Provinciaal Hof Markt 3, Brugge"
    # The description keeps its line break, escaped in the file and restored when read.
    assert str(item["description"]).startswith("Wat?\nDuaal leren.\n\n")


def test_the_public_feed_and_a_meeting_invitation_survive_a_line_break(client):
    EventFactory(title=TITLE)
    response = client.get(reverse("events:feed"))
    assert response.status_code == 200
    [item] = parsed(response.content).walk("VEVENT")
    assert str(item["summary"]) == "Infosessie Duaal leren, Brugge"

    meeting = MeetingFactory(
        body__name="Lerend netwerk\nBrugge",
        title="Overleg\nstage",
        location="Zaal 1\nverdieping 2",
        description="Agenda:\n1. Welkom",
    )
    calendar = parsed(render_meeting_ics(meeting, url="https://portaal.test/v/1/"))
    [item] = calendar.walk("VEVENT")
    assert str(item["summary"]) == "Lerend netwerk Brugge: Overleg stage"
    assert str(item["location"]) == "Zaal 1 verdieping 2"
    assert str(item["description"]) == "Agenda:\n1. Welkom\n\nhttps://portaal.test/v/1/"
    assert "\\n" not in str(calendar["prodid"])


def test_a_calendar_name_with_commas_is_escaped_as_text():
    event = EventFactory(title="Brugge, Kortrijk; Ieper")
    content = render_events_ics([event], name=event.title, url_for=lambda e: "https://p.test/")
    assert b"X-WR-CALNAME:Brugge\\, Kortrijk\\; Ieper\r\n" in content
    assert calendar_name(parsed(content)) == "Brugge, Kortrijk; Ieper"
