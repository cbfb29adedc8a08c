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

from steunpunt.core.schedules import rename_tasks

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


def forwards(apps, schema_editor):
    rename_tasks(
        apps, [(old, new) for new, (stored, others) in RENAMED.items() for old in (stored, *others)]
    )


def backwards(apps, schema_editor):
    rename_tasks(apps, [(new, stored) for new, (stored, _others) in RENAMED.items()])


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0006_agreement_end_index"),
        ("core", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
