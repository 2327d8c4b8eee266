"""Attach a source file to a record: copy it into ``sources/<record-id>/``, atomically."""

from __future__ import annotations

import contextlib
from pathlib import Path

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import SourceError
from reviewer.core.files import MAX_SOURCE_BYTES, describe, read_regular
from reviewer.core.sources.reading import source_folder
from reviewer.core.workspace import Workspace

MAX_NAME_BYTES = 255  # NAME_MAX of the usual file systems (ext4, XFS, btrfs, APFS)


def attach_source(workspace: Workspace, record_id: str, file: Path | str,
                  name: str | None = None, overwrite: bool = False) -> Path:
    """Copy ``file`` into ``sources/<record_id>/`` (as ``name``, default its own name) and
    return the new path. Refuses when the record is unknown, the file is missing or a
    folder, or the target exists (unless ``overwrite``), or it would be written outside the
    workspace through a symlink (of the file, its folder or ``sources/``). The copy is written to a temporary
    file and renamed, so the folder never holds half a file."""
    file = Path(file)
    folder = source_folder(workspace, record_id)
    workspace.resolve(record_id)  # raises "no record with id ..." for an unknown record
    if not file.exists():
        raise SourceError(f"{file}: no such file")
    if file.is_dir():
        raise SourceError(f"{file} is a folder; attach the files in it one by one")
    name = _plain_name(file.name if name is None else name)
    target = folder / name
    # A cloned repository may plant sources/<id> (or a file in it) as a symlink to anywhere:
    # never create or replace a file outside the workspace through one.
    workspace.refuse_outside(target, "source")
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
    new_folder = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as exc:
        if new_folder:  # leave no trace of the refused attach
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise SourceError(f"cannot attach {file}: {describe(exc)}") from None
    return target


def _plain_name(name: str) -> str:
    """``name`` if it can name a file of its own in the source folder, else a refusal."""
    if not name or name in (".", "..") or any(c in name for c in "/\\\0") \
            or name.startswith("."):
        raise SourceError(f"{name!r} is not a plain file name (no folders, not hidden)")
    size = len(name.encode("utf-8", "surrogateescape"))
    if size > MAX_NAME_BYTES:
        raise SourceError(f"the name is too long ({size} bytes in UTF-8; file names are "
                          f"limited to {MAX_NAME_BYTES}): choose a shorter --name")
    return name
