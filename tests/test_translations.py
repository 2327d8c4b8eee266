"""The interface in Simplified Chinese (issue 16): the committed translations are up to date
with the code, the language follows the locale or the setting, and the window, its menus and
the verify dialog show no English string left untranslated.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from conftest import ROOT
from reviewer.ui import i18n

TS = ROOT / "reviewer" / "resources" / "i18n" / "reviewer_zh_CN.ts"


GIT_COMMAND = re.compile(r"\bgit [-\w./:@ ]+")
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
THREE_WORDS = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")
WORDS = re.compile(r"[A-Za-z]{2,}(?:[ '’-][A-Za-z]{2,})+")   # two English words or more


def _tools():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "tools" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_translations_are_up_to_date_and_finished():
    """lupdate into a copy finds the same strings as the committed .ts files, none of them
    unfinished, and lrelease makes the committed .qm files from them."""
    assert _tools().problems() == []


def test_the_language_follows_the_locale_unless_chosen(tmp_path: Path):
    assert i18n.system_language(QLocale("zh_CN")) == i18n.CHINESE
    assert i18n.system_language(QLocale("zh_SG")) == i18n.CHINESE
    for other in ("en_US", "de_DE", "zh_TW", "zh_HK", "C"):
        assert i18n.system_language(QLocale(other)) == i18n.ENGLISH, other
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    assert i18n.chosen(settings) == i18n.SYSTEM
    settings.setValue(i18n.SETTING, "zh_CN")
    assert i18n.chosen(settings) == i18n.CHINESE
    settings.setValue(i18n.SETTING, "klingon")
    assert i18n.chosen(settings) == i18n.SYSTEM
    assert i18n.resolve(i18n.ENGLISH, QLocale("zh_CN")) == i18n.ENGLISH
    assert i18n.resolve(i18n.SYSTEM, QLocale("zh_CN")) == i18n.CHINESE


def test_lang_zh_cn_gives_the_chinese_interface_and_qt_s_own_buttons(tmp_path: Path):
    """As the app starts it: LANG=zh_CN.UTF-8, no setting; then the setting overrides LANG."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QSettings\n"
        "from PySide6.QtWidgets import QApplication, QDialogButtonBox\n"
        "from reviewer.ui import i18n\n"
        "app = QApplication([])\n"
        "settings = QSettings(sys.argv[1], QSettings.IniFormat)\n"
        "print(i18n.install(app, settings))\n"
        "print(QCoreApplication.translate('ReviewStatus', 'verified'))\n"
        "box = QDialogButtonBox(QDialogButtonBox.Cancel)\n"
        "print(box.button(QDialogButtonBox.Cancel).text())\n"
        "settings.setValue(i18n.SETTING, 'en')\n"
        "print(i18n.install(app, settings), QCoreApplication.translate('ReviewStatus', 'verified'))\n")
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "s.ini")], env=env,
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[:4] == ["zh_CN", "已核实", "取消", "en verified"]


# ---- the window in Chinese ---------------------------------------------------------------------
def _english_sources() -> set[str]:
    root = ET.parse(TS).getroot()
    return {_plain(m.findtext("source") or "") for m in root.iter("message")} - {""}


