"""The workspace index in the window (issue 6): the cached list first, a refresh with a
progress bar, full-text search and filters in the filter box, re-indexing after a save, and
a damaged cache. Real widgets, real files, a real SQLite cache in a private folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from conftest import save
from generate_workspace import generate
from reviewer.core.index.workspace_index import WorkspaceIndex
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow
from reviewer.ui.widgets.record_table import MATCH

ORDOS, PARKS, MIIT = "cn-ordos-pilot-2024", "cn-zero-carbon-parks", "cn-miit-industrial-plan-2022"


def make_window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    win.show()
    return win


def open_and_wait(qtbot, win: MainWindow, ws: Path, sources: bool = True) -> None:
    with qtbot.waitSignal(win.list_loaded, timeout=20000):
        win.open_workspace(Workspace(ws))
    if sources:
        qtbot.waitUntil(lambda: win.index_flow.sources_ready, timeout=20000)


def shown_ids(win: MainWindow) -> list[str]:
    proxy = win.record_list.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def type_filter(qtbot, win: MainWindow, text: str) -> None:
    """Type into the filter box and wait for the index's answer."""
    win.record_list.filter.setText(text)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not win.index_flow.search_pending, timeout=5000)
    win.workers.wait(5000)
    qtbot.wait(20)  # let the result's signal be delivered


@pytest.fixture
def win(qtbot, seed_workspace: Path, tmp_path: Path) -> MainWindow:
    window = make_window(qtbot, tmp_path)
    open_and_wait(qtbot, window, seed_workspace)
    yield window
    window.index_flow.shutdown()
    window.workers.wait(5000)
    window.close()


def test_a_warm_cache_is_shown_first_then_refreshed(qtbot, seed_workspace: Path, tmp_path: Path):
    with WorkspaceIndex.open(seed_workspace) as index:
        index.refresh()
    # changed on disk after the cache was written: the first list is the cache's
    RecordFile.load(seed_workspace / "records" / f"{PARKS}.md").save(
        [Change(("title",), "Renamed while the app was closed")])
    win = make_window(qtbot, tmp_path)
    seen: list[dict] = []
    win.record_list.model.modelReset.connect(
        lambda: seen.append({r.id: r.title for r in win.record_list.model.rows}))
    open_and_wait(qtbot, win, seed_workspace, sources=False)
    assert len(seen) == 2, "the cached list, then the refreshed one"
    assert seen[0][PARKS] == "China Zero Carbon Industrial Parks Guidance"
    assert seen[1][PARKS] == "Renamed while the app was closed"
    win.index_flow.shutdown()
    win.workers.wait(5000)


def test_nothing_changed_keeps_the_cached_rows(qtbot, seed_workspace: Path, tmp_path: Path):
    with WorkspaceIndex.open(seed_workspace) as index:
        index.refresh()
    win = make_window(qtbot, tmp_path)
    resets = []
    win.record_list.model.modelReset.connect(lambda: resets.append(1))
    open_and_wait(qtbot, win, seed_workspace, sources=False)
    assert len(resets) == 1 and len(win.record_list.model.rows) == 3
    win.workers.wait(5000)


def test_cold_indexing_shows_progress_then_hides_it(qtbot, tmp_path: Path):
    ws = generate(tmp_path / "gen", 300, seed=3, git=False)
    win = make_window(qtbot, tmp_path)
    reports: list[tuple] = []
    win.index_flow.progress.connect(lambda what, done, total: reports.append((what, done, total)))
    win.open_workspace(Workspace(ws))
    assert win.index_progress.isVisible()
    assert "Indexing records" in win.index_progress.label.text()
    qtbot.waitUntil(lambda: win.index_flow.sources_ready, timeout=60000)
    assert not win.index_progress.isVisible()
    record_reports = [r for r in reports if r[0] == "records"]
    assert record_reports and record_reports[-1][1] == record_reports[-1][2] >= 290
    assert any(r[0] == "sources" for r in reports)
    # the same rows as reading every file with the record engine
    assert sorted(r.file for r in win.record_list.model.rows) == \
        sorted(r.file for r in Workspace(ws).summaries())
    win.workers.wait(5000)


