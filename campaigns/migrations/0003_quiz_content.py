"""De Duale Quiz for a fresh install, and the cleanup of expired class sessions every 15 min."""

from django.db import migrations

TASK = "campaigns.tasks.delete_expired_quiz_sessions"
NAME = "Verlopen klassessies van De Duale Quiz opruimen"


def load_quiz(apps, schema_editor):
    from campaigns.quiz_services import load_initial_quizzes

    load_initial_quizzes(
        quiz_model=apps.get_model("campaigns", "Quiz"),
        question_model=apps.get_model("campaigns", "QuizQuestion"),
        answer_model=apps.get_model("campaigns", "QuizAnswer"),
    )


def schedule(apps, schema_editor):
    from django.utils import timezone

    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="*/15",
        hour="*",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Brussels",
    )
    PeriodicTask.objects.update_or_create(
        name=NAME,
        defaults={
            "task": TASK,
            "crontab": crontab,
            "enabled": True,
            "description": "Verwijdert klassessies na QUIZ_SESSION_HOURS, met bijnamen en "
            "antwoorden; de anonieme tellingen per antwoord blijven.",
        },
    )
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unschedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAME, task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_selftest"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(load_quiz, migrations.RunPython.noop),
        migrations.RunPython(schedule, unschedule),
    ]
