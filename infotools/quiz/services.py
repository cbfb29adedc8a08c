"""Writes of the class quiz: content loading, solo answers, class sessions.

Every function is keyword-only and runs in its own transaction. Nothing personal is stored:
a player is a nickname in a session that is deleted a few hours later; what remains are the
anonymous counts per answer (QuizAnswerTally).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    IllegalQuizTransition,
    Quiz,
    QuizAnswer,
    QuizAnswerTally,
    QuizPlayer,
    QuizQuestion,
    QuizResponse,
    QuizSession,
    new_join_code,
    new_token,
)
from .nicknames import is_abusive, is_allowed_characters, normalise_nickname
from .selectors import (
    build_snapshot,
    host_cache_key,
    snapshot_cache_key,
    snapshot_timeout,
)

INITIAL_DIR = Path(__file__).resolve().parent / "initial"


def session_lifetime() -> timedelta:
    return timedelta(hours=getattr(settings, "QUIZ_SESSION_HOURS", 4))


# --- Content --------------------------------------------------------------------------------


def check_answer_set(answers: list[tuple[str, bool]]) -> None:
    """2 to 4 answers, exactly one of them right. Raises a Dutch ValidationError."""
    if not QuizAnswer.MIN_PER_QUESTION <= len(answers) <= QuizAnswer.MAX_PER_QUESTION:
        raise ValidationError(
            _("Een vraag heeft 2 tot 4 antwoorden, niet %(count)d.") % {"count": len(answers)}
        )
    right = sum(1 for _text, is_correct in answers if is_correct)
    if right != 1:
        raise ValidationError(
            _("Duid precies één juist antwoord aan (nu: %(count)d).") % {"count": right}
        )


def check_question(*, question: QuizQuestion) -> None:
    check_answer_set([(a.text, a.is_correct) for a in question.answers.all()])


@dataclass
class LoadReport:
    quizzes: int = 0
    questions: int = 0
    skipped: list[str] = field(default_factory=list)


def initial_quizzes(directory: Path = INITIAL_DIR) -> list[dict]:
    return [yaml.safe_load(path.read_text("utf-8")) for path in sorted(directory.glob("*.yaml"))]


def load_initial_quizzes(
    *,
    quiz_model=Quiz,
    question_model=QuizQuestion,
    answer_model=QuizAnswer,
    directory: Path = INITIAL_DIR,
) -> LoadReport:
    """Insert the shipped quizzes whose slug is not in the database yet (published).

    An existing quiz is left alone, also when a coordinator changed it. Takes the models as
    arguments so the data migration can pass its historical models.
    """
    report = LoadReport()
    with transaction.atomic():
        for data in initial_quizzes(directory):
            if quiz_model.objects.filter(slug=data["slug"]).exists():
                report.skipped.append(data["slug"])
                continue
            quiz = quiz_model(
                slug=data["slug"],
                title=data["title"],
                intro=data.get("intro", "").strip(),
                order=data.get("order", 0),
                published=True,
            )
            quiz.full_clean()
            quiz.save()
            report.quizzes += 1
            for number, item in enumerate(data["questions"], start=1):
                answers = [(a["text"], bool(a.get("correct"))) for a in item["answers"]]
                check_answer_set(answers)
                question = question_model(
                    quiz=quiz,
                    order=number,
                    text=item["text"].strip(),
                    explanation=item["explanation"].strip(),
                )
                question.full_clean()
                question.save()
                answer_model.objects.bulk_create(
                    answer_model(question=question, order=i, text=text, is_correct=is_correct)
                    for i, (text, is_correct) in enumerate(answers, start=1)
                )
                report.questions += 1
    return report


def ensure_tallies(*, quiz: Quiz) -> None:
    """One tally row per answer, so answering only has to increment (no insert races)."""
    answer_ids = QuizAnswer.objects.filter(question__quiz=quiz).values_list("pk", flat=True)
    QuizAnswerTally.objects.bulk_create(
        [QuizAnswerTally(answer_id=pk) for pk in answer_ids], ignore_conflicts=True
    )


def _count_answer(*, answer_id: int, field_name: str) -> None:
    updated = QuizAnswerTally.objects.filter(answer_id=answer_id).update(
        **{field_name: F(field_name) + 1}
    )
    if not updated:  # an answer added in the admin after the session started
        with transaction.atomic():
            QuizAnswerTally.objects.get_or_create(answer_id=answer_id)
        QuizAnswerTally.objects.filter(answer_id=answer_id).update(
            **{field_name: F(field_name) + 1}
        )


# --- Solo -----------------------------------------------------------------------------------


@transaction.atomic
def answer_solo_question(*, progress: dict, question: QuizQuestion, answer_id) -> dict:
    """Record a solo answer in `progress` (kept in the visitor's session) and count it.

    `progress` is {"index": int, "answers": {question_id: [answer_id, correct]}}. Answering a
    question twice changes nothing (a double submit or the back button).
    """
    key = str(question.pk)
    if key in progress["answers"]:
        return progress
    answer = next((a for a in question.answers.all() if str(a.pk) == str(answer_id)), None)
    if answer is None:
        raise ValidationError(_("Kies een van de antwoorden."))
    _count_answer(answer_id=answer.pk, field_name="solo_count")
    progress["answers"][key] = [answer.pk, answer.is_correct]
    return progress


# --- Class sessions -------------------------------------------------------------------------


def publish_snapshot(session: QuizSession) -> None:
    """Put the new state of `session` in the cache once the transaction commits."""

    def _publish():
        snapshot = build_snapshot(session)
        cache.set(snapshot_cache_key(session.code), snapshot, snapshot_timeout())

    transaction.on_commit(_publish)


@transaction.atomic
def start_class_session(*, quiz: Quiz, now: datetime | None = None) -> QuizSession:
    if not quiz.published or not quiz.questions.exists():
        raise ValidationError(_("Deze quiz kan nog niet gespeeld worden."))
    now = now or timezone.now()
    ensure_tallies(quiz=quiz)
    for _attempt in range(20):
        code = new_join_code()
        if QuizSession.objects.filter(code=code, active=True).exists():
            continue
        session = QuizSession(
            quiz=quiz,
            code=code,
            host_token=new_token(),
            created_at=now,
            expires_at=now + session_lifetime(),
        )
        session.full_clean()
        try:
            with transaction.atomic():
                session.save()
        except IntegrityError:
            continue
        cache.set(host_cache_key(session.host_token), session.code, snapshot_timeout())
        publish_snapshot(session)
        return session
    raise RuntimeError("No free join code found.")  # 25**5 codes: practically unreachable


class JoinRefused(ValidationError):
    pass


def validate_nickname(nickname: str) -> str:
    nickname = normalise_nickname(nickname)
    if not QuizPlayer.NICKNAME_MIN <= len(nickname) <= QuizPlayer.NICKNAME_MAX:
        raise JoinRefused(_("Kies een bijnaam van 2 tot 20 tekens."))
    if not is_allowed_characters(nickname):
        raise JoinRefused(_("Gebruik alleen letters, cijfers, spaties, punten en streepjes."))
    if is_abusive(nickname):
        raise JoinRefused(_("Die bijnaam kan niet. Kies een vriendelijke bijnaam."))
    return nickname


@transaction.atomic
def join_class_session(
    *, session: QuizSession, nickname: str, now: datetime | None = None
) -> QuizPlayer:
    now = now or timezone.now()
    if not session.active or session.expires_at <= now:
        raise JoinRefused(_("Deze quiz is afgelopen."))
    if session.state == QuizSession.State.FINISHED:
        raise JoinRefused(_("Deze quiz is al gedaan."))
    nickname = validate_nickname(nickname)
    taken = _("Die bijnaam is al gekozen in deze quiz. Kies een andere.")
    if session.players.filter(nickname__iexact=nickname).exists():
        raise JoinRefused(taken)
    player = QuizPlayer(session=session, nickname=nickname, token=new_token(), joined_at=now)
    try:
        with transaction.atomic():
            player.save()
    except IntegrityError as exc:  # two pupils typed the same name at the same moment
        raise JoinRefused(taken) from exc
    return player


@transaction.atomic
def advance_class_session(*, session: QuizSession, expected_version: int | None = None):
    """The teacher's "volgende": start → open question → show answers → next … → finished.

    `expected_version` is the version the teacher's page showed: a double click (or two open
    host tabs) moves the session once, not twice.
    """
    session = QuizSession.objects.select_for_update().get(pk=session.pk)
    if expected_version is not None and expected_version != session.version:
        return session
    if session.state == QuizSession.State.OPEN:
        session.close_question()
    elif session.state in (QuizSession.State.LOBBY, QuizSession.State.REVEAL):
        count = session.quiz.questions.count()
        if session.state == QuizSession.State.REVEAL and session.current_index + 1 >= count:
            session.finish()
        else:
            session.open_next_question(question_count=count)
    else:
        raise IllegalQuizTransition("The quiz is finished.")
    session.save(update_fields=["state", "current_index", "version"])
    publish_snapshot(session)
    return session


@transaction.atomic
def finish_class_session(*, session: QuizSession) -> QuizSession:
    session = QuizSession.objects.select_for_update().get(pk=session.pk)
    if session.state != QuizSession.State.FINISHED:
        session.finish()
        session.save(update_fields=["state", "version"])
        publish_snapshot(session)
    return session


class AnswerRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def answer_class_question(
    *, player: QuizPlayer, snapshot: dict, answer_id, now: datetime | None = None
) -> QuizResponse:
    """One answer per player per question, only while the question is open.

    Written write-first (insert, then check the session under that write): on SQLite the
    transaction takes the write lock at once instead of failing to upgrade a read lock, and
    on PostgreSQL a teacher closing the question at the same moment is seen or not, never half.
    """
    now = now or timezone.now()
    question = snapshot.get("question")
    if snapshot["state"] != QuizSession.State.OPEN or question is None:
        raise AnswerRefused(_("Te laat: deze vraag is al gesloten."))
    answer = next((a for a in question["answers"] if str(a["id"]) == str(answer_id)), None)
    if answer is None:
        raise AnswerRefused(_("Kies een van de antwoorden van deze vraag."))
    try:
        with transaction.atomic():
            response = QuizResponse.objects.create(
                player=player,
                question_id=question["id"],
                answer_id=answer["id"],
                correct=answer["is_correct"],
                answered_at=now,
            )
            still_open = QuizSession.objects.filter(
                pk=player.session_id,
                state=QuizSession.State.OPEN,
                current_index=snapshot["index"],
                expires_at__gt=now,
            ).exists()
            if not still_open:
                raise AnswerRefused(_("Te laat: deze vraag is al gesloten."))
            if answer["is_correct"]:
                QuizPlayer.objects.filter(pk=player.pk).update(score=F("score") + 1)
            # No tally update here: 600 pupils on the same question would queue on the same
            # four tally rows. The responses are folded into the tallies when the session is
            # deleted (cleanup.fold_class_responses).
    except IntegrityError as exc:
        raise AnswerRefused(_("Je hebt deze vraag al beantwoord.")) from exc
    return response
