"""Benchmark: a keystroke in the filter box at 10,000 and 100,000 records (not a test).

Run: ``python tests/bench_list_filter.py [--sizes 10000,100000] [--runs 7]``. Builds the
list's rows as the index gives them (packed texts in a SummaryTable, English and Chinese
titles), shows them in a real QTableView (offscreen) through the app's filter proxy, and
times, each to the view having handled the change (median of the runs):

- typing words (``carbon``, ``碳达峰 2023``), a field filter (``status:draft``), clearing it;
- a search's answer (every 7th record's path) and a sort by title;
- a repaint of the visible rows (what moving through the list costs).

Baseline, measured in the same run on the same rows: the proxy the list used before, a
QSortFilterProxyModel whose ``filterAcceptsRow`` did the same matching row by row (kept
here, as it was).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from reviewer.core.index.list_table import (  # noqa: E402
    AUTHOR, COUNTRY, ERROR, FILE, ID, STATUS, TITLE, YEAR, SummaryTable)
from reviewer.core.index.query import parse_filter  # noqa: E402
from reviewer.core.index.store import pack  # noqa: E402
from reviewer.ui.widgets.record_filter_proxy import RecordFilterProxy  # noqa: E402
from reviewer.ui.widgets.record_table import RecordTableModel  # noqa: E402

ROOT_DIR = Path("/ws")
TITLES = ("Carbon market pilot {n}", "关于碳达峰实施方案的通知 {n}", "Water pricing reform {n}",
          "新能源汽车推广应用 {n}", "Industrial efficiency standard {n}")


class RowByRowProxy(QSortFilterProxyModel):
    """The baseline: the list's proxy before, asked about every row from C++."""

    def __init__(self) -> None:
        super().__init__()
        self._words, self._fields, self._keys = [], {}, None

    def reset_with(self, words=(), fields=None, keys=None) -> None:
        self.beginResetModel()
        self._words, self._fields, self._keys = list(words), dict(fields or {}), keys
        self.endResetModel()

    def filterAcceptsRow(self, source_row: int, _parent: QModelIndex) -> bool:
        rows = self.sourceModel().rows
        if self._keys is not None:
            return rows.key(source_row) in self._keys
        if not self._words and not self._fields:
            return True
        f = rows.fields(source_row)
        values = {"status": f[STATUS], "country": f[COUNTRY], "year": f[YEAR], "author": f[AUTHOR]}
        for key, wanted in self._fields.items():
            have = str(values[key] or "").casefold()
            if (wanted not in have) if key == "author" else (have != wanted):
                return False
        hay = " ".join(str(v) for v in (f[ID], f[TITLE], f[STATUS], f[AUTHOR], f[COUNTRY], f[YEAR],
                                        f[FILE], f[ERROR] or "")).casefold()
        return all(w in hay for w in self._words)


def rows_of(count: int) -> SummaryTable:
    items = [pack(f"records/p-{n:06d}.md", None, f"p-{n:06d}", TITLES[n % 5].format(n=n),
                  "draft" if n % 3 else "verified", ("NDRC", "MEE", "MIIT")[n % 3],
                  ("CN", "US", "EU")[n % 7 % 3], 2018 + n % 7, "yaml", None, None)
             for n in range(count)]
    return SummaryTable(ROOT_DIR, items)


def timed(app: QApplication, action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        app.processEvents()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(app: QApplication, count: int, runs: int) -> list[tuple[str, float, float]]:
    model = RecordTableModel()
    model.set_rows(rows_of(count))
    proxy, baseline = RecordFilterProxy(), RowByRowProxy()
    views = []
    for p in (proxy, baseline):
        p.setSourceModel(model)
        view = QTableView()
        view.setModel(p)
        view.resize(900, 700)
        view.show()
        views.append(view)
    app.processEvents()
    hits = {str(ROOT_DIR / f"records/p-{n:06d}.md") for n in range(0, count, 7)}
    keys = {model.rows.key_of(h) for h in hits}
    cases = [("type 'carbon'", lambda: proxy.set_local(parse_filter("carbon")),
              lambda: baseline.reset_with(["carbon"])),
             ("type '碳达峰 2023'", lambda: proxy.set_local(parse_filter("碳达峰 2023")),
              lambda: baseline.reset_with(["碳达峰", "2023"])),
             ("type 'status:draft'", lambda: proxy.set_local(parse_filter("status:draft")),
              lambda: baseline.reset_with(fields={"status": "draft"})),
             ("clear the box", lambda: proxy.set_local(None), lambda: baseline.reset_with()),
             (f"a search's answer ({len(hits):,} hits)", lambda: proxy.set_paths(hits),
              lambda: baseline.reset_with(keys=keys))]
    out = []
    for name, ours, theirs in cases:
        out.append((name, timed(app, ours, runs), timed(app, theirs, runs)))
    proxy.set_local(None), baseline.reset_with()
    for view in views:
        view.setModel(None)
    # A sort reorders the model under both proxies at once: each measured alone.
    empty = RecordTableModel()
    for label, p in (("ours", proxy), ("baseline", baseline)):
        views[0].setModel(p)
        p.setSourceModel(model)
        p_time = timed(app, lambda: model.sort(1, Qt.DescendingOrder if model.sort_order == Qt.AscendingOrder
                                                 else Qt.AscendingOrder), max(3, runs // 2))
        paint = timed(app, lambda: views[0].viewport().repaint(), runs)
        out.append((f"sort by title [{label}]", p_time, float("nan")))
        out.append((f"repaint the visible rows [{label}]", paint, float("nan")))
        p.setSourceModel(empty)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {args.runs} runs")
    for count in (int(s) for s in args.sizes.split(",")):
        print(f"\n{count:,} records            ours      baseline  ratio")
        for name, ours, theirs in measure(app, count, args.runs):
            ratio = f"{ours / theirs:5.2f}x" if theirs == theirs else ""
            base = f"{theirs * 1000:8.1f} ms" if theirs == theirs else " " * 11
            print(f"  {name:<38}{ours * 1000:8.1f} ms {base}  {ratio}")


if __name__ == "__main__":
    main()
