"""The house's layers, checked on every import (function-level ones included, relative ones
resolved to the module they name), so no cycle between apps can grow:

- the core (steunpunt/core, steunpunt/accounts, and the core-side apps steunpunt/content and
  steunpunt/inbox) imports no feature app and not the dashboard; the core's base (core,
  accounts) does not import the core-side apps either;
- feature apps do not import each other (only pof builds on network) and never import the
  dashboard;
- the dashboard, the highest layer, reads the features only through the core's figure
  registry: it imports none of them.

A failure names the rule that broke, the file and what it imports.
"""

import ast
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FEATURE_APPS = ("campaigns", "matchmaking", "network", "pof", "infotools")
CORE_BASE = ("steunpunt.core", "steunpunt.accounts")
CORE_SIDE_APPS = ("steunpunt.content", "steunpunt.inbox")
CORE = CORE_BASE + CORE_SIDE_APPS
DASHBOARD = "dashboard"
ALLOWED = {("pof", "network")}
# Temporary modules written by the tests below; the scan of the tree leaves them alone, so a
# probe of one test run cannot fail another run's scan.
PROBE_PREFIX = "_architecture_probe_"


@dataclass(frozen=True)
class Rule:
    name: str
    sources: tuple[str, ...]  # the apps whose files the rule checks
    forbids: Callable[[str, str], bool]  # (the importing app, the imported app) -> broken?


RULES = [
    Rule(
        "the core imports no feature app",
        CORE,
        lambda source, target: target in FEATURE_APPS,
    ),
    Rule(
        "the core never imports the dashboard",
        CORE,
        lambda source, target: target == DASHBOARD,
    ),
    Rule(
        "the core's base never imports the core-side apps",
        CORE_BASE,
        lambda source, target: target in CORE_SIDE_APPS,
    ),
    Rule(
        "feature apps do not import each other (only pof builds on network)",
        FEATURE_APPS,
        lambda source, target: (
            target in FEATURE_APPS and target != source and (source, target) not in ALLOWED
        ),
    ),
    Rule(
        "features never import the dashboard",
        FEATURE_APPS,
        lambda source, target: target == DASHBOARD,
    ),
    Rule(
        "the dashboard reads features only through the figure registry",
        (DASHBOARD,),
        lambda source, target: target in FEATURE_APPS,
    ),
]


@dataclass(frozen=True)
class Violation:
    rule: Rule
    path: Path
    module: str

    def __str__(self) -> str:
        return (
            f"rule '{self.rule.name}' broken: {self.path.relative_to(ROOT).as_posix()} "
            f"imports {self.module}"
        )


def app_of(module: str) -> str | None:
    """The app (one of the layers above) a dotted module belongs to; None for anything else
    (the standard library, third-party packages, the project's wiring in steunpunt/)."""
    for app in (*CORE, DASHBOARD, *FEATURE_APPS):
        if module == app or module.startswith(app + "."):
            return app
    return None


def module_of(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, wherever the import stands (ast.walk sees function-level
    imports too); a relative import is resolved against the file's package."""
    module = module_of(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.add(node.module)
                continue
            parts = package.split(".") if package else []
            if node.level - 1 > len(parts):
                continue  # beyond the top-level package: Python refuses it anyway
            base = ".".join(parts[: len(parts) - (node.level - 1)])
            if node.module:
                names.add(f"{base}.{node.module}" if base else node.module)
            else:  # `from .. import services`: each name is a module of the package
                names.update(f"{base}.{alias.name}" if base else alias.name for alias in node.names)
    return names


def python_files(app: str) -> list[Path]:
    folder = ROOT / app.replace(".", "/")
    if not folder.exists():
        return []  # an app of the rule set not (yet) in this tree
    return sorted(
        p
        for p in folder.rglob("*.py")
        if "migrations" not in p.parts and not p.name.startswith(PROBE_PREFIX)
    )


def check(rules: Iterable[Rule] = RULES, files: Iterable[Path] | None = None) -> list[Violation]:
    """Every broken rule in the tree (or in the given files)."""
    found = []
    for rule in rules:
        paths = (
            [p for p in files if app_of(module_of(p)) in rule.sources]
            if files is not None
            else [p for app in rule.sources for p in python_files(app)]
        )
        for path in paths:
            source = app_of(module_of(path))
            for module in sorted(imported_modules(path)):
                target = app_of(module)
                if target is not None and rule.forbids(source, target):
                    found.append(Violation(rule, path, module))
    return found


@pytest.mark.parametrize("rule", RULES, ids=[rule.name for rule in RULES])
def test_no_rule_is_broken(rule):
    assert not check([rule]), "\n".join(map(str, check([rule])))


def test_the_rules_see_the_apps_of_the_tree():
    """A renamed or moved app would silently drop out of the check."""
    for app in (*CORE, DASHBOARD, *FEATURE_APPS):
        assert python_files(app), f"{app} has no Python files: is the rule set stale?"


# Probes: a temporary module with a forbidden import, checked by the same function.


@pytest.fixture
def probe():
    written: list[Path] = []

    def write(folder: str, source: str) -> Path:
        path = ROOT / folder / f"{PROBE_PREFIX}{secrets.token_hex(6)}.py"
        path.write_text(source)
        written.append(path)
        return path

    yield write
    for path in written:
        path.unlink(missing_ok=True)


def test_a_pof_module_importing_the_dashboard_breaks_exactly_that_rule(probe):
    path = probe("pof", "from dashboard.public import frozen_annex\n")
    found = check(files=[path])
    assert [str(v) for v in found] == [
        f"rule 'features never import the dashboard' broken: pof/{path.name} imports "
        "dashboard.public"
    ]


def test_a_function_level_import_is_seen_too(probe):
    path = probe("network", "def later():\n    from matchmaking import figures\n")
    assert [(v.rule.name, v.module) for v in check(files=[path])] == [
        ("feature apps do not import each other (only pof builds on network)", "matchmaking")
    ]


def test_a_relative_import_inside_a_package_is_resolved_and_breaks_its_rule(probe):
    path = probe("steunpunt/core", "def later():\n    from ..inbox import services\n")
    assert [str(v) for v in check(files=[path])] == [
        "rule 'the core's base never imports the core-side apps' broken: "
        f"steunpunt/core/{path.name} imports steunpunt.inbox"
    ]


def test_relative_imports_within_an_app_break_nothing(probe):
    path = probe("pof", "from . import selectors\nfrom .models import ProgrammatieRequest\n")
    assert imported_modules(path) == {"pof.selectors", "pof.models"}
    assert check(files=[path]) == []
