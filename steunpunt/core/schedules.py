"""Periodic jobs that must exist on a fresh install, created from data migrations.

    def schedule(apps, schema_editor):
        schedule_periodic_task(apps, name=..., task="app.tasks.job", minute="0", hour="3")

Beat uses the database scheduler (django-celery-beat), so coordinators can see, pause or
reschedule each job in the admin; these helpers only make sure it is there.
"""

from django.utils import timezone

TIME_ZONE = "Europe/Brussels"


def schedule_periodic_task(
    apps, *, name: str, task: str, minute: str, hour: str = "*", description: str = ""
) -> None:
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute=minute,
        hour=hour,
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=TIME_ZONE,
    )
    PeriodicTask.objects.update_or_create(
        name=name,
        defaults={"task": task, "crontab": crontab, "enabled": True, "description": description},
    )
    # Tell a running beat that the schedule changed (what PeriodicTasks.changed() does).
    PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})


def unschedule_periodic_task(apps, *, name: str, task: str) -> None:
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name=name, task=task
    ).delete()


def rename_tasks(apps, renames) -> None:
    """A task moved to another module, so Celery knows it by another name: every stored row
    that names it follows, the beat schedules (found by task, so one a coordinator renamed in
    the admin follows too) and the recorded job failures (found by task name on the pages that
    show them). `renames` is a list of (old, new) pairs; several old names may share one new.
    Tells a running beat that the schedule changed when a schedule did."""
    JobFailure = apps.get_model("core", "JobFailure")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTasks = apps.get_model("django_celery_beat", "PeriodicTasks")
    changed = 0
    for old, new in renames:
        JobFailure.objects.filter(task_name=old).update(task_name=new)
        changed += PeriodicTask.objects.filter(task=old).update(task=new)
    if changed:  # what PeriodicTasks.changed() does
        PeriodicTasks.objects.update_or_create(ident=1, defaults={"last_update": timezone.now()})
