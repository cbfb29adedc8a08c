"""The network's tasks now live in their tools (network/meetings/tasks.py,
network/events/tasks.py), and Celery names a task after its module: the stored schedules of
0004_schedules follow, so beat keeps queueing names a worker knows."""

from django.db import migrations
from django.utils import timezone

RENAMES = [
    ("network.tasks.send_meeting_reminders", "network.meetings.tasks.send_meeting_reminders"),
    ("network.tasks.purge_event_registrations", "network.events.tasks.purge_event_registrations"),
]


def _rename(apps, pairs) -> None:
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    changed = sum(PeriodicTask.objects.filter(task=old).update(task=new) for old, new in pairs)
    if changed:
        # Tell a running beat that the schedule changed (what PeriodicTasks.changed() does).
        PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def forwards(apps, schema_editor):
    _rename(apps, RENAMES)


def backwards(apps, schema_editor):
    _rename(apps, [(new, old) for old, new in RENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0004_schedules"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
