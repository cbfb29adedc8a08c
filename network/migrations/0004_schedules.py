"""Schedule the daily reminders and the purge of old event registrations."""

from django.db import migrations

from steunpunt.core.schedules import schedule_periodic_task, unschedule_periodic_task

TASKS = [
    (
        "network.tasks.send_meeting_reminders",
        "Herinneringen voor vergaderingen versturen",
        "8",
        "Elke ochtend: wie op een uitnodiging nog niet antwoordde, krijgt enkele dagen voor de "
        "vergadering één herinnering (NETWORK_REMINDER_DAYS).",
    ),
    (
        "network.tasks.purge_event_registrations",
        "Oude inschrijvingen voor activiteiten wissen",
        "3",
        "Elke nacht: wist de inschrijvingen van activiteiten die langer dan "
        "NETWORK_EVENT_RETENTION_MONTHS voorbij zijn; het aantal blijft bewaard.",
    ),
]


def schedule(apps, schema_editor):
    for task, name, hour, description in TASKS:
        schedule_periodic_task(
            apps, name=name, task=task, minute="15", hour=hour, description=description
        )


def unschedule(apps, schema_editor):
    for task, name, _hour, _description in TASKS:
        unschedule_periodic_task(apps, name=name, task=task)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0003_event_registered_count"),
        ("core", "0003_schedule_outbox"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
