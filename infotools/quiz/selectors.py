"""Reads of the class quiz, built for cheap polling.

The state of a class session (which question, open or revealed, its answers) is kept as a
small dict, the *snapshot*, in Django's cache under the join code. Services overwrite it on
every change (carrying `version`); it also expires after QUIZ_STATE_CACHE_SECONDS so a
per-process cache (LocMemCache under several gunicorn workers) is never stale for longer.
A poll whose version is current costs no query at all; otherwise one.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Quiz, QuizPlayer, QuizQuestion, QuizResponse, QuizSession

LETTERS = "ABCD"
SCOREBOARD_SIZE = 10


def snapshot_cache_key(code: str) -> str:
    return f"quiz:session:{code}"


def host_cache_key(host_token: str) -> str:
    return f"quiz:host:{host_token}"


def snapshot_timeout() -> int:
    return getattr(settings, "QUIZ_STATE_CACHE_SECONDS", 2)


# --- Content --------------------------------------------------------------------------------


def published_quizzes():
    return Quiz.objects.filter(published=True).annotate(question_count=Count("questions"))


def get_published_quiz(slug: str) -> Quiz:
    return get_object_or_404(Quiz, slug=slug, published=True)


def quiz_questions(quiz: Quiz) -> list[QuizQuestion]:
    return list(quiz.questions.prefetch_related("answers").order_by("order", "pk"))


# --- Class sessions -------------------------------------------------------------------------


def build_snapshot(session: QuizSession) -> dict:
    """2 queries: the questions of the quiz with their answers."""
    questions = quiz_questions(session.quiz)
    current = None
    if session.state in (QuizSession.State.OPEN, QuizSession.State.REVEAL) and 0 <= (
        session.current_index
    ) < len(questions):
        question = questions[session.current_index]
        current = {
            "id": question.pk,
            "number": session.current_index + 1,
            "text": question.text,
            "explanation": question.explanation,
            "image_url": question.image.url if question.image else "",
            "image_alt": question.image_alt,
            "answers": [
                {"id": a.pk, "text": a.text, "is_correct": a.is_correct, "letter": LETTERS[i]}
                for i, a in enumerate(question.answers.all()[:4])
            ],
        }
    return {
        "id": session.pk,
        "code": session.code,
        "quiz_title": session.quiz.title,
        "quiz_slug": session.quiz.slug,
        "state": session.state,
        "index": session.current_index,
        "question_count": len(questions),
        "version": session.version,
        "expires_at": session.expires_at.timestamp(),
        "active": session.active,
        "question": current,
    }


def get_snapshot(code: str, *, now=None, fresh: bool = False) -> dict | None:
    """The live state of the session with this join code, or None (unknown or expired)."""
    from django.utils import timezone

    code = code.upper()
    snapshot = None if fresh else cache.get(snapshot_cache_key(code))
    if snapshot is None:
        session = QuizSession.objects.select_related("quiz").filter(code=code, active=True).first()
        if session is None:
            return None
        snapshot = build_snapshot(session)
        cache.set(snapshot_cache_key(code), snapshot, snapshot_timeout())
    now = now or timezone.now()
    if not snapshot["active"] or snapshot["expires_at"] <= now.timestamp():
        return None
    return snapshot


def get_host_session(host_token: str) -> QuizSession:
    """The session of the teacher holding `host_token`; 404 for anyone else."""
    from django.utils import timezone

    session = (
        QuizSession.objects.select_related("quiz")
        .filter(host_token=host_token, active=True, expires_at__gt=timezone.now())
        .first()
    )
    if session is None:
        raise Http404
    return session


def get_host_snapshot(host_token: str) -> dict:
    """Like get_host_session but from the cache (for the host's polls)."""
    code = cache.get(host_cache_key(host_token))
    if code is None:
        code = get_host_session(host_token).code
        cache.set(host_cache_key(host_token), code, 60 * 60)
    snapshot = get_snapshot(code)
    if snapshot is None:
        raise Http404
    return snapshot


def get_player(snapshot: dict, token: str | None) -> QuizPlayer | None:
    """The player with this cookie token in this session, with their answer to the current
    question as `current_answer_id` (None when not answered). One query."""
    if not token:
        return None
    question = snapshot.get("question")
    players = QuizPlayer.objects.filter(session_id=snapshot["id"], token=token)
    if question:
        players = players.annotate(
            current_answer_id=Subquery(
                QuizResponse.objects.filter(
                    player=OuterRef("pk"), question_id=question["id"]
                ).values("answer_id")[:1]
            )
        )
    player = players.first()
    if player is not None and not question:
        player.current_answer_id = None
    return player


def player_rank(player: QuizPlayer) -> int:
    return (
        QuizPlayer.objects.filter(session_id=player.session_id, score__gt=player.score).count() + 1
    )


def host_board(snapshot: dict) -> dict:
    """Players, scoreboard and the answers to the current question. Two queries."""
    players = list(
        QuizPlayer.objects.filter(session_id=snapshot["id"])
        .order_by("-score", "joined_at")
        .values("nickname", "score")
    )
    counts = {}
    question = snapshot.get("question")
    if question:
        counts = dict(
            QuizResponse.objects.filter(
                question_id=question["id"], player__session_id=snapshot["id"]
            )
            .values_list("answer_id")
            .annotate(n=Count("pk"))
            .values_list("answer_id", "n")
        )
    answered = sum(counts.values())
    tally = []
    if question:
        for answer in question["answers"]:
            tally.append({**answer, "count": counts.get(answer["id"], 0)})
    return {
        "player_count": len(players),
        "scoreboard": players[:SCOREBOARD_SIZE],
        "answered": answered,
        "tally": tally,
        "tally_max": max(answered, 1),
    }
