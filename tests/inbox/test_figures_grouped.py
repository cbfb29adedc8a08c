"""The inbox figures by subregion and audience, the median time to a first answer, and the info
sessions a coordinator notes as held (the staff action that feeds that figure)."""

import datetime
import statistics
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from steunpunt.core.figures import registry
from steunpunt.inbox import services
from steunpunt.inbox.models import IllegalTransition, InfoSessionDetails, Question
from tests.factories import PostcodeFactory, SubregionFactory
from tests.inbox.factories import InfoSessionQuestionFactory, QuestionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 4, 20)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def cells(name, day=DAY):
    return {cell[:4]: cell.value for cell in registry.cells(name, moment=day) if cell.value}


@pytest.fixture
def inbox():
    tielt_region = SubregionFactory(name="Midden-West-Vlaanderen", slug="midden")
    kust = SubregionFactory(name="Westkust", slug="westkust")
    tielt = PostcodeFactory(code="8700", locality="Tielt", subregion=tielt_region)
    veurne = PostcodeFactory(code="8630", locality="Veurne", subregion=kust)

    def question(factory, received, postcode=None, answered_after=None, **fields):
        made = factory(
            postcode=postcode, subregion=postcode.subregion if postcode else None, **fields
        )
        Question.objects.filter(pk=made.pk).update(
            created_at=at(received),
            first_answered_at=at(received) + answered_after if answered_after else None,
        )
        return made

    P, C, L = Question.Audience.PARENT, Question.Audience.COMPANY, Question.Audience.LEARNER
    question(QuestionFactory, DAY - timedelta(10), tielt, timedelta(days=1), audience=P)
    question(QuestionFactory, DAY - timedelta(9), tielt, timedelta(days=3), audience=C)
    question(QuestionFactory, DAY - timedelta(8), veurne, timedelta(days=2), audience=P)
    question(QuestionFactory, DAY - timedelta(7), None, None, audience=L)  # no postcode
    question(QuestionFactory, DAY, veurne, timedelta(days=5), audience=L)  # answered later
    question(QuestionFactory, DAY + timedelta(1), tielt, None, audience=P)  # after the day
    first = question(InfoSessionQuestionFactory, DAY - timedelta(30), tielt, timedelta(hours=12))
    second = question(InfoSessionQuestionFactory, DAY - timedelta(20), veurne)
    InfoSessionDetails.objects.filter(question=first).update(held_on=DAY - timedelta(days=5))
    InfoSessionDetails.objects.filter(question=second).update(held_on=DAY + timedelta(days=3))
    return {"first": first, "second": second}


def reference(rows):
    """Counts per (subregion, audience) made in Python: the province, each subregion, and per
    audience in both."""
    found = Counter()
    for question in rows:
        subregion = question.subregion.slug if question.subregion_id else None
        for scope in ["", subregion] if subregion else [""]:
            found[(scope, "", "total", "")] += 1
            found[(scope, "", "audience", question.audience)] += 1
    return dict(found)


def received_by(kind):
    return [
        q
        for q in Question.objects.select_related("subregion")
        if q.kind == kind and timezone.localdate(q.created_at) <= DAY
    ]


def test_questions_and_requests_by_subregion_and_audience(inbox, django_assert_num_queries):
    with django_assert_num_queries(1):  # one grouped query
        questions = cells("inbox.questions")
    assert questions == reference(received_by("vraag"))
    assert questions[("", "", "total", "")] == 5
    assert questions[("midden", "", "audience", "ouder")] == 1
    assert registry.value("inbox.questions", moment=DAY) == 5
    labels = registry.get("inbox.questions").grouping.labels["audience"]
    assert str(labels["onderneming"]) == "Onderneming"

    requests = cells("inbox.info_session_requests")
    assert requests == reference(received_by("infosessie"))
    assert requests[("westkust", "", "total", "")] == 1


