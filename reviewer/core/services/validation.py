"""``reviewer validate`` at ten thousand records: each file checked once per content.

What a file's check finds depends on its bytes, the workspace's configuration and the
record's source files (citations). The answer is kept in the workspace index with those
(:mod:`reviewer.core.index.findings`), so a warm run only stats the files and reads the
kept answers; only new or changed files, or records whose sources changed, are checked
again. The one workspace-wide check, duplicate ids, is made from the ids the answers
keep. Files are checked by worker processes when there are many (the fast reader of
:mod:`reviewer.core.index.fastrecord`, else the record engine): the issues are exactly
``validate_record``'s, line and column included (``tests/test_validate_cache.py``).

In a language layout (a record in several language files) each answer also keeps the
file's record, language and a digest of its language-neutral fields: parity errors are
looked for only where the digests of a record's files differ (the engine then words them).

Imports: showing kept answers needs none of the checks, so the schema, the record engine
and the fast reader are imported only where a file is checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.files import MAX_RECORD_BYTES, read_regular
from reviewer.core.index.findings import Answer, Findings
from reviewer.core.index.store import RACY_NS, Store, stat_signature
from reviewer.core.review.issues import ERROR, Issue
from reviewer.core.sources.reading import source_paths
from reviewer.core.workspace import Workspace, safe_record_id

VERSION = "2"          # of what a check finds: bump when validation changes its findings
PARALLEL_MIN = 300     # fewer files to check than this are checked in this process
CHUNK = 100


@dataclass
class Checked:
    """One file's answer: its issues (duplicate ids and parity aside) and what the
    workspace-wide checks need: the id, its value as written, where the ``id`` field is;
    in a language layout the record and language the file is, and a digest of its
    language-neutral fields (None: unreadable, or not to be compared by digest)."""
    record_id: str | None
    id_text: str
    id_at: tuple[int | None, int | None]
    issues: list[tuple]           # (severity, code, message, path, line, col)
    key: str | None = None
    language: str | None = None
    neutral: str | None = None

    def encode(self) -> str:
        # ASCII: a lone surrogate in a value (JSON "\\ud800") must not stop it being stored
        return json.dumps([self.record_id, self.id_text, self.id_at, self.issues, self.key,
                           self.language, self.neutral])

    @classmethod
    def decode(cls, text: str) -> "Checked":
        rid, id_text, at, issues, key, language, neutral = json.loads(text)
        return cls(rid, id_text, tuple(at), [(s, c, m, tuple(p), line, col)
                                             for s, c, m, p, line, col in issues],
                   key, language, neutral)

    def as_issues(self, file: str, duplicate_of: str | None) -> list[Issue]:
        out = [Issue(s, c, m, p, file, line, col) for s, c, m, p, line, col in self.issues]
        if duplicate_of is None:
            return out
        # validate_record adds this finding last, then sorts by place (a stable sort).
        out.append(Issue(ERROR, "duplicate-id", f"id {self.id_text} is also used by {duplicate_of}",
                         ("id",), file, *self.id_at))
        return sorted(out, key=lambda i: (i.line or 0, i.col or 0))


def validate_paths(paths: list[Path]) -> list[Issue]:
    """Issues of every file, each checked against its own workspace's sources; ids used by
    more than one of the files are errors on each of them. A file that a symlink places
    outside its workspace is not read."""
    issues: list[Issue] = []
    for ws, group in by_workspace(paths):
        if ws is None:
            from reviewer.core.services.records import validate_by_engine
            issues.extend(validate_by_engine(ws, group))
            continue
        store = Store(ws.root, None)   # the index's database (not the index: not needed)
        try:
            issues.extend(check_workspace_files(ws, group, store))
        finally:
            store.dispose()
    return in_given_order(issues, paths)


def in_given_order(issues: list[Issue], paths: list[Path]) -> list[Issue]:
    """Each file's issues together, the files in the order given (a stable sort: parity
    errors, found last, join their file's)."""
    order = {str(p): i for i, p in enumerate(paths)}
    return sorted(issues, key=lambda i: order.get(i.file or "", len(order)))


def by_workspace(paths: list[Path]) -> list[tuple[Workspace | None, list[Path]]]:
    """The files grouped by the workspace holding them, by where each file lies (not where
    a symlink leads); None: outside any."""
    folders: dict[str, Workspace | None] = {}
    groups: dict[Path | None, tuple[Workspace | None, list[Path]]] = {}
    for path in paths:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in folders:
            folders[folder] = Workspace.containing(path)
        ws = folders[folder]
        groups.setdefault(ws.root if ws else None, (ws, []))[1].append(path)
    return list(groups.values())


