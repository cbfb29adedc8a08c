"""A database of before the move (quiz and self-test in campaigns) upgrades cleanly to infotools.

Each test migrates the test database back to the state before campaigns 0012 (infotools not
there), writes rows through the historical models of that state, migrates to the latest state
and reads everything through today's models. The tables never move, so the rows stay; the
content types move to the label "infotools" with their ids, so permissions, the groups that hold
them and admin log entries keep pointing at the same rows.

Transactional tests: tests/conftest.py loads the fresh-database snapshot after each, and
`_migrated` always migrates forward again, also when an assertion fails halfway.
"""

import datetime

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from infotools.models import (
    Quiz,
    QuizAnswer,
    QuizAnswerTally,
    QuizPlayer,
    QuizPlayTally,
    QuizResponse,
    QuizSession,
    SelfTestTally,
)

pytestmark = pytest.mark.django_db(transaction=True)

MOVE = ("campaigns", "0012_move_quiz_selftest_to_infotools")
MOVED_MODELS = {
    "quiz",
    "quizquestion",
    "quizanswer",
    "quizanswertally",
    "quizplaytally",
    "quizsession",
    "quizplayer",
    "quizresponse",
    "selftesttally",
}
CLEANUP_TASK = "Verlopen klassessies van De Duale Quiz opruimen"


def _before_the_move(executor) -> list[tuple[str, str | None]]:
    """campaigns at the migration the move builds on, infotools not migrated at all."""
    previous = [
        dep for dep in executor.loader.graph.nodes[MOVE].dependencies if dep[0] == "campaigns"
    ]
    assert len(previous) == 1, previous
    return [previous[0], ("infotools", None)]


class _migrated:
    """Migrate to the state before the move on entry (yielding its historical apps), and to the
    latest state on exit, whatever happened in between."""

    def __enter__(self):
        executor = MigrationExecutor(connection)
        target = _before_the_move(executor)
        try:
            executor.migrate(target)
        except BaseException:
            self.__exit__()
            raise
        # The models as they are in the database now: the state of every applied migration.
        loader = MigrationExecutor(connection).loader
        return loader.project_state(list(loader.applied_migrations)).apps

    def __exit__(self, *exc):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
        ContentType.objects.clear_cache()
        return False


def _write_quiz_rows(old_apps):
    """One quiz with a question, two answers, a class session with a player and a response, the
    tallies and a self-test count: through the models as they were in campaigns."""
    model = lambda name: old_apps.get_model("campaigns", name)  # noqa: E731
    now = timezone.now()
    quiz = model("Quiz").objects.create(title="Migratiequiz", slug="migratiequiz", published=True)
    question = model("QuizQuestion").objects.create(
        quiz=quiz, order=1, text="Leer je in duaal leren op een werkplek?", explanation="Ja."
    )
    right = model("QuizAnswer").objects.create(
        question=question, order=1, text="Ja", is_correct=True
    )
    model("QuizAnswer").objects.create(question=question, order=2, text="Nee", is_correct=False)
    model("QuizAnswerTally").objects.create(answer=right, class_count=3, solo_count=5)
    session = model("QuizSession").objects.create(
        quiz=quiz,
        code="ACDEF",
        host_token="migratie-host",
        created_at=now,
        expires_at=now + datetime.timedelta(hours=4),
    )
    player = model("QuizPlayer").objects.create(
        session=session, nickname="Uil", token="migratie-speler", joined_at=now
    )
    model("QuizResponse").objects.create(
        player=player, question=question, answer=right, correct=True, answered_at=now
    )
    model("QuizPlayTally").objects.create(
        quiz=quiz, day=datetime.date(2026, 5, 4), sessions=2, players=40
    )
    model("SelfTestTally").objects.create(result="past", month=datetime.date(2026, 5, 1), count=7)
    return quiz


def _old_content_types(old_apps) -> dict[str, int]:
    OldContentType = old_apps.get_model("contenttypes", "ContentType")
    return dict(
        OldContentType.objects.filter(app_label="campaigns", model__in=MOVED_MODELS).values_list(
            "model", "pk"
        )
    )


def _log_entry(old_apps, *, content_type_id: int, object_id: int) -> int:
    user = old_apps.get_model("accounts", "User").objects.create(email="migratie@example.org")
    return (
        old_apps.get_model("admin", "LogEntry")
        .objects.create(
            user_id=user.pk,
            content_type_id=content_type_id,
            object_id=str(object_id),
            object_repr="Migratiequiz",
            action_flag=ADDITION,
            change_message="[]",
            action_time=timezone.now(),
        )
        .pk
    )


