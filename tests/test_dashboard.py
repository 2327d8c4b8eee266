"""The app's Dashboard (issue 14): the audit's numbers charted from a real git history, a
click on a bar restricting the record list to the records behind it, filters and new
commits reading the numbers again in a worker, and a folder without history saying so."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from conftest import git
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.services import audit
from reviewer.core.services.changes import Changes
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow

ORDOS, PARKS, MIIT = "cn-ordos-pilot-2024", "cn-zero-carbon-parks", "cn-miit-industrial-plan-2022"
JANE, BOB = "Jane Doe <jane@example.org>", "Bob Boss <bob@example.org>"
EVERYONE = {ORDOS, PARKS, MIIT}


def review(ws: Path, record_id: str, changes: dict, who: str) -> None:
    """An auditor's commit: the record's fields changed, with a Reviewed-by trailer."""
    RecordFile.load(ws / "records" / f"{record_id}.md").save(
        [Change(tuple(key.split(".")), value) for key, value in changes.items()])
    git(ws, "commit", "-q", "-a", "-m", f"Verify {record_id}", "-m", f"Reviewed-by: {who}")


@pytest.fixture
def history(raw_git_workspace: Path) -> Path:
    """The seeds committed as drafted (MIIT came in verified), then two reviews: Jane moved
    Ordos's mrv score by 30 (85 -> 55), Bob Parks's by 5 (85 -> 80)."""
    review(raw_git_workspace, ORDOS, {"analysis.mrv.score": 55, "reviewStatus": "verified"}, JANE)
    review(raw_git_workspace, PARKS, {"analysis.mrv.score": 80, "reviewStatus": "verified"}, BOB)
    return raw_git_workspace


def open_window(qtbot, folder: Path, tmp_path: Path) -> MainWindow:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    store.setValue("sync/background_fetch", False)
    win = MainWindow(store)
    win.show()
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        win.open_workspace(Workspace(folder))
    qtbot.waitUntil(lambda: win.index_flow.records_ready, timeout=10000)
    return win


@pytest.fixture
def make_window(qtbot, tmp_path: Path):
    made: list[MainWindow] = []

    def make(folder: Path) -> MainWindow:
        made.append(open_window(qtbot, folder, tmp_path))
        return made[-1]
    yield make
    for win in made:
        win.workers.wait(10000)
        win.close()
        win.deleteLater()


def open_dashboard(qtbot, win: MainWindow):
    with qtbot.waitSignal(win.dashboard.shown, timeout=20000):
        win.actions["dashboard"].trigger()
    return win.dashboard.dashboard


def shown_ids(win: MainWindow) -> set[str]:
    return set(win.record_list.visible_ids())


def test_the_dashboard_charts_the_history(qtbot, history: Path, make_window):
    win = make_window(history)
    assert win.actions["dashboard"].shortcut().toString() == "Ctrl+Shift+D"
    assert win.actions["dashboard"] in win.menuBar().actions()[3].menu().actions()  # View
    board = open_dashboard(qtbot, win)
    assert board.isVisible() and board.showing_problem is None
    numbers = {k: label.text() for k, label in board.headline.values.items()}
    assert numbers == {"records": "3", "verified": "3", "drafts": "0", "reviewed": "2",
                       "placeholders": "2", "alpha": "–"}
    assert "no record verified by two auditors" in board.headline.notes["alpha"].text()
    share, mean = board.pillars.share, board.pillars.mean
    assert share.categories[:7] == ["incentive", "statutory", "liability", "mrv", "market",
                                    "strategic", "technical"]
    assert share.value("mrv") == 100 and share.value("incentive") == 0
    assert mean.value("mrv") == 17.5 and mean.value("statutory") == 0
    authors = {r.author: r for r in board.authors.rows}
    assert authors["Legacy System"].changed == 1 and authors["Legacy System"].reviewed == 1
    assert authors["Gemini Intelligence"].records == 2 and authors["Gemini Intelligence"].reviewed == 1
    assert board.auditors.auditors == [BOB, JANE]          # one each: by name
    assert board.auditors.chart.series[0].values == [1, 1]
    assert board.timeline.rows[-1]["verified"] == 3 and board.timeline.rows[-1]["drafts"] == 0
    # what else the auditors changed, and the citations before and after review
    changes = board.changes.chart
    assert changes.value("Score") == 2 and changes.value("Label") == 0
    assert changes.value("Citation") == 0 and changes.value("Pillar removed") == 0
    verdicts = board.verdicts
    assert sum(verdicts.chart.series[0].values) == sum(verdicts.chart.series[1].values) > 0
    # the same numbers as `reviewer stats --json --details`, from its cache
    data = audit.stats_json(Workspace(history), details=True)
    assert data["read"].get("cached") and board.stats.data == {**data, "read": board.stats.read}
    assert data["placeholders"]["left"] == 2 and data["pillars"]["mrv"]["mean_abs_score_change"] == 17.5
    assert data["citations"]["before"] == dict(zip(verdicts.verdicts, verdicts.chart.series[0].values))
    countries = board.filter_bar.country
    assert [countries.itemText(i) for i in range(countries.count())] == ["Any country", "中国"]


def test_a_click_on_a_bar_lists_the_records_behind_it(qtbot, history: Path, make_window):
    win = make_window(history)
    board = open_dashboard(qtbot, win)
    assert shown_ids(win) == EVERYONE and not win.record_list.only_bar.isVisible()
    share = board.pillars.share
    mrv = share.categories.index("mrv")
    # a real click, where the mrv bar is drawn
    with qtbot.waitSignal(share.bar_clicked, timeout=5000) as clicked:
        qtbot.mouseClick(share.viewport(), Qt.LeftButton, pos=share.bar_center(mrv))
    assert clicked.args == [mrv, 0]
    assert shown_ids(win) == {ORDOS, PARKS}
    assert win.record_list.only_bar.isVisible()
    assert win.record_list.only_note.text() == \
        "Showing 2 records from the dashboard: mrv score changed"
    # a click on an empty column (no score changed) lists nothing new
    qtbot.mouseClick(share.viewport(), Qt.LeftButton, pos=share.bar_center(0))
    assert shown_ids(win) == {ORDOS, PARKS}
    # changed by more than 20 points: only Ordos (30), not Parks (5)
    board.pillars.threshold.setValue(20)
    assert share.value("mrv") == 50
    assert "by more than 20 points" in board.pillars.share_title.text()
    mean = board.pillars.mean
    qtbot.mouseClick(mean.viewport(), Qt.LeftButton, pos=mean.bar_center(mrv))
    assert shown_ids(win) == {ORDOS}
    assert win.record_list.only_note.text() == \
        "Showing 1 record from the dashboard: mrv score changed by more than 20 points"
    assert "1 of 3" in win.record_list.counts.text()
    # the filter box narrows the restriction further, and clearing the box keeps it
    win.record_list.filter.setText("status:draft")
    qtbot.waitUntil(lambda: shown_ids(win) == set(), timeout=5000)
    win.record_list.filter.setText("")
    qtbot.waitUntil(lambda: shown_ids(win) == {ORDOS}, timeout=5000)
    # Clear: every record again
    qtbot.mouseClick(win.record_list.only_clear, Qt.LeftButton)
    assert shown_ids(win) == EVERYONE
    assert not win.record_list.only_bar.isVisible() and win.record_list.only_about is None


def test_author_and_auditor_bars_list_their_records(qtbot, history: Path, make_window):
    win = make_window(history)
    board = open_dashboard(qtbot, win)
    chart = board.auditors.chart
    qtbot.mouseClick(chart.viewport(), Qt.LeftButton,
                     pos=chart.bar_center(board.auditors.auditors.index(JANE), 0))
    assert shown_ids(win) == {ORDOS}
    assert "records last verified by Jane Doe" in win.record_list.only_note.text()
    gemini = [r.author for r in board.authors.rows].index("Gemini Intelligence")
    board.authors.chart.bar_clicked.emit(gemini, 0)           # what a click on it emits
    assert shown_ids(win) == {PARKS}                          # MIIT was not reviewed here


def test_change_and_citation_bars_list_their_records(qtbot, history: Path, make_window):
    win = make_window(history)
    board = open_dashboard(qtbot, win)
    changes = board.changes.chart
    score = changes.categories.index("Score")
    with qtbot.waitSignal(changes.bar_clicked, timeout=5000):
        qtbot.mouseClick(changes.viewport(), Qt.LeftButton, pos=changes.bar_center(score))
    assert shown_ids(win) == {ORDOS, PARKS}
    assert win.record_list.only_note.text() == \
        "Showing 2 records from the dashboard: a pillar's score changed"
    verdicts = board.verdicts
    after = {v: {d["record"] for d in board.stats.details if v in d["citations_after"].values()}
             for v in verdicts.verdicts}
    verdict = max(after, key=lambda v: len(after[v]))
    qtbot.mouseClick(verdicts.chart.viewport(), Qt.LeftButton,
                     pos=verdicts.chart.bar_center(verdicts.verdicts.index(verdict), 1))
    assert shown_ids(win) == after[verdict] and after[verdict]
    assert win.record_list.only_note.text().endswith(f"a citation {verdict} after review")
    countries = board.filter_bar.country
    with qtbot.waitSignal(win.dashboard.shown, timeout=20000):
        countries.setCurrentIndex(countries.findData("中国"))
    assert board.stats.filters.country == "中国" and board.headline.values["records"].text() == "3"


def test_filters_read_the_numbers_again_in_a_worker(qtbot, history: Path, make_window):
    win = make_window(history)
    board = open_dashboard(qtbot, win)
    authors = board.filter_bar.author
    assert {authors.itemText(i) for i in range(authors.count())} == {
        "Any author", "Gemini Intelligence", "Legacy System"}
    with qtbot.waitSignal(win.dashboard.shown, timeout=20000):
        authors.setCurrentIndex(authors.findData("Legacy System"))
    assert board.stats.filters.author == "Legacy System"
    assert board.headline.values["records"].text() == "1"
    assert board.pillars.mean.value("mrv") == 30
    # the other names stay offered while one is chosen
    assert authors.count() == 3
    auditors = board.filter_bar.auditor
    with qtbot.waitSignal(win.dashboard.shown, timeout=20000):
        authors.setCurrentIndex(0)
        auditors.setCurrentIndex(auditors.findData(BOB))
    assert board.headline.values["records"].text() == "1"
    assert board.pillars.mean.value("mrv") == 5


def test_a_new_commit_refreshes_the_open_dashboard_and_the_list_follows(qtbot, history: Path,
                                                                        make_window):
    win = make_window(history)
    board = open_dashboard(qtbot, win)
    board.pillars.threshold.setValue(20)
    board.choose("pillar", "mrv")             # the slot a click on the mrv bar calls
    assert shown_ids(win) == {ORDOS}
    # Bob looks again at Parks: 85 -> 60 in all, now changed by more than 20 too
    review(history, PARKS, {"analysis.mrv.score": 60}, BOB)
    with qtbot.waitSignal(win.dashboard.shown, timeout=20000):
        win.apply_changes(Changes(history=True))
    assert board.pillars.mean.value("mrv") == 27.5
    assert board.stats.read["commits_read"] == 1              # only the new commit was read
    assert shown_ids(win) == {ORDOS, PARKS}
    assert win.record_list.only_note.text().startswith("Showing 2 records")
    # closed, the dashboard reads nothing when commits arrive
    board.close()
    calls = []
    win.dashboard.refresh = lambda: calls.append(1)
    win.apply_changes(Changes(history=True))
    assert calls == []


def test_the_ui_thread_never_waits_for_the_history(qtbot, history: Path, make_window, monkeypatch):
    """While git is read the dashboard is up and says so; of two requests meanwhile, only
    the newest one's numbers are shown, read once after the running one."""
    release, calls = threading.Event(), []
    real = audit.stats

    def slow(ws, filters, *args, **options):
        calls.append(filters)
        release.wait(20)
        return real(ws, filters, *args, **options)
    monkeypatch.setattr(audit, "stats", slow)
    win = make_window(history)
    win.actions["dashboard"].trigger()
    board = win.dashboard.dashboard
    assert board.isVisible() and board.state.text() == "Reading the history…"
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
    since = board.filter_bar.since
    since.blockSignals(True)          # the filter bar's own debounced request: not in this test
    since.setDate(since.date().addDays(1))
    since.blockSignals(False)
    win.dashboard.refresh()
    win.dashboard.refresh()
    assert len(calls) == 1 and win.dashboard.running
    with qtbot.waitSignal(win.dashboard.shown, timeout=20000):
        release.set()
    assert len(calls) == 2 and calls[-1].since == dt.date(2000, 1, 2)
    assert board.stats.filters == calls[-1]
    assert board.headline.values["records"].text() == "2"   # verified since: MIIT came verified


def test_a_folder_outside_git_says_it_has_no_history(qtbot, seed_workspace: Path, git_env,
                                                     make_window, capfd):
    win = make_window(seed_workspace)
    board = open_dashboard(qtbot, win)
    assert "is not in a git repository, so it has no history to audit" in board.showing_problem
    assert board.problem.isVisible() and not board.pillars.isVisible()
    assert "Traceback" not in capfd.readouterr().err


def test_a_repository_without_commits_says_so(qtbot, seed_workspace: Path, git_env, make_window,
                                              capfd):
    git(seed_workspace, "init", "-q", "-b", "main")
    win = make_window(seed_workspace)
    board = open_dashboard(qtbot, win)
    assert "No record is in this workspace's git history yet" in board.showing_problem
    assert "Traceback" not in capfd.readouterr().err
