"""A real install: the wheel ``python -m build`` makes from this checkout carries every
bundled file, installs into a fresh virtual environment outside the checkout, and that
installation (not the checkout's code) starts the app on the demo under Xvfb.

About 10 s: the environment borrows the system's site-packages for PySide6 and the other
dependencies (``--system-site-packages``; installing them from the registry would take
minutes) and gets the wheel alone (``--no-deps``). The editable install of the checkout is
in those site-packages too, as a finder that sys.meta_path asks after the normal path
search; the tests prove the environment's own copy is the one imported.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from conftest import ROOT
from reviewer.core import bundled

pytestmark = pytest.mark.wheel
BUILT_FROM = ["pyproject.toml", "README.md", "reviewer", "seeds"]   # what the build reads


def _checkout_files() -> list[str]:
    """The checkout's files the build reads: tracked or new, not ignored (no caches)."""
    done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                           "--", *BUILT_FROM], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"not a git checkout: {done.stderr.strip()}")
    return sorted({name for name in done.stdout.split("\0") if name
                   and os.path.lexists(ROOT / name)})


def _copy_checkout(dest: Path) -> None:
    """Built from a copy, so the build's own folders (build/, *.egg-info) stay out of the
    checkout and a file the repository lacks cannot slip into the wheel."""
    for name in _checkout_files():
        source, target = ROOT / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)


def _run(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=300, **kwargs)
    assert done.returncode == 0, f"{argv}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build", reason="the build package (pip install -e '.[test]')")
    source = tmp_path_factory.mktemp("source")
    _copy_checkout(source)
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)])
    [built] = dist.glob("reviewer-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment, outside the checkout, with the wheel installed."""
    folder = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(folder)])
    # The system's pip (seen through the system site-packages) installs into the venv.
    _run([str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
          "--no-index", "--disable-pip-version-check", str(wheel)])
    return folder


def _user_env(home: Path) -> dict[str, str]:
    """A user's environment: no PYTHONPATH to the checkout, data and settings of its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REVIEWER_DEBUG")}
    for name in ("data", "config", "cache", "run"):
        (home / name).mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_RUNTIME_DIR=str(home / "run"))
    return env


def test_the_wheel_carries_every_bundled_file(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled_files = {f"reviewer/{(Path(folder) / f).relative_to(ROOT / 'reviewer')}"
                     for folder, _, files in os.walk(bundled.RESOURCES, followlinks=True)
                     for f in files}
    assert bundled_files - names == set()
    wanted = [bundled.desktop_file(), bundled.metainfo_file(), *bundled.icon_files(),
              *sorted((ROOT / "seeds" / "records").glob("*.md"))]
    for path in wanted:
        inside = path.relative_to(ROOT / "seeds") if "seeds" in path.parts else None
        name = (f"reviewer/resources/seeds/{inside}" if inside
                else f"reviewer/{path.relative_to(ROOT / 'reviewer')}")
        assert name in names


def test_the_environment_runs_the_installed_code_not_the_checkouts(venv: Path, tmp_path: Path):
    probe = ("import reviewer, reviewer.core.bundled as b, reviewer.ui.icons\n"
             "print(reviewer.__file__); print(b.seeds().resolve()); print(reviewer.ui.icons.__file__)")
    done = _run([str(venv / "bin" / "python"), "-c", probe], cwd=tmp_path, env=_user_env(tmp_path))
    for line in done.stdout.splitlines():
        assert Path(line).resolve().is_relative_to(venv.resolve()), done.stdout
    version = _run([str(venv / "bin" / "reviewer"), "--version"], cwd=tmp_path,
                   env=_user_env(tmp_path))
    assert version.stdout.startswith("reviewer ")


def test_the_installed_app_writes_a_desktop_entry_that_starts_it(venv: Path, tmp_path: Path):
    env = _user_env(tmp_path)
    done = _run([str(venv / "bin" / "reviewer"), "--install-desktop-entry"], cwd=tmp_path, env=env)
    desktop = tmp_path / "data" / "applications" / f"{bundled.APP_ID}.desktop"
    assert f"wrote {desktop.relative_to(tmp_path)}" in done.stdout   # shown from the folder it ran in
    assert f"Exec={venv / 'bin' / 'reviewer'}\n" in desktop.read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        _run(["desktop-file-validate", str(desktop)])


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run not installed (.ci/run installs it)")
def test_the_installed_app_opens_the_demo_under_xvfb(venv: Path, tmp_path: Path):
    shot = tmp_path / "installed.png"
    env = {**_user_env(tmp_path), "QT_QPA_PLATFORM": "xcb"}
    _run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", str(venv / "bin" / "reviewer"),
          "--screenshot", str(shot)], cwd=tmp_path, env=env)
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 40   # records, a form, a source: far from a blank window
    demo = tmp_path / "data" / "reviewer" / "reviewer" / "demo-workspace"
    assert sorted(p.name for p in (demo / "records").iterdir()) == sorted(
        p.name for p in (ROOT / "seeds" / "records").iterdir())
