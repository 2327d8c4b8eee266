"""Planning a verify or reopen: read the record's files, compute the edits, the gate's
reasons, the field changes since the last commit and the commit message; nothing is written.

A record is one file, or (in a language layout) one file per language: ``en/x.md`` and
``zh/x.md`` are one policy. The review fields are neutral, so every language file gets the
same edits; the gate looks at the record (the primary file's pillars and citations, every
file's schema, and neutral fields that would differ between the files), and the field
changes are one list, a neutral change listed once.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer.core.errors import EditRefused, Refused, ReviewerError
from reviewer.core.record.bundle import data_mismatches
from reviewer.core.record.bundlediff import record_changes
from reviewer.core.record.datapath import apply_change
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.record.fielddiff import FieldChange, field_changes
from reviewer.core.record.frontmatter import conflict_marker_line
from reviewer.core.review.draftnotes import drafted_notes, notes_of
from reviewer.core.review.gate import GateReason, gate_reasons
from reviewer.core.review.gitrepo import GitRepo, Identity
from reviewer.core.review.message import commit_message
from reviewer.core.review.model import PlannedFile, ReviewPlan, nothing_to_commit
from reviewer.core.sources.citations import CitationResult, check_data
from reviewer.core.terms import DRAFT, REOPEN, VERIFIED, VERIFY
from reviewer.core.workspace import Workspace


def plan_review(repo: GitRepo, ws: Workspace, path: Path, action: str, identity: Identity,
                text: str | None, today: dt.date | str | None, *, render: bool,
                known: RecordFile | None = None, kept_notes: Iterable[str] = (),
                baseline: Any = None) -> ReviewPlan:
    """Check, read and compute; ``render`` also renders the new files (to show or to
    validate early); without it the write renders them (each render re-reads the YAML).
    ``kept_notes``: pillars whose drafted audit note the auditor confirmed; ``baseline``:
    the record's data as the auditor began (else the last draft in the history)."""
    text = (text or "").strip()
    if action == REOPEN and not text:
        raise Refused("a reason is needed to reopen a record (--reason TEXT)", path=path)
    repo.check_state()
    files = read_files(repo, ws, path, known)
    today = today_text(today)
    if action == REOPEN:
        _check_reopenable(files)
    for file in files:
        file.edits = _edits(file.record, action, identity, today)
        file.new_data = file.record.data
        for edit in file.edits:  # the engine only writes a file that reads back as this
            file.new_data = apply_change(file.new_data, edit)
        if render:
            file.new_bytes = rendered(file)
    record_id = files[0].record.record_id or files[0].path.stem
    kept = frozenset(kept_notes)
    _check_kept_pillars(kept, files[0], path)
    drafted = _drafted(repo, files[0], baseline) if action == VERIFY else {}
    citations, reasons = _gate(ws, files, action, record_id, drafted, kept)
    changes, shown, notes = _changes(ws, files)
    if all(f.head_bytes is not None and (f.head_bytes == f.new_bytes or
                                         (not f.edits and f.head_bytes == f.old_bytes))
           for f in files):
        raise nothing_to_commit(files[0].new_data, path)
    title = files[0].new_data.get("title")
    title = title if isinstance(title, str) else ""
    subject, message = commit_message(action, record_id, title, shown, identity, text, notes=notes,
                                      template=ws.config.commit_subject,
                                      trailers=ws.config.trailers)
    return ReviewPlan(action, record_id, title, identity, files, changes, reasons, subject,
                      message, today, text, citations, drafted, kept)


def _check_kept_pillars(kept: frozenset[str], primary: PlannedFile, path: Path) -> None:
    """A confirmed note names a pillar the record has: a typo must not look like a sign-off."""
    analysis = primary.record.data.get("analysis") if isinstance(primary.record.data, dict) else None
    unknown = sorted(p for p in kept if not (isinstance(analysis, dict) and isinstance(analysis.get(p), dict)))
    if unknown:
        raise Refused(f"--keep-note {unknown[0]}: the record has no pillar {unknown[0]!r} "
                      f"(its pillars: {', '.join(analysis) if isinstance(analysis, dict) else 'none'}); "
                      "nothing was changed", path=path)


