"""The network's tasks now live in their tools (network/meetings/tasks.py,
network/events/tasks.py), and Celery names a task after its module: the stored schedules of
0004_schedules follow, so beat keeps queueing names a worker knows."""

from django.db import migrations

from steunpunt.core.schedules import rename_tasks

RENAMES = [
    ("network.tasks.send_meeting_reminders", "network.meetings.tasks.send_meeting_reminders"),
    ("network.tasks.purge_event_registrations", "network.events.tasks.purge_event_registrations"),
]


def forwards(apps, schema_editor):
    rename_tasks(apps, RENAMES)


def backwards(apps, schema_editor):
    rename_tasks(apps, [(new, old) for old, new in RENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_schedules"),
        ("core", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
