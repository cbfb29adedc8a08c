"""The campaign calendar: the iCal feed (parsed back with icalendar) and the reminder mails
through the outbox (one batch per moment, nobody twice, opted-out addresses skipped)."""

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from campaigns.calendar import reminders
from campaigns.calendar.tasks import send_due_moment_reminders, send_moment_reminders
from campaigns.campaign import recipients
from campaigns.models import Campaign, CampaignMoment
from steunpunt.core.models import OutboxMessage
from tests.campaigns.factories import CampaignFactory, CampaignMomentFactory, ParticipationFactory
from tests.factories import MembershipFactory, PersonFactory, SchoolFactory

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def campaign(db):
    campaign = CampaignFactory(slug="steek-een-poot-uit")
    CampaignMomentFactory(
        campaign=campaign,
        slug="online-uitleg",
        title="Online uitleg voor leerkrachten",
        date=datetime.date(2026, 10, 21),  # summer time: UTC+2
        start_time=datetime.time(15, 30),
        end_time=datetime.time(16, 30),
        audience=CampaignMoment.Audience.TEACHERS,
    )
    CampaignMomentFactory(
        campaign=campaign,
        slug="vragenuur",
        title="Vragenuur voor coördinatoren",
        date=datetime.date(2027, 2, 25),  # winter time: UTC+1
        start_time=datetime.time(12, 30),
        audience=CampaignMoment.Audience.SCHOOL,
    )
    CampaignMomentFactory(
        campaign=campaign,
        slug="quizweek",
        title="Quizweek",
        date=datetime.date(2027, 1, 19),
        audience=CampaignMoment.Audience.PUPILS,
    )
    return campaign