def test_filter_box_finds_text_only_in_a_source(qtbot, win: MainWindow):
    type_filter(qtbot, win, "滚动储备机制")  # a phrase of the Ordos plan, not of any record
    assert shown_ids(win) == [ORDOS]
    assert not win.record_list.table.isColumnHidden(MATCH)
    match = win.record_list.proxy.index(0, MATCH).data()
    assert match.startswith("ordos-carbon-peaking-plan-2024.zh.txt: ") and "«滚动储备机制»" in match
    assert "showing 1 of 3" in win.record_list.counts.text()
    type_filter(qtbot, win, "")
    assert len(shown_ids(win)) == 3 and win.record_list.table.isColumnHidden(MATCH)


def test_filter_box_filters_by_status_and_score(qtbot, win: MainWindow):
    type_filter(qtbot, win, "status:verified")
    assert shown_ids(win) == [MIIT]
    type_filter(qtbot, win, "mrv:>=85")  # Ordos 85, Parks 85, MIIT 75
    assert sorted(shown_ids(win)) == [ORDOS, PARKS]
    type_filter(qtbot, win, "mrv:>=85 status:draft carbon")
    assert sorted(shown_ids(win)) == [ORDOS, PARKS]
    type_filter(qtbot, win, "technical:>=90")
    assert shown_ids(win) == []
    assert "showing 0 of 3" in win.record_list.counts.text()


def test_a_malformed_filter_says_how_to_write_it_and_clears_the_list(qtbot, win: MainWindow):
    type_filter(qtbot, win, "mrv:high")
    assert win.record_list.filter_error.isVisible()
    assert "write a score as 60, >=60" in win.record_list.filter_error.text()
    assert shown_ids(win) == []  # no results that look as if they matched it (issue 12)
    type_filter(qtbot, win, "mrv:60")
    assert not win.record_list.filter_error.isVisible()


def test_a_stale_search_result_is_dropped(qtbot, win: MainWindow):
    win.record_list.filter.setText("碳达峰")
    win.index_flow.search_now()       # an older search, still running...
    win.record_list.filter.setText("status:verified")
    win.index_flow.search_now()       # ...overtaken by the newer one
    win.workers.wait(5000)
    qtbot.wait(50)
    assert shown_ids(win) == [MIIT]


def test_a_save_is_searchable_at_once(qtbot, win: MainWindow):
    win.record_list.select_record_id(PARKS)
    qtbot.waitUntil(lambda: win.session is not None and win.session.data["id"] == PARKS, timeout=10000)
    win.session.edit(("analysis", "mrv", "evidence"), "Metered by the Quxian grid operator.")
    assert save(qtbot, win)
    win.workers.wait(5000)
    type_filter(qtbot, win, "Quxian")
    assert shown_ids(win) == [PARKS]
    assert "«Quxian»" in win.record_list.proxy.index(0, MATCH).data()


def test_a_damaged_cache_is_rebuilt_not_trusted(qtbot, seed_workspace: Path, tmp_path: Path):
    with WorkspaceIndex.open(seed_workspace) as index:
        index.refresh()
        db = index.db_path
    db.write_bytes(b"this is not a database" * 100)
    win = make_window(qtbot, tmp_path)
    open_and_wait(qtbot, win, seed_workspace)
    assert sorted(r.id for r in win.record_list.model.rows) == sorted([ORDOS, PARKS, MIIT])
    type_filter(qtbot, win, "滚动储备机制")
    assert shown_ids(win) == [ORDOS]
    win.workers.wait(5000)


