"""The shape of the code, enforced: layers (import-linter), no import cycles, no use of
another module's private names, and a core that never imports Qt."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from conftest import ROOT

PACKAGE = ROOT / "reviewer"
CORE = PACKAGE / "core"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
# Names that start with one underscore but are public API of the standard library.
PUBLIC_UNDERSCORED = {"_replace", "_asdict", "_fields", "_make", "_exit", "_getframe"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_core_module_mentions_qt_in_an_import():
    offenders = [f"{p.relative_to(ROOT)}: {name}" for p in sorted(CORE.rglob("*.py"))
                 for name in _imports(p) if name.split(".")[0] in QT]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(_module_name(p) for p in CORE.rglob("*.py"))
    assert len(modules) >= 10
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "import reviewer.cli.parser\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\n"
            "print(bad); sys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed")
def test_import_linter_contracts_hold():
    result = subprocess.run(["lint-imports"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_between_modules():
    """Every import counts, also one inside a function or under TYPE_CHECKING: a cycle
    hidden that way is still two modules that cannot be understood one without the other."""
    graph = grimp.build_graph("reviewer")
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from cyclic import b\n")
    (package / "b.py").write_text("def f():\n    from cyclic import a\n")
    (package / "c.py").write_text("from cyclic import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cycles(grimp.build_graph("cyclic")) == [["cyclic.a", "cyclic.b"]]


def private_uses(root: Path) -> list[str]:
    """``from reviewer... import _name``, and ``x._name`` on anything but self or cls."""
    out = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reviewer"):
                out += [f"{path.relative_to(ROOT)}:{node.lineno}: imports {a.name}"
                        for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
            elif (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                  and not node.attr.startswith("__") and node.attr not in PUBLIC_UNDERSCORED
                  and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                out.append(f"{path.relative_to(ROOT)}:{node.lineno}: "
                           f"{ast.unparse(node.value)}.{node.attr}")
    return out


@pytest.mark.parametrize("folder", ["reviewer", "tests"])
def test_no_module_uses_another_modules_private_names(folder):
    assert private_uses(ROOT / folder) == []


def test_the_private_name_check_sees_both_kinds(tmp_path, monkeypatch):
    (tmp_path / "m.py").write_text("from reviewer.core.x import _hidden\n"
                                   "index._conn()\nself._fine()\nt._replace(a=1)\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [line.split(": ", 1)[1] for line in private_uses(tmp_path)] == \
        ["imports _hidden", "index._conn"]


def test_files_stay_readable_in_size():
    """Modules of 100-400 lines are the rule; none may pass 400."""
    long = [f"{p.relative_to(ROOT)}: {n}" for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert long == []


def test_qt_binding_does_not_leak_on_emit():
    """PySide6 6.12.0's Signal.emit() returns True without a reference, so every emit from
    Python (the worker relay, progress, record_loaded...) lowers True's count by one until
    the interpreter aborts ("bool_dealloc"): after a few thousand emits in a long session,
    or at exit. pyproject excludes that version; this catches a binding that does it again."""
    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal(int)

    emitter = Emitter()
    emitter.ping.connect(lambda value: None)
    before = sys.getrefcount(True)
    for i in range(50):
        emitter.ping.emit(i)
    assert sys.getrefcount(True) - before > -10, "Signal.emit leaks references to True"