def events_of(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_ical_feed_round_trips_with_brussels_times(client, campaign):
    response = client.get(reverse("campaigns:calendar_ics", args=[campaign.slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = events_of(response)
    assert set(events) == {
        "Online uitleg voor leerkrachten",
        "Vragenuur voor coördinatoren",
        "Quizweek",
    }
    autumn = events["Online uitleg voor leerkrachten"]
    start, end = autumn.decoded("dtstart"), autumn.decoded("dtend")
    assert start == datetime.datetime(2026, 10, 21, 15, 30, tzinfo=BRUSSELS)
    assert start.utcoffset() == datetime.timedelta(hours=2)
    assert start.astimezone(datetime.UTC).hour == 13
    assert end - start == datetime.timedelta(hours=1)
    assert autumn["dtstart"].params["TZID"] == "Europe/Brussels"
    winter = events["Vragenuur voor coördinatoren"].decoded("dtstart")
    assert winter.utcoffset() == datetime.timedelta(hours=1)
    assert winter.astimezone(datetime.UTC).hour == 11
    # Without an hour the moment lasts all day: a DATE, not a DATE-TIME.
    all_day = events["Quizweek"]
    assert all_day.decoded("dtstart") == datetime.date(2027, 1, 19)
    assert not isinstance(all_day.decoded("dtstart"), datetime.datetime)
    assert all_day.decoded("dtend") == datetime.date(2027, 1, 20)
    # The feed carries the VTIMEZONE its TZID refers to.
    calendar = Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_uids_are_stable_when_a_moment_changes(client, campaign):
    url = reverse("campaigns:calendar_ics", args=[campaign.slug])
    first = {str(e["uid"]) for e in events_of(client.get(url)).values()}
    moment = campaign.moments.get(slug="quizweek")
    moment.title = "Quizweek met De Duale Quiz"
    moment.date = datetime.date(2027, 1, 26)
    moment.save()

    second = events_of(client.get(url))

    assert {str(e["uid"]) for e in second.values()} == first
    assert len(first) == 3
    moved = second["Quizweek met De Duale Quiz"]
    assert str(moved["uid"]) == f"campagnemoment-{moment.uuid}@127.0.0.1"
    assert moved.decoded("dtstart") == datetime.date(2027, 1, 26)


def test_no_feed_for_a_draft_campaign(client, db):
    draft = CampaignFactory(status=Campaign.Status.DRAFT)
    CampaignMomentFactory(campaign=draft)

    response = client.get(reverse("campaigns:calendar_ics", args=[draft.slug]))

    assert response.status_code == 404


def test_an_end_before_the_start_is_refused(campaign):
    moment = campaign.moments.get(slug="online-uitleg")
    moment.end_time = datetime.time(15, 0)
    with pytest.raises(ValidationError) as error:
        moment.full_clean()
    assert "end_time" in error.value.message_dict


# --- Reminders --------------------------------------------------------------------------------


def contact(school, email):
    person = PersonFactory(email=email, first_name="An", last_name="Claeys")
    MembershipFactory(person=person, organisation=school)
    return person


@pytest.fixture
def schools(campaign):
    """Two participating schools (three contacts, one unsubscribed) and one that is not in."""
    vti, sji, outside = (
        SchoolFactory(name="VTI Roeselare"),
        SchoolFactory(name="SJI Brugge"),
        SchoolFactory(name="Niet-deelnemer"),
    )
    contact(vti, "an@vti.test")
    contact(vti, "bram@vti.test")
    contact(sji, "cis@sji.test")
    contact(outside, "dirk@elders.test")
    recipients.opt_out(email="bram@vti.test")
    ParticipationFactory(campaign=campaign, school=vti)
    ParticipationFactory(campaign=campaign, school=sji)
    return vti, sji, outside


def test_reminders_go_to_the_contacts_of_participating_schools_once(campaign, schools):
    moment = campaign.moments.get(slug="quizweek")

    new = reminders.queue_moment_reminders(moment_id=moment.pk)

    rows = OutboxMessage.objects.filter(batch=moment.reminder_batch)
    assert new == 2
    assert sorted(rows.values_list("recipient_email", flat=True)) == [
        "an@vti.test",
        "cis@sji.test",
    ]
    row = rows.get(recipient_email="an@vti.test")
    assert row.subject.startswith("Binnenkort in de campagne: Quizweek")
    assert "VTI Roeselare doet mee" in row.body_text
    assert recipients.unsubscribe_url("an@vti.test") in row.body_text
    assert recipients.unsubscribe_url("an@vti.test") in row.body_html
    assert row.headers["List-Unsubscribe"] == f"<{recipients.unsubscribe_url('an@vti.test')}>"
    assert row.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "kalender.ics" in row.body_text
    # The moment itself as an .ics attachment, with the UID of the feed.
    [attachment] = row.attachments
    assert (attachment["filename"], attachment["mimetype"]) == ("quizweek.ics", "text/calendar")
    [event] = Calendar.from_ical(attachment["content"]).walk("VEVENT")
    assert str(event["uid"]) == f"campagnemoment-{moment.uuid}@127.0.0.1"

    # A second run (tomorrow's beat, a retried task) reminds nobody twice.
    assert reminders.queue_moment_reminders(moment_id=moment.pk) == 0
    assert rows.count() == 2
    moment.refresh_from_db()
    assert moment.reminders_queued == 2
    assert moment.reminders_queued_at is not None


def test_a_school_that_joins_later_still_gets_the_reminder(campaign, schools):
    moment = campaign.moments.get(slug="quizweek")
    reminders.queue_moment_reminders(moment_id=moment.pk)
    ParticipationFactory(campaign=campaign, school=schools[2])

    assert reminders.queue_moment_reminders(moment_id=moment.pk) == 1
    assert OutboxMessage.objects.filter(
        batch=moment.reminder_batch, recipient_email="dirk@elders.test"
    ).exists()


def test_due_moments_are_those_within_their_reminder_window(campaign):
    closed = CampaignFactory(status=Campaign.Status.CLOSED)
    in_closed = CampaignMomentFactory(campaign=closed, date=datetime.date(2027, 1, 19))
    no_reminder = CampaignMomentFactory(
        campaign=campaign, date=datetime.date(2027, 1, 20), remind_days_before=0
    )
    quizweek = campaign.moments.get(slug="quizweek")  # 19/01, reminded 7 days ahead

    assert reminders.due_moments(datetime.date(2027, 1, 11)) == []
    due = reminders.due_moments(datetime.date(2027, 1, 12))
    assert quizweek in due
    assert in_closed not in due and no_reminder not in due
    assert quizweek in reminders.due_moments(datetime.date(2027, 1, 19))
    assert quizweek not in reminders.due_moments(datetime.date(2027, 1, 20))


def test_the_daily_task_queues_one_task_per_due_moment(campaign):
    with (
        mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2027, 1, 15)),
        mock.patch.object(send_moment_reminders, "delay") as delay,
    ):
        result = send_due_moment_reminders.apply()

    assert result.get() == 1
    delay.assert_called_once_with(campaign.moments.get(slug="quizweek").pk)


def test_the_moment_task_is_idempotent(campaign, schools):
    moment = campaign.moments.get(slug="quizweek")

    assert send_moment_reminders.apply(args=[moment.pk]).get() == 2
    assert send_moment_reminders.apply(args=[moment.pk]).get() == 0
    assert OutboxMessage.objects.filter(batch=moment.reminder_batch).count() == 2


def test_a_failing_reminder_task_records_its_error_on_the_moment(campaign, schools):
    moment = campaign.moments.get(slug="quizweek")
    with mock.patch(
        "campaigns.calendar.reminders.recipients.school_contacts",
        side_effect=ConnectionError("databank weg"),
    ):
        result = send_moment_reminders.apply(args=[moment.pk])

    assert result.failed()
    moment.refresh_from_db()
    assert moment.reminder_error == "ConnectionError: databank weg"
    assert not OutboxMessage.objects.filter(batch=moment.reminder_batch).exists()


def test_beat_runs_the_reminders_every_morning(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="campaigns.calendar.tasks.send_due_moment_reminders")
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("7", "0")
    assert str(task.crontab.timezone) == "Europe/Brussels"


def test_the_outbox_sends_the_reminder_with_its_attachment(
    campaign, schools, mailoutbox, django_capture_on_commit_callbacks
):
    moment = campaign.moments.get(slug="quizweek")

    with django_capture_on_commit_callbacks(execute=True):
        reminders.queue_moment_reminders(moment_id=moment.pk)

    assert sorted(m.to[0].split("<")[-1].strip(">") for m in mailoutbox) == [
        "an@vti.test",
        "cis@sji.test",
    ]
    mail = mailoutbox[0]
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [a[0] for a in mail.attachments] == ["quizweek.ics"]
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT).count() == 2
