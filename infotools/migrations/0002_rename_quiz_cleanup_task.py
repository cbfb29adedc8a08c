"""The quiz's cleanup task has a new name since the quiz moved here from campaigns (issue 14).

campaigns 0003 scheduled it (django-celery-beat) as "campaigns.tasks.delete_expired_quiz_sessions";
the worker now knows it as "infotools.quiz.tasks.delete_expired_quiz_sessions". Renames the
stored schedule, keeping whatever a coordinator changed on it (time, paused), and tells a
running beat that the schedule changed.
"""

from django.db import migrations
from django.utils import timezone

RENAMED_TASKS = {
    "campaigns.tasks.delete_expired_quiz_sessions": (
        "infotools.quiz.tasks.delete_expired_quiz_sessions"
    ),
}


def _rename(apps, names: dict[str, str]) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    renamed = sum(PeriodicTask.objects.filter(task=old).update(task=new) for old, new in names.items())
    if renamed:
        PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def rename_tasks(apps, schema_editor):
    _rename(apps, RENAMED_TASKS)


def rename_tasks_back(apps, schema_editor):
    _rename(apps, {new: old for old, new in RENAMED_TASKS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("infotools", "0001_initial"),
        ("campaigns", "0003_quiz_content"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(rename_tasks, rename_tasks_back),
    ]
