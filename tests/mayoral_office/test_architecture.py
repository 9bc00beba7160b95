"""The shape of docs/architecture.md, checked: the core never imports an app; no import circles in the places that
had them; no app source file over 600 lines; no view over 25 lines."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ["casework", "diary", "briefings", "decisions", "procurement"]
CORE = ROOT / "mayoral_office"


def _sources(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at module level or inside a function: (line, dotted name)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def test_no_module_of_the_core_imports_an_app():
    offences = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in _sources(CORE)
        for line, module in _imported_modules(path)
        if module.split(".")[0] in APPS
    ]
    assert offences == [], "The core reaches apps only through mayoral_office.registry:\n" + "\n".join(offences)


def test_the_architecture_check_would_see_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from casework.selectors import queue\n    return queue\n")
    assert (2, "casework.selectors") in _imported_modules(sample)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("casework/models.py", "casework/selectors.py"),
        ("mayoral_office/services.py", "mayoral_office/tasks.py"),
    ],
)
def test_the_old_import_circles_are_gone(first, second):
    def imports(path, target):
        dotted = target.removesuffix(".py").replace("/", ".")
        return any(module == dotted or module.startswith(dotted + ".") for _, module in _imported_modules(ROOT / path))

    assert not (imports(first, second) and imports(second, first)), f"{first} and {second} import each other"


def test_no_app_source_file_is_over_600_lines():
    long = [
        f"{path.relative_to(ROOT)}: {lines} lines"
        for app in [*APPS, "mayoral_office"]
        for path in _sources(ROOT / app)
        if (lines := len(path.read_text().splitlines())) > 600
    ]
    assert long == []


def _view_functions():
    for app in [*APPS, "mayoral_office"]:
        folder = ROOT / app
        paths = [folder / "views.py"] if (folder / "views.py").exists() else sorted((folder / "views").glob("*.py"))
        for path in paths:
            for node in ast.parse(path.read_text()).body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    yield path, node


def test_every_view_is_at_most_25_lines():
    long = []
    for path, node in _view_functions():
        body_start = node.body[0].lineno
        if isinstance(node.body[0], ast.Expr) and isinstance(getattr(node.body[0], "value", None), ast.Constant):
            body_start = node.body[0].end_lineno + 1  # the docstring does not count
        length = node.end_lineno - body_start + 1
        if length > 25:
            long.append(f"{path.relative_to(ROOT)}::{node.name}: {length} lines")
    assert long == [], "Views stay thin: move rules to the policy, services or pure helpers:\n" + "\n".join(long)
