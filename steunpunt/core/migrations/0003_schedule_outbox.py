from django.db import migrations

from steunpunt.core.schedules import schedule_periodic_task, unschedule_periodic_task

NAME = "Outbox: wachtende e-mails versturen"
TASK = "steunpunt.core.tasks.dispatch_outbox"


def schedule(apps, schema_editor):
    # Retries with back-off and rows released from a dead worker are picked up here.
    schedule_periodic_task(
        apps,
        name=NAME,
        task=TASK,
        minute="*",
        description="Verstuurt e-mails uit de outbox die klaarstaan (ook nieuwe pogingen).",
    )


def unschedule(apps, schema_editor):
    unschedule_periodic_task(apps, name=NAME, task=TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_outbox"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
