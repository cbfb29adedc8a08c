"""Celery task names follow the tool packages, and the stored beat schedules follow the names
(campaigns/migrations/0013_tool_packages_task_names.py)."""

import importlib

import pytest
from django.apps import apps as django_apps
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from steunpunt.celery import app
from steunpunt.core.models import JobFailure

migration = importlib.import_module("campaigns.migrations.0013_tool_packages_task_names")


def test_every_stored_campaign_schedule_names_a_registered_task(db):
    """After the migrations a worker knows every campaign task beat will send (0010 stored a
    name no worker registered; 0013 gives it the name of campaigns/calendar/tasks.py)."""
    app.loader.import_default_modules()
    stored = set(
        PeriodicTask.objects.filter(task__startswith="campaigns.").values_list("task", flat=True)
    )
    assert "campaigns.calendar.tasks.send_due_moment_reminders" in stored
    assert stored <= set(app.tasks)


def test_every_new_name_is_a_registered_task():
    app.loader.import_default_modules()
    assert set(migration.RENAMED.values()) <= set(app.tasks)
    assert not set(migration.RENAMED) & set(app.tasks)  # the old names are gone


@pytest.fixture
def crontab(db):
    return CrontabSchedule.objects.create(minute="0", hour="3", timezone="Europe/Brussels")


def test_the_migration_renames_the_schedules_and_its_reverse_gives_the_old_names_back(crontab):
    PeriodicTask.objects.all().delete()
    rows = {
        "herinneringen": migration.STORED_BY_0010,
        "ouderfolders": "campaigns.folders_tasks.generate_parent_folder",
        "kit": "campaigns.kit_tasks.build_kit_archive_task",
        "quiz": "campaigns.tasks.delete_expired_quiz_sessions",
        "iets anders": "steunpunt.core.tasks.dispatch_outbox",
    }
    for name, task in rows.items():
        PeriodicTask.objects.create(name=name, task=task, crontab=crontab)

    migration.forwards(django_apps, None)

    assert dict(PeriodicTask.objects.values_list("name", "task")) == {
        "herinneringen": "campaigns.calendar.tasks.send_due_moment_reminders",
        "ouderfolders": "campaigns.folders.tasks.generate_parent_folder",
        "kit": "campaigns.kit.tasks.build_kit_archive_task",
        "quiz": "campaigns.tasks.delete_expired_quiz_sessions",  # the quiz's is not renamed
        "iets anders": "steunpunt.core.tasks.dispatch_outbox",
    }

    migration.backwards(django_apps, None)

    restored = dict(PeriodicTask.objects.values_list("name", "task"))
    assert restored == {
        **rows,
        "ouderfolders": "campaigns.folders_tasks.generate_parent_folder",
        "kit": "campaigns.kit_tasks.build_kit_archive_task",
    }


def test_the_migration_renames_the_recorded_failures_too(db):
    JobFailure.objects.create(
        task_name="campaigns.kit_tasks.build_kit_archive_task", exception="OSError"
    )
    JobFailure.objects.create(task_name="steunpunt.core.tasks.dispatch_outbox", exception="x")

    migration.forwards(django_apps, None)

    assert set(JobFailure.objects.values_list("task_name", flat=True)) == {
        "campaigns.kit.tasks.build_kit_archive_task",
        "steunpunt.core.tasks.dispatch_outbox",
    }
    migration.backwards(django_apps, None)
    assert JobFailure.objects.filter(
        task_name="campaigns.kit_tasks.build_kit_archive_task"
    ).exists()
