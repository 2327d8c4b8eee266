"""A workspace: a folder (normally a git repository) of records and their sources.

Layout: ``records/**/*.md`` hold the records, ``sources/<record-id>/`` each record's source
texts. A record is named by its ``id`` field; the file name usually matches it, which gives
a fast path, but the field is what counts. :meth:`Workspace.locate` is the one place that
turns what a user typed (an id or a file path) into a record file, and
:meth:`Workspace.sources_dir` the one place that turns an id into a folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.core.config import CONFIG_NAME, load_config
from reviewer.core.errors import ReviewerError
from reviewer.core.files import MAX_RECORD_BYTES, read_regular
from reviewer.core.layout import RECORD_SUFFIXES, Layout
from reviewer.core.record.frontmatter import conflict_marker_line
from reviewer.core.record.summary import Summary
from reviewer.core.terms import RECORD_ID_PATTERN

if TYPE_CHECKING:  # the record engine is loaded when a record is read, not to find one
    from reviewer.core.record.bundle import RecordBundle
    from reviewer.core.record.document import RecordFile

RECORDS_DIR = "records"
SOURCES_DIR = "sources"
_RECORD_ID = re.compile(RECORD_ID_PATTERN)


def safe_record_id(value: object) -> bool:
    """Whether ``value`` is an id that can name a file and a folder (one safe segment)."""
    return isinstance(value, str) and bool(_RECORD_ID.fullmatch(value))  # no trailing "\n"


@dataclass
class Entry:
    """One record file as scanned: either read (``record``) or not (``error``)."""
    path: Path
    record: RecordFile | None = None
    error: ReviewerError | None = None

    @property
    def record_id(self) -> str | None:
        return self.record.record_id if self.record else None

    def summary(self, file: str) -> Summary:
        if self.record is None:
            err = self.error
            return Summary.unreadable(self.path, file, err.message if err else "unreadable",
                                      err.line if err else None)
        return Summary.of(self.path, file, self.record.data, self.record.fmt)


def unlisted_note(folder: str, exc: OSError) -> str:
    """Why the records of a folder are missing from the list."""
    return f"{folder} cannot be read ({exc.strerror or exc}); the records in it are not listed"


def _first_link_out(path: Path, ws: "Workspace") -> Path | None:
    """The first symlink on ``path`` (from the root down) whose target is outside ``ws``."""
    path = Path(os.path.abspath(path))
    for depth in range(1, len(path.parts) + 1):
        part = Path(*path.parts[:depth])
        if part.is_symlink() and not ws.contains(part):
            return part
    return None


def is_workspace(folder: Path) -> bool:
    """A folder with a ``reviewer.toml``, or with a ``records/`` folder."""
    return (folder / CONFIG_NAME).is_file() or (folder / RECORDS_DIR).is_dir()


class Workspace:
    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()
        self.unlisted: list[str] = []     # see record_paths
        if not self.root.is_dir():
            raise ReviewerError(f"workspace folder not found: {root}")
        if not is_workspace(self.root):
            raise ReviewerError(f"not a reviewer workspace: {self.root} has no '{RECORDS_DIR}/' "
                                f"folder and no {CONFIG_NAME} (reviewer init sets one up)")
        self.config = load_config(self.root)
        self.layout = Layout(self.config)

    @classmethod
    def discover(cls, start: Path | str | None = None) -> "Workspace":
        """The workspace at ``start`` or the nearest parent folder that is one."""
        here = Path(start or os.getcwd()).resolve()
        for folder in (here, *here.parents):
            if is_workspace(folder):
                return cls(folder)
        raise ReviewerError(f"not a reviewer workspace: no '{RECORDS_DIR}/' folder or "
                            f"{CONFIG_NAME} in {here} or its parents (use -w DIR, or reviewer init)")

    @classmethod
    def containing(cls, path: Path | str) -> "Workspace | None":
        """The workspace that has the file ``path`` among its records (where the file lies:
        its folder resolved, the file itself not followed if it is a symlink), or None (a
        record validated on its own, outside any workspace, has no sources)."""
        here = Path(os.path.realpath(Path(path).parent)) / Path(path).name
        for folder in here.parents:
            if (folder / CONFIG_NAME).is_file() or (folder.name == RECORDS_DIR and folder.is_dir()):
                root = folder if (folder / CONFIG_NAME).is_file() else folder.parent
                try:
                    ws = cls(root)
                except ReviewerError:
                    return None
                return ws if ws.record_key(here) is not None else None
        return None

    @property
    def records_dir(self) -> Path:
        return self.root / RECORDS_DIR

    def record_folders(self) -> list[Path]:
        """The folders where a file appearing or going changes the records (for a watcher):
        ``records/``, or where the globs start and the folders just below (a language
        layout's ``en/`` and ``zh/``). Deeper folders are found by a refresh (F5)."""
        if self.layout.is_default:
            return [self.records_dir]
        out: list[Path] = []
        for top in self.layout.top_folders():
            folder = self.root / top if top else self.root
            out.append(folder)
            try:
                out += sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
            except OSError:
                continue  # not there (yet), or unreadable: the list says why
        return out

    def sources_dir(self, record_id: str) -> Path:
        """The folder of a record's sources; refuses an id that is not one safe path
        segment (``../x`` must never name a folder outside the workspace)."""
        if not safe_record_id(record_id):
            raise ReviewerError(f"{record_id!r} is not a usable record id (letters, digits, "
                                "'.', '_' and '-', starting with a letter or digit)")
        return self.root / self.layout.sources_folder(record_id)

    @property
    def sources_root(self) -> Path:
        """The folder holding every record's sources folder."""
        return self.root / self.layout.sources_root

    def sources_label(self, record_id: str | None) -> str:
        """How to name a record's sources folder to the user: ``sources/<id>/``."""
        return self.layout.sources_folder(record_id if safe_record_id(record_id) else "<id>") + "/"

    def record_key(self, path: Path | str) -> str | None:
        """The workspace-relative name (``/``) of a record file, or None if ``path`` is not
        one of the workspace's record files (by its place, not its content)."""
        # String arithmetic, not pathlib: validate asks this of every file of the workspace.
        text = os.fspath(path)
        root = str(self.root)
        full = os.path.normpath(text if os.path.isabs(text) else os.path.join(root, text))
        if not full.startswith(root + os.sep):
            return None
        return self.relative_record_key(full[len(root) + 1:].replace(os.sep, "/"))

    def relative_record_key(self, rel: str) -> str | None:
        """:meth:`record_key` of a normalized workspace-relative ``/`` path (as git names
        files), without the path arithmetic: a history names tens of thousands."""
        if self.layout.is_default:
            parts = rel.split("/")
            ok = len(parts) >= 2 and parts[0] == RECORDS_DIR and rel.endswith(RECORD_SUFFIXES) \
                and not any(p.startswith(".") for p in parts)
        else:
            ok = self.layout.is_record(rel)
        if ok and any(os.path.islink(self.root / Path(*rel.split("/")[:depth]))
                      for depth in range(2, rel.count("/") + 1)):
            ok = False  # the walk does not enter linked subfolders
        return rel if ok else None

    def relative(self, path: Path | str) -> str:
        """``path`` relative to the root: where it leads, or else (a symlink that leads
        outside) where it lies; an outside path as it is."""
        for candidate in (os.path.realpath(path), os.path.abspath(path)):
            try:
                return str(Path(candidate).relative_to(self.root))
            except ValueError:
                continue
        return str(path)

    def contains(self, path: Path | str) -> bool:
        """Whether ``path``, symlinks followed (also a dangling link's target), is inside."""
        real = os.path.realpath(path)
        return real == str(self.root) or real.startswith(str(self.root) + os.sep)

    def outside_message(self, path: Path | str) -> str | None:
        """Why ``path`` may not be read or written: a symlink takes it outside (else None)."""
        if self.contains(path):
            return None
        return f"a symlink to {os.path.realpath(path)}, outside the workspace; not read"

    def refuse_outside(self, path: Path | str, what: str = "file") -> None:
        """Refuse to write ``path`` when it, or a symlink on the way to it, leads outside
        the workspace: a cloned repository must never make us write elsewhere."""
        if not self.contains(path):
            link = _first_link_out(Path(path), self)
            where = f"{link} is a symlink to {os.readlink(link)}" if link else f"{path} is"
            raise ReviewerError(f"refusing the {what}: {where}, outside the workspace "
                                f"{self.root}")
        real = Path(os.path.realpath(path)).relative_to(self.root)
        if ".git" in real.parts:  # a link into git's folder could plant a hook that runs
            raise ReviewerError(f"refusing the {what}: {path} leads into git's own folder "
                                f"({real.as_posix()})")

    def record_paths(self) -> list[Path]:
        """Every record file, in the list's order. Folders that cannot be listed are noted
        in :attr:`unlisted` (one line each), never skipped silently."""
        out: list[Path] = []
        self.unlisted: list[str] = []
        if not self.layout.is_default:
            return [self.root / rel for rel in self.layout.record_files(self.root, self.unlisted)]

        def cannot_list(exc: OSError) -> None:
            folder = self.relative(exc.filename) if exc.filename else RECORDS_DIR
            self.unlisted.append(unlisted_note(folder, exc))
        for folder, dirs, files in os.walk(self.records_dir, onerror=cannot_list):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            base = Path(folder)   # parsed once: ten thousand files notice
            out.extend(base / f for f in sorted(files)
                       if f.endswith(RECORD_SUFFIXES) and not f.startswith("."))
        return out

    def scan(self) -> list[Entry]:
        entries = []
        for path in self.record_paths():
            outside = self.outside_message(path)
            if outside is not None:
                entries.append(Entry(path, error=ReviewerError(outside, path=path)))
                continue
            try:
                entries.append(Entry(path, record=self.load(path)))
            except ReviewerError as exc:
                entries.append(Entry(path, error=exc))
        return entries

    def summaries(self) -> list[Summary]:
        """One row per record (a record's language files are one row), in the list's order."""
        return self.layout.group([e.summary(self.relative(e.path)) for e in self.scan()])

    # ---- reading records as the workspace names them -----------------------------------------
    def load(self, path: Path | str) -> RecordFile:
        """Read one record file; in a language layout it is named by its file (``en/x.md``
        is record ``x`` in English)."""
        from reviewer.core.record.document import RecordFile
        return self.name(RecordFile.load(path))

    def name(self, record: RecordFile) -> RecordFile:
        key = self.record_key(record.path) if record.path is not None else None
        role = self.layout.role(key) if key else None
        return record.named(role.key, role.language) if role and role.key else record

    def bundle_of(self, path: Path | str) -> RecordBundle:
        """The record that ``path`` is a file of: all its language files (or just it)."""
        from reviewer.core.record.bundle import RecordBundle
        key = self.record_key(path)
        siblings = self.layout.siblings(key) if key else {}
        if not siblings:
            record = self.load(path)
            return RecordBundle(record.record_id, {None: record})
        files = {}
        for language, rel in siblings.items():
            sibling = self.root / rel
            if os.path.lexists(sibling):
                self.refuse_outside(sibling, "record")
                files[language] = self.load(sibling)
        role = self.layout.role(key)
        return RecordBundle(role.key if role else None, files)

    def summary_of(self, record: RecordFile) -> Summary:
        assert record.path is not None
        return Entry(record.path, record=record).summary(self.relative(record.path))

    def duplicate_ids(self, entries: list[Entry]) -> dict[Path, str]:
        """For each file whose id another file also uses: the other file (relative)."""
        first: dict[str, Path] = {}
        out: dict[Path, str] = {}
        for entry in entries:
            rid = entry.record_id
            if rid is None:
                continue
            if rid in first:
                out[entry.path] = self.relative(first[rid])
                out.setdefault(first[rid], self.relative(entry.path))
            else:
                first[rid] = entry.path
        return out

    # ---- from what the user typed to a record file ----------------------------------------
    def resolve(self, ref: str | Path) -> Path:
        """A record reference (an id, or a file path) -> the record's file."""
        return self.locate(ref)[0]

    def locate(self, ref: str | Path) -> tuple[Path, RecordFile | None]:
        """The record's file, and the file as read when reading it was needed to find it
        (so callers parse it once). A file with git conflict markers cannot be read to learn
        its id, so ``records/<ref>.md`` is taken as it is when it has them: the review's
        checks then say so."""
        text = str(ref)
        if isinstance(ref, Path) or Path(text).suffix in (".md", ".markdown") or os.sep in text \
                or "/" in text:
            return self._file(Path(text)), None
        return self._by_id(text)

    def _by_id(self, text: str) -> tuple[Path, RecordFile | None]:
        if self.config.multilingual:  # the id is in the file names: no file needs reading
            order = {lang: i for i, lang in enumerate(self.config.languages)}
            named = sorted((order.get(role.language, len(order)), p) for p in self.record_paths()
                           if (role := self.layout.role(self.record_key(p) or "")) and role.key == text)
            if not named:
                raise ReviewerError(f"no record with id {text!r} in this workspace")
            self.refuse_outside(named[0][1], "record")
            return Path(os.path.realpath(named[0][1])), None
        fast = self.records_dir / f"{text}.md"
        if fast.is_file():
            self.refuse_outside(fast, "record")
            try:
                real = Path(os.path.realpath(fast))
                raw = read_regular(fast, MAX_RECORD_BYTES, "record")
                if conflict_marker_line(raw) is not None:
                    return real, None
                from reviewer.core.record.document import RecordFile
                record = RecordFile.from_bytes(raw, real)
                if record.record_id == text:
                    return real, record
            except (OSError, ReviewerError):
                pass
        matches = [e for e in self.scan() if e.record_id == text]  # outside links: unread
        if not matches:
            raise ReviewerError(f"no record with id {text!r} in {self.relative(self.records_dir)}/")
        if len(matches) > 1:
            files = ", ".join(self.relative(e.path) for e in matches)
            raise ReviewerError(f"id {text!r} is used by several files: {files}")
        return Path(os.path.realpath(matches[0].path)), matches[0].record

    def _file(self, candidate: Path) -> Path:
        for path in (candidate, self.root / candidate):
            if os.path.lexists(path):  # reading it says what is wrong if it is no record
                self.refuse_outside(path, "record")
                return Path(os.path.realpath(path))
        raise ReviewerError(f"record file not found: {candidate}")
