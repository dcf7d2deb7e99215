"""The package's structure: no import cycle (counting imports inside functions), and the rule
modules' Arabic held in data files rather than code, never more than it is now."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import conflictkg

PACKAGE = Path(conflictkg.__file__).resolve().parent
ARABIC = re.compile(r"[\u0600-\u06ff]")


def module_name(path: Path) -> str:
    parts = ("conflictkg", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """Every project module ``path`` imports, at the top or inside a function."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                      for alias in node.names}
    return found & modules


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imported_modules(path, set(paths)) - {name} for name, path in paths.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return path[path.index(module):] + [module]
        if module in done:
            return None
        path.append(module)
        for imported in sorted(graph[module]):
            cycle = visit(imported)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    return next((c for c in map(visit, sorted(graph)) if c), None)


def test_the_package_has_no_import_cycle():
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def arabic_literals(path: Path) -> list[str]:
    """Arabic string literals of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings and ARABIC.search(node.value)]


# The rule modules hold no Arabic: words, proclitics, endings and punctuation marks live in
# nlp/data/*.tsv (read through lexicon.py and morphology.py). normalize.py is the folding table
# itself, the one place that names Arabic characters.
def test_rule_modules_hold_no_arabic_literal():
    found = {p.name: arabic_literals(p) for p in (PACKAGE / "nlp").glob("*.py")
             if p.name != "normalize.py" and arabic_literals(p)}
    assert not found, f"Arabic words belong in nlp/data/*.tsv, not in code: {found}"


def test_the_literal_finder_finds_a_literal_and_skips_docstrings(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""قصف"""\nX = "قصف"\ndef f():\n    """غارة"""\n    return "ok"\n', encoding="utf-8")
    assert arabic_literals(module) == ["قصف"]