def test_a_database_of_before_the_move_keeps_its_rows_content_types_and_permissions():
    with _migrated() as old_apps:
        content_types = _old_content_types(old_apps)
        # Every moved model had its content type under "campaigns" before the move.
        assert set(content_types) == MOVED_MODELS
        OldPermission = old_apps.get_model("auth", "Permission")
        permissions = dict(
            OldPermission.objects.filter(content_type_id__in=content_types.values()).values_list(
                "codename", "pk"
            )
        )
        assert {"change_quiz", "view_selftesttally"} <= set(permissions)
        group = old_apps.get_model("auth", "Group").objects.create(name="Quizredactie")
        group.permissions.add(permissions["change_quiz"])
        quiz = _write_quiz_rows(old_apps)
        log_entry_id = _log_entry(
            old_apps, content_type_id=content_types["quiz"], object_id=quiz.pk
        )
        # The reverse of infotools 0002 gave the schedule its old task name back.
        old_task = old_apps.get_model("django_celery_beat", "PeriodicTask")
        assert old_task.objects.get(name=CLEANUP_TASK).task == (
            "campaigns.tasks.delete_expired_quiz_sessions"
        )

    # The rows, through today's models.
    quiz = Quiz.objects.get(slug="migratiequiz")
    question = quiz.questions.get()
    assert [a.text for a in question.answers.order_by("order")] == ["Ja", "Nee"]
    right = QuizAnswer.objects.get(question=question, is_correct=True)
    assert (right.tally.class_count, right.tally.solo_count) == (3, 5)
    assert QuizAnswerTally.objects.count() == 1
    session = QuizSession.objects.get(code="ACDEF", quiz=quiz)
    player = QuizPlayer.objects.get(session=session)
    assert QuizResponse.objects.get(player=player).answer == right
    assert QuizPlayTally.objects.get(quiz=quiz).players == 40
    assert SelfTestTally.objects.get(month=datetime.date(2026, 5, 1)).count == 7

    # The same content types and permissions, now under "infotools"; none left behind.
    moved = ContentType.objects.filter(model__in=MOVED_MODELS)
    assert dict(moved.values_list("model", "pk")) == content_types
    assert set(moved.values_list("app_label", flat=True)) == {"infotools"}
    assert ContentType.objects.get_for_model(Quiz).pk == content_types["quiz"]
    assert ContentType.objects.get_for_model(SelfTestTally).pk == content_types["selftesttally"]
    assert (
        dict(Permission.objects.filter(content_type__in=moved).values_list("codename", "pk"))
        == permissions
    )
    assert not Permission.objects.filter(
        content_type__app_label="campaigns", content_type__model__in=MOVED_MODELS
    ).exists()
    change_quiz = Permission.objects.get(pk=permissions["change_quiz"])
    assert (change_quiz.content_type.app_label, change_quiz.codename) == (
        "infotools",
        "change_quiz",
    )
    assert Group.objects.get(name="Quizredactie").permissions.get() == change_quiz

    # The admin's history of the quiz still finds the quiz.
    entry = LogEntry.objects.get(pk=log_entry_id)
    assert entry.content_type_id == content_types["quiz"]
    assert entry.get_edited_object() == quiz

    # The cleanup schedule names the task the worker knows now.
    assert PeriodicTask.objects.get(name=CLEANUP_TASK).task == (
        "infotools.quiz.tasks.delete_expired_quiz_sessions"
    )


def test_a_content_type_made_early_under_infotools_is_merged_into_the_old_one():
    """If the new code asked for a content type before `migrate` ran (get_for_model() creates a
    missing one), the upgrade keeps the old row and its id and folds the stray one into it."""
    with _migrated() as old_apps:
        content_types = _old_content_types(old_apps)
        OldContentType = old_apps.get_model("contenttypes", "ContentType")
        OldPermission = old_apps.get_model("auth", "Permission")
        OldGroup = old_apps.get_model("auth", "Group")
        stray = OldContentType.objects.create(app_label="infotools", model="quizsession")
        duplicate = OldPermission.objects.create(
            content_type=stray, codename="view_quizsession", name="Can view klassessie"
        )
        extra = OldPermission.objects.create(
            content_type=stray, codename="export_quizsession", name="Can export klassessie"
        )
        old_view = OldPermission.objects.get(
            content_type_id=content_types["quizsession"], codename="view_quizsession"
        )
        group = OldGroup.objects.create(name="Quizkijkers")
        group.permissions.add(duplicate, extra)
        both = OldGroup.objects.create(name="Quizkijkers met beide")
        both.permissions.add(duplicate, old_view)
        log_entry_id = _log_entry(old_apps, content_type_id=stray.pk, object_id=1)
        stray_id, duplicate_id = stray.pk, duplicate.pk

    session_type = ContentType.objects.get(app_label="infotools", model="quizsession")
    assert session_type.pk == content_types["quizsession"]
    assert ContentType.objects.filter(model="quizsession").count() == 1
    assert not ContentType.objects.filter(pk=stray_id).exists()
    assert not Permission.objects.filter(pk=duplicate_id).exists()
    # The group that held the stray "view" holds the old one; the stray's own extra moved over.
    held = Group.objects.get(name="Quizkijkers").permissions.all()
    assert {(p.pk, p.codename) for p in held} == {
        (old_view.pk, "view_quizsession"),
        (extra.pk, "export_quizsession"),
    }
    assert {p.content_type_id for p in held} == {session_type.pk}
    assert list(Group.objects.get(name="Quizkijkers met beide").permissions.all()) == [
        Permission.objects.get(pk=old_view.pk)
    ]
    assert LogEntry.objects.get(pk=log_entry_id).content_type_id == session_type.pk
