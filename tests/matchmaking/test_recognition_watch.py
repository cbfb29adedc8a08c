"""The nightly recognition watch: workplaces of ended recognitions close, coordinators are
warned once per recognition (per period and end date), and the job is scheduled."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from matchmaking.companies.recognition_watch import warn_expiring_recognitions
from matchmaking.companies.tasks import watch_recognitions
from matchmaking.models import Recognition, RecognitionWarning, Workplace
from steunpunt.core.models import OutboxMessage
from tests.factories import ProgrammeFactory
from tests.matchmaking.factories import CompanySiteFactory, RecognitionFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def soon(settings):
    """A recognition ending in 30 days with one open workplace (warning period: 60 days)."""
    settings.MATCHMAKING_RECOGNITION_WARNING_DAYS = 60
    site = CompanySiteFactory(organisation__name="Garage Desmet", street="Kortrijkstraat 3")
    programme = ProgrammeFactory(name="Autotechnicus duaal")
    recognition = RecognitionFactory(
        site=site, programme=programme, reference="ERK-777", valid_until=today() + timedelta(30)
    )
    WorkplaceFactory(site=site, programme=programme, start_date=today() + timedelta(days=10))
    return recognition


def test_the_task_closes_workplaces_of_ended_recognitions(settings):
    settings.MATCHMAKING_RECOGNITION_WARNING_DAYS = 60
    workplace = WorkplaceFactory(start_date=today())
    recognition = Recognition.objects.get(site=workplace.site)
    Recognition.objects.filter(pk=recognition.pk).update(valid_until=today() - timedelta(days=1))
    kept = WorkplaceFactory(start_date=today())

    result = watch_recognitions.apply().get()

    assert result == {"closed": 1, "warned": 0}
    recognition.refresh_from_db()
    workplace.refresh_from_db()
    kept.refresh_from_db()
    assert recognition.status == Recognition.Status.EXPIRED
    assert workplace.status == Workplace.Status.CLOSED
    assert kept.status == Workplace.Status.OPEN
    # Idempotent: the next night changes nothing.
    assert watch_recognitions.apply().get() == {"closed": 0, "warned": 0}


def test_coordinators_are_warned_once_per_recognition(soon, coordinator):
    RecognitionFactory(valid_until=today() + timedelta(days=200))  # outside the period

    assert watch_recognitions.apply().get() == {"closed": 0, "warned": 1}

    message = OutboxMessage.objects.get()
    assert message.recipient_email == coordinator.email
    assert message.subject == "1 erkenning loopt binnenkort af"
    end = soon.valid_until.strftime("%d/%m/%Y")
    assert f"geldig tot {end} (nog 30 dagen)" in message.body_text
    assert "Autotechnicus duaal – Garage Desmet, Kortrijkstraat 3" in message.body_text
    assert "ERK-777" in message.body_text
    assert "1 leerwerkplek die sluit" in message.body_text
    assert reverse("admin:matchmaking_recognition_change", args=[soon.pk]) in message.body_text
    warning = RecognitionWarning.objects.get()
    assert (warning.recognition, warning.threshold_days, warning.valid_until) == (
        soon,
        60,
        soon.valid_until,
    )

    # The next nights: no second mail for the same recognition.
    assert watch_recognitions.apply().get() == {"closed": 0, "warned": 0}
    assert warn_expiring_recognitions(today=today() + timedelta(days=5)) == 0
    assert OutboxMessage.objects.count() == 1


def test_an_extended_recognition_is_warned_again_for_its_new_end(soon, coordinator):
    assert warn_expiring_recognitions() == 1
    soon.valid_until = today() + timedelta(days=400)
    soon.save()
    assert warn_expiring_recognitions() == 0  # far away now
    later = soon.valid_until - timedelta(days=20)
    assert warn_expiring_recognitions(today=later) == 1
    assert OutboxMessage.objects.count() == 2
    assert RecognitionWarning.objects.filter(recognition=soon).count() == 2


def test_a_longer_period_is_a_new_threshold(soon, coordinator, settings):
    assert warn_expiring_recognitions() == 1
    settings.MATCHMAKING_RECOGNITION_WARNING_DAYS = 90
    assert warn_expiring_recognitions() == 1
    settings.MATCHMAKING_RECOGNITION_WARNING_DAYS = 60
    assert warn_expiring_recognitions() == 0


def test_all_new_recognitions_go_in_one_mail_per_coordinator(soon, coordinator):
    RecognitionFactory(
        programme=ProgrammeFactory(name="Kapper-stylist duaal"),
        valid_until=today() + timedelta(days=50),
    )
    assert warn_expiring_recognitions() == 2
    message = OutboxMessage.objects.get()
    assert message.subject == "2 erkenningen lopen binnenkort af"
    assert "Kapper-stylist duaal" in message.body_text
    assert "Autotechnicus duaal" in message.body_text


def test_without_coordinators_the_steunpunt_address_is_warned(soon, settings):
    assert warn_expiring_recognitions() == 1
    assert OutboxMessage.objects.get().recipient_email == settings.PORTAL_CONTACT_EMAIL


def test_the_watch_is_scheduled_nightly():
    task = PeriodicTask.objects.get(task="matchmaking.companies.tasks.watch_recognitions")
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("2", "30")
    assert str(task.crontab.timezone) == "Europe/Brussels"


def test_the_task_is_registered_under_its_scheduled_name():
    from steunpunt.celery import app

    assert "matchmaking.companies.tasks.watch_recognitions" in app.tasks
