"""The record list's filter proxy: the rows it shows, how it maps them, and what it does when
the model sorts, marks or adds rows (real model, real QTableView, offscreen).

It replaced a QSortFilterProxyModel that asked Python about every row on every change; these
tests hold it to what that one did, and to the one difference meant: a row the model
changes stays shown until the filter changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from reviewer.core.index.list_table import SummaryTable
from reviewer.core.index.query import parse_filter
from reviewer.core.record.summary import Summary
from reviewer.core.terms import DRAFT, VERIFIED
from reviewer.ui.widgets.record_filter_proxy import RecordFilterProxy
from reviewer.ui.widgets.record_table import PATH_ROLE, RecordTableModel

ROOT = Path("/ws")


def summary(n: int, status: str = DRAFT, title: str | None = None, country: str = "CN") -> Summary:
    return Summary(ROOT / "records" / f"r-{n:03d}.md", f"records/r-{n:03d}.md", f"r-{n:03d}",
                   title or f"Policy {n} on {'carbon' if n % 2 else 'water'}", status,
                   "NDRC" if n % 3 else "MEE", country if n % 5 else "US", 2020 + n % 4)


@pytest.fixture
def view(qtbot):
    model = RecordTableModel()
    model.set_rows(SummaryTable.of(ROOT, [summary(n, DRAFT if n % 4 else VERIFIED) for n in range(60)]))
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    table = QTableView()
    table.setModel(proxy)
    qtbot.addWidget(table)
    table.show()
    return table, proxy, model


def shown_ids(proxy: RecordFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def model_ids(model: RecordTableModel, keep) -> list[str]:
    return [s.id for s in model.rows if keep(s)]


def test_without_a_filter_every_row_maps_to_itself(view):
    _table, proxy, model = view
    assert proxy.rowCount() == model.rowCount() == 60 and proxy.columnCount() == model.columnCount()
    for row in (0, 31, 59):
        assert proxy.mapToSource(proxy.index(row, 2)) == model.index(row, 2)
        assert proxy.mapFromSource(model.index(row, 2)) == proxy.index(row, 2)
        for role in (Qt.DisplayRole, Qt.ToolTipRole, PATH_ROLE):
            assert proxy.index(row, 1).data(role) == model.index(row, 1).data(role)
    assert proxy.headerData(1, Qt.Horizontal) == model.headerData(1, Qt.Horizontal)
    assert not proxy.index(60, 0).isValid() and not proxy.index(0, 0).parent().isValid()


def test_words_and_fields_show_the_matching_rows_in_the_model_s_order(view):
    _table, proxy, model = view
    proxy.set_local(parse_filter("carbon status:draft"))
    expected = model_ids(model, lambda s: "carbon" in s.title and s.review_status == DRAFT)
    assert shown_ids(proxy) == expected and 0 < len(expected) < 60
    hidden = next(r for r, s in enumerate(model.rows) if s.id not in expected)
    assert not proxy.mapFromSource(model.index(hidden, 0)).isValid()
    for row in range(proxy.rowCount()):
        assert proxy.mapFromSource(proxy.mapToSource(proxy.index(row, 3))) == proxy.index(row, 3)
    proxy.set_local(parse_filter("country:us year:2021"))
    assert shown_ids(proxy) == model_ids(model, lambda s: s.country == "US" and s.year == 2021)
    proxy.set_local(None)
    assert proxy.rowCount() == 60


def test_a_search_s_paths_and_a_dashboard_s_files_narrow_together(view):
    _table, proxy, model = view
    hits = {str(ROOT / "records" / f"r-{n:03d}.md") for n in (5, 7, 12, 40)} | {"/elsewhere/x.md"}
    proxy.set_paths(hits)
    assert proxy.searching and shown_ids(proxy) == model_ids(model, lambda s: str(s.path) in hits)
    proxy.set_only({"records/r-007.md", "records/r-040.md", "records/r-041.md"})
    assert proxy.restricted and sorted(shown_ids(proxy)) == ["r-007", "r-040"]
    proxy.set_paths(None)
    assert not proxy.searching and sorted(shown_ids(proxy)) == ["r-007", "r-040", "r-041"]
    proxy.set_paths(set())
    assert proxy.rowCount() == 0 and not proxy.hasChildren()


def test_a_sort_keeps_the_filter_and_the_selected_record(view):
    table, proxy, model = view
    proxy.set_local(parse_filter("water"))
    table.selectionModel().setCurrentIndex(proxy.index(3, 0), QItemSelectionModel.ClearAndSelect
                                           | QItemSelectionModel.Rows)
    chosen, before = table.currentIndex().data(PATH_ROLE), shown_ids(proxy)
    model.sort(0, Qt.DescendingOrder)
    assert shown_ids(proxy) == model_ids(model, lambda s: "water" in s.title) != before
    assert sorted(shown_ids(proxy)) == sorted(before)
    assert table.currentIndex().data(PATH_ROLE) == chosen


def test_a_changed_row_stays_shown_until_the_filter_changes(view, qtbot):
    _table, proxy, model = view
    proxy.set_local(parse_filter("status:draft"))
    first = proxy.index(0, 0).data()
    row = next(s for s in model.rows if s.id == first)
    with qtbot.waitSignal(proxy.dataChanged) as changed:
        model.update_row(Summary(row.path, row.file, row.id, row.title, VERIFIED, row.author,
                                 row.country, row.year))
    assert changed.args[0].row() == 0 and proxy.index(0, 0).data() == first
    assert proxy.index(0, 2).data() == "verified"
    proxy.set_local(parse_filter("status:draft"))
    assert first not in shown_ids(proxy)


def test_a_new_record_is_added_at_the_end_when_it_matches(view, qtbot):
    _table, proxy, model = view
    proxy.set_local(parse_filter("carbon"))
    before = shown_ids(proxy)
    with qtbot.assertNotEmitted(proxy.rowsInserted):
        model.update_row(summary(61, title="Water rules"))
    assert shown_ids(proxy) == before
    with qtbot.waitSignal(proxy.rowsInserted) as inserted:
        model.update_row(summary(63, title="Carbon market rules"))
    assert inserted.args[1:] == [len(before), len(before)]
    assert shown_ids(proxy) == [*before, "r-063"]
    assert proxy.mapFromSource(model.index(model.rowCount() - 1, 0)).row() == len(before)
    proxy.set_local(None)
    with qtbot.waitSignal(proxy.rowsInserted):
        model.update_row(summary(65))
    assert proxy.rowCount() == model.rowCount() == 63


def test_a_new_set_of_rows_resets_the_view(view, qtbot):
    _table, proxy, model = view
    proxy.set_local(parse_filter("carbon"))
    with qtbot.waitSignal(proxy.modelReset):
        model.set_rows(SummaryTable.of(ROOT, [summary(n, title="carbon" if n < 3 else "water")
                                              for n in range(10)]))
    assert shown_ids(proxy) == ["r-000", "r-001", "r-002"]
    assert proxy.mapToSource(QModelIndex()) == QModelIndex()


def test_a_new_source_model_is_followed_and_the_old_one_let_go(view, qtbot):
    _table, proxy, old = view
    proxy.set_local(parse_filter("carbon"))
    new = RecordTableModel()
    new.set_rows(SummaryTable.of(ROOT, [summary(n, title="carbon" if n % 2 else "water") for n in range(6)]))
    with qtbot.waitSignal(proxy.modelReset):
        proxy.setSourceModel(new)
    assert shown_ids(proxy) == ["r-001", "r-003", "r-005"]
    with qtbot.assertNotEmitted(proxy.layoutChanged), qtbot.assertNotEmitted(proxy.modelReset):
        old.sort(1, Qt.DescendingOrder)   # the old model's changes are not the proxy's any more
        old.set_rows(SummaryTable.of(ROOT, []))
    assert shown_ids(proxy) == ["r-001", "r-003", "r-005"]