def test_median_days_to_first_answer(inbox, django_assert_max_num_queries):
    answered = [
        q
        for q in Question.objects.select_related("subregion")
        if q.first_answered_at and timezone.localdate(q.first_answered_at) <= DAY
    ]
    days = [(q.first_answered_at - q.created_at).total_seconds() / 86400 for q in answered]
    # One scope (subregion): 2 shapes × (total, audience) = 4 grouped queries.
    with django_assert_max_num_queries(4):
        median = cells("inbox.days_to_first_answer")
    assert median[("", "", "total", "")] == pytest.approx(statistics.median(days))
    assert median[("", "", "total", "")] == pytest.approx(1.5)  # 0.5, 1, 2, 3
    assert median[("midden", "", "total", "")] == pytest.approx(1)  # 0.5, 1, 3
    assert median[("westkust", "", "audience", "ouder")] == pytest.approx(2)
    assert registry.value("inbox.days_to_first_answer", moment=DAY) == pytest.approx(1.5)
    assert registry.get("inbox.days_to_first_answer").kind == "days"


def test_info_sessions_held_count_from_the_day_they_were_held(inbox):
    held = cells("inbox.info_sessions_held")
    assert held == {
        ("", "", "total", ""): 1,
        ("midden", "", "total", ""): 1,
        ("", "", "audience", "school"): 1,
        ("midden", "", "audience", "school"): 1,
    }
    later = cells("inbox.info_sessions_held", DAY + timedelta(days=3))
    assert later[("", "", "total", "")] == 2
    assert later[("westkust", "", "total", "")] == 1


def test_a_coordinator_notes_an_info_session_as_held(cast, client):
    request = InfoSessionQuestionFactory()
    client.force_login(cast["coordinator"])
    url = reverse("inbox:question_held", kwargs={"uuid": request.uuid})
    today = timezone.localdate()

    page = client.get(request.get_absolute_url())
    assert "Infosessie gehouden?" in page.content.decode()
    assert "Nog niet genoteerd als gehouden" in page.content.decode()

    response = client.post(url, {"held_on": today.isoformat()}, follow=True)
    assert f"gehouden op {today:%d/%m/%Y}" in response.content.decode()
    request.info_session.refresh_from_db()
    assert request.info_session.held_on == today
    assert request.info_session.history.first().history_user == cast["coordinator"]
    assert registry.value("inbox.info_sessions_held") == 1

    future = (today + timedelta(days=2)).isoformat()
    refused = client.post(url, {"held_on": future})
    assert refused.status_code == 400
    content = refused.content.decode()
    assert "Een infosessie in de toekomst is nog niet gehouden." in content
    assert f'value="{future}"' in content  # the input is kept
    request.info_session.refresh_from_db()
    assert request.info_session.held_on == today

    bad = client.post(url, {"held_on": "morgen"})
    assert bad.status_code == 400
    assert "Geef een geldige datum" in bad.content.decode()

    client.post(url, {"held_on": ""})
    request.info_session.refresh_from_db()
    assert request.info_session.held_on is None


def test_only_info_session_requests_can_be_held(cast, client):
    plain = QuestionFactory()
    with pytest.raises(IllegalTransition):
        services.record_info_session_held(
            question=plain, held_on=timezone.localdate(), actor=cast["coordinator"]
        )
    client.force_login(cast["coordinator"])
    page = client.get(plain.get_absolute_url())
    assert "Infosessie gehouden?" not in page.content.decode()
    response = client.post(
        reverse("inbox:question_held", kwargs={"uuid": plain.uuid}),
        {"held_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["school_contact", "company_contact", "pof_secretary"])
def test_others_cannot_note_a_session_as_held(cast, client, role):
    request = InfoSessionQuestionFactory()
    client.force_login(cast[role])
    response = client.post(
        reverse("inbox:question_held", kwargs={"uuid": request.uuid}),
        {"held_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
    request.info_session.refresh_from_db()
    assert request.info_session.held_on is None
