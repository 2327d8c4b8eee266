"""Modules the command line loads only when a command uses them.

``reviewer --version``, ``--help`` and the app's start (which asks the command line for its
command names) build the argument parser, which needs each command's options, not the
services behind them: importing those took half a second. ``lazy(name)`` is the module,
loaded on its first attribute access (:class:`importlib.util.LazyLoader`).
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy(name: str) -> ModuleType:
    """Module ``name``, imported when first used (at once if it already is)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"no module named {name}")
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)   # as an import would
    return module
