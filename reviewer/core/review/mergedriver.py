"""git's merge driver for record files: frontmatter merged field by field, the body by lines.

git calls ``reviewer merge-file %O %A %B %P`` (base, ours, theirs, the path) for files its
``.gitattributes`` give ``merge=reviewer``. Instead of git's line merge, which turns two
auditors' edits of one record into conflict markers in the YAML (or silently keeps one),
the three frontmatters are merged with :func:`reviewer.core.record.merge.three_way`:

- a field changed on one side only is applied to ours as a minimal, verified edit by the
  record engine, so the file keeps its formatting like every write;
- the same change on both sides is taken once;
- a field changed differently on both sides is a conflict: ours is kept, so the file still
  parses, and the field is recorded (base, ours, theirs) in ``<git dir>/reviewer/conflicts.json``
  for ``reviewer`` and the app to show.

The body goes through ``git merge-file``. A side that cannot be read as a record is merged
by lines, as git would, and the result says why.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import ReviewerError
from reviewer.core.record import frontmatter
from reviewer.core.record.datapath import changes_between
from reviewer.core.record.document import RecordFile
from reviewer.core.record.merge import ABSENT, MINE, FieldConflict, three_way

CONFLICTS_FILE = "reviewer/conflicts.json"
LABELS = ("ours", "base", "theirs")


@dataclass
class MergedFile:
    text: bytes
    conflicts: list[FieldConflict] = field(default_factory=list)
    body_conflicts: int = 0
    line_merge: str | None = None   # why the whole file was merged by lines (None: by fields)

    @property
    def clean(self) -> bool:
        return not self.conflicts and self.body_conflicts == 0


def merge_record(base: bytes, ours: bytes, theirs: bytes, path: str = "record") -> MergedFile:
    """Merge three versions of a record file (see the module's docstring)."""
    try:
        records = [RecordFile.from_bytes(raw, path) for raw in (base, ours, theirs)]
    except ReviewerError as exc:
        return _line_merge(base, ours, theirs, f"a version cannot be read as a record: {exc.message}")
    old, mine, other = records
    merge = three_way(old.data, mine.data, other.data)
    data = merge.resolved({c.path: MINE for c in merge.conflicts})   # ours, so it parses
    try:
        text = mine.render(changes_between(mine.data, data))
    except ReviewerError as exc:
        return _line_merge(base, ours, theirs, f"the merged fields cannot be written: {exc.message}")
    body, body_conflicts = merge_lines(old.split.body, mine.split.body, other.split.body)
    # The rendered text keeps ours' body; only the body is swapped (no second YAML parse).
    joined = dataclasses.replace(frontmatter.split(text), body=body).join()
    return MergedFile(joined.encode("utf-8"), merge.conflicts, body_conflicts)


def merge_lines(base: str, ours: str, theirs: str) -> tuple[str, int]:
    """``git merge-file -p``: the merged text and how many conflicts it marks."""
    with tempfile.TemporaryDirectory(prefix="reviewer-merge-") as folder:
        names = []
        for label, text in zip(LABELS, (ours, base, theirs)):
            name = Path(folder) / label
            name.write_bytes(text.encode("utf-8", "surrogateescape"))
            names.append(str(name))
        done = subprocess.run(["git", "merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs",
                               *names], capture_output=True)
    if done.returncode < 0 or done.returncode > 127:
        raise ReviewerError(f"git merge-file failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout.decode("utf-8", "surrogateescape"), done.returncode


def _line_merge(base: bytes, ours: bytes, theirs: bytes, why: str) -> MergedFile:
    text, count = merge_lines(*(raw.decode("utf-8", "surrogateescape") for raw in (base, ours, theirs)))
    return MergedFile(text.encode("utf-8", "surrogateescape"), [], count, why)


# ---- the conflicts recorded for reviewer and the app ----------------------------------------------
def record_conflicts(git_dir: Path, path: str, conflicts: list[FieldConflict],
                     keep: bool = False) -> None:
    """Keep ``path``'s field conflicts in the repository's git dir; with none, forget the
    path, unless ``keep`` (the file is conflicted all the same: its body): an entry, even
    empty, says the driver merged the file."""
    target = Path(git_dir) / CONFLICTS_FILE
    known = read_conflicts(git_dir)
    if conflicts or keep:
        known[path] = [{"field": list(c.path), "base": _json(c.base), "ours": _json(c.mine),
                        "theirs": _json(c.theirs)} for c in conflicts]
    else:
        known.pop(path, None)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, json.dumps(known, ensure_ascii=False, indent=1, default=str).encode("utf-8"))


def forget_conflict(git_dir: Path, path: str, field_path: tuple) -> None:
    """One conflict of ``path`` was resolved: keep only the others."""
    known = read_conflicts(git_dir)
    # An empty list stays: the file was merged by the driver (see record_conflicts).
    known[path] = [item for item in known.get(path, [])
                   if tuple(item.get("field", ())) != tuple(field_path)]
    target = Path(git_dir) / CONFLICTS_FILE
    write_atomic(target, json.dumps(known, ensure_ascii=False, indent=1, default=str).encode("utf-8"))


def clear_conflicts(git_dir: Path) -> None:
    (Path(git_dir) / CONFLICTS_FILE).unlink(missing_ok=True)


def read_conflicts(git_dir: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        known = json.loads((Path(git_dir) / CONFLICTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def _json(value: Any) -> Any:
    return {"absent": True} if value is ABSENT else value
