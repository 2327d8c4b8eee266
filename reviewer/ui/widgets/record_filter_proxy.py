"""Which records the list shows: the search's hits, a local filter, a dashboard's drill-down.

Not a QSortFilterProxyModel: that asks ``filterAcceptsRow`` of every row, a call from C++
into Python each, on every change (a keystroke, a search's answer, the model marking its
rows), some tenths of a second at 100,000 rows even when nothing is filtered. Here the
rows shown are worked out in Python in one pass over the table's plain text
(:meth:`SummaryTable.matching`), a search's hits by their positions, and nothing at all
when nothing filters (the rows map one to one).

A row the model changes stays shown until the filter changes: the record an auditor just
saved does not vanish from under the cursor because it no longer matches.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QPersistentModelIndex, Qt

from reviewer.core.index.list_table import SummaryTable
from reviewer.core.index.query import FilterQuery

LOCAL_FIELDS = ("status", "country", "year", "author")   # what the list can filter itself


class RecordFilterProxy(QAbstractProxyModel):
    """Shows the search hits (a set of paths) when there are any; otherwise, until the
    index answers, a local match of every word against id, title, status, author, country,
    year and of the simple filters (status, country, year, author). A dashboard's
    drill-down (:meth:`set_only`) narrows either further."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._fields: dict[str, str] = {}
        self._paths: set[str] | None = None
        self._only: frozenset[str] | None = None   # workspace-relative files (the dashboard's)
        self._shown: list[int] | None = None       # the source rows shown, in order; None: all
        self._row_of: list[int] | None = None      # source row -> row here (-1: hidden)
        self._held: list | None = None             # persistent indexes across a layout change

    def setSourceModel(self, model) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._listening(old):
                signal.disconnect(slot)
        self.beginResetModel()
        super().setSourceModel(model)
        for signal, slot in self._listening(model):
            signal.connect(slot)
        self._refilter()
        self.endResetModel()

    def _listening(self, model) -> list:
        return [(model.modelAboutToBeReset, self.beginResetModel),
                (model.modelReset, self._source_reset),
                (model.layoutAboutToBeChanged, self._source_layout_changing),
                (model.layoutChanged, self._source_layout_changed),
                (model.dataChanged, self._source_data_changed),
                (model.rowsInserted, self._source_rows_inserted),
                (model.rowsAboutToBeRemoved, self.beginResetModel),   # the model never removes
                (model.rowsRemoved, self._source_reset)]

    # ---- what to show ---------------------------------------------------------------------
    def set_local(self, parsed: FilterQuery | None) -> None:
        self._paths = None
        self._words = parsed.query.casefold().replace('"', " ").split() if parsed else []
        self._fields = {k: str(v).casefold() for k, v in (parsed.filters if parsed else {}).items()
                        if k in LOCAL_FIELDS}
        self._reset()

    def set_paths(self, paths: set[str] | None) -> None:
        self._paths, self._words, self._fields = paths, [], {}
        self._reset()

    def set_only(self, files: set[str] | None) -> None:
        """Show only the records of these workspace-relative files, whatever else filters
        them too (a drill-down from the dashboard); None: no such restriction."""
        self._only = None if files is None else frozenset(files)
        self._reset()

    @property
    def restricted(self) -> bool:
        return self._only is not None

    @property
    def searching(self) -> bool:
        return self._paths is not None

    def in_only(self, rows: SummaryTable, row: int) -> bool:
        """Whether ``rows[row]`` is among the records :meth:`set_only` shows (True without one)."""
        only = self._only
        return only is None or any(f in only for f in rows.files_of(row))

    def _reset(self) -> None:
        # One reset, not a signal per run of rows that came or went (thousands at 100,000
        # rows). The list re-selects the open record after any change (RecordList._keeping_open).
        self.beginResetModel()
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        model = self.sourceModel()
        if model is None:
            self._shown, self._row_of = [], None
            return
        rows: SummaryTable = model.rows
        if self._paths is not None:
            shown = sorted({r for r in map(rows.position, self._paths) if r >= 0})
        elif self._words or self._fields:
            shown = rows.matching(self._words, self._fields)
        else:
            shown = None
        if self._only is not None:
            shown = [r for r in (range(len(rows)) if shown is None else shown)
                     if self.in_only(rows, r)]
        self._shown, self._row_of = shown, None

    # ---- the model's changes --------------------------------------------------------------
    def _source_reset(self) -> None:
        self._refilter()
        self.endResetModel()

    def _source_layout_changing(self, *_args) -> None:
        self.layoutAboutToBeChanged.emit()
        held = self.persistentIndexList()
        self._held = [(index, QPersistentModelIndex(self.mapToSource(index))) for index in held]

    def _source_layout_changed(self, *_args) -> None:
        self._refilter()
        held, self._held = self._held or [], None
        self.changePersistentIndexList([old for old, _ in held],
                                       [self.mapFromSource(QModelIndex(source)) for _, source in held])
        self.layoutChanged.emit()

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:
        if self._shown is None:
            first, last = top_left.row(), bottom_right.row()
        elif top_left.row() == bottom_right.row():
            first = last = self._proxy_row(top_left.row())
            if first < 0:
                return
        else:   # many rows (a mark on every row): the views repaint what they show
            first, last = 0, len(self._shown) - 1
        if 0 <= first <= last:
            self.dataChanged.emit(self.index(first, top_left.column()),
                                  self.index(last, bottom_right.column()), roles)

    def _source_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Rows the model added at its end (a record new on disk): shown when they match."""
        if self._shown is None:
            self.beginInsertRows(QModelIndex(), first, last)
            self.endInsertRows()
            return
        shown = self._shown
        self._refilter()   # the new rows come last in the model: those of them that match
        added = [row for row in self._shown if row >= first]
        self._shown, self._row_of = shown, None   # the rows shown before stay as they were
        if added:
            self.beginInsertRows(QModelIndex(), len(shown), len(shown) + len(added) - 1)
            shown.extend(added)
            self.endInsertRows()

    # ---- mapping --------------------------------------------------------------------------
    def _proxy_row(self, source_row: int) -> int:
        if self._shown is None:
            return source_row
        if self._row_of is None:
            row_of = [-1] * self.sourceModel().rowCount()
            for row, source in enumerate(self._shown):
                row_of[source] = row
            self._row_of = row_of
        return self._row_of[source_row] if 0 <= source_row < len(self._row_of) else -1

    def mapToSource(self, index: QModelIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        row = index.row() if self._shown is None else self._shown[index.row()]
        return self.sourceModel().index(row, index.column())

    def mapFromSource(self, source: QModelIndex) -> QModelIndex:
        if not source.isValid():
            return QModelIndex()
        row = self._proxy_row(source.row())
        return self.index(row, source.column()) if row >= 0 else QModelIndex()

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid():
            return 0
        if self._shown is None:
            return self.sourceModel().rowCount()
        return len(self._shown)

    def columnCount(self, parent=QModelIndex()) -> int:
        model = self.sourceModel()
        return 0 if parent.isValid() or model is None else model.columnCount()

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if parent.isValid() or not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: QModelIndex | None = None):
        if index is None:      # QObject.parent(): the widget that owns the proxy
            return super().parent()
        return QModelIndex()   # a table: no row has a parent

    def hasChildren(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.rowCount() > 0

    def headerData(self, section: int, orientation, role=0):
        if orientation == Qt.Horizontal:
            return self.sourceModel().headerData(section, orientation, role)
        return super().headerData(section, orientation, role)

    def data(self, index: QModelIndex, role=0):
        if not index.isValid():
            return None
        row = index.row() if self._shown is None else self._shown[index.row()]
        return self.sourceModel().cell(row, index.column(), role)   # no QModelIndex made