def test_an_unusable_cache_folder_still_gives_a_list(qtbot, seed_workspace: Path, tmp_path: Path,
                                                     monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    win = make_window(qtbot, tmp_path)
    open_and_wait(qtbot, win, seed_workspace, sources=False)
    assert len(win.record_list.model.rows) == 3
    win.workers.wait(5000)


def test_sorting_by_columns_keeps_the_selection_and_unreadable_rows(qtbot, seed_workspace: Path,
                                                                    tmp_path: Path):
    (seed_workspace / "records" / "broken.md").write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    win = make_window(qtbot, tmp_path)
    open_and_wait(qtbot, win, seed_workspace, sources=False)
    qtbot.waitUntil(lambda: win.session is not None, timeout=10000)
    selected = win.record_list.current_path()
    header = win.record_list.table.horizontalHeader()
    header.setSortIndicator(1, Qt.AscendingOrder)  # by title, as a header click does
    titles = [win.record_list.proxy.index(r, 1).data() for r in range(4)]
    assert titles == sorted(titles, key=str.casefold)
    assert win.record_list.current_path() == selected
    header.setSortIndicator(1, Qt.DescendingOrder)
    assert [win.record_list.proxy.index(r, 1).data() for r in range(4)] == titles[::-1]
    win.record_list.sort_by(2)  # drafts first, then unreadable files (they need attention)
    statuses = [win.record_list.proxy.index(r, 2).data() for r in range(4)]
    assert statuses == ["draft", "draft", "unreadable", "verified"]
    win.workers.wait(5000)


def test_matches_beyond_the_snippet_limit_are_listed_too(qtbot, win: MainWindow, monkeypatch):
    import reviewer.core.services.search as search_services
    monkeypatch.setattr(search_services, "SNIPPETS", 1)  # as if there were thousands of matches
    type_filter(qtbot, win, "carbon")
    assert sorted(shown_ids(win)) == sorted([ORDOS, PARKS, MIIT])
    snippets = [win.record_list.proxy.index(r, MATCH).data() for r in range(3)]
    assert snippets[0] and "«" in snippets[0]  # the best match first, with its snippet
    assert snippets[1:] == [None, None]


def test_opening_another_workspace_while_indexing_shows_only_the_new_one(qtbot, tmp_path: Path):
    big = generate(tmp_path / "big", 300, seed=5, git=False)
    small = tmp_path / "small"
    (small / "records").mkdir(parents=True)
    (small / "records" / "only.md").write_text("---\nid: only\ntitle: The only record\n"
                                               "reviewStatus: draft\n---\n", encoding="utf-8")
    win = make_window(qtbot, tmp_path)
    win.open_workspace(Workspace(big))      # cold: indexing 300 records has begun...
    open_and_wait(qtbot, win, small)        # ...when the auditor opens another folder
    win.workers.wait(20000)
    assert [r.id for r in win.record_list.model.rows] == ["only"]
    # The first workspace's refresh finishing just before it saw the cancel: dropped.
    with WorkspaceIndex.open(big) as late:
        report = late.refresh()
        assert not report.cancelled
        win.index_flow.refreshed((late, report, late.summaries()))
        win.index_flow.sources_indexed((late, late.index_sources()))
    assert [r.id for r in win.record_list.model.rows] == ["only"]
    assert win.index_flow.index.root == small.resolve()


def test_a_record_found_in_its_source_opens_on_the_match(qtbot, win: MainWindow):
    win.record_list.select_record_id(PARKS)
    qtbot.waitUntil(lambda: win.session is not None and win.session.data["id"] == PARKS, timeout=10000)
    type_filter(qtbot, win, "滚动储备机制")
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        win.record_list.select_record_id(ORDOS)
    view = win.source_view
    assert view.tabs.tabText(view.tabs.currentIndex()) == "ordos-carbon-peaking-plan-2024.zh.txt"
    assert view.find_bar.isVisible() and view.find_edit.text() == "滚动储备机制"
    tab = view.current_tab()
    assert tab.matches and tab.text.textCursor().selectedText() == "滚动储备机制"


def test_files_added_and_removed_on_disk_update_the_list(qtbot, win: MainWindow, seed_workspace: Path):
    records = seed_workspace / "records"
    (records / f"{PARKS}.md").unlink()
    text = (records / f"{MIIT}.md").read_text(encoding="utf-8")
    (records / "cn-new-2026.md").write_text(text.replace(MIIT, "cn-new-2026"), encoding="utf-8")
    qtbot.waitUntil(lambda: sorted(r.id for r in win.record_list.model.rows)
                    == sorted([ORDOS, MIIT, "cn-new-2026"]), timeout=10000)
    type_filter(qtbot, win, "cn-new-2026")  # and the index knows it: search finds it
    assert shown_ids(win) == ["cn-new-2026"]
