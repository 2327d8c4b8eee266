"""The open record's neighbours prepared in a worker (issue 15): stepping to one shows its
own data, never data older than the files, within a bounded cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from reviewer.core.services import prefetch, records
from reviewer.core.workspace import Workspace
from reviewer.ui.widgets.record_table import PATH_ROLE

from conftest import SEEDS

TEMPLATE_ID = "cn-ordos-pilot-2024"


def make_records(folder: Path, count: int) -> Path:
    """``count`` records, each titled "Record NN" with a source of its own ("来源NN")."""
    template = (SEEDS / "records" / f"{TEMPLATE_ID}.md").read_text(encoding="utf-8")
    title = next(line for line in template.splitlines() if line.startswith("title:"))
    (folder / "records").mkdir(parents=True)
    for i in range(count):
        rid = f"rec-{i:02d}"
        text = template.replace(TEMPLATE_ID, rid).replace(title, f"title: Record {i:02d}")
        (folder / "records" / f"{rid}.md").write_text(text, encoding="utf-8")
        sources = folder / "sources" / rid
        sources.mkdir(parents=True)
        (sources / "plan.zh.txt").write_text(f"第一章 总则\n来源{i:02d}的正文。\n", encoding="utf-8")
    return folder


@pytest.fixture
def win(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request):
    """The window on a workspace of records made just now, the first one open. The files
    are moments old: the rule that such files are not cached (their time may not have
    ticked since) has its own test; here any change after the read must be seen."""
    monkeypatch.setattr(prefetch, "RACY_NS", 0)
    from reviewer.ui.main_window import MainWindow
    count = getattr(request, "param", 6)
    ws = Workspace(make_records(tmp_path / "ws", count))
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    window.show()
    with qtbot.waitSignal(window.record_loaded, timeout=10000):
        window.open_workspace(ws)
    qtbot.waitUntil(lambda: window.index_flow.records_ready, timeout=10000)
    yield window
    window.workers.wait(5000)
    if window.session is not None:
        window.session.replace_from_disk(window.session.record, keep_edits=False)
    window.close()
    window.deleteLater()


def row_path(window, offset: int) -> Path | None:
    """The record ``offset`` rows from the open one in the list as shown (None: no row)."""
    row = window.record_list.table.currentIndex().row() + offset
    path = window.record_list.proxy.index(row, 0).data(PATH_ROLE)
    return Path(path) if path else None


def prepared(qtbot, window, path: Path) -> None:
    """Wait until ``path`` is in the prefetch cache and nothing more is being read."""
    flow = window.records.prefetch
    qtbot.waitUntil(lambda: flow.idle and flow.cache.has(path), timeout=10000)


def step(qtbot, window, name: str = "next_record") -> None:
    with qtbot.waitSignal(window.record_loaded, timeout=10000):
        window.actions[name].trigger()


def shown_source(window) -> str:
    return window.source_view.current_tab().text.toPlainText()


def test_next_record_comes_prepared_with_its_own_data(qtbot, win) -> None:
    first, nxt = win.session.path, row_path(win, 1)
    prepared(qtbot, win, nxt)
    hits = win.records.prefetch.cache.hits
    step(qtbot, win)
    assert win.records.prefetch.cache.hits == hits + 1    # shown from the cache
    number = nxt.stem[-2:]
    assert win.session.path == nxt
    assert f"Record {number}" in win.form.header.text()
    assert f"来源{number}" in shown_source(win)
    assert win.form.isEnabled()                            # editable at once
    prepared(qtbot, win, first)                            # and back: the one left is kept
    step(qtbot, win, "prev_record")
    assert win.session.path == first and f"Record {first.stem[-2:]}" in win.form.header.text()


def test_neighbour_changed_on_disk_after_prefetch_is_read_again(qtbot, win) -> None:
    nxt = row_path(win, 1)
    prepared(qtbot, win, nxt)
    number = nxt.stem[-2:]
    # Same sizes, written in place: only the files' times tell the change.
    record = nxt.read_text(encoding="utf-8")
    nxt.write_text(record.replace(f"title: Record {number}", f"title: Recxrd {number}"),
                   encoding="utf-8")
    source = nxt.parent.parent / "sources" / nxt.stem / "plan.zh.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("的正文", "的新文"),
                      encoding="utf-8")
    step(qtbot, win)
    assert win.session.path == nxt
    assert f"Recxrd {number}" in win.form.header.text()
    assert f"来源{number}的新文" in shown_source(win)
    assert win.session.data["title"] == f"Recxrd {number}"   # what an edit would start from


def test_a_source_added_after_prefetch_shows(qtbot, win) -> None:
    nxt = row_path(win, 1)
    prepared(qtbot, win, nxt)
    (nxt.parent.parent / "sources" / nxt.stem / "extra.zh.txt").write_text("新加的文件\n", encoding="utf-8")
    step(qtbot, win)
    assert win.source_view.tabs.count() == 2


@pytest.mark.parametrize("win", [32], indirect=True)
def test_cache_stays_bounded_walking_through_30_records(qtbot, win) -> None:
    cache = win.records.prefetch.cache
    sizes = []
    for _ in range(30):
        prepared(qtbot, win, row_path(win, 1))
        around = {win.session.path, row_path(win, 1), row_path(win, -1)}
        assert len(cache) <= cache.capacity and set(cache.paths()) <= around
        sizes.append(cache.bytes)
        step(qtbot, win)
    assert win.session.path == row_path(win, 0) and row_path(win, 0).stem == "rec-30"
    assert cache.hits >= 30 and max(sizes) <= 3 * max(sizes[:3])   # no growth along the way


def test_unsaved_edits_are_asked_about_before_a_prepared_record(qtbot, win, monkeypatch) -> None:
    first, nxt = win.session.path, row_path(win, 1)
    prepared(qtbot, win, nxt)
    win.session.edit(("title",), "Edited title")
    answers = [QMessageBox.Cancel, QMessageBox.Discard]
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args[2]) or answers.pop(0))
    win.actions["next_record"].trigger()
    assert asked and win.session.path == first and win.session.dirty   # cancelled: stays
    assert win.record_list.current_path() == first
    step(qtbot, win)                                                   # discarded: goes
    assert len(asked) == 2 and win.session.path == nxt and not win.session.dirty
    assert f"Record {nxt.stem[-2:]}" in win.form.header.text()
    assert "Edited title" not in first.read_text(encoding="utf-8")


def test_unreadable_neighbour_shows_the_same_error_as_a_cold_load(qtbot, win) -> None:
    nxt = row_path(win, 1)
    nxt.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    win.records.prefetch.forget_all()    # as the watcher's rescan would
    prepared(qtbot, win, nxt)
    cold = records.load_record(win.workspace, nxt).error
    assert cold and "YAML" in cold and win.records.prefetch.cache.has(nxt)
    with qtbot.waitSignal(win.records.session_changed, timeout=10000):  # nothing to edit: no loaded
        win.actions["next_record"].trigger()
    assert win.session is None
    assert win.form.header.text() == f"This file cannot be read as a record:\n{cold}"
    assert not win.form.isEnabled()


def test_a_file_written_just_before_its_read_is_not_cached(tmp_path: Path) -> None:
    """Racily clean: a second write in the same tick of the file's time, of the same size,
    would leave its signature as it was. Such reads are shown, never kept."""
    ws = Workspace(make_records(tmp_path / "ws", 2))
    path = ws.record_paths()[0]
    fresh = prefetch.prepare(ws, path, "rec-00")
    assert fresh.loaded.record is not None and not fresh.stable
    cache = prefetch.PrefetchCache()
    assert not cache.put(fresh) and not cache.has(path)


def test_an_entry_is_taken_only_while_its_signature_holds(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(prefetch, "RACY_NS", 0)
    ws = Workspace(make_records(tmp_path / "ws", 2))
    path = ws.record_paths()[0]
    cache = prefetch.PrefetchCache(capacity=1)
    assert cache.put(prefetch.prepare(ws, path, "rec-00"))
    assert cache.take(ws, path) is not None
    source = tmp_path / "ws" / "sources" / "rec-00" / "plan.zh.txt"
    source.write_bytes(source.read_bytes())       # same bytes: its times and ctime move
    assert cache.take(ws, path) is None and cache.stale == 1 and len(cache) == 0
    cache.put(prefetch.prepare(ws, path, "rec-00"))
    cache.put(prefetch.prepare(ws, ws.record_paths()[1], "rec-01"))
    assert cache.paths() == [ws.record_paths()[1]]   # the capacity holds


@pytest.mark.parametrize("win", [10], indirect=True)
def test_a_slow_load_arriving_after_a_prepared_record_is_dropped(qtbot, win, monkeypatch) -> None:
    """A far record still loading when the auditor picks a prepared one: the late load must
    not replace what is shown (the app's rule for every worker)."""
    import threading

    from reviewer.ui.flows import prefetch_flow
    first, nxt = win.session.path, row_path(win, 1)
    prepared(qtbot, win, nxt)
    far = row_path(win, 8)
    release = threading.Event()

    def slow(ws, path, record_id=None):
        if path == far:
            release.wait(10)
        return prefetch.prepare(ws, path, record_id)
    monkeypatch.setattr(prefetch_flow, "prepare", slow)
    win.record_list.select_path(far)          # a cold load, held in its worker
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        win.record_list.select_path(nxt)      # prepared: shown at once
    release.set()
    win.workers.wait(5000)
    qtbot.wait(50)                            # the late result's signal is delivered
    assert win.session.path == nxt and f"Record {nxt.stem[-2:]}" in win.form.header.text()
    assert first != nxt
