"""De Duale Quiz for a fresh install, and the cleanup of expired class sessions every 15 min."""

from django.db import migrations

from steunpunt.core.schedules import schedule_periodic_task, unschedule_periodic_task

# The name of the task in those days; infotools 0002 renames the row to the task's new name.
TASK = "campaigns.tasks.delete_expired_quiz_sessions"
NAME = "Verlopen klassessies van De Duale Quiz opruimen"


def load_quiz(apps, schema_editor):
    # The loader moved with the quiz to infotools; here it fills the historical models.
    from infotools.quiz.services import load_initial_quizzes

    load_initial_quizzes(
        quiz_model=apps.get_model("campaigns", "Quiz"),
        question_model=apps.get_model("campaigns", "QuizQuestion"),
        answer_model=apps.get_model("campaigns", "QuizAnswer"),
    )


def schedule(apps, schema_editor):
    schedule_periodic_task(
        apps,
        name=NAME,
        task=TASK,
        minute="*/15",
        description="Verwijdert klassessies na QUIZ_SESSION_HOURS, met bijnamen en "
        "antwoorden; de anonieme tellingen per antwoord blijven.",
    )


def unschedule(apps, schema_editor):
    unschedule_periodic_task(apps, name=NAME, task=TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0002_selftest"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(load_quiz, migrations.RunPython.noop),
        migrations.RunPython(schedule, unschedule),
    ]
