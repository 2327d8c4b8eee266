"""Attach a source file to a record: copy it into ``sources/<record-id>/``, atomically."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import ReviewerError, SourceError
from reviewer.core.files import MAX_SOURCE_BYTES, describe, read_regular
from reviewer.core.workspace import Workspace


def attach_source(workspace: Workspace, record_id: str, file: Path | str,
                  name: str | None = None, overwrite: bool = False) -> Path:
    """Copy ``file`` into ``sources/<record_id>/`` (as ``name``, default its own name) and
    return the new path. Refuses when the record is unknown, the file is missing or a
    folder, or the target exists (unless ``overwrite``). The copy is written to a temporary
    file and renamed, so the folder never holds half a file."""
    file = Path(file)
    try:
        folder = workspace.sources_dir(record_id)
    except ReviewerError:
        raise SourceError(f"{record_id!r} is not a record id") from None
    workspace.resolve(record_id)  # raises "no record with id ..." for an unknown record
    if not file.exists():
        raise SourceError(f"{file}: no such file")
    if file.is_dir():
        raise SourceError(f"{file} is a folder; attach the files in it one by one")
    name = file.name if name is None else name
    if not name or name in (".", "..") or "/" in name or "\\" in name or name.startswith("."):
        raise SourceError(f"{name!r} is not a plain file name (no folders, not hidden)")
    target = folder / name
    if target.is_dir():
        raise SourceError(f"{workspace.relative(target)} is a folder; choose another --name")
    if target.exists():
        if target.resolve() == file.resolve():
            raise SourceError(f"{workspace.relative(target)} is already this record's source")
        if not overwrite:
            raise SourceError(f"{workspace.relative(target)} already exists "
                              "(use --force to replace it, or --name to pick another name)")
    try:  # only a regular file, of a bounded size: a FIFO would wait, /dev/zero never end
        data = read_regular(file, MAX_SOURCE_BYTES, "source")
    except OSError as exc:
        raise SourceError(f"cannot attach {file}: {describe(exc)}") from None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as exc:
        raise SourceError(f"cannot attach {file}: {describe(exc)}") from None
    return target
