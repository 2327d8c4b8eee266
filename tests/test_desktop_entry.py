"""The app in the desktop: its icon, desktop entry and metainfo as shipped (checked by the
freedesktop and AppStream validators), and ``reviewer --install-desktop-entry`` /
``--uninstall-desktop-entry`` run as a user would, into a temporary XDG data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import app_icon
import pytest
from PySide6.QtGui import QImage

from conftest import ROOT
from reviewer.core import bundled

APP = bundled.APP_ID
INSTALLED = sorted([f"applications/{APP}.desktop", f"metainfo/{APP}.metainfo.xml",
                    f"icons/hicolor/scalable/apps/{APP}.svg"]
                   + [f"icons/hicolor/{n}x{n}/apps/{APP}.png" for n in bundled.ICON_SIZES])
needs_desktop_validate = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate not installed (desktop-file-utils; .ci/system-deps installs it)")
needs_appstream = pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="appstreamcli not installed (appstream; .ci/system-deps installs it)")


def reviewer(data: Path, *args: str, program: list[str] | None = None,
             path: str | None = None) -> subprocess.CompletedProcess:
    """The real command line, with ``data`` as its XDG data folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(data)}
    env.pop("REVIEWER_DEBUG", None)
    if path is not None:
        env["PATH"] = path
    done = subprocess.run([*(program or [sys.executable, "-m", "reviewer"]), *args], env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def validate_desktop(path: Path) -> None:
    done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and "error" not in done.stdout, done.stdout + done.stderr


def exec_argv(value: str) -> list[str]:
    """A desktop entry's Exec value read back as the spec says a launcher reads it: string
    escapes first, then the quoting, then %% (written independently of the code under test)."""
    text = value.replace("\\\\", "\0").replace("\\n", "\n").replace("\\t", "\t") \
                .replace("\\r", "\r").replace("\0", "\\")
    argv, word, quoted, i = [], "", False, 0
    while i < len(text):
        c = text[i]
        if quoted and c == "\\":
            word, i = word + text[i + 1], i + 2
            continue
        if c == '"':
            quoted = not quoted
        elif c == " " and not quoted:
            argv, word = argv + [word], ""
        else:
            word += c
        i += 1
    return [arg.replace("%%", "%") for arg in argv + [word]]


def entry_values(desktop: Path) -> dict[str, str]:
    lines = desktop.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


# ---- what ships ------------------------------------------------------------------------------
@needs_desktop_validate
def test_the_bundled_desktop_entry_is_valid():
    validate_desktop(bundled.desktop_file())


@needs_appstream
def test_the_bundled_metainfo_is_valid_and_names_the_desktop_entry():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(bundled.metainfo_file())],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    text = bundled.metainfo_file().read_text(encoding="utf-8")
    assert f"<id>{APP}</id>" in text and f'"desktop-id">{APP}.desktop<' in text


def test_the_entry_names_the_icon_and_the_class_qt_gives_the_window():
    values = entry_values(bundled.desktop_file())
    assert values["Icon"] == APP
    assert values["StartupWMClass"] == "reviewer"   # X11: QCoreApplication.applicationName()


def test_every_png_icon_is_its_size_and_rendered_from_the_svg(qapp):
    for size in bundled.ICON_SIZES:
        shipped = QImage(str(bundled.png_icon(size)))
        assert (shipped.width(), shipped.height()) == (size, size), bundled.png_icon(size)
        fresh = app_icon.render(size).convertToFormat(QImage.Format_ARGB32)
        shipped = shipped.convertToFormat(QImage.Format_ARGB32)
        worst = max(abs(a - b) for y in range(size) for x in range(size)
                    for a, b in zip(_channels(shipped.pixel(x, y)), _channels(fresh.pixel(x, y))))
        assert worst <= 24, f"{size} px differs from the SVG: run python tests/app_icon.py"


def _channels(argb: int) -> tuple[int, ...]:
    return tuple((argb >> shift) & 0xFF for shift in (24, 16, 8, 0))


def test_the_app_icon_has_every_size(qapp):
    from reviewer.ui import icons
    sizes = {s.width() for s in icons.application().availableSizes()}
    assert sizes == set(bundled.ICON_SIZES)


# ---- install and uninstall -------------------------------------------------------------------
def test_install_writes_valid_files_that_start_this_python_and_uninstall_removes_them(tmp_path):
    data = tmp_path / "data"
    (data / "applications").mkdir(parents=True)
    (data / "applications" / "other.desktop").write_text("someone else's\n")
    done = reviewer(data, "--install-desktop-entry")
    assert done.returncode == 0, done.stderr
    written = [p for p in INSTALLED if f"wrote {data / p}" in done.stdout]
    assert written == INSTALLED, done.stdout
    assert set(INSTALLED) <= set(files_under(data))
    desktop = data / "applications" / f"{APP}.desktop"
    assert exec_argv(entry_values(desktop)["Exec"]) == [sys.executable, "-m", "reviewer"]
    assert entry_values(desktop)["TryExec"] == sys.executable
    if shutil.which("desktop-file-validate"):
        validate_desktop(desktop)
    for size in bundled.ICON_SIZES:
        assert QImage(str(data / f"icons/hicolor/{size}x{size}/apps/{APP}.png")).width() == size

    again = reviewer(data, "--install-desktop-entry")   # a second install replaces the first
    assert again.returncode == 0, again.stderr
    gone = reviewer(data, "--uninstall-desktop-entry")
    assert gone.returncode == 0, gone.stderr
    assert [p for p in INSTALLED if f"removed {data / p}" in gone.stdout] == INSTALLED
    assert not set(INSTALLED) & set(files_under(data))
    assert (data / "applications" / "other.desktop").read_text() == "someone else's\n"