def _plain(text: str) -> str:
    """A text as read: no markup, no mnemonic &, no trailing …, spaces collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text.replace("&&", "\0").replace("&", "")
                                .replace("\0", "&")))
    return " ".join(text.replace("…", "").split()).strip(" :")


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) of everything visible the widget shows as interface text."""
    found = []

    def add(where: str, text: str | None) -> None:
        if text and text.strip():
            found.append((where, text))

    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisible() and not isinstance(w, QMenu):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        add(f"{name} tooltip", w.toolTip())
        if w.isWindow():
            add(f"{name} title", w.windowTitle())
        if isinstance(w, QLabel):
            add(name, w.text())
        elif isinstance(w, QAbstractButton):
            add(name, w.text())
        elif isinstance(w, QGroupBox):
            add(name, w.title())
        elif isinstance(w, QLineEdit):
            add(f"{name} placeholder", w.placeholderText())
        elif isinstance(w, QPlainTextEdit):
            add(f"{name} placeholder", w.placeholderText())
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(f"{name} tab", w.tabText(i))
                add(f"{name} tab tooltip", w.tabToolTip(i))
        elif isinstance(w, QDockWidget):
            add(f"{name} dock", w.windowTitle())
        elif isinstance(w, QTreeWidget):
            header = w.headerItem()
            for i in range(header.columnCount()):
                if not w.isColumnHidden(i):
                    add(f"{name} header", header.text(i))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for i in range(model.columnCount()):
                add(f"{name} header", model.headerData(i, Qt.Horizontal, Qt.DisplayRole))
        elif isinstance(w, QMenu):
            add(f"{name} menu", w.title())
            for action in w.actions():
                add(f"{name} action", action.text())
                if action.menu() is not None:
                    add(f"{name} submenu", action.menu().title())
    return found


def _untranslated(texts: list[tuple[str, str]], data: set[str]) -> set[str]:
    """The texts that are English interface text: an English source string of the .ts
    file, or English words in a text without any Chinese (record data aside)."""
    sources = _english_sources()
    vocabulary = {w for s in sources for w in re.findall(r"[a-z]{3,}", s.lower())} - {"mrv", "url", "reviewer"}
    left = set()
    for _where, text in texts:
        plain = _plain(text)
        if not plain or plain in data or (os.sep in plain and " " not in plain):
            continue   # data, or a file's path
        rest = plain
        for value in sorted((d for d in data if len(d) > 3 and not d.isalpha()), key=len, reverse=True):
            rest = rest.replace(value, " ")   # an id or a title inside a text is data
        rest = GIT_COMMAND.sub(" ", rest)     # a command to type is typed as it is
        if CJK.search(plain):   # translated, unless a whole English phrase is left in it
            if plain in sources or THREE_WORDS.search(rest):
                left.add(plain)
        elif plain in sources or WORDS.search(rest) or set(re.findall(r"[a-z]{3,}", rest.lower())) & vocabulary:
            left.add(plain)
    return left


@pytest.fixture
def chinese_window(qtbot, qapp, repo: Path, tmp_path: Path):
    """The main window on the seeds, built with the interface in Chinese."""
    from reviewer.core.workspace import Workspace
    from reviewer.ui.main_window import MainWindow
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    settings.setValue(i18n.SETTING, i18n.CHINESE)
    assert i18n.install(qapp, settings) == i18n.CHINESE
    win = None
    try:
        win = MainWindow(settings)
        win.show()
        with qtbot.waitSignal(win.record_loaded, timeout=10000):
            win.open_workspace(Workspace(repo), select="cn-ordos-pilot-2024")
        yield win
    finally:
        if win is not None:
            win.workers.wait(5000)
            if win.session is not None:
                win.session.replace_from_disk(win.session.record, keep_edits=False)
            win.close()
            win.deleteLater()
        i18n.switch(i18n.ENGLISH, qapp)


def _record_data(repo: Path) -> set[str]:
    """Every value of the seeds' records and every file name: data, never translated."""
    from reviewer.core.workspace import Workspace
    ws = Workspace(repo)
    values: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif value is not None:
            values.add(_plain(str(value)))

    for path in sorted((repo / "records").glob("*.md")):
        walk(ws.load(path).data)
        values.add(path.name)
    values.update(p.name for p in (repo / "sources").rglob("*") if p.is_file())
    values.update(p.stem for p in (repo / "records").glob("*.md"))   # the ids
    values.add(repo.name)
    return values


