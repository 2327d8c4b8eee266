"""Shared fixtures: the bundled seeds, temporary workspaces and git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The interface follows the system's language (issue 16): the tests read it in English
# whatever this machine's locale; tests of the Chinese interface choose it themselves.
for _name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's workspace index cache, and its data folder (the recovery folder of
    unsaved edits), live in folders of its own, never the user's."""
    cache = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    return cache


@pytest.fixture
def seed_workspace(tmp_path: Path) -> Path:
    """A private copy of the bundled seeds workspace."""
    dest = tmp_path / "ws"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application with the app's English catalog installed, as ``reviewer``
    installs it at start (its plural forms: "1 conflict", "2 conflicts")."""
    from reviewer.ui import i18n
    i18n.switch(i18n.ENGLISH, qapp)
    return qapp


# ---- git repositories ------------------------------------------------------------------------
AUDITOR = ("Ann Auditor", "ann@example.org")   # the repository's configured git user


def git(cwd: Path, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    """Run real git in ``cwd``; output as text."""
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Git that sees no user, system or environment identity: only what a test configures."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                 "GIT_COMMITTER_EMAIL", "EMAIL", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def init_repo(path: Path) -> Path:
    """Make ``path`` a git repository on ``main`` with everything committed by the auditor."""
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", AUDITOR[0])
    git(path, "config", "user.email", AUDITOR[1])
    git(path, "config", "commit.gpgsign", "false")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "Import seed records")
    return path


EXPLAINED = "Cites a document outside sources/; checked against the published text."


def explain_citations(ws: Path, record_id: str) -> list[str]:
    """Give every pillar whose citation does not resolve, and has no audit note yet, one,
    as an auditor who checked it by hand would; returns those pillars."""
    from reviewer.core.record.document import RecordFile
    from reviewer.core.record.editor import Change
    from reviewer.core.sources.citations import check_record
    from reviewer.core.workspace import Workspace
    path = ws / "records" / f"{record_id}.md"
    analysis = RecordFile.load(path).data["analysis"]
    pillars = [r.pillar for r in check_record(Workspace(ws), path)
               if r.status not in ("resolved", "missing")
               and not str(analysis[r.pillar].get("auditNote") or "").strip()]
    RecordFile.load(path).save([Change(("analysis", p, "auditNote"), EXPLAINED) for p in pillars])
    return pillars


@pytest.fixture
def raw_git_workspace(seed_workspace: Path, git_env: None) -> Path:
    """The seeds, untouched, in a fresh git repository on ``main``."""
    return init_repo(seed_workspace)


@pytest.fixture
def git_workspace(seed_workspace: Path, git_env: None) -> Path:
    """The seeds in git with Parks already annotated: all its citations name documents
    outside its (empty) sources, so without audit notes the gate refuses it. Tests of git
    use this; tests of the gate itself use ``raw_git_workspace``."""
    init_repo(seed_workspace)
    # After the import commit: notes the auditor writes in this review (a note already in the
    # draft's commit is the draft's, and explains nothing until confirmed; issue 12).
    explain_citations(seed_workspace, "cn-zero-carbon-parks")
    return seed_workspace


# ---- the desktop app ----------------------------------------------------------------------------
@pytest.fixture
def repo(seed_workspace: Path) -> Path:
    """The seeds in git, committed by a bot; Parks cites documents outside its sources, so it
    carries the audit notes an auditor would write, and can pass the gate."""
    git(seed_workspace, "init", "-q", "-b", "main")
    git(seed_workspace, "config", "user.name", "Seed Bot")
    git(seed_workspace, "config", "user.email", "seed@example.org")
    git(seed_workspace, "add", "-A")
    git(seed_workspace, "commit", "-q", "-m", "seed")
    explain_citations(seed_workspace, "cn-zero-carbon-parks")   # the auditor's, uncommitted
    return seed_workspace


@pytest.fixture
def window(qtbot, repo: Path, tmp_path: Path):
    """The main window on ``repo``, its first record loaded; closed without prompts after."""
    from PySide6.QtCore import QSettings

    from reviewer.core.workspace import Workspace
    from reviewer.ui.main_window import MainWindow
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    win.show()
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        win.open_workspace(Workspace(repo))
    yield win
    win.workers.wait(5000)
    if win.session is not None:
        win.session.replace_from_disk(win.session.record, keep_edits=False)  # no close prompt
    win.close()
    win.deleteLater()


def save(qtbot, window) -> bool:
    """Ctrl+S in ``window`` and wait for the save's worker: True when written, False when
    refused (the window has shown why)."""
    with qtbot.waitSignal(window.records.saved, timeout=10000) as blocker:
        window.save()
    return blocker.args[0]


# ---- the website's repository (issue 11) --------------------------------------------------------
SITE_CONFIG = """[records]
paths = ["src/content/policies/*/*.md"]
layout = "folder"
languages = ["en", "zh"]

[schema]
required = ["title"]
defaults = { reviewStatus = "draft" }

[commits]
subject = "chore(review): {action} {id}"
"""


@pytest.fixture
def node_tools():
    """The website's prettier, gray-matter and commitlint (skips when node is missing)."""
    from node_tools import find_node_tools
    node = find_node_tools()
    if node is None:
        pytest.skip("node and npm are needed for the website's own tools")
    return node


def explain_site_citations(ws: Path, record_id: str, node) -> list[str]:
    """Like :func:`explain_citations`, for a record of the website: the notes go to every
    language file (they are neutral), then prettier lays the files out as the site does."""
    from reviewer.core.record.editor import Change
    from reviewer.core.services import records
    from reviewer.core.sources.citations import check_data
    from reviewer.core.workspace import Workspace
    workspace = Workspace(ws)
    path, _ = workspace.locate(record_id)
    analysis = workspace.load(path).data["analysis"]
    pillars = [r.pillar for r in check_data(workspace, workspace.load(path).data, record_id)
               if r.status not in ("resolved", "missing")
               and not str(analysis[r.pillar].get("auditNote") or "").strip()]
    records.set_fields(workspace, str(path), [Change(("analysis", p, "auditNote"), EXPLAINED)
                                              for p in pillars])
    node.prettier_write(ws, "src/content/policies/**/*.md")
    return pillars


@pytest.fixture
def site_workspace(tmp_path: Path, git_env: None, node_tools) -> Path:
    """A repository shaped like the website (``tests/site_fixture.py``: each seed as an
    English and a Chinese file, prettier's flow YAML, a commitlint commit-msg hook) with a
    ``reviewer.toml`` for it. Parks carries audit notes on its loose citations, so it can
    pass the gate, as in ``git_workspace``."""
    from site_fixture import make_site
    ws = make_site(tmp_path / "site", node_tools)
    (ws / "reviewer.toml").write_text(SITE_CONFIG, encoding="utf-8")
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "chore: describe the workspace")
    explain_site_citations(ws, "cn-zero-carbon-parks", node_tools)   # the auditor's, uncommitted
    return ws
