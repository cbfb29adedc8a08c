"""Personal data in the inbox is anonymised after INBOX_RETENTION_MONTHS by a daily task."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from steunpunt.core.figures import registry
from steunpunt.inbox.models import ANONYMISED, Question
from steunpunt.inbox.retention import retention_cutoff
from steunpunt.inbox.tasks import anonymise_old_questions
from tests.inbox.factories import (
    AnswerFactory,
    InfoSessionQuestionFactory,
    QuestionFactory,
    QuestionNoteFactory,
)

pytestmark = pytest.mark.django_db
MONTH = timedelta(days=31)


def aged(question, *, created, closed=None):
    Question.objects.filter(pk=question.pk).update(
        created_at=created,
        closed_at=closed,
        status=Question.Status.CLOSED if closed else question.status,
    )
    question.refresh_from_db()
    return question


@pytest.fixture
def questions(postcode):
    now = timezone.now()
    old_closed = aged(
        QuestionFactory(postcode=postcode, subregion=postcode.subregion),
        created=now - 30 * MONTH,
        closed=now - 25 * MONTH,
    )
    QuestionNoteFactory(question=old_closed, text="Mama heet Els, woont in de Stationsstraat")
    AnswerFactory(question=old_closed, body="Dag Els, ...")
    old_open = aged(QuestionFactory(), created=now - 25 * MONTH)
    old_info = aged(InfoSessionQuestionFactory(), created=now - 26 * MONTH, closed=now - 25 * MONTH)
    recently_closed = aged(QuestionFactory(), created=now - 30 * MONTH, closed=now - 2 * MONTH)
    recent = QuestionFactory()
    return {
        "old_closed": old_closed,
        "old_open": old_open,
        "old_info": old_info,
        "recently_closed": recently_closed,
        "recent": recent,
    }


def test_task_anonymises_only_expired_questions_and_is_idempotent(questions, postcode):
    result = anonymise_old_questions.apply()
    assert result.successful()
    assert result.result == 3

    for key in ("old_closed", "old_open", "old_info"):
        question = questions[key]
        question.refresh_from_db()
        assert question.anonymised_at is not None, key
        assert question.name == ANONYMISED and question.text == ANONYMISED
        assert question.email == "" and question.phone == ""
        assert question.postcode is None
    for key in ("recently_closed", "recent"):
        question = questions[key]
        question.refresh_from_db()
        assert question.anonymised_at is None, key
        assert question.email and question.name == "Els Vandamme"

    old = questions["old_closed"]
    # Kept at subregion level, and kind/audience/status/dates stay for statistics.
    assert old.subregion == postcode.subregion
    assert old.status == Question.Status.CLOSED and old.audience == "ouder"
    # Notes, answers and the audit trail hold no personal data any more.
    assert old.notes.get().text == ANONYMISED
    assert old.answers.get().body == ANONYMISED and old.answers.get().sent_to == ""
    for version in old.history.all():
        assert version.email == "" and version.name == ANONYMISED and version.postcode_id is None
    info = questions["old_info"].info_session
    info.refresh_from_db()
    assert info.organisation_name == ANONYMISED and info.place == ANONYMISED
    assert info.participants == 40  # a count, not personal
    assert all(v.organisation_name == ANONYMISED for v in info.history.all())

    stamp = old.anonymised_at
    second = anonymise_old_questions.apply()
    assert second.result == 0
    old.refresh_from_db()
    assert old.anonymised_at == stamp

    # Anonymous counts stay available.
    assert registry.value("inbox.questions") == 4
    assert registry.value("inbox.info_session_requests") == 1
    assert registry.value("inbox.questions", subregion=postcode.subregion) == 1


def test_retention_follows_the_setting(questions, settings):
    settings.INBOX_RETENTION_MONTHS = 1
    assert anonymise_old_questions.apply().result == 4  # all but the brand-new one
    assert Question.objects.filter(anonymised_at__isnull=True).get() == questions["recent"]


def test_cutoff_is_calendar_months(settings):
    now = datetime(2026, 3, 31, 12, tzinfo=ZoneInfo("Europe/Brussels"))
    settings.INBOX_RETENTION_MONTHS = 24
    assert retention_cutoff(now=now).date() == date(2024, 3, 31)
    settings.INBOX_RETENTION_MONTHS = 25  # no 31 February: the last day of the month
    assert retention_cutoff(now=now).date() == date(2024, 2, 29)
    settings.INBOX_RETENTION_MONTHS = 3
    assert retention_cutoff(now=now).date() == date(2025, 12, 31)


def test_anonymised_questions_no_longer_show_a_thanks_page(client, questions):
    anonymise_old_questions.apply()
    url = f"/contact/bedankt/{questions['old_closed'].uuid}/"
    assert client.get(url).status_code == 404


def test_the_task_is_scheduled_daily_on_a_fresh_install():
    task = PeriodicTask.objects.get(task="steunpunt.inbox.tasks.anonymise_old_questions")
    assert task.enabled
    assert (task.crontab.hour, task.crontab.minute) == ("3", "0")
    assert str(task.crontab.timezone) == "Europe/Brussels"
