"""The nightly matchmaking jobs follow their tasks into the tool packages.

Celery names a task after its module, so `matchmaking.recognition_tasks.watch_recognitions`
became `matchmaking.companies.tasks.watch_recognitions` and the anonymisation became
`matchmaking.learners.tasks.anonymise_old_learners`. The anonymisation was stored by 0004 as
`matchmaking.tasks.anonymise_old_learners`, a name no worker registers (the task lived in
`matchmaking.privacy_tasks`): both old names move to the new one. Rows are found by task, not
by name, so a schedule a coordinator renamed in the admin follows too. Reversed, each row gets
back the name its own migration stored, so 0002 and 0004 can remove them again.
"""

from django.db import migrations
from django.utils import timezone

# new name -> (the name the migration that made the row stored, other old names)
RENAMED = {
    "matchmaking.companies.tasks.watch_recognitions": (
        "matchmaking.recognition_tasks.watch_recognitions",
        (),
    ),
    "matchmaking.learners.tasks.anonymise_old_learners": (
        "matchmaking.tasks.anonymise_old_learners",
        ("matchmaking.privacy_tasks.anonymise_old_learners",),
    ),
}


def _changed(apps):
    # Tell a running beat that the schedule changed (what PeriodicTasks.changed() does).
    apps.get_model("django_celery_beat", "PeriodicTasks").objects.update_or_create(
        ident=1, defaults={"last_update": timezone.now()}
    )


def forwards(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for new, (stored, others) in RENAMED.items():
        PeriodicTask.objects.filter(task__in=(stored, *others)).update(task=new)
    _changed(apps)


def backwards(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for new, (stored, _others) in RENAMED.items():
        PeriodicTask.objects.filter(task=new).update(task=stored)
    _changed(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0006_agreement_end_index"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
