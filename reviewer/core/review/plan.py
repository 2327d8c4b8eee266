"""Verify and reopen a record: edit it through the record engine and commit exactly it.

:func:`plan` computes everything for either action (the edits, the gate's reasons, the field
changes since the file's last commit, the commit message) without writing, so the app can
show a confirmation. :func:`execute` does it: under a per-repository lock it checks git's
state, re-reads the record, and hands it to :mod:`committing`, which writes the edits
(minimal diff), commits that one file, and puts everything back when anything refuses.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from reviewer.core.errors import ConflictError, GateRefused, Refused, RepositoryBusy, ReviewerError
from reviewer.core.record.datapath import apply_change
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.record.fielddiff import FieldChange, field_changes
from reviewer.core.record.frontmatter import conflict_marker_line
from reviewer.core.review.committing import commit_plan
from reviewer.core.review.gate import gate_reasons
from reviewer.core.review.gitrepo import INDEX_LOCK_WAIT, REVIEW_LOCK_WAIT, GitRepo, Identity
from reviewer.core.review.journal import read_journal
from reviewer.core.review.model import ReviewPlan, ReviewResult, nothing_to_commit
from reviewer.core.sources.citations import CitationResult, check_data
from reviewer.core.terms import DRAFT, REOPEN, REVIEW_ACTIONS, VERIFIED, VERIFY
from reviewer.core.workspace import Workspace

SUBJECT_LIMIT = 100


# ---- public API ----------------------------------------------------------------------------
def plan(workspace: Workspace, record: str | Path, action: str, *, reviewer: str | None = None,
         email: str | None = None, text: str | None = None,
         today: dt.date | str | None = None) -> ReviewPlan:
    """What ``action`` (verify or reopen) would commit; writes nothing. ``text`` is the
    verify note or the reopen reason."""
    _known_action(action)
    with GitRepo.open(workspace.root) as repo:
        path, known = workspace.locate(record)
        return _plan(repo, path, action, repo.identity(reviewer, email), text, today,
                     render=True, known=known, ws=workspace)


def execute(workspace: Workspace, record: str | Path, action: str, *,
            reviewer: str | None = None, email: str | None = None, text: str | None = None,
            today: dt.date | str | None = None, expected: ReviewPlan | None = None,
            lock_wait: float = REVIEW_LOCK_WAIT, index_wait: float = INDEX_LOCK_WAIT) -> ReviewResult:
    """Do ``action`` and commit the record. ``expected``: the plan the user confirmed (its
    identity, text and date are used unless given); if the record or its last commit changed
    since, nothing is done."""
    _known_action(action)
    if expected is not None:
        reviewer, email = reviewer or expected.identity.name, email or expected.identity.email
        text = expected.text if text is None else text
        today = expected.today if today is None else today
    with GitRepo.open(workspace.root) as repo:
        path, known = workspace.locate(record)
        identity = repo.identity(reviewer, email)
        try:
            with repo.review_lock(lock_wait):
                _check_no_interrupted_action(repo)
                # Planned again under the lock: another reviewer may have committed this
                # file meanwhile (the parse from finding the file is reused if unchanged).
                now = _plan(repo, path, action, identity, text, today, render=False,
                            known=known, ws=workspace)
                _check_still_as_shown(now, expected)
                repo.wait_for_index(index_wait)
                return commit_plan(repo, now, index_wait)
        except ReviewerError as exc:
            raise exc.located(path) from None


def verify(workspace: Workspace, record: str | Path, *, note: str | None = None,
           **options: Any) -> ReviewResult:
    """Mark the record verified and commit it (see :func:`execute`)."""
    return execute(workspace, record, VERIFY, text=note, **options)


def reopen(workspace: Workspace, record: str | Path, *, reason: str, **options: Any) -> ReviewResult:
    """Move a verified record back to draft and commit it, with the reason."""
    return execute(workspace, record, REOPEN, text=reason, **options)


def _known_action(action: str) -> None:
    if action not in REVIEW_ACTIONS:
        raise ValueError(f"unknown review action {action!r}")


def _check_no_interrupted_action(repo: GitRepo) -> None:
    # Under the review lock a journal is a dead process's: its action must be finished or
    # undone first (and a new journal would overwrite what it knows).
    pending = read_journal(repo.git_dir)
    if pending is not None:
        raise RepositoryBusy(f"an interrupted {pending.action} of {pending.record} (process "
                             f"{pending.pid}, {pending.started}) was never finished; run "
                             "reviewer recover to see it, then reviewer recover --finish or "
                             "--undo; nothing was changed")


def _check_still_as_shown(now: ReviewPlan, expected: ReviewPlan | None) -> None:
    if expected is not None and (now.old_bytes != expected.old_bytes
                                 or now.head_bytes != expected.head_bytes):
        raise ConflictError("the record or its history changed since the review was "
                            "prepared; review it again (nothing was committed)")
    if now.action == VERIFY and now.reasons:
        count = len(now.reasons)
        raise GateRefused(f"not verified: the record does not pass the verification "
                          f"gate ({count} reason{'s' if count > 1 else ''}); nothing "
                          "was changed", reasons=now.reasons)


# ---- planning ------------------------------------------------------------------------------
def _today_text(today: dt.date | str | None) -> str:
    if today is None:
        today = dt.date.today()
    if isinstance(today, dt.date):
        return today.isoformat()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", today):
        raise ReviewerError(f"today must be a date YYYY-MM-DD, not {today!r}")
    return today


def _plan(repo: GitRepo, path: Path, action: str, identity: Identity, text: str | None,
          today: dt.date | str | None, *, render: bool, ws: Workspace,
          known: RecordFile | None = None) -> ReviewPlan:
    """Check, read and compute; ``render`` also renders the new file (to show or to
    validate early); without it the write renders it (each render re-reads the YAML)."""
    text = (text or "").strip()
    if action == REOPEN and not text:
        raise Refused("a reason is needed to reopen a record (--reason TEXT)", path=path)
    rel = repo.relpath(path)
    try:
        old_bytes, stages = _committable(repo, path, rel)
    except Refused as exc:
        raise exc.located(path) from None
    record = known if known is not None and known.raw == old_bytes else \
        RecordFile.from_bytes(old_bytes, path)
    today = _today_text(today)
    edits = _edits(record, action, identity, today)
    new_bytes = record.render(edits).encode("utf-8") if render else None
    # The engine only writes a file that reads back as exactly this data.
    new_data = record.data
    for edit in edits:
        new_data = apply_change(new_data, edit)
    citations: list[CitationResult] = []
    if action == VERIFY:  # a citation that does not resolve needs the auditor's note
        citations = check_data(ws, new_data)
    reasons = gate_reasons(new_data, citations) if action == VERIFY else []

    head = repo.blob("HEAD", rel) if repo.head_sha() else None
    old_data, unreadable = None, None
    if head == old_bytes:
        old_data = record.data
    elif head is not None:
        try:
            old_data = RecordFile.from_bytes(head, path).data
        except ReviewerError as exc:
            unreadable = exc.message
    if head is not None and (head == new_bytes or (not edits and head == old_bytes)):
        raise nothing_to_commit(new_data, path)
    changes = field_changes(old_data, new_data) if head is not None else []
    record_id = record.record_id or path.stem
    title = new_data.get("title")
    title = title if isinstance(title, str) else ""
    subject, message = commit_message(action, record_id, title, changes, identity, text,
                                      new_file=head is None, unreadable=unreadable)
    return ReviewPlan(action, path, rel, record_id, title, identity, edits, changes, reasons,
                      subject, message, head is None, bool(stages), today, text,
                      old_bytes, new_bytes, head, record, citations)


def _committable(repo: GitRepo, path: Path, rel: str) -> tuple[bytes, set[int]]:
    """The file's bytes and index stages, once git and the file are fit to commit it."""
    repo.check_state()
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


