"""Replaying this clone's commits on the remote's (``git rebase``), and the conflicts it
stops on, in the auditor's terms.

The rebase runs with the field-level merge driver (:mod:`reviewer.core.review.mergedriver`),
pointed at this very installation, so two auditors' edits of one record merge field by
field. When the same field was changed differently on both sides, git stops with the rebase
paused on that commit: a state any git tool understands. Here such a stop reads as
conflicts of *mine* (this clone's commit being replayed: git's "theirs" during a rebase)
against *theirs* (what is already on the remote: git's "ours"), with the base they both
started from. Values come from the index's stages, so they keep their YAML types.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import ReviewerError
from reviewer.core.record import frontmatter
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.record.merge import ABSENT
from reviewer.core.record.nodes import Path, format_path
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.mergedriver import forget_conflict, merge_record, read_conflicts, record_conflicts

MINE_STAGE, THEIRS_STAGE, BASE_STAGE = 3, 2, 1   # during a rebase
BODY, FILE = "body", "file"                       # conflicts that are not one field
MARKERS = ("<<<<<<< ", ">>>>>>> ")


def driver_override() -> list[str]:
    """``-c`` options that run this installation's merge driver (the ``reviewer`` on PATH
    may be another, or none, when the app was started as ``python -m reviewer``)."""
    command = f"{shlex.quote(sys.executable)} -m reviewer merge-file %O %A %B %P"
    return ["-c", "merge.reviewer.name=reviewer field-level merge", "-c",
            f"merge.reviewer.driver={command}"]


def driver_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` with this installation importable by the driver's ``python -m reviewer``
    (the app may run from a folder no ``pip install`` put on the path)."""
    here = str(FsPath(__file__).resolve().parents[3])
    paths = [here] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != here]
    return {**env, "PYTHONPATH": os.pathsep.join(paths), "GIT_EDITOR": "true"}


def in_progress(repo: GitRepo) -> bool:
    return (repo.git_dir / "rebase-merge").exists() or (repo.git_dir / "rebase-apply").exists()


def rebased_branch(repo: GitRepo) -> str | None:
    """The branch a paused rebase is replaying (HEAD is detached meanwhile)."""
    for folder in ("rebase-merge", "rebase-apply"):
        try:
            name = (repo.git_dir / folder / "head-name").read_text(encoding="utf-8").strip()
        except OSError:
            continue
        return name.removeprefix("refs/heads/") or None
    return None


@dataclass
class RebaseRun:
    finished: bool
    output: str = ""


def rebase(repo: GitRepo, onto: str, env: dict[str, str], timeout: float) -> RebaseRun:
    """Replay the commits not on ``onto``; never a merge commit, never git's autostash (the
    sync put the edits aside itself)."""
    run = repo.run_guarded(*driver_override(), "rebase", "--no-autostash", "--no-rebase-merges",
                           onto, env=driver_env(env), timeout=timeout)
    return RebaseRun(run.status == 0 and not run.timed_out and not in_progress(repo), run.text)


def continue_rebase(repo: GitRepo, env: dict[str, str], timeout: float) -> RebaseRun:
    run = repo.run_guarded(*driver_override(), "rebase", "--continue",
                           env=driver_env(env), timeout=timeout)
    if run.status and in_progress(repo) and not unmerged(repo) and _now_empty(run.text):
        # Resolved to exactly what the remote has: the commit has nothing left to say.
        run = repo.run_guarded(*driver_override(), "rebase", "--skip",
                               env=driver_env(env), timeout=timeout)
    return RebaseRun(run.status == 0 and not run.timed_out and not in_progress(repo), run.text)


def _now_empty(output: str) -> bool:
    lower = output.lower()
    return "now empty" in lower or "nothing to commit" in lower or "no changes" in lower


def abort_rebase(repo: GitRepo, timeout: float) -> str | None:
    """Back to before the rebase; git's complaint when it could not."""
    if not in_progress(repo):
        return None
    run = repo.run_guarded("rebase", "--abort", timeout=timeout)
    return None if run.status == 0 else run.text.strip()


def unmerged(repo: GitRepo) -> dict[str, dict[int, str]]:
    """Paths git marks conflicted, with the blob of each stage present."""
    status, out, _ = repo.run("ls-files", "-u", "-z")
    paths: dict[str, dict[int, str]] = {}
    for entry in str(out).split("\0") if status == 0 else []:
        meta, _, rel = entry.partition("\t")
        if rel:
            _, sha, stage = meta.split()
            paths.setdefault(rel, {})[int(stage)] = sha
    return paths


@dataclass
class Conflict:
    """One thing to decide: a field (at ``path``), a record's body, or a whole file."""
    record: str                 # the record's id (or the file's path, for other files)
    kind: str                   # "field", BODY or FILE
    path: Path = ()
    files: list[str] = field(default_factory=list)     # repository paths it is in
    languages: list[str] = field(default_factory=list)
    base: Any = ABSENT
    mine: Any = ABSENT
    theirs: Any = ABSENT

    @property
    def label(self) -> str:
        return format_path(self.path) if self.kind == "field" else self.kind


