"""The dashboard moved from steunpunt/dashboard/ to dashboard/ (its app label stays
"dashboard"), and Celery names a task after its module: the snapshot task is now
"dashboard.tasks.compute_moment_snapshot". Stored rows follow: an unresolved failure keeps
showing on its moment's page (found by task name), and a schedule (none is made by a
migration, but a coordinator may have made one in the admin) keeps queueing a known name."""

from django.db import migrations

from steunpunt.core.schedules import rename_tasks

RENAMES = [
    (
        "steunpunt.dashboard.tasks.compute_moment_snapshot",
        "dashboard.tasks.compute_moment_snapshot",
    ),
]


def forwards(apps, schema_editor):
    rename_tasks(apps, RENAMES)


def backwards(apps, schema_editor):
    rename_tasks(apps, [(new, old) for old, new in RENAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("dashboard", "0002_value_scopes"),
        ("core", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
