"""The record list's data: a table model of the workspace's records, and the filter proxy.

Unreadable files stay in the model, in red, with their error, so nothing silently
disappears from an auditor's queue. Drafts sort first by default; while searching, a
Match column shows each hit's snippet, ranked best first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from reviewer.core.index.query import FilterQuery
from reviewer.core.record.summary import Summary
from reviewer.core.terms import DRAFT, VERIFIED
from reviewer.ui import icons

COLUMNS = ("ID", "Title", "Status", "Author", "Country", "Year", "Languages", "Match")
LANGUAGES = COLUMNS.index("Languages")   # shown only when the workspace has a language layout
MATCH = COLUMNS.index("Match")
PATH_ROLE = Qt.UserRole + 2


def sort_key(row: Summary, column: int, hits: dict) -> tuple:
    """What a column sorts by; ties go by id (or file), so the order is stable and total."""
    tie = row.id or row.file
    if column == MATCH:
        hit = hits.get(str(row.path))
        if hit is None:
            return (2, 0.0, tie)
        return (0 if hit.kind == "record" else 1, hit.rank, tie)  # records by rank, then sources
    if column in (0, 2):
        return (row.status_rank, 0.0, tie)  # drafts first
    if row.error is not None:
        value = row.error if column == 1 else ""
    else:
        value = _values(row)[column]
    return (str(value or "").casefold(), 0.0, tie)


def _values(row: Summary) -> tuple[str, ...]:
    """The text of each column but Match."""
    return (row.id or "", row.title, row.review_status, row.author, row.country, row.year,
            " · ".join(row.languages))


class RecordTableModel(QAbstractTableModel):
    """The rows, sorted here in Python in one pass: a proxy sorting 10,000 rows through
    Python comparisons would take seconds; the proxy only filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Summary] = []
        self.hits: dict[str, object] = {}   # path -> its best SearchHit, while searching
        self.unsaved: set[Path] = set()     # records with edits not saved yet: marked
        self.unshared: set[str] = set()     # files committed, not yet pushed (relative)
        self.sort_column, self.sort_order = 2, Qt.AscendingOrder

    def _sorted(self, rows: list[Summary]) -> list[Summary]:
        column, hits = self.sort_column, self.hits
        return sorted(rows, key=lambda r: sort_key(r, column, hits),
                      reverse=self.sort_order == Qt.DescendingOrder)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [self.rows[i.row()] for i in old]
        self.rows = self._sorted(self.rows)
        where = {id(r): n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(old, [self.index(where[id(r)], i.column())
                                             for r, i in zip(held, old)])
        self.layoutChanged.emit()

    def set_hits(self, hits: dict[str, object]) -> None:
        self.hits = hits
        if self.rows:
            self.dataChanged.emit(self.index(0, MATCH), self.index(len(self.rows) - 1, MATCH))

    def set_rows(self, rows: list[Summary]) -> None:
        rows = self._sorted(rows)
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def row_with_file(self, path: Path, rel: str) -> Summary | None:
        """The row of the record that file ``path`` (``rel`` to the workspace) belongs to:
        the file it shows, or one of its other language files."""
        return next((r for r in self.rows if r.path == path or rel in r.files), None)

    @property
    def has_languages(self) -> bool:
        return any(r.languages for r in self.rows)

    def update_row(self, row: Summary) -> None:
        for i, old in enumerate(self.rows):
            if old.path == row.path:
                self.rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()

    def mark_unsaved(self, path: Path, unsaved: bool) -> None:
        if (path in self.unsaved) == unsaved:
            return
        (self.unsaved.add if unsaved else self.unsaved.discard)(path)
        for i, row in enumerate(self.rows):
            if row.path == path:
                self.dataChanged.emit(self.index(i, 0), self.index(i, 1))

    def mark_unshared(self, files: set[str]) -> None:
        """The record files committed here but not yet on the upstream (workspace-relative)."""
        if files == self.unshared:
            return
        self.unshared = set(files)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def is_unshared(self, row: Summary) -> bool:
        return bool(self.unshared) and any(f in self.unshared for f in (row.files or (row.file,)))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == PATH_ROLE:
            return str(row.path)
        if col == MATCH:
            return self._match_data(row, role)
        if row.error is not None:
            return self._error_data(row, col, role)
        unsaved = row.path in self.unsaved
        if role == Qt.DisplayRole:
            value = _values(row)[col]
            if col == 0 and self.is_unshared(row):
                return f"{value} ↑"
            return f"● {value}" if unsaved and col == 1 else value
        if role == Qt.FontRole and unsaved and col in (0, 1):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.DecorationRole and col == 0:
            return icons.status(row.review_status if row.review_status in (DRAFT, VERIFIED) else "info")
        if role == Qt.ToolTipRole:
            return ("\n".join(row.files or (row.file,)) + f"\n{row.title}"
                    + ("\n● unsaved edits" if unsaved else "")
                    + ("\n↑ committed, not yet pushed" if self.is_unshared(row) else ""))
        return None

    def _match_data(self, row: Summary, role: int):
        hit = self.hits.get(str(row.path))
        if hit is None or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        where = f"{Path(hit.source_path).name}: " if hit.kind == "source" else ""
        return where + hit.snippet

    def _error_data(self, row: Summary, col: int, role: int):
        if role == Qt.DisplayRole:
            return {0: Path(row.file).name, 1: row.error, 2: "unreadable"}.get(col, "")
        if role == Qt.DecorationRole and col == 0:
            return icons.dot("error")
        if role == Qt.ForegroundRole:
            return QColor(icons.COLORS["error"])
        if role == Qt.ToolTipRole:
            return f"{row.file}:{row.error_line or 1}: {row.error}"
        return None


class RecordFilterProxy(QSortFilterProxyModel):
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

    def _changing(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateFilter is deprecated
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def set_local(self, parsed: FilterQuery | None) -> None:
        def change() -> None:
            self._paths = None
            self._words = parsed.query.casefold().replace('"', " ").split() if parsed else []
            self._fields = {k: str(v).casefold() for k, v in (parsed.filters if parsed else {}).items()
                            if k in ("status", "country", "year", "author")}
        self._changing(change)

    def set_paths(self, paths: set[str] | None) -> None:
        def change() -> None:
            self._paths, self._words, self._fields = paths, [], {}
        self._changing(change)

    def set_only(self, files: set[str] | None) -> None:
        """Show only the records of these workspace-relative files, whatever else filters
        them too (a drill-down from the dashboard); None: no such restriction."""
        def change() -> None:
            self._only = None if files is None else frozenset(files)
        self._changing(change)

    @property
    def restricted(self) -> bool:
        return self._only is not None

    def in_only(self, row: Summary) -> bool:
        """Whether ``row`` is among the records :meth:`set_only` shows (True without one)."""
        only = self._only
        return only is None or row.file in only or any(f in only for f in row.files)

    @property
    def searching(self) -> bool:
        return self._paths is not None

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        row = self.sourceModel().rows[source_row]
        if not self.in_only(row):
            return False
        if self._paths is not None:
            return str(row.path) in self._paths
        if not self._words and not self._fields:
            return True
        values = {"status": row.review_status, "country": row.country, "year": row.year,
                  "author": row.author}
        for key, wanted in self._fields.items():
            have = str(values[key] or "").casefold()
            if (wanted not in have) if key == "author" else (have != wanted):
                return False
        hay = " ".join(str(v) for v in (row.id, row.title, row.review_status, row.author,
                                        row.country, row.year, row.file, row.error or "")).casefold()
        return all(w in hay for w in self._words)