def _drafted(repo: GitRepo, primary: PlannedFile, baseline: Any) -> dict[str, str]:
    """The draft's audit notes the record still holds unchanged (its pillars are neutral:
    the primary file's stand for every language's)."""
    now = notes_of(primary.new_data)
    return {pillar: note for pillar, note in drafted_notes(repo, primary, baseline).items()
            if now.get(pillar) == note}


def rendered(file: PlannedFile) -> bytes:
    """The file's new bytes, with the plan's edits."""
    try:
        return file.record.render(file.edits).encode("utf-8")
    except UnicodeEncodeError:
        raise EditRefused("the new value has characters that cannot be saved as UTF-8",
                          path=file.path) from None


def today_text(today: dt.date | str | None) -> str:
    if today is None:
        today = dt.date.today()
    if isinstance(today, dt.date):
        return today.isoformat()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", today):
        raise ReviewerError(f"today must be a date YYYY-MM-DD, not {today!r}")
    return today


# ---- the record's files --------------------------------------------------------------------
def record_files(ws: Workspace, path: Path) -> dict[str | None, Path]:
    """The files of the record ``path`` is a file of, by language, the primary first (a
    record without a language layout: ``{None: path}``)."""
    key = ws.record_key(path)
    siblings = ws.layout.siblings(key) if key else {}
    out: dict[str | None, Path] = {}
    for language, rel in siblings.items():
        sibling = ws.root / rel
        if os.path.lexists(sibling):
            ws.refuse_outside(sibling, "record")
            out[language] = Path(os.path.realpath(sibling))
    return out if len(out) > 1 else {next(iter(out), None): path}


def read_files(repo: GitRepo, ws: Workspace, path: Path,
               known: RecordFile | None = None) -> list[PlannedFile]:
    """Each of the record's files as it is now, once git and the file are fit to commit it
    (the parse from finding the file is reused if it still holds those bytes)."""
    out = []
    for language, file in record_files(ws, path).items():
        rel = repo.relpath(file)
        try:
            old_bytes, stages = _committable(repo, file, rel)
        except Refused as exc:
            raise exc.located(file) from None
        record = known if known is not None and known.path == file and known.raw == old_bytes \
            else RecordFile.from_bytes(old_bytes, file)
        head = repo.blob("HEAD", rel) if repo.head_sha() else None
        out.append(PlannedFile(language, file, rel, ws.name(record), [], old_bytes, head,
                               bool(stages)))
    return out


def _committable(repo: GitRepo, path: Path, rel: str) -> tuple[bytes, set[int]]:
    """The file's bytes and index stages, once the file is fit to commit."""
    old_bytes = _read(path)
    marker = conflict_marker_line(old_bytes)
    if marker is not None:
        raise Refused(f"line {marker} is a git conflict marker; resolve the conflict first; "
                      "nothing was committed")
    stages = repo.index_stages(rel)
    if stages - {0}:
        raise Refused("the file has an unresolved merge conflict in git's index; resolve "
                      "it (git add) first; nothing was committed")
    if not stages:
        rule = repo.ignored_by(rel)
        if rule:
            raise Refused(f"the file is not tracked and git ignores it ({rule}); "
                          "nothing was committed")
    return old_bytes, stages


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Refused(f"cannot read: {exc.strerror or exc}") from None


# ---- edits and the gate --------------------------------------------------------------------
def _check_reopenable(files: list[PlannedFile]) -> None:
    """A record is reopened when it is verified (in any of its files: all go to draft)."""
    statuses = [f.record.data.get("reviewStatus") if isinstance(f.record.data, dict) else None
                for f in files]
    if VERIFIED not in statuses:
        raise Refused(f"is not verified (reviewStatus: {statuses[0]}); only a verified record "
                      "can be reopened", path=files[0].path)


