"""The house's rooms: the core never imports a feature app, feature apps never import each other
(only pof may build on network), so no cycle between apps can grow."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FEATURE_APPS = {"campaigns", "infotools", "matchmaking", "network", "pof"}
CORE_SIDE_APPS = {"steunpunt.content", "steunpunt.inbox", "steunpunt.dashboard"}
ALLOWED = {("pof", "network")}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def top(module: str) -> str:
    for app in CORE_SIDE_APPS:
        if module == app or module.startswith(app + "."):
            return app
    return module.split(".")[0]


def python_files(folder: str):
    return [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]


@pytest.mark.parametrize("folder", ["steunpunt/core", "steunpunt/accounts"])
def test_the_core_imports_no_feature_app(folder):
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in python_files(folder)
        for module in imported_modules(path)
        if top(module) in FEATURE_APPS | CORE_SIDE_APPS
    ]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("app", sorted(FEATURE_APPS))
def test_feature_apps_do_not_import_each_other(app):
    offenders = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in python_files(app)
        for module in imported_modules(path)
        if top(module) in FEATURE_APPS - {app} and (app, top(module)) not in ALLOWED
    ]
    assert not offenders, "\n".join(offenders)
