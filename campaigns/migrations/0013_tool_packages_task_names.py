"""The campaign tools moved into one package each (campaigns/<tool>/tasks.py), so their Celery
task names follow the module: stored beat schedules (django-celery-beat PeriodicTask rows) and
recorded job failures (core.JobFailure, filtered by task name in the admin) are renamed with
them. The class quiz's task is not renamed here.

0010_calendar stored the morning reminder run as "campaigns.tasks.send_due_moment_reminders",
a name no worker registered (the task lived in campaigns/calendar_tasks.py); it gets the new
name too. The reverse gives each row back the name it had.
"""

from django.db import migrations

from steunpunt.core.schedules import rename_tasks

# old name -> new name, for every renamed campaign task.
RENAMED = {
    "campaigns.calendar_tasks.send_due_moment_reminders": (
        "campaigns.calendar.tasks.send_due_moment_reminders"
    ),
    "campaigns.calendar_tasks.send_moment_reminders": (
        "campaigns.calendar.tasks.send_moment_reminders"
    ),
    "campaigns.folders_tasks.generate_parent_folder": (
        "campaigns.folders.tasks.generate_parent_folder"
    ),
    "campaigns.kit_tasks.build_kit_archive_task": "campaigns.kit.tasks.build_kit_archive_task",
}
# What 0010_calendar stored for the reminder run (and what its reverse deletes by).
STORED_BY_0010 = "campaigns.tasks.send_due_moment_reminders"
REMINDER_RUN = "campaigns.calendar_tasks.send_due_moment_reminders"


def forwards(apps, schema_editor):
    rename_tasks(apps, [*RENAMED.items(), (STORED_BY_0010, RENAMED[REMINDER_RUN])])


def backwards(apps, schema_editor):
    back = [(new, old) for old, new in RENAMED.items() if old != REMINDER_RUN]
    rename_tasks(apps, [*back, (RENAMED[REMINDER_RUN], STORED_BY_0010)])


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0012_move_quiz_selftest_to_infotools"),
        ("core", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
