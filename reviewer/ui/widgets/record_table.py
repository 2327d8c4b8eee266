"""The record list's data: a table model of the workspace's records.

Unreadable files stay in the model, in red, with their error, so nothing silently
disappears from an auditor's queue. Drafts sort first by default; while searching, a
Match column shows each hit's snippet, ranked best first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from reviewer.core.index.list_table import (
    AUTHOR,
    COUNTRY,
    DEFAULT,
    ERROR,
    FILE,
    ID,
    KEY,
    STATUS,
    TITLE,
    YEAR,
    SummaryTable,
    status_rank,
)
from reviewer.core.index.list_table import LANGUAGES as LANGUAGES_FIELD
from reviewer.core.record.summary import Summary
from reviewer.core.terms import DRAFT, VERIFIED
from reviewer.ui import i18n, icons
from reviewer.ui.core_text import translated

# The columns' headings in English, marked for translation (headerData shows them translated).
COLUMNS = (
    QT_TRANSLATE_NOOP("RecordTableModel", "ID"),
    QT_TRANSLATE_NOOP("RecordTableModel", "Title"),
    QT_TRANSLATE_NOOP("RecordTableModel", "Status"),
    QT_TRANSLATE_NOOP("RecordTableModel", "Author"),
    QT_TRANSLATE_NOOP("RecordTableModel", "Country"),
    QT_TRANSLATE_NOOP("RecordTableModel", "Year"),
    QT_TRANSLATE_NOOP("RecordTableModel", "Languages"),
    QT_TRANSLATE_NOOP("RecordTableModel", "Match"),
)
LANGUAGES = COLUMNS.index("Languages")   # shown only when the workspace has a language layout
MATCH = COLUMNS.index("Match")
PATH_ROLE = Qt.UserRole + 2


def sort_key(f: tuple, column: int, hits: dict) -> tuple:
    """What a column sorts by, from a row's fields (:meth:`SummaryTable.fields`); ties go
    by id (or file), so the order is stable and total. ``hits``: by the rows' keys."""
    tie = f[ID] or f[FILE]
    if column == MATCH:
        hit = hits.get(f[KEY])
        if hit is None:
            return (2, 0.0, tie)
        return (0 if hit.kind == "record" else 1, hit.rank, tie)  # records by rank, then sources
    if column in (0, 2):
        return (status_rank(f[STATUS]), 0.0, tie)  # drafts first
    if f[ERROR] is not None:
        value = f[ERROR] if column == 1 else ""
    else:
        value = (f[ID] or "", f[TITLE], f[STATUS], f[AUTHOR], f[COUNTRY], f[YEAR],
                 " · ".join(f[LANGUAGES_FIELD]))[column]
    return (str(value or "").casefold(), 0.0, tie)


def _values(row: Summary) -> tuple[str, ...]:
    """The text of each column but Match."""
    return (row.id or "", row.title, row.review_status, row.author, row.country, row.year,
            " · ".join(row.languages))


def _root_of(row: Summary) -> Path:
    """The workspace a row's path is in (its ``file`` is relative to it)."""
    parts = Path(row.file).parts
    if row.path.parts[-len(parts):] == parts:
        return row.path.parents[len(parts) - 1]
    return Path(row.path.anchor)


