"""One way to run background work: views → services → tasks → the work.

A services module queues tasks, so it may import a tasks module, at the top; a services ↔ tasks
circle hidden in a function-level import is a design bug. A tasks module calls the work of its
tool and never the services that queued it. And every task is built on the portal's task base
(steunpunt.celery.PortalTask). Checked over every project package, found from the tree.
"""

import ast

import pytest

from steunpunt.celery import PortalTask
from tests.project_modules import ROOT, project_modules, project_tasks

# Exceptions to the rules below, each with its reason. There are none: every app follows them.
# An entry that no longer offends fails `test_the_allow_lists_hold_only_live_offences`.
ALLOWED_IMPORTS: set[str] = set()
NOT_YET_ON_THE_BASE: set[str] = set()


def _kind(module: str, suffix: str) -> bool:
    """`module` is a services (or tasks) module: `x.services`, `x.kit_services`, or inside a
    `services` package."""
    parts = module.split(".")
    return parts[-1] == suffix or parts[-1].endswith("_" + suffix) or suffix in parts[1:-1]


def is_services(module: str) -> bool:
    return _kind(module, "services")


def is_tasks(module: str) -> bool:
    return _kind(module, "tasks")


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, path) -> list[tuple[str, bool]]:
    """(imported module, inside a function) for every import of one file; `from x import y`
    yields both x and x.y (y may be a module)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(module, path.name == "__init__.py", child)
                found.append((base, in_function))
                found.extend((f"{base}.{alias.name}", in_function) for alias in child.names)
            visit(child, inside)

    visit(tree, False)
    return found


def offences() -> set[str]:
    found = set()
    modules = project_modules()
    for module, path in modules.items():
        for imported, in_function in imports_of(module, path):
            if imported == module or imported not in modules:  # a name, not a module of ours
                continue
            if is_tasks(module) and is_services(imported):
                found.add(f"{module} imports {imported}")
            elif is_services(module) and is_tasks(imported) and in_function:
                found.add(f"{module} imports {imported} inside a function")
    return found


def test_the_checker_sees_both_kinds_of_offence(tmp_path):
    """The rules on a made-up app, so a checker that finds nothing cannot pass by accident."""
    (tmp_path / "services.py").write_text("def queue():\n    from .tasks import job\n")
    (tmp_path / "tasks.py").write_text("from . import services\nfrom .work import make\n")
    (tmp_path / "views.py").write_text("from .services import queue\n")
    assert imports_of("app.services", tmp_path / "services.py") == [
        ("app.tasks", True),
        ("app.tasks.job", True),
    ]
    tasks_imports = imports_of("app.tasks", tmp_path / "tasks.py")
    assert ("app.services", False) in tasks_imports and ("app.work", False) in tasks_imports
    assert is_services("campaigns.kit_services") and is_services("campaigns.kit.services")
    assert is_tasks("campaigns.folders.tasks") and not is_tasks("steunpunt.core.taskbar")


def test_no_services_tasks_circle_and_tasks_never_import_services():
    new = sorted(offences() - ALLOWED_IMPORTS)
    assert not new, (
        "Imports run one way: views → services → tasks → the work. A services module imports "
        "its tasks at the top; a tasks module calls the work, never the services:\n"
        + "\n".join(new)
    )


def test_every_task_is_built_on_the_portal_base():
    off_base = sorted(
        name
        for name, task in project_tasks().items()
        if not isinstance(task, PortalTask) and name not in NOT_YET_ON_THE_BASE
    )
    assert not off_base, (
        "Every task uses steunpunt.celery.PortalTask (`@portal_task` or "
        "`@shared_task(base=PortalTask)`): " + ", ".join(off_base)
    )


def test_the_allow_lists_hold_only_live_offences():
    tasks = project_tasks()
    stale = sorted(ALLOWED_IMPORTS - offences()) + sorted(
        name
        for name in NOT_YET_ON_THE_BASE
        if name not in tasks or isinstance(tasks[name], PortalTask)
    )
    assert not stale, (
        f"Fixed or moved: take these out of the allow-lists in {__name__}:\n" + "\n".join(stale)
    )


@pytest.mark.parametrize("module", ["pof.services", "pof.tasks", "steunpunt.inbox.tasks"])
def test_the_converted_apps_keep_one_direction(module):
    path = project_modules()[module]
    assert path.is_relative_to(ROOT)
    assert not [o for o in offences() if o.startswith(module + " ")]
