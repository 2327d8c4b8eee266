"""From what the user typed (an id or a file path) to a record file, through the index.

Apart from :mod:`records` so that commands which only need to find a record (``citations``,
``show`` on a warm cache) do not load the record engine's editing and the schema.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.core.errors import ReviewerError, SourceError
from reviewer.core.index.workspace_index import WorkspaceIndex
from reviewer.core.workspace import Workspace

if TYPE_CHECKING:
    from reviewer.core.record.document import RecordFile


def locate(ws: Workspace, ref: str | Path) -> tuple[Path, RecordFile | None]:
    """The record file ``ref`` names (a file path, or an id) and, when it had to be read to
    find it, the record. An id is looked up in the workspace index, and only the files the
    index names for it are looked at again (a stat, a read if changed): no walk of the
    workspace. So an id used by two files is refused naming both, instead of one of them
    being taken. Only an id the index does not know (a new file, a typo) costs a refresh
    of the index (a stat of every file), and a first run its build."""
    text = str(ref)
    if isinstance(ref, Path) or Path(text).suffix in (".md", ".markdown") or "/" in text \
            or os.sep in text:
        return ws.locate(ref)
    with WorkspaceIndex.open(ws) as index:
        files = _indexed_files(index, text)
        if not files:
            index.refresh()
            files = index.files_with_id(text)
    if not files:
        path, record = ws.locate(text)  # the index could not read it: the engine says why
        return path, record
    if ws.config.multilingual:
        files = _one_file_per_record(ws, files)
    if len(files) > 1:
        raise ReviewerError(f"id {text!r} is used by {len(files)} files: "
                            f"{', '.join(ws.relative(f) for f in files)}; name the file instead")
    return ws.locate(files[0])


def _indexed_files(index: WorkspaceIndex, record_id: str) -> list[Path]:
    """The files a complete index names for ``record_id``, each brought up to date (it may
    have been edited or deleted since); [] when the index is not complete or knows none."""
    if not index.complete:
        return []
    files = index.files_with_id(record_id)
    named = index.workspace.records_dir / f"{record_id}.md"   # a file added since, by its id
    if not files and os.path.isfile(named):
        files = [named]
    if files:
        index.refresh_paths(files)
        files = index.files_with_id(record_id)
    return files


def _one_file_per_record(ws: Workspace, files: list[Path]) -> list[Path]:
    """In a language layout, the language files of one record share its id: keep the
    first language's file of each record (two records with one id stay two)."""
    rank = {lang: i for i, lang in enumerate(ws.config.languages)}
    records: dict[tuple, tuple[int, Path]] = {}
    for path in files:
        key = ws.record_key(path)
        siblings = ws.layout.siblings(key) if key else {}
        role = ws.layout.role(key) if key else None
        group = tuple(sorted(siblings.values())) or (str(path),)
        order = rank.get(role.language if role else None, len(rank))
        if group not in records or order < records[group][0]:
            records[group] = (order, path)
    return [path for _, path in records.values()]


def record_with_id(ws: Workspace, ref: str) -> RecordFile:
    """The record ``ref`` names, which must have an id that can name its sources folder
    (``../../x`` must be refused, not read as a folder elsewhere nor taken for "no sources")."""
    from reviewer.core.record.document import RecordFile
    from reviewer.core.sources.reading import source_folder
    path, known = locate(ws, ref)
    record = known or RecordFile.load(path)
    if not record.record_id:
        raise SourceError("the record has no id, so it has no source folder",
                          path=ws.relative(record.path))
    try:
        source_folder(ws, record.record_id)
    except SourceError as exc:
        raise exc.located(ws.relative(record.path)) from None
    return record
