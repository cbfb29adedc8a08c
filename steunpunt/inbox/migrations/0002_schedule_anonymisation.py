"""Schedule the daily anonymisation (03:00 Europe/Brussels) so a fresh install has it."""

from django.db import migrations

from steunpunt.core.schedules import schedule_periodic_task, unschedule_periodic_task

TASK = "steunpunt.inbox.tasks.anonymise_old_questions"
NAME = "Vragen anonimiseren na de bewaartermijn"


def schedule(apps, schema_editor):
    schedule_periodic_task(
        apps,
        name=NAME,
        task=TASK,
        minute="0",
        hour="3",
        description="Anonimiseert de persoonsgegevens van vragen ouder dan "
        "INBOX_RETENTION_MONTHS (zie steunpunt.inbox.services).",
    )


def unschedule(apps, schema_editor):
    unschedule_periodic_task(apps, name=NAME, task=TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("inbox", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
