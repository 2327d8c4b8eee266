"""Shared fixtures: the bundled seeds, temporary workspaces and git repositories."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_workspace(tmp_path: Path) -> Path:
    """A private copy of the bundled seeds workspace."""
    dest = tmp_path / "ws"
    shutil.copytree(SEEDS, dest)
    return dest
