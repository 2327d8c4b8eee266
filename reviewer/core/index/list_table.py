"""The record list's rows, compact: one packed text per record file, a Summary when asked.

At 100,000 records a :class:`Summary` per row (a dataclass with its ``__dict__`` and a
``Path``) takes most of a second to build and some hundreds of MB, while the list shows
about forty rows at a time. A :class:`SummaryTable` keeps each row as the index's packed
text (``store.pack``) and makes its Summary only when someone reads that row; filtering,
sorting and counting read the plain fields (:meth:`SummaryTable.fields`) without one.

Rows keep their place in ``items`` for good; ``order`` says which item each row of the
list shows (the sort), so a row's lookup by path (``_at``) survives every sort.

Rows that are not packed (a symlink's shown name, values the packing could not hold, the
slow path without an index, a record in several language files) are Summaries already.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Callable, Iterable

from reviewer.core.index.store import NONE, SEP
from reviewer.core.record.summary import Summary
from reviewer.core.terms import DRAFT, VERIFIED

# The fields of a row (see SummaryTable.fields): its lookup key (the file relative to the
# workspace, '/'-separated), the file it shows, then the list's columns.
KEY, FILE, ID, TITLE, STATUS, AUTHOR, COUNTRY, YEAR, ERROR, LANGUAGES = range(10)
_PACKED_PARTS = 10   # rel, id, title, status, author, country, year, fmt, error, line


def status_rank(status: str) -> int:
    """Drafts first, then unreadable files, then everything else (as Summary.status_rank)."""
    return 0 if status == DRAFT else 1 if status == "" else 2


DEFAULT = "default"   # SummaryTable.sorted_as of the first order: drafts first, then by id or file


class SummaryTable(Sequence):
    """A sequence of Summaries in the list's order, stored as packed texts."""

    def __init__(self, root: Path, items: list) -> None:
        """Rows ``items`` (packed texts or Summaries), in the list's first order (drafts
        first, then by id or file): one pass reads each row's fields for the counts and
        the sort, so build it in a worker."""
        self.root = root
        self._prefix = f"{str(root).rstrip('/')}/"   # of the paths under it (key_of)
        self._items = items                       # per record file: packed text or Summary
        self._at: dict[str, int] = {}             # key -> item
        self._rows_of: list[int] | None = None    # item -> list row (after a sort)
        self.drafts = self.verified = self.broken = 0
        self.files = 0                            # record files (a record may have several)
        self.has_languages = False
        keys, at = [], self._at
        for i, item in enumerate(items):
            f = self._fields(item)
            at[f[KEY]] = i
            keys.append((status_rank(f[STATUS]), 0.0, f[ID] or f[FILE]))   # default_key
            self._count(f, item, 1)
        self.order: list[int] = sorted(range(len(items)), key=keys.__getitem__)  # row -> item
        self._hay: list[str] | None = None        # item -> its text to filter on (matching)
        self.sorted_as: object = DEFAULT          # what ``order`` sorts by
        self._rows()

    @classmethod
    def of(cls, root: Path, summaries: Iterable[Summary]) -> "SummaryTable":
        return cls(root, list(summaries))

    # ---- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self._summary(self._items[i]) for i in self.order[row]]
        return self._summary(self._items[self.order[row]])

    def __iter__(self):
        items, summary = self._items, self._summary
        return (summary(items[i]) for i in self.order)

    def fields(self, row: int) -> tuple:
        """Row ``row``'s fields (KEY, FILE, ID...) without making its Summary."""
        return self._fields(self._items[self.order[row]])

    def key(self, row: int) -> str:
        item = self._items[self.order[row]]
        return item[:item.find(SEP)] if type(item) is str else self.key_of(item.path)

    def files_of(self, row: int) -> tuple[str, ...]:
        """The workspace-relative files of row ``row`` (several for a record in languages)."""
        item = self._items[self.order[row]]
        if type(item) is str:
            return (item[:item.find(SEP)],)
        return item.files or (item.file,)

    def key_of(self, path: Path | str) -> str:
        """The lookup key of a record file's path."""
        if type(path) is str and path.startswith(self._prefix) and os.sep == "/":
            return path[len(self._prefix):]   # a search's thousands of hits: no Path each
        path = Path(path)
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def position(self, path: Path | str) -> int:
        """The list row showing ``path``, or -1."""
        item = self._at.get(self.key_of(path))
        return -1 if item is None else self._rows()[item]

    def position_of_file(self, rel: str) -> int:
        """The row of the record that workspace-relative ``rel`` belongs to (the file it
        shows, or another of its language files), or -1."""
        item = self._at.get(rel)
        if item is not None:
            return self._rows()[item]
        for row, i in enumerate(self.order):
            summary = self._items[i]
            if type(summary) is not str and rel in summary.files:
                return row
        return -1

    def matching(self, words: list[str], wanted: dict[str, str]) -> list[int]:
        """The list rows, in order, whose text (id, title, status, author, country, year,
        file, error) holds every casefolded word and whose fields match ``wanted``
        (casefolded ``status``, ``country``, ``year`` exactly, ``author`` in part).

        Each item's text is made once (the first filter) and kept, so a keystroke is a
        substring test per row; a field is looked at only in the rows whose text holds
        its value."""
        hay = self._haystacks()
        needles = [*words, *wanted.values()]
        rows = [row for row, item in enumerate(self.order)
                if all(n in hay[item] for n in needles)]
        if not wanted:
            return rows
        columns = {"status": STATUS, "country": COUNTRY, "year": YEAR, "author": AUTHOR}
        checks = [(columns[key], value, key == "author") for key, value in wanted.items()]
        return [row for row in rows if _fields_match(self.fields(row), checks)]

    def _haystacks(self) -> list[str]:
        if self._hay is None:
            self._hay = [_haystack(self._fields(item)) for item in self._items]
        return self._hay

    def position_of_id(self, record_id: str) -> int:
        for row in range(len(self.order)):
            if self.fields(row)[ID] == record_id:
                return row
        return -1

    # ---- changing -------------------------------------------------------------------------
    def sort(self, key: Callable[[tuple], tuple], reverse: bool = False,
             sorted_as: object = None) -> None:
        fields, items = self._fields, self._items
        keys = [key(fields(item)) for item in items]
        self.order = sorted(range(len(items)), key=keys.__getitem__, reverse=reverse)
        self.sorted_as = sorted_as
        self._rows_of = None

    def put(self, summary: Summary) -> int:
        """Replace the row of ``summary``'s path with it, or add it at the end: its row."""
        at = self._at
        key = self.key_of(summary.path)
        item = at.get(key)
        if item is None:
            item = at[key] = len(self._items)
            self._items.append(summary)
            self.order.append(item)
            if self._rows_of is not None:
                self._rows_of.append(len(self.order) - 1)
        else:
            old = self._items[item]
            self._count(self._fields(old), old, -1)
            self._items[item] = summary
        self._count(self._fields(summary), summary, 1)
        if self._hay is not None:
            haystack = _haystack(self._fields(summary))
            if item < len(self._hay):
                self._hay[item] = haystack
            else:
                self._hay.append(haystack)
        return self._rows()[item]

    # ---- inside ---------------------------------------------------------------------------
    def _rows(self) -> list[int]:
        if self._rows_of is None:
            rows = [0] * len(self._items)
            for row, item in enumerate(self.order):
                rows[item] = row
            self._rows_of = rows
        return self._rows_of

    def _count(self, f: tuple, item, sign: int) -> None:
        status, broken = f[STATUS], f[ERROR] is not None
        files = 1 if type(item) is str else len(item.files) or 1
        self.drafts += sign * (status == DRAFT)
        self.verified += sign * (status == VERIFIED)
        self.broken += sign * broken
        self.files += sign * files
        if sign > 0 and f[LANGUAGES]:
            self.has_languages = True

    @staticmethod
    def _split(item: str) -> list[str]:
        parts = item.split(SEP)
        if len(parts) != _PACKED_PARTS:
            raise ValueError(f"a packed row has {len(parts)} parts")
        return parts

    def _fields(self, item) -> tuple:
        if type(item) is str:
            rel, rid, title, status, author, country, year, _fmt, error, _line = self._split(item)
            return (rel, rel, None if rid == NONE else rid, title, status, author, country, year,
                    None if error == NONE else error, ())
        return (self.key_of(item.path), item.file, item.id, item.title, item.review_status,
                item.author, item.country, item.year, item.error, item.languages)

    def _summary(self, item) -> Summary:
        if type(item) is not str:
            return item
        rel, rid, title, status, author, country, year, fmt, error, line = self._split(item)
        return Summary(self.root / rel, rel, None if rid == NONE else rid, title, status, author,
                       country, year, fmt, None if error == NONE else error,
                       None if line == NONE else int(line))


def _haystack(f: tuple) -> str:
    """A row's text to filter on: the fields the list shows, casefolded."""
    return " ".join(str(v) for v in (f[ID], f[TITLE], f[STATUS], f[AUTHOR], f[COUNTRY], f[YEAR],
                                     f[FILE], f[ERROR] or "")).casefold()


def _fields_match(f: tuple, checks: list[tuple[int, str, bool]]) -> bool:
    for column, wanted, partly in checks:
        have = str(f[column] or "").casefold()
        if (wanted not in have) if partly else (have != wanted):
            return False
    return True
