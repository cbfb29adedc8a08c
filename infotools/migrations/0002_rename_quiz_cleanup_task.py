"""The quiz's cleanup task has a new name since the quiz moved here from campaigns (issue 14).

campaigns 0003 scheduled it (django-celery-beat) as "campaigns.tasks.delete_expired_quiz_sessions";
the worker now knows it as "infotools.quiz.tasks.delete_expired_quiz_sessions". Renames the
stored schedule, keeping whatever a coordinator changed on it (time, paused), and tells a
running beat that the schedule changed.
"""

from django.db import migrations

from steunpunt.core.schedules import rename_tasks

RENAMED_TASKS = {
    "campaigns.tasks.delete_expired_quiz_sessions": (
        "infotools.quiz.tasks.delete_expired_quiz_sessions"
    ),
}


def rename_tasks_forwards(apps, schema_editor):
    rename_tasks(apps, RENAMED_TASKS.items())


def rename_tasks_back(apps, schema_editor):
    rename_tasks(apps, [(new, old) for old, new in RENAMED_TASKS.items()])


class Migration(migrations.Migration):
    dependencies = [
        ("infotools", "0001_initial"),
        ("campaigns", "0003_quiz_content"),
        ("core", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(rename_tasks_forwards, rename_tasks_back),
    ]