def test_the_chinese_window_and_verify_dialog_show_no_english(qtbot, chinese_window, repo: Path):
    win = chinese_window
    qtbot.waitUntil(lambda: not win.workers.running, timeout=10000)
    texts = _texts(win)
    for menu in win.menuBar().findChildren(QMenu):
        texts += _texts(menu)
    win.review.start_verify()
    qtbot.waitUntil(lambda: win.review.dialog is not None and win.review.dialog.preview is not None,
                    timeout=15000)
    dialog = win.review.dialog
    texts += _texts(dialog)
    data = _record_data(repo) | {"reviewer", "Seed Bot", "seed", "Ann Auditor", "MRV", "you@example.org"}
    try:
        left = _untranslated(texts, data)
        assert not left, "untranslated:\n" + "\n".join(sorted(left))
        assert "核实" in dialog.windowTitle() and "核实并提交" == dialog.ok.text()
        assert win.form.cards["strategic"].title.text() == "<b>6 · 战略引导</b>"
    finally:
        dialog.reject()


def test_the_timeline_names_its_days_in_the_interface_language(qapp):
    """pyqtgraph writes "Thu 03" whatever the language; the Chinese dashboard says 12月3日."""
    import datetime as dt

    import pyqtgraph as pg
    from PySide6.QtGui import QFontMetrics

    from reviewer.ui.widgets.local_date_axis import LocalDateAxis
    day = dt.datetime(2026, 12, 3, tzinfo=dt.timezone.utc).timestamp()
    ours, theirs = LocalDateAxis(utcOffset=0), pg.DateAxisItem(utcOffset=0)
    plots = [pg.PlotWidget(axisItems={"bottom": axis}) for axis in (ours, theirs)]
    for axis in (ours, theirs):
        axis.fontMetrics = QFontMetrics(qapp.font())   # what pyqtgraph sets when it draws
        axis.tickValues(day - 86400, day + 4 * 86400, 600)   # chooses the zoom level (days)
    assert ours.tickStrings([day], 1, 86400) == theirs.tickStrings([day], 1, 86400)
    i18n.switch(i18n.CHINESE, qapp)
    try:
        assert ours.tickStrings([day, day + 86400], 1, 86400) == ["12月3日", "12月4日"]
        assert ours.tickStrings([day], 1, 40 * 86400) == ["2026年12月"]
    finally:
        i18n.switch(i18n.ENGLISH, qapp)
        for plot in plots:
            plot.deleteLater()


def test_english_says_one_warning_and_two_warnings(qapp):
    """Every "%n thing(s)" of the code has real English forms in reviewer_en.ts."""
    root = ET.parse(TS.with_name("reviewer_en.ts")).getroot()
    forms = [f.text or "" for f in root.iter("numerusform")]
    assert forms and not [f for f in forms if "(s)" in f]
    from PySide6.QtCore import QCoreApplication
    assert QCoreApplication.translate("RecordForm", "%n warning(s)", "", 1) == "1 warning"
    assert QCoreApplication.translate("RecordForm", "%n warning(s)", "", 2) == "2 warnings"


def test_undo_and_redo_are_one_sentence_in_each_language(qtbot, chinese_window, qapp):
    """Qt's own actions wrote "<prefix> <command>": "撤销(U) 编辑 评分" in Chinese, the
    mnemonic in the middle of the words."""
    win = chinese_window
    undo, redo = win.actions["undo"], win.actions["redo"]
    assert (undo.text(), redo.text()) == ("撤销(&U)", "重做(&R)")
    win.form.cards["mrv"].fields["score"].spin.setValue(70)
    what = win.undo_group.undoText()
    assert what == f"编辑 {win.form.cards['mrv'].title.text().split(' · ')[-1].rstrip('</b>')} · 评分"
    assert undo.text() == f"撤销“{what}”(&U)" and redo.text() == "重做(&R)"
    undo.trigger()
    assert undo.text() == "撤销(&U)" and redo.text() == f"重做“{what}”(&R)"
    from reviewer.ui.undo_actions import redo_text, undo_text
    i18n.switch(i18n.ENGLISH, qapp)
    assert (undo_text(what), redo_text(""), undo_text("")) == (f"&Undo {what}", "&Redo", "&Undo")
