"""A record file: read it, propose edits, verify them, and write them atomically.

The write path is the heart of the app's promise: a save changes only what the auditor
changed. Each change is spliced into the original text, the whole frontmatter is read
again, and the new data must equal the old data with exactly that change, under YAML 1.2
and YAML 1.1 (or JSON). If no spelling passes, the edit is refused and nothing is written.
"""

from __future__ import annotations

import os
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Iterable, Iterator

from reviewer.core import texts
from reviewer.core.atomic import write_atomic
from reviewer.core.errors import ConflictError, EditRefused, ReadError, ReviewerError
from reviewer.core.files import MAX_RECORD_BYTES, MiB, NotReadable, describe, read_regular
from reviewer.core.locks import LockTimeout, record_lock
from reviewer.core.record import flowstyle, frontmatter
from reviewer.core.record.datapath import apply_change, same
from reviewer.core.record.editor import Change, Style, candidates
from reviewer.core.record.jsonread import read_json
from reviewer.core.record.nodes import Node, Path, format_path, locations
from reviewer.core.record.yamlread import read_yaml


@dataclass
class Parsed:
    """One reading of a frontmatter text."""
    fmt: str
    root: Node
    data: Any
    data11: Any = None
    error11: str | None = None


def parse_frontmatter(text: str, fmt: str) -> Parsed:
    if fmt == "json":
        try:
            root, data = read_json(text)
            return Parsed("json", root, data, data, None)
        except ReadError as json_error:
            # `{a: 1}` is a YAML flow mapping, not broken JSON: read it as YAML if that works.
            # A quoted first key says the author meant JSON, so JSON's error stands.
            if text.lstrip(" \t\r\n")[1:].lstrip(" \t\r\n").startswith(('"', "}")):
                raise
            try:
                reading = read_yaml(text)
            except ReadError:
                raise json_error from None
            return Parsed("yaml", reading.root, reading.data, reading.data11, reading.error11)
    reading = read_yaml(text)
    return Parsed("yaml", reading.root, reading.data, reading.data11, reading.error11)


def python_frontmatter_disagrees(text: str, data: Any) -> str | None:
    """How python-frontmatter would misread the written file; None when it reads ``data``.
    (Read as a file decoded with ``utf-8-sig`` is: a byte-order mark is not part of it.)"""
    import frontmatter as python_frontmatter  # a dependency; imported when writing only
    try:
        post = python_frontmatter.loads(text.removeprefix(frontmatter.BOM))
    except Exception as exc:  # noqa: BLE001 - any failure of that reader is a refusal
        return f"fail to read it ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})"
    if not same(dict(post.metadata), data):
        return "read other values than written"
    return None


def yaml_disagrees(json_text: str, data: Any) -> str | None:
    """Why YAML readers would not read this JSON frontmatter as ``data``; None when both
    YAML 1.2 and YAML 1.1 read it exactly so (gray-matter reads JSON frontmatter as YAML)."""
    try:
        reading = read_yaml(json_text)
    except ReviewerError as exc:
        return f"YAML readers cannot read it ({exc.message})"
    if reading.data11 is None:
        return f"YAML 1.1 readers cannot read it ({reading.error11})"
    for version, seen in (("1.2", reading.data), ("1.1", reading.data11)):
        if not same(seen, data):
            return f"YAML {version} readers read other values than JSON does"
    return None


def _why_unreachable(data: Any, change: Change) -> str:
    node = data
    for i, key in enumerate(change.path):
        here = format_path(change.path[: i + 1])
        if isinstance(node, dict) and str(key) in node:
            node = node[str(key)]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int):
            return (f"{format_path(change.path)}: index {key} is out of range "
                    f"({format_path(change.path[:i])} has {len(node)} items)")
        elif isinstance(node, (dict, list)):
            return f"{format_path(change.path)}: {here} does not exist"
        else:
            return f"{format_path(change.path)}: {format_path(change.path[:i]) or 'the frontmatter'} is a single value, not a mapping or a list"
    return f"{format_path(change.path)}: the path does not lead to an editable value"


def _detect_style(split: frontmatter.Split, parsed: Parsed) -> Style:
    style = Style(fmt=parsed.fmt, nl=split.newline)
    text = split.frontmatter
    if parsed.fmt == "json":
        root = parsed.root
        if root.keys:
            first = root.keys[0]
            indent = first.col
            style.json_indent = indent if "\n" in text[root.start:first.start] and indent else None
        return style
    steps, seq_offsets = [], []
    stack = [parsed.root]
    while stack:
        node = stack.pop()
        if node.kind == "map" and not node.flow:
            for k, v in zip(node.keys, node.items):
                if v.kind == "map" and not v.flow and v.keys and v.keys[0].col > k.col:
                    steps.append(v.keys[0].col - k.col)
                if v.kind == "seq" and not v.flow and v.items and v.line > k.line:
                    seq_offsets.append(v.col - k.col)
        stack.extend(node.items)
    if steps:
        style.step = min(steps)
    if seq_offsets:
        style.seq_offset = max(set(seq_offsets), key=seq_offsets.count)
    style.flow = flowstyle.detect(parsed.root, text)
    return style