def _edits(record: RecordFile, action: str, identity: Identity, today: str) -> list[Change]:
    data = record.data
    if not isinstance(data, dict):
        raise Refused("the frontmatter is not a mapping of fields", path=record.path)
    provenance = data.get("provenance")
    provenance = provenance if isinstance(provenance, dict) else {}
    if action == REOPEN:
        if data.get("reviewStatus") != VERIFIED:
            raise Refused(f"is not verified (reviewStatus: {data.get('reviewStatus')}); "
                          "only a verified record can be reopened", path=record.path)
        wanted = [(("reviewStatus",), DRAFT, data.get("reviewStatus"))]
    else:
        wanted = [(("reviewStatus",), VERIFIED, data.get("reviewStatus")),
                  (("provenance", "reviewer"), identity.name, provenance.get("reviewer")),
                  (("provenance", "lastAuditDate"), today, provenance.get("lastAuditDate"))]
    # A value that is already right is not rewritten (the engine would keep it anyway).
    return [Change(p, value) for p, value, current in wanted
            if not (type(current) is str and current == value)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def commit_message(action: str, record_id: str, title: str, changes: list[FieldChange],
                   identity: Identity, text: str = "", *, new_file: bool = False,
                   unreadable: str | None = None) -> tuple[str, str]:
    """(subject, whole message): subject, field changes, note or reason, trailer."""
    subject = f"{action.capitalize()} {record_id}: {_one_line(title)}".rstrip(": ")
    if len(subject) > SUBJECT_LIMIT:
        subject = subject[: SUBJECT_LIMIT - 1].rstrip() + "…"
    if new_file:
        summary = "New record file (no earlier commit to compare with)."
    elif unreadable:
        summary = f"The last committed version could not be read ({unreadable})."
    elif changes:
        summary = "\n".join(str(c) for c in changes)
    else:
        summary = "No field changes (layout only)."
    paragraphs = [subject, summary]
    if text:
        paragraphs.append(f"Reason: {text}" if action == REOPEN else text)
    paragraphs.append(f"Reviewed-by: {identity}")
    return subject, "\n\n".join(paragraphs) + "\n"