def check_workspace_files(ws: Workspace, paths: list[Path], store: Store) -> list[Issue]:
    """The issues of these record files of ``ws`` (in their order), from the kept answers
    where they still hold; ids used by more than one of the files are errors on each."""
    keys = [ws.record_key(p) or "" for p in paths]
    sigs = {k: stat_signature(str(p)) for k, p in zip(keys, paths) if k}
    findings = Findings(store)
    kept = findings.kept(sigs)
    base = _context_base(ws)
    now_ns = time.time_ns()
    answers: dict[int, Checked] = {}
    todo: list[tuple[int, str, str]] = []
    signatures: dict[str | None, str | None] = {}
    for i, (path, key) in enumerate(zip(paths, keys)):
        k = kept.get(key) if key else None
        if k is not None and k.stat_holds and k.context is not None:
            try:
                checked = Checked.decode(k.answer)
            except (ValueError, TypeError):   # another version's answer, or damaged
                checked = None
            if checked is not None and \
                    k.context == _context(ws, base, checked.record_id, now_ns, signatures):
                answers[i] = checked
                continue
        todo.append((i, str(path), key))
    fresh = _check_all(ws, todo)
    findings.keep([a for a, _ in fresh.values()], now_ns)
    answers.update({i: checked for i, (_, checked) in fresh.items()})
    ordered = [answers[i] for i in range(len(paths))]
    if ws.config.multilingual:
        return _across_languages(ws, paths, ordered)
    return _with_duplicates(ws, paths, ordered)


def _across_languages(ws: Workspace, paths: list[Path], answers: list[Checked]) -> list[Issue]:
    """A language layout: a finding about a neutral field is the record's, reported on its
    primary language's file only, and neutral fields that differ between a record's files
    are parity errors (the record engine words them; equal digests mean none)."""
    order = {lang: i for i, lang in enumerate(ws.config.languages)}
    present: dict[str, list[str | None]] = {}
    for checked in answers:
        if checked.key is not None and checked.neutral is not None:
            present.setdefault(checked.key, []).append(checked.language)
    out: list[Issue] = []
    for path, checked in zip(paths, answers):
        issues = checked.as_issues(str(path), None)
        langs = present.get(checked.key or "", [])
        if langs and min(langs, key=lambda lang: order.get(lang, len(order))) != checked.language:
            issues = [i for i in issues if not i.path or not ws.config.is_neutral(i.path)]
        out += issues
    first: dict[str, Path] = {}   # each record once, as the engine goes: its first file
    for path, c in zip(paths, answers):
        if c.key is not None and c.neutral is not None:
            first.setdefault(c.key, path)
    for key, path in first.items():
        out += _parity(ws, path, key, answers)
    return out


def _parity(ws: Workspace, path: Path, key: str, answers: list[Checked]) -> list[Issue]:
    digests = {c.neutral for c in answers if c.key == key and c.neutral is not None}
    rel = ws.record_key(path)
    siblings = [s for s in (ws.layout.siblings(rel).values() if rel else ())
                if os.path.lexists(ws.root / s)]
    checked_here = sum(1 for c in answers if c.key == key and c.neutral is not None)
    if len(siblings) == checked_here and len(digests) <= 1 and "" not in digests:
        return []   # every language file read, and their neutral fields are equal
    from reviewer.core.review.validate import parity_issues
    try:
        return parity_issues(ws.bundle_of(path), ws.config)
    except ReviewerError:
        return []   # an unreadable language file is reported as such


def _with_duplicates(ws: Workspace, paths: list[Path], answers: list[Checked]) -> list[Issue]:
    first: dict[str, Path] = {}
    duplicate: dict[int, str] = {}
    where: dict[str, int] = {}
    for i, (path, checked) in enumerate(zip(paths, answers)):
        rid = checked.record_id
        if rid is None:
            continue
        if rid in first:
            duplicate[i] = ws.relative(first[rid])
            duplicate.setdefault(where[rid], ws.relative(path))
        else:
            first[rid], where[rid] = path, i
    out: list[Issue] = []
    for i, (path, checked) in enumerate(zip(paths, answers)):
        out += checked.as_issues(str(path), duplicate.get(i))
    return out


# ---- what an answer depends on -----------------------------------------------------------------
def _context_base(ws: Workspace) -> str:
    return f"{VERSION}\0{ws.config!r}"


def _context(ws: Workspace, base: str, record_id: str | None, now_ns: int,
             memo: dict[str | None, str | None]) -> str | None:
    """A digest of the configuration and the record's source files (names and stats);
    None when a source changed so recently that its stat could miss another change."""
    if record_id not in memo:
        memo[record_id] = _sources_signature(ws, record_id, now_ns)
    sources = memo[record_id]
    if sources is None:
        return None
    return hashlib.sha1(f"{base}\0{sources}".encode("utf-8", "surrogatepass")).hexdigest()


def _sources_signature(ws: Workspace, record_id: str | None, now_ns: int) -> str | None:
    if not safe_record_id(record_id):
        return ""
    # Most records have no sources: one lstat of a string, not a listing nor a Path.
    if not os.path.lexists(os.path.join(str(ws.root), ws.layout.sources_folder(record_id))):
        return ""
    parts = []
    for path in source_paths(ws.sources_dir(record_id), ws):
        try:
            st = os.stat(path)
        except OSError as exc:
            parts.append(f"{path.name}:{exc.errno}")
            continue
        if st.st_mtime_ns + RACY_NS >= now_ns:
            return None
        parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ino}")
    return "\0".join(parts)