@dataclass
class RecordFile:
    """A record as read from disk (or from text), ready to be validated or edited."""
    path: FsPath | None
    raw: bytes
    split: frontmatter.Split
    parsed: Parsed
    style: Style
    _locations: dict[Path, tuple[int, int]] | None = field(default=None, repr=False)
    # The record's id when the workspace names records by their files (a language layout:
    # ``en/x.md`` and ``zh/x.md`` are record ``x``), set by the workspace; else the ``id``.
    key: str | None = None
    language: str | None = None   # the file's language in such a layout

    # ---- reading --------------------------------------------------------------------------
    @classmethod
    def from_bytes(cls, raw: bytes, path: FsPath | str | None = None) -> "RecordFile":
        fs_path = FsPath(path) if path is not None else None
        try:
            if len(raw) > MAX_RECORD_BYTES:  # e.g. a blob from git: the same limit
                raise ReadError(texts.text("too large for a record ({size:.1f} MB, the limit is {limit:.0f} MB)",
                                     size=len(raw) / MiB, limit=MAX_RECORD_BYTES / MiB)
                                + "; " + texts.text("not read"))
            text = frontmatter.decode(raw)
            split = frontmatter.split(text)
            try:
                parsed = parse_frontmatter(split.frontmatter, split.format)
            except ReviewerError as exc:
                if exc.line is not None:  # frontmatter-relative, 0-based -> file line
                    exc.line = exc.line + split.first_line
                raise
        except ReviewerError as exc:
            raise exc.located(fs_path) from None
        return cls(fs_path, raw, split, parsed, _detect_style(split, parsed))

    @classmethod
    def read_elsewhere(cls, path: FsPath, raw: bytes, split: frontmatter.Split, parsed: Parsed,
                       locations: dict[Path, tuple[int, int]] | None) -> "RecordFile":
        """A record another reader read (the index's fast reader), for checks only: it has
        no editing style, so it cannot be rendered or saved. ``locations`` as
        :func:`nodes.locations` gives them (None: from ``parsed.root``)."""
        return cls(path, raw, split, parsed, None, _locations=locations)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: FsPath | str) -> "RecordFile":
        """Read a record file: a regular file (a FIFO would block, a device never end) of
        at most :data:`MAX_RECORD_BYTES` (a record is kilobytes; a larger file is refused
        rather than parsed for minutes)."""
        path = FsPath(path)
        try:
            raw = read_regular(path, MAX_RECORD_BYTES, "record")
        except FileNotFoundError:
            raise ReadError(texts.text("file not found"), path=path) from None
        except IsADirectoryError:
            raise ReadError(texts.text("is a folder, not a record file"), path=path) from None
        except NotReadable as exc:
            raise ReadError(str(exc), path=path) from None
        except OSError as exc:
            raise ReadError(texts.text("cannot read: {reason}", reason=describe(exc)), path=path) from None
        return cls.from_bytes(raw, path)

    @property
    def data(self) -> dict:
        return self.parsed.data

    @property
    def fmt(self) -> str:
        return self.parsed.fmt

    @property
    def record_id(self) -> str | None:
        if self.key is not None:
            return self.key
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else None

    def named(self, key: str | None, language: str | None) -> "RecordFile":
        """This file, as the workspace names it (see :attr:`key`)."""
        self.key, self.language = key, language
        return self

    def location(self, path: Path) -> tuple[int, int]:
        """1-based (line, col) in the file for a data path (its nearest existing parent)."""
        if self._locations is None:
            self._locations = locations(self.parsed.root)
        probe = tuple(path)
        while probe not in self._locations and probe:
            probe = probe[:-1]
        line, col = self._locations.get(probe, (0, 0))
        return line + self.split.first_line, col + 1

    # ---- editing --------------------------------------------------------------------------
    def render(self, changes: Iterable[Change]) -> str:
        """The whole new file text with all changes; raise EditRefused if any cannot verify."""
        changes = list(changes)
        if self.parsed.fmt == "yaml" and self.parsed.data11 is None:
            raise self._locate(EditRefused("editing refused: YAML 1.1 readers cannot read this frontmatter, so "
                              f"an edit could not be checked for them ({self.parsed.error11})"), ())
        if self.parsed.fmt == "json":
            why = yaml_disagrees(self.split.frontmatter, self.parsed.data)
            if why is not None:
                raise self._locate(EditRefused(
                    "editing refused: the website reads JSON frontmatter with a YAML parser "
                    f"(gray-matter), and {why}; an edit could not be checked for it"), ())
        text, parsed = self.split.frontmatter, self.parsed
        expected, expected11 = parsed.data, parsed.data11
        for change in changes:
            if not change.path:
                raise EditRefused("an edit needs a field path")
            try:
                want, want11 = apply_change(expected, change), apply_change(expected11, change)
            except (KeyError, IndexError, TypeError, AttributeError):
                raise self._locate(EditRefused(_why_unreachable(expected, change)), change.path) from None
            try:
                text, parsed = self._first_verified(text, parsed, change, want, want11)
            except EditRefused as exc:
                raise self._locate(exc, change.path) from None
            expected, expected11 = want, want11
        self._check_schema(expected, changes)
        new_text = self.split.with_frontmatter(text).join()
        # A file python-frontmatter already misreads (a '...' closing line) is not made worse
        # by an edit; validation reports it. Any other must stay readable to it.
        if changes and python_frontmatter_disagrees(self.split.join(), self.data) is None:
            why = python_frontmatter_disagrees(new_text, expected)
            if why is not None:
                raise self._locate(EditRefused(f"python-frontmatter (how Python tools read these "
                                               f"files) would {why}; nothing was written"), ())
        return new_text

    def _locate(self, exc: ReviewerError, path: Path) -> ReviewerError:
        if exc.line is None:
            exc.line, exc.col = self.location(path)
        return exc.located(self.path)

    def _first_verified(self, text: str, parsed: Parsed, change: Change,
                        want: Any, want11: Any) -> tuple[str, Parsed]:
        for candidate in candidates(text, parsed.root, self.style, change, parsed.data):
            try:
                new = parse_frontmatter(candidate, parsed.fmt)
            except ReviewerError:
                continue
            if same(new.data, want) and same(new.data11, want11) and \
                    (new.fmt != "json" or yaml_disagrees(candidate, want) is None):
                return candidate, new
        readers = "JSON and YAML 1.2 and 1.1" if parsed.fmt == "json" else "YAML 1.2 and 1.1"
        raise EditRefused(f"{change}: no way to write this value was verified to read back "
                          f"exactly (under {readers}); nothing was written")

    def _check_schema(self, new_data: Any, changes: list[Change]) -> None:
        from reviewer.core.record.schema import schema_errors  # (reading needs no schema)
        before = {(p, m) for p, m in schema_errors(self.data)}
        for path, message in schema_errors(new_data):
            if (path, message) not in before:
                raise self._locate(EditRefused(f"{format_path(path)}: {message}"), path)

    def save(self, changes: Iterable[Change]) -> "RecordFile":
        """Write the changes atomically; returns the re-read file (self when nothing changed)."""
        if self.path is None:
            raise EditRefused("this record has no file to save to")
        new_text = self.render(changes)
        try:
            new_raw = new_text.encode("utf-8")
        except UnicodeEncodeError:
            raise EditRefused("the new value has characters that cannot be saved as UTF-8",
                              path=self.path) from None
        if new_raw == self.raw:
            return self
        # The check that nobody changed the file and the write are one step for every
        # writer (other processes included): no edit can slip in between and be lost.
        with _write_lock(self.path):
            self.check_unchanged_on_disk()
            try:
                write_atomic(self.path, new_raw)
            except OSError as exc:
                raise EditRefused(f"cannot write: {exc.strerror or exc}; the file is unchanged",
                                  path=self.path) from None
        return RecordFile.from_bytes(new_raw, self.path).named(self.key, self.language)

    @classmethod
    def update(cls, path: FsPath | str, changes: Iterable[Change]) -> tuple["RecordFile", "RecordFile"]:
        """Read the file and write the changes on top of it, holding the record's lock
        throughout, so a concurrent writer's edit is kept, never overwritten. Returns the
        file as read and as written (the same object when nothing changed)."""
        changes = list(changes)
        with _write_lock(FsPath(path)):
            current = cls.load(path)
            return current, current.save(changes)

    def check_unchanged_on_disk(self) -> None:
        assert self.path is not None
        try:
            current = read_regular(self.path, MAX_RECORD_BYTES, "record")
        except OSError:
            current = None
        if current != self.raw:
            raise ConflictError(texts.text("the file changed on disk since it was opened") + "; "
                                + texts.text("reload it first (nothing was written)"), path=self.path)


@contextmanager
def _write_lock(path: FsPath) -> Iterator[None]:
    """The record's lock, with its failures worded as refusals of the write."""
    with ExitStack() as stack:
        try:
            stack.enter_context(record_lock(path))
        except LockTimeout as exc:
            raise EditRefused(exc.message, path=path) from None
        except OSError as exc:
            raise EditRefused(f"cannot lock the record for writing: {exc.strerror or exc}; "
                              "nothing was written", path=path) from None
        yield


def is_record_file(path: os.PathLike | str) -> bool:
    return str(path).endswith((".md", ".markdown"))
