"""Unsaved edits kept on disk, so a crash or a kill loses nothing.

While a record has unsaved edits, the app writes them here (within two seconds of each
edit, atomically): ``<user data>/unsaved/<key>.json``, one entry per record, keyed by the
workspace and the record's (primary) file. An entry holds, for each of the record's files,
the data as loaded (the base), the working copy (mine) and the SHA-256 of the bytes the
edits were made on. Restoring is a three-way merge (:mod:`merge`) of base, mine and the file
as it is now, so an entry made on an older version of the file is applied on top of the new
one, fields changed on both sides shown to the auditor. Saving, discarding or a clean exit
removes the entry.

Record data is JSON with YAML's dates and times tagged (``{"$date": "2024-05-01"}``); a
record holding other YAML types (binary, sets) cannot be kept and says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import ReviewerError
from reviewer.core.record.fielddiff import FieldChange, field_changes
from reviewer.core.texts import text
from reviewer.core.userdirs import data_dir

FORMAT = 1
_TAGS = {"$date": dt.date.fromisoformat, "$datetime": dt.datetime.fromisoformat}


class CannotKeep(ReviewerError):
    """The edits cannot be written to the recovery folder (the message says why)."""


@dataclass
class UnsavedFile:
    path: Path              # the record file (absolute)
    base_sha256: str        # the bytes the edits were made on
    base: dict              # its data as loaded
    mine: dict              # the working copy


@dataclass
class UnsavedEdits:
    workspace: Path
    label: str              # how the auditor knows the record (its id)
    saved_at: str           # when the entry was written (ISO, UTC)
    files: list[UnsavedFile]

    @property
    def primary(self) -> Path:
        return self.files[0].path

    def changes(self) -> list[tuple[Path, FieldChange]]:
        """Every edit, file by file: what restoring would bring back."""
        return [(f.path, change) for f in self.files for change in field_changes(f.base, f.mine)]


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@lru_cache(maxsize=256)
def _entry_name(workspace: str, primary: str) -> str:
    """The entry's file name: the same for a record however its path is written. Kept per
    path, as each switch of record looks twice (offer, keep) and resolving walks the folders
    on the window's thread."""
    key = f"{Path(workspace).resolve()}\0{Path(primary).resolve()}"
    return f"{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}.json"


class UnsavedStore:
    """The recovery folder. Entries that cannot be read are skipped (and left for a look),
    never trusted."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else data_dir() / "unsaved"

    def entry_path(self, workspace: Path, primary: Path) -> Path:
        return self.folder / _entry_name(str(workspace), str(primary))

    def write(self, edits: UnsavedEdits) -> None:
        try:
            document = {"format": FORMAT, "workspace": str(edits.workspace),
                        "label": edits.label, "saved_at": edits.saved_at,
                        "files": [{"path": str(f.path), "base_sha256": f.base_sha256,
                                   "base": _encode(f.base), "mine": _encode(f.mine)}
                                  for f in edits.files]}
            serialized = json.dumps(document, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise CannotKeep(text("unsaved edits of {label} cannot be kept for recovery: "
                                  "{why}", label=edits.label, why=exc)) from None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.entry_path(edits.workspace, edits.primary), serialized.encode("utf-8"))
        except OSError as exc:
            raise CannotKeep(text("unsaved edits of {label} cannot be kept for recovery in "
                                  "{folder}: {why}", label=edits.label, folder=self.folder,
                                  why=exc.strerror or exc)) from None

    def remove(self, workspace: Path, primary: Path) -> None:
        try:
            self.entry_path(workspace, primary).unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass    # a folder we cannot write: the next write says so

    def entry(self, workspace: Path, primary: Path) -> UnsavedEdits | None:
        return _read(self.entry_path(workspace, primary))

    def entries(self, workspace: Path) -> list[UnsavedEdits]:
        """The workspace's entries, newest first."""
        root = str(Path(workspace).resolve())
        found = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            edits = _read(path)
            if edits is not None and str(Path(edits.workspace).resolve()) == root:
                found.append(edits)
        return sorted(found, key=lambda e: e.saved_at, reverse=True)


def now_text() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# ---- JSON with dates ----------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"a value of type {type(value).__name__} ({value!r:.40})")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            (tag, literal), = value.items()
            if tag in _TAGS and isinstance(literal, str):
                return _TAGS[tag](literal)
            if tag == "$float" and literal in ("nan", "inf", "-inf"):
                return float(literal)
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _read(path: Path) -> UnsavedEdits | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            return None
        files = [UnsavedFile(Path(f["path"]), str(f["base_sha256"]), _decode(f["base"]),
                             _decode(f["mine"])) for f in document["files"]]
        if not files or not all(isinstance(f.base, dict) and isinstance(f.mine, dict) for f in files):
            return None
        return UnsavedEdits(Path(document["workspace"]), str(document["label"]),
                            str(document["saved_at"]), files)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