@needs_desktop_validate
def test_exec_quotes_a_program_path_with_spaces_quotes_dollars_and_percents(tmp_path):
    odd = tmp_path / 'my "apps" $HOME 100% \\ bin'
    odd.mkdir()
    script = odd / "reviewer"   # as pip writes a console script: a shebang to this python
    script.write_text(f"#!{sys.executable}\nimport sys\nfrom reviewer.__main__ import main\n"
                      "sys.exit(main())\n")
    script.chmod(0o755)
    data = tmp_path / "data"
    done = reviewer(data, "--install-desktop-entry", program=[str(script)])
    assert done.returncode == 0, done.stderr
    desktop = data / "applications" / f"{APP}.desktop"
    validate_desktop(desktop)
    assert exec_argv(entry_values(desktop)["Exec"]) == [str(script)]
    assert entry_values(desktop)["TryExec"] == str(script).replace("\\", "\\\\")


def test_without_the_cache_tools_install_still_succeeds_and_says_so(tmp_path):
    done = reviewer(tmp_path / "data", "--install-desktop-entry", path=str(tmp_path / "empty"))
    assert done.returncode == 0, done.stderr
    assert "update-desktop-database is not installed" in done.stdout
    assert "gtk-update-icon-cache is not installed" in done.stdout


def test_a_file_where_a_folder_should_be_is_refused_and_nothing_is_written(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "icons").write_text("not a folder\n")
    done = reviewer(data, "--install-desktop-entry")
    assert done.returncode == 1
    assert f"{data / 'icons'}: a file is in the way" in done.stderr
    assert files_under(data) == ["icons"] and not (data / "applications").exists()


def test_a_folder_where_a_file_should_be_is_refused(tmp_path):
    data = tmp_path / "data"
    (data / "metainfo" / f"{APP}.metainfo.xml").mkdir(parents=True)
    done = reviewer(data, "--install-desktop-entry")
    assert done.returncode == 1 and "a folder is in the way" in done.stderr
    assert files_under(data) == []


def test_an_unwritable_data_folder_is_refused_with_a_message(tmp_path):
    if os.geteuid() == 0:   # root writes anywhere on a writable file system: take sysfs
        data = Path("/sys/kernel/reviewer-test-data")
        if not Path("/sys/kernel").is_dir():
            pytest.skip("no /sys to stand for an unwritable folder")
    else:
        data = tmp_path / "data"
        data.mkdir(mode=0o555)
    done = reviewer(data, "--install-desktop-entry")
    assert done.returncode == 1, done.stdout
    assert "cannot create this folder" in done.stderr and "nothing was written" in done.stderr


def test_uninstall_when_nothing_is_installed_says_so(tmp_path):
    done = reviewer(tmp_path / "data", "--uninstall-desktop-entry")
    assert done.returncode == 1
    assert "the desktop entry is not installed" in done.stderr and done.stdout == ""


def test_uninstall_removes_what_is_there_and_names_what_was_missing(tmp_path):
    data = tmp_path / "data"
    assert reviewer(data, "--install-desktop-entry").returncode == 0
    (data / "icons/hicolor/64x64/apps" / f"{APP}.png").unlink()
    done = reviewer(data, "--uninstall-desktop-entry")
    assert done.returncode == 1
    assert f"was not there to remove: {data}/icons/hicolor/64x64/apps/{APP}.png" in done.stderr
    assert not set(INSTALLED) & set(files_under(data))


def test_the_two_options_do_not_go_together(tmp_path):
    done = reviewer(tmp_path, "--install-desktop-entry", "--uninstall-desktop-entry")
    assert done.returncode == 2 and "not allowed with" in done.stderr


def test_a_write_that_fails_half_way_puts_back_the_files_written_before_it(tmp_path, monkeypatch):
    from reviewer.core.errors import ReviewerError
    from reviewer.core.services import desktop_entry
    data = tmp_path / "data"
    old_entry = data / "applications" / f"{APP}.desktop"
    old_entry.parent.mkdir(parents=True)
    old_entry.write_text("[Desktop Entry]\nName=an older install\n")
    real_write, calls = desktop_entry.write_atomic, []

    def write_then_fail(path, data_bytes):
        calls.append(path)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        real_write(path, data_bytes)
    monkeypatch.setattr(desktop_entry, "write_atomic", write_then_fail)
    with pytest.raises(ReviewerError, match="No space left on device"):
        desktop_entry.install(data, ["/opt/reviewer/bin/reviewer"])
    assert old_entry.read_text() == "[Desktop Entry]\nName=an older install\n"
    assert files_under(data) == [f"applications/{APP}.desktop"]
