"""The dashboard moved from steunpunt/dashboard/ to dashboard/ (its app label stays
"dashboard"), and Celery names a task after its module: the snapshot task is now
"dashboard.tasks.compute_moment_snapshot". Stored rows follow: an unresolved failure keeps
showing on its moment's page (found by task name), and a schedule (none is made by a
migration, but a coordinator may have made one in the admin) keeps queueing a known name."""

from django.db import migrations
from django.utils import timezone

RENAMES = [
    (
        "steunpunt.dashboard.tasks.compute_moment_snapshot",
        "dashboard.tasks.compute_moment_snapshot",
    ),
]


def _rename(apps, pairs) -> None:
    JobFailure = apps.get_model("core", "JobFailure")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    scheduled = 0
    for old, new in pairs:
        JobFailure.objects.filter(task_name=old).update(task_name=new)
        scheduled += PeriodicTask.objects.filter(task=old).update(task=new)
    if scheduled:
        # Tell a running beat that the schedule changed (what PeriodicTasks.changed() does).
        PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def forwards(apps, schema_editor):
    _rename(apps, RENAMES)


def backwards(apps, schema_editor):
    _rename(apps, [(new, old) for old, new in RENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0002_value_scopes"),
        ("core", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
