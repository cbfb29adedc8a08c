"""The rooms of campaigns/: one package per tool, the same file names in every tool.

A newcomer looking for "the kit" opens campaigns/kit/; what used to be `kit_services.py` beside
forty other flat files is `kit/services.py`. These tests fail when a flat module comes back.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CAMPAIGNS = ROOT / "campaigns"

TOOLS = {"campaign", "orders", "kit", "folders", "calendar", "qr", "mailings"}
# The only modules at campaigns' top level (STYLE.md: apps with several tools).
TOP_LEVEL_MODULES = {"__init__.py", "apps.py", "admin.py", "urls.py", "tasks.py"}
TOP_LEVEL_PACKAGES = {"models", "migrations", "management", "initial", *TOOLS}
# The rooms a tool package may have. Work modules hold what a task runs (tasks -> work).
ROOMS = {
    "__init__",
    "views",
    "forms",
    "filters",
    "services",
    "selectors",
    "access",
    "urls",
    "tasks",
    "figures",
    "pdf",
    "export",
    "admin",
    "sitemaps",
    "ics",
    "content",
}
WORK_MODULES = {"build", "reminders"}
# Pieces every tool uses, in the campaign package only.
SHARED_CAMPAIGN_MODULES = {"permissions", "recipients"}

LAYERS = "|".join(sorted(ROOMS - {"__init__"} | WORK_MODULES | {"tasks"}))
FLAT_TOOL_MODULE = re.compile(rf"^([a-z]+_({LAYERS})|admin_[a-z]+)\.py$")


def tool_modules():
    for tool in sorted(TOOLS):
        for path in sorted((CAMPAIGNS / tool).glob("*.py")):
            yield tool, path


def test_the_top_level_of_campaigns_holds_only_the_app_modules_and_packages():
    unexpected = []
    for path in CAMPAIGNS.iterdir():
        if path.name == "__pycache__" or path.name.startswith("."):
            continue
        if path.is_dir():
            if path.name not in TOP_LEVEL_PACKAGES:
                unexpected.append(f"{path.name}/")
        elif path.suffix == ".py":
            if path.name not in TOP_LEVEL_MODULES:
                unexpected.append(path.name)
    assert unexpected == [], (
        "Put a tool's code in its package (campaigns/<tool>/<room>.py), not at the top level"
    )


def test_every_tool_has_its_package():
    missing = [tool for tool in sorted(TOOLS) if not (CAMPAIGNS / tool / "__init__.py").is_file()]
    assert missing == []


def test_no_tool_layer_module_is_left():
    flat = [
        str(path.relative_to(ROOT))
        for path in CAMPAIGNS.rglob("*.py")
        if "migrations" not in path.parts and FLAT_TOOL_MODULE.match(path.name)
    ]
    assert flat == [], "<tool>_<layer>.py becomes <tool>/<layer>.py"


def test_the_tool_packages_use_the_same_room_names():
    odd = []
    for tool, path in tool_modules():
        allowed = ROOMS | WORK_MODULES
        if tool == "campaign":
            allowed = allowed | SHARED_CAMPAIGN_MODULES
        if path.stem not in allowed:
            odd.append(f"{tool}/{path.name}")
    assert odd == []


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _calls_registry_register(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "register"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "registry"
        ):
            return True
    return False


def test_figures_are_registered_from_each_tools_figures_module_only():
    registering = {
        str(path.relative_to(CAMPAIGNS))
        for path in CAMPAIGNS.rglob("*.py")
        if "migrations" not in path.parts and _calls_registry_register(_tree(path))
    }
    elsewhere = {name for name in registering if Path(name).name != "figures.py"}
    assert elsewhere == set()
    # The figures of the tools are there (a rename of figures.py would empty this).
    assert {f"{tool}/figures.py" for tool in ("campaign", "orders", "kit", "folders", "qr")} <= (
        registering
    )


def test_access_helpers_live_in_the_access_modules():
    """STYLE.md: one get_<obj>_for_user per model, in the tool's access.py (no selector holds
    an access rule)."""
    helper = re.compile(r"^(get_\w+_for_user|\w+_for_user)$")
    misplaced = [
        f"{tool}/{path.name}: {node.name}"
        for tool, path in tool_modules()
        if path.stem != "access"
        for node in _tree(path).body
        if isinstance(node, ast.FunctionDef) and helper.match(node.name)
    ]
    assert misplaced == []


def _imports(tree: ast.Module, *, function_level: bool):
    """(module, names) of the relative imports, at module level or inside functions."""
    scopes = (
        [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        if function_level
        else [tree]
    )
    for scope in scopes:
        body = ast.walk(scope) if function_level else iter(scope.body)
        for node in body:
            if isinstance(node, ast.ImportFrom) and node.level:
                yield node.module or "", {alias.name for alias in node.names}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_background_work_imports_run_one_way(tool):
    """views -> services -> tasks -> work: a task module never imports the services, and no
    services or tasks module hides an import of the other inside a function."""
    tasks, services = CAMPAIGNS / tool / "tasks.py", CAMPAIGNS / tool / "services.py"
    if tasks.exists():
        tree = _tree(tasks)
        for function_level in (False, True):
            for module, names in _imports(tree, function_level=function_level):
                assert module != "services" and "services" not in names, tasks
    if services.exists():
        for module, names in _imports(_tree(services), function_level=True):
            assert module != "tasks" and "tasks" not in names, services


def test_the_app_tasks_module_re_exports_every_tool_task():
    """Celery's autodiscovery imports campaigns.tasks only: every task of a tool is there."""
    from celery import Task

    import campaigns.tasks

    for tool in sorted(TOOLS):
        if not (CAMPAIGNS / tool / "tasks.py").exists():
            continue
        module = __import__(f"campaigns.{tool}.tasks", fromlist=["*"])
        tasks = {name for name, value in vars(module).items() if isinstance(value, Task)}
        assert tasks, f"campaigns/{tool}/tasks.py defines no task: drop the module"
        for name in tasks:
            task = getattr(module, name)
            assert task.name == f"campaigns.{tool}.tasks.{name}"
            assert getattr(campaigns.tasks, name, None) is task, name
