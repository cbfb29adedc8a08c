"""The network app's rooms: one package per tool (meetings, events, practices), the models in
one package, and at the top only what Django and Celery look for there. The tasks are named
after the tool's module, and the stored schedules use those names."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django_celery_beat.models import PeriodicTask

import network

pytestmark = pytest.mark.django_db

APP = Path(network.__file__).resolve().parent
TOP_LEVEL_MODULES = {"__init__.py", "apps.py", "admin.py", "urls.py", "tasks.py"}
PACKAGES = {"models", "migrations", "meetings", "events", "practices"}
TASKS = {
    "network.meetings.tasks.send_meeting_reminders",
    "network.events.tasks.purge_event_registrations",
}


def test_the_top_level_holds_only_the_allowed_modules_and_the_packages():
    modules = {p.name for p in APP.glob("*.py")}
    folders = {p.name for p in APP.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert modules <= TOP_LEVEL_MODULES, f"move {sorted(modules - TOP_LEVEL_MODULES)} into a tool"
    assert folders == PACKAGES
    assert all((APP / folder / "__init__.py").exists() for folder in folders)


@pytest.mark.parametrize("tool", ["meetings", "events", "practices"])
def test_each_tool_has_its_urls_and_views(tool):
    for room in ("urls", "views"):
        importlib.import_module(f"network.{tool}.{room}")


def test_no_task_module_imports_a_services_module():
    """Background work runs one way (services → tasks → work): a task never imports services."""
    import ast

    offenders = []
    for path in APP.rglob("tasks.py"):
        package = ".".join(path.relative_to(APP.parent).with_suffix("").parts[:-1])
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level else ""
                module = ".".join(filter(None, [base, node.module]))
                names = [f"{module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            offenders += [n for n in names if "services" in n.split(".")]
    assert not offenders


def test_the_app_tasks_module_registers_every_tool_task_under_its_module_name():
    from steunpunt.celery import app

    tasks = importlib.import_module("network.tasks")
    assert {task.name for task in map(tasks.__dict__.get, tasks.__all__)} == TASKS
    assert TASKS <= set(app.tasks)


def test_the_stored_schedules_use_the_new_names():
    stored = set(
        PeriodicTask.objects.filter(task__startswith="network.").values_list("task", flat=True)
    )
    assert stored == TASKS


def test_the_migration_renames_schedules_stored_under_the_old_names():
    """A database of before this change holds the old names: they are renamed, and back."""
    migration = importlib.import_module("network.migrations.0005_task_names_per_tool")
    for old, new in migration.RENAMES:
        PeriodicTask.objects.filter(task=new).update(task=old)
    old_names = {old for old, _new in migration.RENAMES}
    assert set(PeriodicTask.objects.values_list("task", flat=True)) >= old_names

    migration.forwards(apps, None)
    stored = set(PeriodicTask.objects.values_list("task", flat=True))
    assert stored >= TASKS and not stored & old_names

    migration.backwards(apps, None)
    stored = set(PeriodicTask.objects.values_list("task", flat=True))
    assert stored >= old_names and not stored & TASKS
