"""Every package the running portal imports is a declared, pinned runtime dependency.

The production image installs requirements/base.txt only, so a package that the code imports
but that arrives only through a development tool (as PyYAML once did through djlint) would
work in every test run and fail in production. The code is read with ast, not imported, so an
import inside a function counts too.
"""

import ast
import fnmatch
import sys
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
DEV_ONLY_TOOLS = {"pytest", "playwright", "ruff", "djlint"}


@cache
def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def own_top_level_names():
    """Every importable name the repository itself provides (packages and top-level modules)."""
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    modules = {path.stem for path in ROOT.glob("*.py")}
    return packages | modules


def project_packages():
    """The packages that ship (pyproject's setuptools `include` patterns), tests not among them."""
    patterns = pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    names = sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if any(fnmatch.fnmatch(path.parent.name, pattern) for pattern in patterns)
    )
    assert names, "no project package found from pyproject's include patterns"
    return names


def runtime_files():
    for package in project_packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name.startswith("test_") or "tests" in path.relative_to(ROOT).parts:
                continue
            yield path
    yield ROOT / "manage.py"


def imported_top_level_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.partition(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.partition(".")[0]


@cache
def third_party_imports():
    """{top-level module name: [files importing it]} for what is neither stdlib nor our own
    (read once for the tests of this module)."""
    own = own_top_level_names()
    found = {}
    for path in runtime_files():
        for name in imported_top_level_names(path):
            if name in sys.stdlib_module_names or name in own or name == "__future__":
                continue
            found.setdefault(name, []).append(str(path.relative_to(ROOT)))
    return found


def pins(filename):
    """Canonical names pinned in a requirements file (its own lines, not what it includes)."""
    names = set()
    for line in (REQUIREMENTS / filename).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        names.add(canonicalize_name(Requirement(line).name))
    return names


def declared_runtime_dependencies():
    return {canonicalize_name(Requirement(r).name) for r in pyproject()["project"]["dependencies"]}


def test_the_scan_sees_the_runtime_code():
    files = [str(path.relative_to(ROOT)) for path in runtime_files()]
    assert "steunpunt/settings.py" in files
    assert not any(part == "tests" for f in files for part in Path(f).parts)
    imports = third_party_imports()
    # Imports the portal is known to make: if the scan missed them it would prove nothing.
    assert {"django", "celery", "yaml", "weasyprint"} <= set(imports)
    assert "steunpunt" not in imports and "os" not in imports


def test_dev_txt_builds_on_base_txt():
    lines = (REQUIREMENTS / "dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r base.txt" in lines
    both = pins("base.txt") & pins("dev.txt")
    assert not both, f"pinned in both base.txt and dev.txt: {sorted(both)}"


def test_every_imported_package_is_a_declared_runtime_dependency():
    distributions = metadata.packages_distributions()
    base, dev = pins("base.txt"), pins("dev.txt")
    declared = declared_runtime_dependencies()
    problems = []
    for module, files in sorted(third_party_imports().items()):
        where = f"{module} (imported in {files[0]}"
        where += f" and {len(files) - 1} more)" if len(files) > 1 else ")"
        names = {canonicalize_name(d) for d in distributions.get(module, [])}
        if not names:
            problems.append(f"{where}: no installed distribution provides it")
            continue
        if not names & base:
            only_dev = " (only in requirements/dev.txt)" if names & dev else ""
            problems.append(f"{where}: {sorted(names)} not pinned in base.txt{only_dev}")
        if not names & declared:
            problems.append(f"{where}: {sorted(names)} not in pyproject's dependencies")
    assert not problems, "\n".join(problems)


def test_the_runtime_set_has_no_development_tool():
    base = pins("base.txt")
    assert not base & DEV_ONLY_TOOLS, sorted(base & DEV_ONLY_TOOLS)
    assert DEV_ONLY_TOOLS <= pins("dev.txt")
