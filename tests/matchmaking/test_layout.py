"""The rooms of matchmaking: one package per tool, a pure engine, background work one way.

Each rule is a function of a folder, checked on the real app and, to show that it can fail, on a
small tree made in a temporary folder with the mistake in it.
"""

import ast
import re
from pathlib import Path

import pytest
from django_celery_beat.models import PeriodicTask

import matchmaking
from steunpunt.celery import app as celery_app

APP = Path(matchmaking.__file__).resolve().parent
TOP_MODULES = {"__init__.py", "apps.py", "admin.py", "urls.py", "tasks.py"}
PACKAGES = {
    "models",
    "migrations",
    "management",
    "engine",
    "common",
    "demo",
    "learners",
    "runs",
    "companies",
    "candidates",
    "public",
    "lists",
}
LAYERS = (
    "views|forms|filters|services|selectors|access|urls|tasks|figures|pdf|export|admin|sitemaps"
)
FLAT_LAYER_FILE = re.compile(rf"^[a-z]+_({LAYERS})\.py$")


def top_level_offenders(root: Path) -> list[str]:
    offenders = []
    for entry in sorted(root.iterdir()):
        if entry.name == "__pycache__" or entry.name.startswith("."):
            continue
        if entry.is_dir():
            if entry.name not in PACKAGES:
                offenders.append(f"{entry.name}/: not one of {sorted(PACKAGES)}")
            elif not (entry / "__init__.py").exists():
                offenders.append(f"{entry.name}/: no __init__.py")
        elif entry.suffix == ".py" and entry.name not in TOP_MODULES:
            offenders.append(f"{entry.name}: only {sorted(TOP_MODULES)} sit at the top level")
    return offenders


def flat_layer_files(root: Path) -> list[str]:
    return sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and FLAT_LAYER_FILE.match(path.name)
    )


def _imports(path: Path):
    """(module, level, inside_a_function) of every import of a file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, 0, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                module = child.module or ""
                if not module:  # from . import a, b
                    found.extend((alias.name, child.level, in_function) for alias in child.names)
                else:
                    found.append((module, child.level, in_function))
                    found.extend(
                        (f"{module}.{alias.name}", child.level, in_function)
                        for alias in child.names
                    )
            visit(child, nested)

    visit(tree, False)
    return found


def impure_engine_imports(engine: Path) -> list[str]:
    """The engine imports neither Django, nor the project, nor any other matchmaking package."""
    offenders = []
    for path in sorted(engine.rglob("*.py")):
        for module, level, _in_function in _imports(path):
            first = module.split(".")[0]
            depth = len(path.relative_to(engine).parts)  # 1 for engine/x.py
            leaves_engine = level > depth
            if first in ("django", "steunpunt", "matchmaking") or leaves_engine:
                dots = "." * level
                offenders.append(f"{path.relative_to(engine)} imports {dots}{module}")
    return offenders


def services_tasks_offenders(root: Path) -> list[str]:
    """No tasks module imports a services module; no function-level import between the two."""
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or path.stem not in ("services", "tasks"):
            continue
        other = "tasks" if path.stem == "services" else "services"
        for module, _level, in_function in _imports(path):
            if module.split(".")[-1] != other:
                continue
            where = str(path.relative_to(root))
            if path.stem == "tasks":
                offenders.append(f"{where} imports {module}: tasks run the work, not the service")
            elif in_function:
                offenders.append(f"{where} imports {module} inside a function")
    return offenders


# --- the real app ----------------------------------------------------------------------------


def test_the_top_level_holds_only_the_allowed_modules_and_packages():
    assert top_level_offenders(APP) == []


def test_no_tool_layer_file_is_left_flat():
    assert flat_layer_files(APP) == []


def test_the_engine_stays_pure():
    assert impure_engine_imports(APP / "engine") == []


def test_background_work_runs_one_way():
    assert services_tasks_offenders(APP) == []


def test_every_tool_queues_its_task_from_a_module_level_import():
    services = (APP / "runs" / "services.py").read_text()
    assert "from .tasks import run_matching_task" in services
    # The portal's task base sends it after the commit (steunpunt.celery.PortalTask).
    assert "run_matching_task.delay(run.pk)" in services


def test_task_names_follow_their_module():
    celery_app.loader.import_default_modules()
    names = sorted(name for name in celery_app.tasks if name.startswith("matchmaking."))
    assert names == [
        "matchmaking.companies.tasks.watch_recognitions",
        "matchmaking.learners.tasks.anonymise_old_learners",
        "matchmaking.runs.tasks.run_matching_task",
    ]
    for name in names:
        task = celery_app.tasks[name]
        assert name == f"{task.run.__module__}.{task.run.__name__}"


@pytest.mark.django_db
def test_every_stored_schedule_names_a_registered_task():
    celery_app.loader.import_default_modules()
    stored = set(
        PeriodicTask.objects.filter(task__startswith="matchmaking.").values_list("task", flat=True)
    )
    assert stored == {
        "matchmaking.companies.tasks.watch_recognitions",
        "matchmaking.learners.tasks.anonymise_old_learners",
    }
    assert stored <= set(celery_app.tasks)


# --- the rules can fail ----------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "matchmaking"
    for package in ("engine", "runs"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
    for name in TOP_MODULES:
        (root / name).write_text("")
    return root


def test_a_clean_tree_passes(tree):
    (tree / "engine" / "solve.py").write_text("import numpy as np\nfrom .problem import P\n")
    (tree / "runs" / "services.py").write_text("from .tasks import run\n")
    (tree / "runs" / "tasks.py").write_text("from . import work\n")
    assert top_level_offenders(tree) == []
    assert flat_layer_files(tree) == []
    assert impure_engine_imports(tree / "engine") == []
    assert services_tasks_offenders(tree) == []


def test_a_module_at_the_top_level_fails(tree):
    (tree / "services.py").write_text("")
    (tree / "helpers").mkdir()
    assert top_level_offenders(tree) == [
        "helpers/: not one of " + str(sorted(PACKAGES)),
        "services.py: only " + str(sorted(TOP_MODULES)) + " sit at the top level",
    ]


def test_a_flat_tool_layer_file_fails_anywhere(tree):
    (tree / "runs" / "runs_views.py").write_text("")
    (tree / "public_urls.py").write_text("")
    assert flat_layer_files(tree) == ["public_urls.py", "runs/runs_views.py"]


@pytest.mark.parametrize(
    "source, offender",
    [
        ("from django.db import models\n", "solve.py imports django.db"),
        ("import django\n", "solve.py imports django"),
        ("from matchmaking.runs import capacity\n", "solve.py imports matchmaking.runs"),
        ("from ..runs import capacity\n", "solve.py imports ..runs"),
        ("from .. import models\n", "solve.py imports ..models"),
        ("def f():\n    from steunpunt.core import models\n", "solve.py imports steunpunt.core"),
    ],
)
def test_an_impure_engine_import_fails(tree, source, offender):
    (tree / "engine" / "solve.py").write_text(source)
    assert offender in impure_engine_imports(tree / "engine")


def test_a_tasks_module_importing_its_services_fails(tree):
    (tree / "runs" / "tasks.py").write_text("from . import services\n")
    assert services_tasks_offenders(tree) == [
        "runs/tasks.py imports services: tasks run the work, not the service"
    ]


def test_a_function_level_import_of_the_tasks_fails(tree):
    (tree / "runs" / "services.py").write_text(
        "def start():\n    from .tasks import run_matching_task\n"
    )
    assert services_tasks_offenders(tree) == ["runs/services.py imports tasks inside a function"]
