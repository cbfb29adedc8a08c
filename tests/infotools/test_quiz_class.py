"""Class mode: a teacher hosts, pupils join with a nickname and answer on their phones."""

from datetime import timedelta

import pytest
import segno
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infotools.models import (
    JOIN_CODE_ALPHABET,
    QuizAnswerTally,
    QuizPlayer,
    QuizResponse,
    QuizSession,
)
from infotools.quiz import cleanup as quiz_cleanup
from infotools.quiz import selectors as quiz_selectors
from infotools.quiz import services as quiz_services
from infotools.quiz.tasks import delete_expired_quiz_sessions
from infotools.quiz.views import PLAYER_COOKIE
from tests.infotools.quiz_factories import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def quiz():
    return make_quiz(questions=3, answers=3)


def start(client, quiz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quiz:start_class", args=[quiz.slug]))
    assert response.status_code == 302
    session = QuizSession.objects.get()
    assert response["Location"] == reverse("quiz:host", args=[session.host_token])
    return session


def join(code, nickname):
    pupil = Client()
    response = pupil.post(reverse("quiz:join", args=[code]), {"nickname": nickname})
    return pupil, response


def advance(host, session, callbacks):
    session.refresh_from_db()
    with callbacks(execute=True):
        host.post(
            reverse("quiz:host_advance", args=[session.host_token]), {"version": session.version}
        )
    session.refresh_from_db()
    return session


def answer(pupil, session, index):
    question = session.quiz.questions.order_by("order", "pk")[session.current_index]
    answer = question.answers.order_by("order")[index]
    return pupil.post(
        reverse("quiz:answer", args=[session.code]),
        {"question": question.pk, "answer": answer.pk},
        follow=True,
    )


def test_class_flow(client, quiz, django_capture_on_commit_callbacks):
    callbacks = django_capture_on_commit_callbacks
    session = start(client, quiz, callbacks)
    assert len(session.code) == 5 and set(session.code) <= set(JOIN_CODE_ALPHABET)
    assert session.expires_at - session.created_at == timedelta(hours=4)

    host_page = client.get(reverse("quiz:host", args=[session.host_token]))
    assert session.code in host_page.text
    assert reverse("quiz:qr", args=[session.code]) in host_page.text

    ann, response = join(session.code.lower(), "Ann")
    assert response.status_code == 302 and response["Location"].endswith("/spelen/")
    bert, _ = join(session.code, "Bert")
    cas, _ = join(session.code, "Cas")
    assert "Kijk naar het grote scherm" in ann.get(reverse("quiz:play", args=[session.code])).text

    # Question 1: Ann and Cas right, Bert wrong.
    session = advance(client, session, callbacks)
    assert session.state == QuizSession.State.OPEN and session.current_index == 0
    play = ann.get(reverse("quiz:play", args=[session.code])).text
    assert "Testvraag" in play and 'name="answer"' in play
    answer(ann, session, 0)
    answer(bert, session, 1)
    answer(cas, session, 0)
    again = answer(ann, session, 1)
    assert "Je hebt deze vraag al beantwoord." in again.text
    assert QuizResponse.objects.count() == 3

    board = client.get(reverse("quiz:host_board", args=[session.host_token])).text
    assert "3 van 3 geantwoord" in board

    # Reveal: counts per answer and the explanation on the beamer.
    session = advance(client, session, callbacks)
    assert session.state == QuizSession.State.REVEAL
    stage = client.get(reverse("quiz:host_stage", args=[session.host_token])).text
    assert 'data-count="2"' in stage and 'data-count="1"' in stage and "Omdat het zo is." in stage
    assert "Juist!" in ann.get(reverse("quiz:play", args=[session.code])).text
    assert "Niet juist." in bert.get(reverse("quiz:play", args=[session.code])).text

    # Question 2: only Bert right; a late answer after close is refused.
    session = advance(client, session, callbacks)
    answer(bert, session, 0)
    session = advance(client, session, callbacks)
    late = answer(cas, session, 0)
    assert "Te laat: deze vraag is al gesloten." in late.text
    assert QuizResponse.objects.filter(player__nickname="Cas").count() == 1

    board = client.get(reverse("quiz:host_board", args=[session.host_token])).text
    assert board.index("Ann") < board.index("Bert") < board.index("Cas")  # 1, 1, 1 by join time
    # Question 3: Bert takes the lead.
    session = advance(client, session, callbacks)
    answer(bert, session, 0)
    session = advance(client, session, callbacks)
    board = client.get(reverse("quiz:host_board", args=[session.host_token])).text
    assert board.index("Bert") < board.index("Ann") < board.index("Cas")
    scores = dict(QuizPlayer.objects.values_list("nickname", "score"))
    assert scores == {"Ann": 1, "Bert": 2, "Cas": 1}

    session = advance(client, session, callbacks)
    assert session.state == QuizSession.State.FINISHED
    final = bert.get(reverse("quiz:play", args=[session.code])).text
    assert "Je score: 2 van 3" in final and "plaats 1" in final

    # The tallies take the class answers when the session is deleted (no hot rows while
    # a class answers); the admin adds the running sessions' answers meanwhile.
    tallies = QuizAnswerTally.objects.filter(answer__question__quiz=quiz)
    assert sum(t.class_count for t in tallies) == 0
    quiz_cleanup.delete_expired_class_sessions(now=session.expires_at)
    assert sum(t.class_count for t in tallies.all()) == 5


def test_double_click_on_next_moves_once(client, quiz, django_capture_on_commit_callbacks):
    session = start(client, quiz, django_capture_on_commit_callbacks)
    url = reverse("quiz:host_advance", args=[session.host_token])
    client.post(url, {"version": session.version})
    client.post(url, {"version": session.version})
    session.refresh_from_db()
    assert session.state == QuizSession.State.OPEN and session.current_index == 0


@pytest.mark.parametrize(
    "nickname, message",
    [
        ("Kanker", "Die bijnaam kan niet."),
        ("sh1t_happens", "Die bijnaam kan niet."),
        ("x", "Kies een bijnaam van 2 tot 20 tekens."),
        ("Een veel te lange bijnaam", "Ensure this value"),
        ("<script>", "Gebruik alleen letters"),
    ],
)
def test_nickname_refusals(quiz, nickname, message):
    session = quiz_services.start_class_session(quiz=quiz)
    pupil, response = join(session.code, nickname)
    assert response.status_code == 400
    if message != "Ensure this value":
        assert message in response.text
    assert not QuizPlayer.objects.exists()


def test_duplicate_nickname_is_refused_whatever_the_case(quiz):
    session = quiz_services.start_class_session(quiz=quiz)
    join(session.code, "Lotte")
    _pupil, response = join(session.code, "  lotte ")
    assert response.status_code == 400
    assert "Die bijnaam is al gekozen in deze quiz." in response.text
    assert QuizPlayer.objects.count() == 1


def test_a_pupil_cannot_advance(quiz, django_capture_on_commit_callbacks):
    session = quiz_services.start_class_session(quiz=quiz)
    pupil, _ = join(session.code, "Nina")
    for token in ("", session.code, pupil.cookies[PLAYER_COOKIE].value, "raden" * 6):
        if not token:
            continue
        response = pupil.post(
            reverse("quiz:host_advance", args=[token]), {"version": session.version}
        )
        assert response.status_code == 404
    assert (
        pupil.get(reverse("quiz:host", args=[pupil.cookies[PLAYER_COOKIE].value])).status_code
        == 404
    )
    session.refresh_from_db()
    assert session.state == QuizSession.State.LOBBY


def test_unknown_and_expired_codes_get_a_friendly_page(quiz, client):
    response = client.get(reverse("quiz:join", args=["QQQQQ"]))
    assert response.status_code == 404
    assert "Deze quiz vinden we niet" in response.text
    session = quiz_services.start_class_session(quiz=quiz)
    QuizSession.objects.filter(pk=session.pk).update(expires_at=timezone.now())
    cache.clear()
    assert client.get(reverse("quiz:join", args=[session.code])).status_code == 404
    response = client.get(reverse("quiz:find"), {"code": "qqq"})
    assert response.status_code == 404 and "Een code heeft 5 letters" in response.text


def test_find_by_code_redirects_to_the_join_page(quiz, client):
    session = quiz_services.start_class_session(quiz=quiz)
    response = client.get(reverse("quiz:find"), {"code": f" {session.code.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("quiz:join", args=[session.code])


def test_qr_code_is_svg_with_the_join_url(quiz, client):
    session = quiz_services.start_class_session(quiz=quiz)
    response = client.get(reverse("quiz:qr", args=[session.code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    join_url = "http://testserver" + reverse("quiz:join", args=[session.code])
    svg = response.content.decode()
    assert svg.startswith("<svg") and f"<title>{join_url}</title>" in svg
    # The drawn modules are exactly those of a QR code for the join URL.
    expected = segno.make(join_url, error="m")
    assert 'd="' in svg
    assert expected.symbol_size(scale=10, border=2)[0] == int(svg.split('width="')[1].split('"')[0])


def test_expiry_cleanup_keeps_the_tallies(quiz, django_capture_on_commit_callbacks):
    session = quiz_services.start_class_session(quiz=quiz)
    pupil, _ = join(session.code, "Ann")
    session = quiz_services.advance_class_session(session=session)
    answer(pupil, session, 0)
    assert not QuizAnswerTally.objects.filter(class_count__gt=0).exists()

    assert delete_expired_quiz_sessions.apply().get() == 0  # nothing expired yet
    QuizSession.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert delete_expired_quiz_sessions.apply().get() == 1
    assert delete_expired_quiz_sessions.apply().get() == 0  # idempotent
    assert not QuizSession.objects.exists()
    assert not QuizPlayer.objects.exists() and not QuizResponse.objects.exists()
    assert QuizAnswerTally.objects.filter(class_count=1).count() == 1


def test_cleanup_is_scheduled_under_the_name_the_worker_knows():
    from django_celery_beat.models import PeriodicTask

    from steunpunt.celery import app

    task = PeriodicTask.objects.get(name="Verlopen klassessies van De Duale Quiz opruimen")
    assert task.task == "infotools.quiz.tasks.delete_expired_quiz_sessions"
    assert task.enabled and task.crontab.minute == "*/15"
    # Beat sends the stored name: a worker must have a task registered under it.
    app.loader.import_default_modules()
    assert task.task in app.tasks
    assert app.tasks[task.task].name == delete_expired_quiz_sessions.name


def test_polls_are_cheap(quiz, django_assert_max_num_queries, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session = quiz_services.start_class_session(quiz=quiz)
    pupils = [join(session.code, f"Speler {i}")[0] for i in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        session = quiz_services.advance_class_session(session=session)
    for pupil in pupils[:3]:
        answer(pupil, session, 0)
    play_fragment = reverse("quiz:play_fragment", args=[session.code])
    pupil = pupils[0]

    # Nothing changed since the pupil's page: 204 from the cached state, no query.
    with django_assert_max_num_queries(0):
        response = pupil.get(play_fragment, {"v": session.version})
    assert response.status_code == 204
    # A new state: 1 query, the player with their answer to the current question.
    with django_assert_max_num_queries(1):
        response = pupil.get(play_fragment, {"v": session.version - 1})
    assert response.status_code == 200 and "Je antwoord is doorgegeven" in response.text

    # Host: players + scoreboard (1), answers per answer of the current question (1).
    with django_assert_max_num_queries(2):
        board = Client().get(reverse("quiz:host_board", args=[session.host_token]))
    assert "3 van 5 geantwoord" in board.text
    with django_assert_max_num_queries(0):
        stage = Client().get(
            reverse("quiz:host_stage", args=[session.host_token]), {"v": session.version}
        )
    assert stage.status_code == 204
    # Even with an empty cache (another worker, or expired): the state costs 3 queries once.
    cache.clear()
    with django_assert_max_num_queries(4):
        assert pupil.get(play_fragment, {"v": session.version}).status_code == 204
    with django_assert_max_num_queries(0):
        assert pupil.get(play_fragment, {"v": session.version}).status_code == 204


def test_snapshot_follows_the_state(quiz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session = quiz_services.start_class_session(quiz=quiz)
    assert quiz_selectors.get_snapshot(session.code)["state"] == "lobby"
    with django_capture_on_commit_callbacks(execute=True):
        quiz_services.advance_class_session(session=session)
    snapshot = quiz_selectors.get_snapshot(session.code)
    assert snapshot["state"] == "open" and snapshot["question"]["number"] == 1
    assert [a["letter"] for a in snapshot["question"]["answers"]] == ["A", "B", "C"]


def test_htmx_answer_returns_the_fragment(quiz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session = quiz_services.start_class_session(quiz=quiz)
    pupil, _ = join(session.code, "Ann")
    with django_capture_on_commit_callbacks(execute=True):
        session = quiz_services.advance_class_session(session=session)
    question = session.quiz.questions.order_by("order", "pk")[0]
    url = reverse("quiz:answer", args=[session.code])
    data = {"question": question.pk, "answer": question.answers.order_by("order")[0].pk}
    response = pupil.post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="play-stage"' in response.text and "data-quiz-answered" in response.text
    again = pupil.post(url, data, headers={"HX-Request": "true"})
    assert "Je hebt deze vraag al beantwoord." in again.text
    with django_capture_on_commit_callbacks(execute=True):
        quiz_services.advance_class_session(session=session)
    late = pupil.post(url, data, headers={"HX-Request": "true"})
    assert "Te laat: deze vraag is al gesloten." in late.text
    assert QuizResponse.objects.count() == 1


def test_unchanged_polls_take_the_fast_lane(quiz, django_capture_on_commit_callbacks):
    """The 204 for "nothing new" comes from the middleware, before sessions and auth run."""
    with django_capture_on_commit_callbacks(execute=True):
        session = quiz_services.start_class_session(quiz=quiz)
    pupil = join(session.code, "Snelle Speler")[0]
    quiz_selectors.get_snapshot(session.code)  # the state is cached, as after any page view
    url = reverse("quiz:play_fragment", args=[session.code])
    response = pupil.get(url, {"v": session.version})
    assert response.status_code == 204
    # The session and CSP middleware never saw this request: it was answered before them.
    assert "Vary" not in response and "Content-Security-Policy" not in response
    # A pupil who is behind goes the normal way and gets the new state.
    response = pupil.get(url, {"v": session.version - 1})
    assert response.status_code == 200


def test_admin_counts_include_running_sessions(client, coordinator, quiz):
    session = quiz_services.start_class_session(quiz=quiz)
    pupil, _ = join(session.code, "Ann")
    session = quiz_services.advance_class_session(session=session)
    answer(pupil, session, 1)
    question = quiz.questions.order_by("order", "pk")[0]
    first, second, third = question.answers.order_by("order")
    client.force_login(coordinator)
    url = reverse("admin:infotools_quizquestion_change", args=[question.pk])
    expected = f"{first.text}: 0 + 0; {second.text}: 1 + 0; {third.text}: 0 + 0"
    assert expected in client.get(url).text
    quiz_cleanup.delete_expired_class_sessions(now=session.expires_at)
    assert expected in client.get(url).text  # folded into the tally, counted once
    assert QuizAnswerTally.objects.get(answer=second).class_count == 1
