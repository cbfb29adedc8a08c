"""Events: registration with capacity and a waiting list that moves up, mails with a calendar
file and a cancel link, the public pages and feed, and the purge of old registrations."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from network.events import services as event_services
from network.events import work as event_work
from network.models import Event, EventRegistration
from steunpunt.core.models import OutboxMessage
from tests.network.factories import EventFactory, EventRegistrationFactory, at

pytestmark = pytest.mark.django_db
S = EventRegistration.Status


def sign_up(client, event, name, email, **extra):
    data = {"name": name, "email": email, "consent": "on", **extra}
    return client.post(reverse("events:detail", args=[event.slug]), data, follow=True)


def test_capacity_two_third_waitlisted_and_promoted_when_one_cancels(client):
    event = EventFactory(capacity=2, title="Netwerkevent duaal leren 2026")
    sign_up(client, event, "An", "an@x.test")
    sign_up(client, event, "Bert", "bert@x.test")
    response = sign_up(client, event, "Chris", "chris@x.test")
    assert "je staat op de wachtlijst" in response.text
    statuses = dict(event.registrations.values_list("name", "status"))
    assert statuses == {"An": S.CONFIRMED, "Bert": S.CONFIRMED, "Chris": S.WAITLISTED}
    waitlist_mail = OutboxMessage.objects.get(recipient_email="chris@x.test")
    assert waitlist_mail.subject.startswith("Op de wachtlijst")
    assert waitlist_mail.attachments == []

    an = event.registrations.get(name="An")
    response = client.post(reverse("events:cancel", args=[an.token]), follow=True)
    assert "is geannuleerd" in response.text
    chris = event.registrations.get(name="Chris")
    assert chris.status == S.CONFIRMED and chris.promoted_at is not None
    promoted = OutboxMessage.objects.get(
        recipient_email="chris@x.test", subject__startswith="Er is een plaats vrij"
    )
    (attachment,) = promoted.attachments
    (vevent,) = Calendar.from_ical(attachment["content"]).walk("VEVENT")
    assert str(vevent["summary"]) == "Netwerkevent duaal leren 2026"


def test_the_confirmation_has_a_calendar_file_and_a_cancel_link(client):
    event = EventFactory(starts_at=at(9, 19), ends_at=at(9, 21))
    sign_up(client, event, "An", "AN@x.test", dietary_needs="vegetarisch")
    registration = event.registrations.get()
    assert registration.email == "an@x.test" and registration.dietary_needs == "vegetarisch"
    mail = OutboxMessage.objects.get()
    assert reverse("events:cancel", args=[registration.token]) in mail.body_text
    (vevent,) = Calendar.from_ical(mail.attachments[0]["content"]).walk("VEVENT")
    start = vevent.decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (19, "Europe/Brussels")


def test_registering_twice_is_refused_and_keeps_the_input(client):
    event = EventFactory()
    sign_up(client, event, "An", "an@x.test")
    response = sign_up(client, event, "An Peeters", "an@x.test", organisation="VTI Tielt")
    assert "al ingeschreven" in response.text
    assert 'value="VTI Tielt"' in response.text
    assert event.registrations.count() == 1


def test_without_consent_nothing_is_stored(client):
    event = EventFactory()
    response = client.post(
        reverse("events:detail", args=[event.slug]), {"name": "An", "email": "an@x.test"}
    )
    assert "Zonder toestemming" in response.text
    assert not event.registrations.exists()


def test_closed_registration_shows_no_form_and_refuses_in_the_service():
    event = EventFactory(registration_closes_at=at(-1))
    with pytest.raises(Exception, match="kan niet meer"):
        event_services.register(
            event=event, data=event_services.RegistrationData("An", "an@x.test"), consent=True
        )


def test_a_waitlisted_person_who_cancels_promotes_nobody():
    event = EventFactory(capacity=1)
    EventRegistrationFactory(event=event)
    waiting = EventRegistrationFactory(event=event, status=S.WAITLISTED)
    third = EventRegistrationFactory(event=event, status=S.WAITLISTED)
    assert event_services.cancel(registration=waiting) is None
    third.refresh_from_db()
    assert third.status == S.WAITLISTED


def test_more_places_promote_in_order():
    event = EventFactory(capacity=1)
    EventRegistrationFactory(event=event)
    first = EventRegistrationFactory(event=event, status=S.WAITLISTED)
    second = EventRegistrationFactory(event=event, status=S.WAITLISTED)
    promoted = event_services.raise_capacity(event=event, capacity=2, actor=None)
    assert promoted == [first]
    second.refresh_from_db()
    assert second.status == S.WAITLISTED


def test_the_public_list_and_the_feed_show_published_events_only(client):
    EventFactory(title="Infosessie voor ouders in Roeselare")
    EventFactory(title="Verborgen ontwerp", is_published=False)
    page = client.get(reverse("events:list"))
    assert "Infosessie voor ouders in Roeselare" in page.text
    assert "Verborgen ontwerp" not in page.text
    feed = client.get(reverse("events:feed"))
    assert feed["Content-Type"].startswith("text/calendar")
    summaries = [str(e["summary"]) for e in Calendar.from_ical(feed.content).walk("VEVENT")]
    assert summaries == ["Infosessie voor ouders in Roeselare"]


def test_an_empty_agenda_says_so_and_offers_an_info_session(client):
    page = client.get(reverse("events:list"))
    assert "geen activiteiten gepland" in page.text
    assert reverse("inbox:info_session_request") in page.text


def test_registrations_are_purged_months_after_the_event(settings):
    settings.NETWORK_EVENT_RETENTION_MONTHS = 6
    old = EventFactory(starts_at=at(-200, 19), ends_at=at(-200, 21))
    EventRegistrationFactory(event=old)
    EventRegistrationFactory(event=old, status=S.CANCELLED)
    recent = EventFactory(starts_at=at(-30, 19), ends_at=at(-30, 21))
    EventRegistrationFactory(event=recent)
    assert event_work.purge_old_registrations() == 2
    old.refresh_from_db()
    assert old.registered_count == 1 and old.registrations_purged_at is not None
    assert recent.registrations.count() == 1
    assert event_work.purge_old_registrations() == 0


def test_the_purge_task_is_scheduled():
    from django_celery_beat.models import PeriodicTask

    tasks = set(PeriodicTask.objects.values_list("task", flat=True))
    assert {
        "network.events.tasks.purge_event_registrations",
        "network.meetings.tasks.send_meeting_reminders",
    } <= tasks


def test_no_promotion_once_the_event_has_started():
    event = EventFactory(capacity=1, starts_at=at(-1, 9), ends_at=at(-1, 11))
    confirmed = EventRegistrationFactory(event=event)
    EventRegistrationFactory(event=event, status=S.WAITLISTED)
    assert event_services.cancel(registration=confirmed) is None
    assert Event.objects.get(pk=event.pk).registrations.filter(status=S.CONFIRMED).count() == 0
