"""How the code is arranged: rules a reviewer would otherwise have to check by eye."""

from __future__ import annotations

import ast
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "app"


def _module_name(path: Path, top: Path) -> str:
    parts = path.relative_to(top).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path: Path, name: str, known: set[str]) -> set[str]:
    """The modules of `known` that the file at `path` (module `name`) imports, anywhere."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            module = node.module or ""
            base = f"{base}.{module}".strip(".") if node.level else module
            # `from . import x` imports the module x when there is one, else a name in base.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            # A package counts as imported only when a name is taken from it, not as the
            # parent of a module imported: its submodules are run from it, not into it.
            if target in known and target != name:
                found.add(target)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Which modules of the package at `root` each of its modules imports."""
    files = {_module_name(path, root.parent): path for path in root.rglob("*.py")}
    known = set(files)
    return {name: _imported_modules(path, name, known) for name, path in files.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it; None if there is none."""
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> list[str] | None:
        if module in visiting:
            return [*visiting[visiting.index(module) :], module]
        if module in done:
            return None
        visiting.append(module)
        for imported in sorted(graph[module]):
            cycle = visit(imported)
            if cycle:
                return cycle
        visiting.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def test_no_module_in_app_imports_one_that_imports_it_back():
    cycle = find_cycle(import_graph(APP))
    assert cycle is None, "import cycle: " + " → ".join(cycle)


def test_the_cycle_finder_finds_a_cycle_through_an_import_inside_a_function(tmp_path):
    # As app/kiosk.py and app/views/kiosk.py once were (before app/kiosk/).
    package = tmp_path / "app"
    (package / "views").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "views" / "__init__.py").write_text("")
    (package / "kiosk.py").write_text("def init():\n    from .views import kiosk\n")
    (package / "views" / "kiosk.py").write_text("from ..kiosk import init\n")
    assert find_cycle(import_graph(package)) == ["app.kiosk", "app.views.kiosk", "app.kiosk"]
    (package / "kiosk.py").write_text("def init():\n    pass\n")
    assert find_cycle(import_graph(package)) is None


# What each part of app/ may import from the others, outermost first: views build on
# pages, which build on web, then journey, then the checklist, which needs none of them.
# The kiosk plugs in from the side (it may use any of those; only the factory imports it),
# the printed posters and cards draw on pages, and the command-line tools may use
# everything. `settings` stands alone. `metrics` (the service's figures) sits beside the
# checklist, below every part that serves a request, so that each can count what happens
# in it (a journey started, a form refused, a session expired) through one small
# interface; it knows nothing of them but what it is told, and needs only the checklist
# (its languages, audiences and outcomes are the label values).
MAY_IMPORT = {
    "checklist": set(),
    "settings": set(),
    "metrics": {"checklist"},
    "journey": {"metrics", "checklist"},
    "web": {"metrics", "journey", "checklist", "settings"},
    "pages": {"web", "metrics", "journey", "checklist", "settings"},
    "views": {"pages", "web", "metrics", "journey", "checklist", "settings"},
    "kiosk": {"views", "pages", "web", "metrics", "journey", "checklist", "settings"},
    # Posters and cards: drawn like pages, from the command line, with no app.
    "printed": {"pages", "web", "checklist", "settings"},
    # The native review pack: the checklist's texts and the catalogues, no Flask app.
    "review": {"pages", "checklist", "settings"},
    # The factory and the entry point.
    "": {"kiosk", "views", "pages", "web", "metrics", "journey", "checklist", "settings"},
    "wsgi": {"", "checklist", "settings"},
    "cli": {"", "printed", "review", "views", "pages", "web", "journey", "checklist", "settings"},
}


def _part(module: str) -> str:
    """app.pages.content → "pages"; app.settings → "settings"; app → ""."""
    return module.split(".")[1] if "." in module else ""


def test_each_part_imports_only_the_parts_below_it():
    graph = import_graph(APP)
    assert {_part(module) for module in graph} == set(MAY_IMPORT), "a part with no rule"
    wrong = sorted(
        f"{module} imports {imported}"
        for module, imports in graph.items()
        for imported in imports
        if _part(imported) != _part(module) and _part(imported) not in MAY_IMPORT[_part(module)]
    )
    assert wrong == []


def test_the_checklist_needs_no_flask():
    for path in sorted((APP / "checklist").rglob("*.py")):
        for module in _imports_of(path):
            assert module.split(".")[0] not in {"flask", "flask_babel", "flask_wtf", "werkzeug"}, (
                f"{path.relative_to(PROJECT_ROOT)} imports {module}"
            )


def test_nothing_outside_the_kiosk_reads_the_kiosk_setting():
    # Only app/kiosk/ names it; the factory asks kiosk.switched_on().
    for path in sorted(APP.rglob("*.py")):
        if path.is_relative_to(APP / "kiosk"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "KIOSK_" not in node.value, f"{path.relative_to(PROJECT_ROOT)}: {node.value}"


def test_templates_ask_which_screen_only_by_its_macros():
    # One question, asked by importing `screen_macros` (templates/screen.html), never an
    # `if` about the kiosk.
    for path in sorted((PROJECT_ROOT / "templates").rglob("*.html")):
        assert "kiosk_mode" not in path.read_text(encoding="utf-8"), path.name


def test_no_test_writes_a_session_key_as_a_string():
    # The keys are named in app/journey/cookie.py; tests use those names.
    for path in sorted((PROJECT_ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            key = None
            if isinstance(node, ast.Subscript) and _is_session(node.value):
                key = node.slice
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and _is_session(node.func.value)
                and node.func.attr in {"get", "pop", "setdefault"}
                and node.args
            ):
                key = node.args[0]
            elif isinstance(node, ast.Compare) and any(_is_session(c) for c in node.comparators):
                key = node.left
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                raise AssertionError(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")


def _is_session(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id == "session"


def test_only_the_journeys_cookie_module_reads_or_writes_the_session():
    # Everything the cookie holds is named in one module (app/journey/cookie.py).
    for path in sorted(APP.rglob("*.py")):
        if path == APP / "journey" / "cookie.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "flask":
                names = {alias.name for alias in node.names}
                assert "session" not in names, f"{path.relative_to(PROJECT_ROOT)} uses the session"


def _imports_of(path: Path) -> set[str]:
    """Every module named by an absolute import in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_no_test_module_imports_another():
    # Shared helpers live in tests/support/; conftest fixtures are found by pytest itself.
    for path in sorted((PROJECT_ROOT / "tests").rglob("*.py")):
        for module in _imports_of(path):
            last = module.rpartition(".")[2]
            assert not (
                module.startswith("tests.") and (last.startswith("test_") or last == "conftest")
            ), f"{path.relative_to(PROJECT_ROOT)} imports {module}"


def test_the_benchmarks_import_nothing_from_the_tests():
    # What both need (the deployed stack, slow clients) lives in harness/.
    for path in sorted((PROJECT_ROOT / "bench").rglob("*.py")):
        for module in _imports_of(path):
            assert module.split(".")[0] != "tests", (
                f"{path.relative_to(PROJECT_ROOT)} imports {module}"
            )


def test_no_test_is_marked_as_expected_to_fail():
    marker = "x" + "fail"  # spelt so that this file does not find itself
    for path in sorted((PROJECT_ROOT / "tests").rglob("*.py")):
        assert marker not in path.read_text(encoding="utf-8"), path.relative_to(PROJECT_ROOT)
