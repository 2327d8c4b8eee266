"""The core must never import Qt: the CLI, scripts and tests use it headless."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

CORE = ROOT / "reviewer" / "core"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


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
    modules = sorted(f"reviewer.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    assert len(modules) >= 10
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "import reviewer.cli\n"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {QT!r}]\n"
            "print(bad); sys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed")
def test_import_linter_contract_holds():
    result = subprocess.run(["lint-imports"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_qt_binding_does_not_leak_on_emit():
    """PySide6 6.12.0's Signal.emit() returns True without a reference, so every emit from
    Python (the worker relay, progress, record_loaded...) lowers True's count by one until
    the interpreter aborts ("bool_dealloc"): after a few thousand emits in a long session,
    or at exit. pyproject excludes that version; this catches a binding that does it again."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal(int)

    emitter = Emitter()
    emitter.ping.connect(lambda value: None)
    before = sys.getrefcount(True)
    for i in range(50):
        emitter.ping.emit(i)
    assert sys.getrefcount(True) - before > -10, "Signal.emit leaks references to True"
