"""Services to find and open a workspace, and the demo one."""

from __future__ import annotations

from pathlib import Path

from reviewer.core import userdirs
from reviewer.core.services.demo import ensure_demo_workspace
from reviewer.core.workspace import Workspace


def open_workspace(folder: Path | str | None) -> Workspace:
    """The workspace at ``folder``, or (None) the one holding the current folder."""
    return Workspace(folder) if folder else Workspace.discover()


def demo_workspace() -> Workspace:
    """The demo: a private git copy of the bundled seeds in the user data folder."""
    return Workspace(ensure_demo_workspace(userdirs.data_dir()))