@dataclass
class Sides:
    """A conflicted file's three versions, read from the index."""
    rel: str
    base: RecordFile | None
    mine: RecordFile | None
    theirs: RecordFile | None
    raw: dict[int, bytes]


def sides(repo: GitRepo, rel: str, stages: dict[int, str]) -> Sides:
    raw = {stage: repo.blob(f":{stage}", rel) or b"" for stage in stages}
    parsed: dict[int, RecordFile | None] = {}
    for stage in (BASE_STAGE, MINE_STAGE, THEIRS_STAGE):
        try:
            parsed[stage] = RecordFile.from_bytes(raw[stage], rel) if stage in raw else None
        except ReviewerError:
            parsed[stage] = None
    return Sides(rel, parsed[BASE_STAGE], parsed[MINE_STAGE], parsed[THEIRS_STAGE], raw)


def file_conflicts(repo: GitRepo, rel: str, stages: dict[int, str], record: str | None,
                   language: str | None) -> list[Conflict]:
    """What is left to decide in one conflicted file."""
    langs = [language] if language else []
    both = sides(repo, rel, stages)
    if both.mine is None or both.theirs is None:
        return [Conflict(record or rel, FILE, (), [rel], langs, _raw(both, BASE_STAGE),
                         _raw(both, MINE_STAGE), _raw(both, THEIRS_STAGE))]
    pending = read_conflicts(repo.git_dir).get(rel)
    if pending is None:
        fields = _merge_here(repo, both)
    else:
        fields = [tuple(item["field"]) for item in pending if isinstance(item, dict)]
    record = record or both.theirs.record_id or both.mine.record_id or rel
    found = [Conflict(record, "field", path, [rel], list(langs),
                      _get(both.base, path), _get(both.mine, path), _get(both.theirs, path))
             for path in fields]
    if has_markers(_working_body(repo, rel)):
        found.append(Conflict(record, BODY, (), [rel], list(langs),
                              both.base.split.body if both.base else "", both.mine.split.body,
                              both.theirs.split.body))
    return found


def _merge_here(repo: GitRepo, both: Sides) -> list[Path]:
    """The driver did not run (not set up, or it failed): git left its own side's file.
    Merge the fields here as the driver would (git's side kept where both changed), write
    it, and record the conflicts, so no field of either side is dropped unseen. A file
    someone has edited since is not rewritten."""
    merged = merge_record(both.raw.get(BASE_STAGE, b""), both.raw[THEIRS_STAGE],
                          both.raw[MINE_STAGE], both.rel)
    try:
        untouched = (repo.root / both.rel).read_bytes() == both.raw[THEIRS_STAGE]
    except OSError:
        untouched = True
    if untouched:
        write_atomic(repo.root / both.rel, merged.text)
    record_conflicts(repo.git_dir, both.rel, merged.conflicts, keep=True)
    return [c.path for c in merged.conflicts]


def _raw(both: Sides, stage: int) -> Any:
    data = both.raw.get(stage)
    return ABSENT if data is None else data.decode("utf-8", "replace")


def _get(record: RecordFile | None, path: Path) -> Any:
    value: Any = record.data if record is not None else ABSENT
    for key in path:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return ABSENT
    return value


def _working_body(repo: GitRepo, rel: str) -> str:
    try:
        text = (repo.root / rel).read_bytes().decode("utf-8", "replace")
        return frontmatter.split(text).body
    except (OSError, ReviewerError):
        return ""


def has_markers(text: str) -> bool:
    lines = text.splitlines()
    return any(line.startswith(MARKERS[0]) for line in lines) and \
        any(line.startswith(MARKERS[1]) for line in lines)


# ---- resolving ----------------------------------------------------------------------------
def settle(repo: GitRepo, conflict: Conflict, value: Any) -> None:
    """Write the chosen value of one conflict into each of its files (a minimal edit), and
    mark a file resolved for git once nothing is left to decide in it."""
    for rel in conflict.files:
        target = repo.root / rel
        if conflict.kind == FILE:
            _settle_file(repo, rel, value)
            continue
        if conflict.kind == BODY:
            split = frontmatter.split(target.read_bytes().decode("utf-8", "surrogateescape"))
            text = dataclasses.replace(split, body=value).join()
            write_atomic(target, text.encode("utf-8", "surrogateescape"))
        else:
            RecordFile.load(target).save([Change(conflict.path) if value is ABSENT
                                          else Change(conflict.path, value)])
            forget_conflict(repo.git_dir, rel, conflict.path)
        if not _left_in(repo, rel):
            repo.run("add", "--", rel)


def _settle_file(repo: GitRepo, rel: str, value: Any) -> None:
    if value is ABSENT:
        repo.run("rm", "--quiet", "--", rel)
    else:
        write_atomic(repo.root / rel, value.encode("utf-8") if isinstance(value, str) else value)
        repo.run("add", "--", rel)


def _left_in(repo: GitRepo, rel: str) -> bool:
    pending = read_conflicts(repo.git_dir).get(rel)
    return bool(pending) or has_markers(_working_body(repo, rel))
