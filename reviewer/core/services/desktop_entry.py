"""Install the app into the desktop: its menu entry, metainfo and icons in the user's XDG
data folder (``reviewer --install-desktop-entry``), and take them out again.

All or nothing: every file is written atomically, and if one cannot be, the files written
before it are put back as they were. The folders are checked before anything is written, so
a file where a folder should be is refused up front. The caches of the desktop's menu and
icon theme are refreshed where their tools are installed; they are a courtesy, never a
reason to fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from reviewer.core import bundled
from reviewer.core.atomic import write_atomic
from reviewer.core.errors import ReviewerError

# Characters that make the desktop entry spec's Exec quote an argument.
EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
# ...and those a backslash escapes inside the quotes.
EXEC_ESCAPED = set('"`$\\')
CACHE_TIMEOUT = 30   # seconds; a cache tool that hangs must not hang the install


@dataclass
class Outcome:
    """What an install or uninstall did, for the front end to say."""
    done: list[Path] = field(default_factory=list)       # written, or removed
    missing: list[Path] = field(default_factory=list)    # to remove, but not there
    caches: list[str] = field(default_factory=list)      # one line per cache tool run


def data_home(environ: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative (the
    XDG base directory spec says to ignore a relative one)."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command(argv0: str, executable: str) -> list[str]:
    """How the desktop should start this installation of the app: the ``reviewer`` script
    that is running, by its absolute path (not resolved: a link on PATH to a virtual
    environment stays valid when that environment is rebuilt); run any other way
    (``python -m reviewer``), this interpreter with ``-m reviewer``."""
    if Path(argv0).name == "reviewer" and os.path.isfile(argv0) and os.access(argv0, os.X_OK):
        return [os.path.abspath(argv0)]
    return [os.path.abspath(executable), "-m", "reviewer"]


def targets(home: Path) -> list[tuple[Path, Path]]:
    """Each bundled file and where it is installed under the data folder ``home``."""
    pairs = [(bundled.desktop_file(), home / "applications" / bundled.desktop_file().name),
             (bundled.metainfo_file(), home / "metainfo" / bundled.metainfo_file().name)]
    for icon in bundled.icon_files():
        pairs.append((icon, home / "icons" / icon.relative_to(bundled.ICONS)))
    return pairs


def install(home: Path, command: Sequence[str]) -> Outcome:
    """Write the desktop entry (starting ``command``), the metainfo and the icons."""
    contents = [(target, _installed_bytes(source, command)) for source, target in targets(home)]
    for target, _ in contents:
        _refuse_what_is_in_the_way(target)
    for target, _ in contents:
        _make_folder(target.parent)
    _write_all(contents)
    return Outcome(done=[target for target, _ in contents], caches=refresh_caches(home))


def uninstall(home: Path) -> Outcome:
    """Remove the files :func:`install` writes, and only those; folders stay."""
    outcome = Outcome()
    installed = [target for _, target in targets(home) if _is_file(target)]
    for target in installed:   # all or nothing here too, as far as can be seen beforehand
        if not os.access(target.parent, os.W_OK):
            raise ReviewerError("cannot remove this file: its folder is not writable; nothing "
                                "was removed", path=target)
    for _, target in targets(home):
        if target not in installed:
            outcome.missing.append(target)
            continue
        try:
            target.unlink()
        except OSError as exc:
            raise ReviewerError(f"cannot remove this file: {exc.strerror}", path=target) from None
        else:
            outcome.done.append(target)
    if outcome.done:
        outcome.caches = refresh_caches(home)
    return outcome


def _is_file(path: Path) -> bool:
    """A file or link (even a broken one) at ``path``; a folder there is no file of ours."""
    return path.is_symlink() or path.is_file()


def refresh_caches(home: Path) -> list[str]:
    """Run the menu and icon-theme cache tools that are installed; a line for each."""
    steps = [("update-desktop-database", [str(home / "applications")]),
             ("gtk-update-icon-cache", ["--force", "--ignore-theme-index", "--quiet",
                                        str(home / "icons" / "hicolor")])]
    said = []
    for tool, arguments in steps:
        found = shutil.which(tool)
        if found is None:
            said.append(f"{tool} is not installed: its cache was left alone")
            continue
        said.append(_run_cache_tool(tool, [found, *arguments]))
    return said


def _run_cache_tool(tool: str, argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=CACHE_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{tool} failed ({exc}); the desktop may notice the change only after a log-in"
    if done.returncode != 0:
        why = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return f"{tool} failed ({why[0]}); the desktop may notice the change only after a log-in"
    return f"ran {tool}"


def exec_value(command: Sequence[str]) -> str:
    """``command`` as the value of a desktop entry's Exec key: each argument quoted when it
    holds a reserved character, a literal % doubled, then escaped as any string value.
    (GLib launches such entries, quotes, $ and backslashes included, but looks for the
    program before undoing the %%: a path with a % in it is valid yet not launched there.)"""
    return _string_value(" ".join(_exec_argument(arg) for arg in command))


def _exec_argument(arg: str) -> str:
    arg = arg.replace("%", "%%")
    if not arg or set(arg) & EXEC_RESERVED:
        return '"' + "".join("\\" + c if c in EXEC_ESCAPED else c for c in arg) + '"'
    return arg


def _string_value(text: str) -> str:
    """The escapes of the desktop entry spec's string values (applied before its quoting)."""
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def _installed_bytes(source: Path, command: Sequence[str]) -> bytes:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ReviewerError(f"a bundled file is missing or unreadable ({exc.strerror}); "
                            "reinstall reviewer", path=source) from None
    if source != bundled.desktop_file():
        return data
    keys = {"Exec": exec_value(command), "TryExec": _string_value(command[0])}
    try:
        return _with_values(data.decode("utf-8"), keys).encode("utf-8")
    except UnicodeEncodeError:
        raise ReviewerError("the path of the reviewer program is not valid UTF-8, which a "
                            "desktop entry must be", path=command[0]) from None


def _with_values(entry: str, values: Mapping[str, str]) -> str:
    """The desktop entry ``entry`` with the keys in ``values`` given those values."""
    lines = []
    for line in entry.splitlines():
        key = line.partition("=")[0]
        lines.append(f"{key}={values[key]}" if key in values else line)
    return "\n".join(lines) + "\n"


def _refuse_what_is_in_the_way(target: Path) -> None:
    """A folder where ``target`` should be, or a file where a folder above it should be, is
    refused, naming it, before anything is written."""
    if target.is_dir():
        raise ReviewerError("a folder is in the way of this file; nothing was written",
                            path=target)
    for folder in reversed([target.parent, *target.parent.parents]):
        if folder.exists() and not folder.is_dir():
            raise ReviewerError("a file is in the way where this folder should be; nothing "
                                "was written", path=folder)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReviewerError(f"cannot create this folder ({exc.strerror}); nothing was written",
                            path=exc.filename or folder) from None


def _write_all(contents: list[tuple[Path, bytes]]) -> None:
    """Write every file, or (one failing) put back those already written as they were."""
    before: list[tuple[Path, bytes | None]] = []
    for target, data in contents:
        try:
            before.append((target, target.read_bytes() if target.exists() else None))
            write_atomic(target, data)
        except OSError as exc:
            _put_back(before)
            raise ReviewerError(f"cannot write this file ({exc.strerror}); nothing was "
                                "written", path=target) from None


def _put_back(before: list[tuple[Path, bytes | None]]) -> None:
    for target, old in reversed(before):
        try:
            if old is None:
                target.unlink(missing_ok=True)
            else:
                write_atomic(target, old)
        except OSError:
            pass   # the error being reported already says what went wrong