# ---- checking files (in worker processes when there are many) ---------------------------------
def _check_all(ws: Workspace, todo: list[tuple[int, str, str]]) -> dict[int, tuple[Answer, Checked]]:
    if not todo:
        return {}
    from reviewer.core.index.scan import cores, main_importable
    root = str(ws.root)
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    results: list[list] = []
    if len(todo) >= PARALLEL_MIN and cores() > 1 and main_importable():
        results = _in_workers(root, chunks)
    else:
        results = [check_files(root, chunk) for chunk in chunks]
    out = {}
    for batch in results:
        for i, key, sig, blob, context, text in batch:
            out[i] = (Answer(key, sig, blob, context, text), Checked.decode(text))
    return out


def _in_workers(root: str, chunks: list) -> list[list]:
    """The chunks checked by one worker process per core; a pool that cannot start or
    breaks leaves its chunks to this process."""
    from reviewer.core.index.scan import cores, ignore_interrupts, worker_context
    done: dict[int, list] = {}
    pool = None
    try:
        pool = ProcessPoolExecutor(cores(), mp_context=worker_context((__name__,)),
                                   initializer=ignore_interrupts)   # Ctrl+C is ours to handle
        futures = [pool.submit(check_files, root, chunk) for chunk in chunks]
        for n, future in enumerate(futures):
            try:
                done[n] = future.result()
            except Exception:  # noqa: BLE001 - checked here instead, below
                pass
    except (OSError, RuntimeError, ImportError):
        pass
    finally:
        if pool is not None:   # (on Ctrl+C too: the chunks not started are dropped)
            pool.shutdown(wait=True, cancel_futures=True)
    return [done[n] if n in done else check_files(root, chunk) for n, chunk in enumerate(chunks)]


_workspaces: dict[str, Workspace] = {}


def check_files(root: str, items: list[tuple[int, str, str]]) -> list[tuple]:
    """Check record files of the workspace at ``root``: for each ``(i, path, key)`` one
    ``(i, key, stat, blob, context, answer)`` (in a worker process, or not)."""
    ws = _workspaces.get(root) or _workspaces.setdefault(root, Workspace(root))
    base, now_ns, memo = _context_base(ws), time.time_ns(), {}
    out = []
    for i, path, key in items:
        sig = stat_signature(path)
        blob, checked = check_one(ws, Path(path), base, now_ns, memo)
        context = _context(ws, base, checked.record_id, now_ns, memo) if blob else None
        out.append((i, key, sig, blob, context, checked.encode()))
    return out


def check_one(ws: Workspace, path: Path, base: str, now_ns: int,
               memo: dict) -> tuple[str | None, Checked]:
    from reviewer.core.index.fastread import blob_id
    from reviewer.core.review.validate import validate_record
    outside = ws.outside_message(path)
    if outside is not None:
        return None, Checked(None, "", (None, None), [(ERROR, "read", outside, (), None, None)])
    try:
        raw = read_regular(path, MAX_RECORD_BYTES, "record")
    except OSError:
        raw = None
    try:
        record = _read(raw, path)
    except ReviewerError as exc:
        return (blob_id(raw) if raw is not None else None,
                Checked(None, "", (None, None), [(ERROR, "read", exc.message, (), exc.line, exc.col)]))
    record = ws.name(record)
    # The sources are looked at before they are read: a change while checking makes the
    # kept context older than the answer, so the next run checks again.
    _context(ws, base, record.record_id, now_ns, memo)
    issues = validate_record(record, None, ws)
    data = record.data
    return blob_id(record.raw), Checked(
        record.record_id, repr(data.get("id")) if isinstance(data, dict) else "None",
        record.location(("id",)),
        [(i.severity, i.code, i.message, list(i.path), i.line, i.col) for i in issues],
        record.key, record.language, _neutral_digest(ws, data) if record.key else None)


def _neutral_digest(ws: Workspace, data: object) -> str:
    """A digest of the language-neutral fields' values: equal digests, equal values. ""
    when values could be equal yet differ to the parity check (NaN is unequal to itself),
    or cannot be written out: then the record engine compares the files."""
    from reviewer.core.record.datapath import get_path
    absent = object()
    values = []
    for dotted in ws.config.neutral:
        value = get_path(data, tuple(dotted.split(".")), absent)
        values.append([value is not absent, None if value is absent else value])
    try:
        text = json.dumps(values, sort_keys=True, default=repr, allow_nan=False)
    except (TypeError, ValueError):
        return ""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def _read(raw: bytes | None, path: Path):
    from reviewer.core.index.fastrecord import record_for_checks
    from reviewer.core.index.fastread import Defer
    from reviewer.core.record.document import RecordFile
    if raw is None:
        return RecordFile.load(path)   # the engine says why the file cannot be read
    try:
        return record_for_checks(raw, path)
    except Defer:
        return RecordFile.from_bytes(raw, path)