class RecordTableModel(QAbstractTableModel):
    """The rows (a :class:`SummaryTable`: a Summary is made only for a row shown), sorted
    here in Python in one pass over plain fields: a proxy sorting 100,000 rows through
    Python comparisons would take seconds; the proxy only filters."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows = SummaryTable(Path(), [])
        self.hits: dict[str, object] = {}   # path -> its best SearchHit, while searching
        self.unsaved: set[Path] = set()     # records with edits not saved yet: marked
        self.unshared: set[str] = set()     # files committed, not yet pushed (relative)
        self.sort_column, self.sort_order = 2, Qt.AscendingOrder
        self._made: tuple[int, Summary] | None = None   # the last row read (see _row)

    def _order(self, rows: SummaryTable) -> None:
        column, order = self.sort_column, self.sort_order
        if column in (0, 2) and order == Qt.AscendingOrder and rows.sorted_as == DEFAULT:
            return  # the worker sorted them so (the first order): nothing to do here
        hits = {rows.key_of(path): hit for path, hit in self.hits.items()}
        rows.sort(lambda f: sort_key(f, column, hits), reverse=order == Qt.DescendingOrder,
                  sorted_as=DEFAULT if column in (0, 2) and order == Qt.AscendingOrder else None)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._made = None
        old = self.persistentIndexList()
        held = [self.rows.key(i.row()) for i in old]
        self._order(self.rows)
        self.changePersistentIndexList(old, [self.index(self.rows.position(key), i.column())
                                             for key, i in zip(held, old)])
        self.layoutChanged.emit()

    def set_hits(self, hits: dict[str, object]) -> None:
        self.hits = hits
        if self.rows:
            self.dataChanged.emit(self.index(0, MATCH), self.index(len(self.rows) - 1, MATCH))

    def set_rows(self, rows: SummaryTable | list[Summary]) -> None:
        if not isinstance(rows, SummaryTable):
            rows = SummaryTable.of(self.rows.root if not rows else _root_of(rows[0]), rows)
        self._order(rows)
        self.beginResetModel()
        self.rows, self._made = rows, None
        self.endResetModel()

    def row_with_file(self, path: Path, rel: str) -> Summary | None:
        """The row of the record that file ``path`` (``rel`` to the workspace) belongs to:
        the file it shows, or one of its other language files."""
        row = self.rows.position(path)
        if row < 0:
            row = self.rows.position_of_file(rel)
        return None if row < 0 else self.rows[row]

    @property
    def has_languages(self) -> bool:
        return self.rows.has_languages

    def update_row(self, row: Summary) -> None:
        at, self._made = self.rows.position(row.path), None
        if at >= 0:
            self.rows.put(row)
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1))
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.put(row)
        self.endInsertRows()

    def mark_unsaved(self, path: Path, unsaved: bool) -> None:
        if (path in self.unsaved) == unsaved:
            return
        (self.unsaved.add if unsaved else self.unsaved.discard)(path)
        at = self.rows.position(path)
        if at >= 0:
            self.dataChanged.emit(self.index(at, 0), self.index(at, 1))

    def mark_unshared(self, files: set[str]) -> None:
        """The record files committed here but not yet on the upstream (workspace-relative)."""
        if files == self.unshared:
            return
        self.unshared = set(files)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0))

    def follow_palette(self) -> None:
        """The palette changed (the desktop turned dark or light): the views ask again for
        the status icons and the red of unreadable rows, looked up in the colour set of now."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1),
                                  [Qt.DecorationRole, Qt.ForegroundRole])

    def is_unshared(self, row: Summary) -> bool:
        return bool(self.unshared) and any(f in self.unshared for f in (row.files or (row.file,)))

    def _row(self, row: int) -> Summary:
        # A view asks for each cell's roles one after another: the row's Summary is made
        # once for all of them (rows keep no Summary: see SummaryTable).
        made = self._made
        if made is None or made[0] != row:
            made = self._made = (row, self.rows[row])
        return made[1]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return QCoreApplication.translate("RecordTableModel", COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        return self.cell(index.row(), index.column(), role) if index.isValid() else None

    def cell(self, at: int, col: int, role=Qt.DisplayRole):
        """``data`` of row ``at``, column ``col`` (the filter proxy asks here directly)."""
        row = self._row(at)
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
            if col == 2:
                return i18n.review_status_name(value) if value else value
            return f"● {value}" if unsaved and col == 1 else value
        if role == Qt.FontRole and unsaved and col in (0, 1):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.DecorationRole and col == 0:
            return icons.status(row.review_status if row.review_status in (DRAFT, VERIFIED) else "info")
        if role == Qt.ToolTipRole:
            return ("\n".join(row.files or (row.file,)) + f"\n{row.title}"
                    + ("\n" + self.tr("● unsaved edits") if unsaved else "")
                    + ("\n" + self.tr("↑ committed, not yet pushed") if self.is_unshared(row) else ""))
        return None

    def _match_data(self, row: Summary, role: int):
        hit = self.hits.get(str(row.path))
        if hit is None or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        where = f"{Path(hit.source_path).name}: " if hit.kind == "source" else ""
        return where + hit.snippet

    def _error_data(self, row: Summary, col: int, role: int):
        if role == Qt.DisplayRole:
            return {0: Path(row.file).name, 1: translated(row.error), 2: self.tr("unreadable")}.get(col, "")
        if role == Qt.DecorationRole and col == 0:
            return icons.dot("error")
        if role == Qt.ForegroundRole:
            return QColor(icons.COLORS["error"])
        if role == Qt.ToolTipRole:
            return f"{row.file}:{row.error_line or 1}: {translated(row.error)}"
        return None