def _edits(record: RecordFile, action: str, identity: Identity, today: str) -> list[Change]:
    data = record.data
    if not isinstance(data, dict):
        raise Refused("the frontmatter is not a mapping of fields", path=record.path)
    provenance = data.get("provenance")
    provenance = provenance if isinstance(provenance, dict) else {}
    if action == REOPEN:
        wanted = [(("reviewStatus",), DRAFT, data.get("reviewStatus"))]
    else:
        wanted = [(("reviewStatus",), VERIFIED, data.get("reviewStatus")),
                  (("provenance", "reviewer"), identity.name, provenance.get("reviewer")),
                  (("provenance", "lastAuditDate"), today, provenance.get("lastAuditDate"))]
    # A value that is already right is not rewritten (the engine would keep it anyway).
    return [Change(p, value) for p, value, current in wanted
            if not (type(current) is str and current == value)]


def _gate(ws: Workspace, files: list[PlannedFile], action: str, record_id: str,
          drafted: dict[str, str], kept: frozenset[str],
          ) -> tuple[list[CitationResult], list[GateReason]]:
    """(citations, reasons) of a verify: the record as it will be committed. The pillars
    and citations are the primary file's (they are neutral); every file's schema counts,
    and so does any neutral field the files would disagree on."""
    if action != VERIFY:  # a reopen has no gate
        return [], []
    primary = files[0]
    citations = check_data(ws, primary.new_data, record_id)  # unresolved ones need a note
    reasons = gate_reasons(primary.new_data, citations, ws.config, drafted, kept)
    seen = {r.message for r in reasons}
    for file in files[1:]:
        for reason in gate_reasons(file.new_data, None, ws.config):
            if reason.pillar is None and reason.message not in seen:
                seen.add(reason.message)
                reasons.append(GateReason(None, f"the {file.language} file: {reason.message}"))
    mismatches = data_mismatches({f.language: f.new_data for f in files}, ws.config.neutral)
    reasons += [GateReason(None, str(m)) for m in mismatches]
    return citations, reasons


# ---- field changes since the last commit ---------------------------------------------------
def _changes(ws: Workspace, files: list[PlannedFile]) -> tuple[list[FieldChange],
                                                                list[FieldChange], list[str]]:
    """(the plan's changes, the changes the message lists, the message's notes instead of
    changes it cannot list: a new file, an unreadable committed version)."""
    if len(files) == 1:
        return _one_file_changes(files[0])
    per_file: dict[str | None, list[FieldChange]] = {}
    all_new = all(f.new_file for f in files)
    notes = ["New record files (no earlier commit to compare with)."] if all_new else []
    for file in files:
        if file.new_file:
            if not all_new:
                notes.append(f"New file {file.repo_path} (no earlier commit to compare with).")
            continue
        old, unreadable = _head_data(file)
        if unreadable is not None:
            notes.append(f"The last committed version of {file.repo_path} could not be read "
                         f"({unreadable}).")
            continue
        per_file[file.language] = field_changes(old, file.new_data)
    changes = record_changes(per_file, [f.language for f in files], ws.config.is_neutral)
    return changes, changes, notes


def _one_file_changes(file: PlannedFile) -> tuple[list[FieldChange], list[FieldChange], list[str]]:
    if file.new_file:
        return [], [], ["New record file (no earlier commit to compare with)."]
    old, unreadable = _head_data(file)
    changes = field_changes(old, file.new_data)
    if unreadable is not None:
        return changes, [], [f"The last committed version could not be read ({unreadable})."]
    return changes, changes, []


def _head_data(file: PlannedFile) -> tuple[object, str | None]:
    """The file's data in HEAD, or why it cannot be read."""
    if file.head_bytes == file.old_bytes:
        return file.record.data, None
    try:
        return RecordFile.from_bytes(file.head_bytes or b"", file.path).data, None
    except ReviewerError as exc:
        return None, exc.message
