"""Start the desktop app: ``reviewer [WORKSPACE] [--select ID] [--screenshot FILE.png]``.

With no workspace it opens the last one, or on first run a demo copy of the bundled seeds
(a git repository in the user data folder). ``--screenshot`` renders the window with the
record selected to a PNG and exits; the README's picture and the tests use it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from reviewer import __version__
from reviewer.core import bundled
from reviewer.core.errors import ReviewerError
from reviewer.core.services.workspaces import demo_workspace, open_workspace
from reviewer.core.workspace import Workspace
from reviewer.ui import focus_ring, i18n, icons


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="reviewer", description="Review AI-drafted policy records. "
                                     "Commands: reviewer list|show|validate|set|verify|reopen|diff|history "
                                     "(reviewer COMMAND --help).")
    parser.add_argument("workspace", nargs="?", help="workspace folder (default: the last one, or a demo)")
    parser.add_argument("-w", "--workspace", dest="workspace_opt", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--select", metavar="ID", help="select this record at start")
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window to a PNG and exit")
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    return parser.parse_args(argv)


def choose_workspace(args: argparse.Namespace, settings: QSettings) -> Workspace:
    folder = args.workspace or args.workspace_opt
    if folder:
        return open_workspace(folder)
    last = settings.value("workspace/last")
    if last and not args.screenshot:
        try:
            return open_workspace(last)
        except ReviewerError:
            pass  # moved or deleted: fall back to the demo
    return demo_workspace()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName("reviewer")
    app.setApplicationName("reviewer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(bundled.APP_ID)   # Wayland matches the window to the desktop entry
    app.setWindowIcon(icons.application())
    settings = QSettings()
    i18n.install(app, settings)   # before any widget: the system's language, or the chosen one
    focus_ring.install(app)       # the focused text box, list or table is ringed (issue 16)
    from reviewer.ui.main_window import MainWindow  # after QApplication: widgets need it
    headless = args.screenshot or QApplication.platformName() in ("", "offscreen")
    try:
        workspace = choose_workspace(args, settings)
    except ReviewerError as exc:
        if headless:
            print(f"reviewer: {exc}", file=sys.stderr)
            return 1
        window = MainWindow(settings)
        window.show()
        start_without_workspace(window, args.workspace or args.workspace_opt, str(exc), args.select)
        return app.exec()
    window = MainWindow(settings)
    window.show()
    window.open_workspace(workspace, select=args.select)
    if args.screenshot:
        return _screenshot(app, window, Path(args.screenshot), args.select)
    return app.exec()


def start_without_workspace(window, folder: str | None, message: str, select: str | None) -> None:
    """The folder named is no workspace as it is: a folder gets the offer to describe it (a
    reviewer.toml, as ``reviewer init``) first; declined, or no folder at all, the window
    stays open and says why, with a way to pick another folder or set one up."""
    path = Path(folder) if folder else None
    if path is not None and path.is_dir():
        window.open_folder(path, select, lambda reason: window.show_no_workspace(reason, path))
    else:
        window.show_no_workspace(message, path)


def _screenshot(app: QApplication, window, target: Path, select: str | None) -> int:
    """Wait until the list, the record and its history are loaded, then grab the window."""
    state = {"code": 1, "ticks": 0}

    def ready() -> bool:
        if window.workers.running:
            return False
        if not window.record_list.model.rows:
            return False
        return window.session is not None or not select

    def tick() -> None:
        state["ticks"] += 1
        if ready() or state["ticks"] > 300:
            app.processEvents()
            if window.grab().save(str(target)):
                state["code"] = 0 if ready() else 1
                print(f"screenshot: {target}", file=sys.stderr)
            else:
                print(f"reviewer: cannot write {target}", file=sys.stderr)
            app.quit()
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    app.exec()
    return state["code"]
