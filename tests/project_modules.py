"""The project's own code, found from the tree, so a new app is covered without editing a list.

A project package is `steunpunt` and every top-level folder with an `apps.py` (campaigns,
matchmaking, network, pof, and whatever app comes next: infotools, dashboard, ...).
"""

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = {"migrations", "__pycache__", "templates", "static", "node_modules"}


def project_packages() -> list[str]:
    names = {"steunpunt"}
    names.update(apps_py.parent.name for apps_py in ROOT.glob("*/apps.py"))
    return sorted(name for name in names if (ROOT / name / "__init__.py").exists())


def project_modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the project packages (migrations left out)."""
    modules = {}
    for package in project_packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if SKIPPED_FOLDERS.intersection(parts):
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def import_every_module() -> None:
    for name in project_modules():
        importlib.import_module(name)


def project_tasks() -> dict:
    """Task name -> task object of every Celery task the project's modules define."""
    from steunpunt.celery import app

    import_every_module()
    roots = set(project_packages())
    return {
        name: task
        for name, task in app.tasks.items()
        if type(task).__module__.split(".")[0] in roots
    }
