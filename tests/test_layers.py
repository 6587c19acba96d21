"""The rooms of macros/: each layer imports only the layers below it, and no module imports itself back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. macros/__init__.py is the entry point mkdocs-macros loads: it sits with the build, on top.
LAYERS = ("language", "company", "law", "pages", "build", "scripts")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    parts = module.split(".")
    if parts[0] == "scripts":
        return LAYERS.index("scripts")
    if parts == ["macros"]:
        return LAYERS.index("build")
    if len(parts) < 2 or parts[1] not in LAYERS:
        raise AssertionError(f"{module} is in no room: put it in one of macros/{{{','.join(LAYERS[:-1])}}}/")
    return LAYERS.index(parts[1])


def kit_imports(path: Path) -> set[str]:
    """Every `macros...` module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "macros"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path.relative_to(ROOT)}: write imports in full (from macros.<room>.<module>)")
            if node.module and node.module.split(".")[0] == "macros":
                found.add(node.module)
                # `from macros.company import sector` imports a module too
                found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def graph() -> dict[str, set[str]]:
    files = [*ROOT.glob("macros/**/*.py"), *ROOT.glob("scripts/*.py")]
    modules = {module_name(file): file for file in files}
    return {name: {target for target in kit_imports(file) if target in modules and target != name} for name, file in modules.items()}


def upward(edges: dict[str, set[str]]) -> list[str]:
    problems = []
    for source, targets in sorted(edges.items()):
        for target in sorted(targets):
            if target == "macros" or target.count(".") == 1 and target.endswith("__init__"):
                continue
            if layer_of(target) > layer_of(source):
                problems.append(f"{source} imports {target}, a higher layer")
    return problems


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle of imports, found once (depth-first search)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                found.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_every_module_is_in_a_room_and_imports_only_below() -> None:
    edges = graph()
    assert len(edges) > 20, "the import graph was not read"
    assert upward(edges) == []


def test_no_module_imports_itself_back() -> None:
    assert circles(graph()) == []


def test_each_room_says_what_it_serves() -> None:
    for room in LAYERS[:-1]:
        doc = ast.get_docstring(ast.parse((ROOT / "macros" / room / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.splitlines()) == 1, f"macros/{room}/__init__.py: one line of purpose at the top"


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"macros.language.text": {"macros.company.schema"}, "macros.company.schema": set()}, "a higher layer"),
        ({"macros.company.schema": {"macros.company.sector"}, "macros.company.sector": {"macros.company.schema"}}, None),
    ],
)
def test_the_checks_can_fail(edges: dict[str, set[str]], expected: str | None) -> None:
    """Negative controls: an import from below to above, and a circle, are both found and named."""
    if expected:
        assert expected in upward(edges)[0] and "macros.language.text" in upward(edges)[0]
    else:
        assert circles(edges) == [["macros.company.schema", "macros.company.sector", "macros.company.schema"]]
