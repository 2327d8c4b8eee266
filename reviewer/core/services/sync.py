"""Team work on a shared repository: git's merge driver for record files (``reviewer
merge-file``) and setting it up. Syncing with the remote and resolving what it stops on
are in :mod:`reviewer.core.services.sharing`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import ReviewerError
from reviewer.core.files import MAX_RECORD_BYTES, read_regular
from reviewer.core.review.mergedriver import MergedFile, merge_record, record_conflicts
from reviewer.core.terms import DRIVER_COMMAND

DRIVER_NAME = "reviewer"


def merge_file(base: Path, ours: Path, theirs: Path, path: str) -> MergedFile:
    """What git's ``merge.reviewer.driver`` runs: merge the three versions of the record at
    ``path``, write the result over ``ours`` (git's ``%A``), and keep the field conflicts
    where ``reviewer`` and the app read them. Nothing is written when a file cannot be read."""
    try:
        sides = [read_regular(Path(p), MAX_RECORD_BYTES, "record") for p in (base, ours, theirs)]
    except OSError as exc:
        raise ReviewerError(f"cannot read a version to merge: {exc.strerror or exc}",
                            path=exc.filename) from None
    merged = merge_record(*sides, path=path)
    write_atomic(ours, merged.text)
    git_dir = _git_dir()
    if git_dir is not None:
        record_conflicts(git_dir, path, merged.conflicts, keep=not merged.clean)
    return merged


def _git_dir() -> Path | None:
    """The repository git runs the driver in (its working folder), if any."""
    done = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], capture_output=True, text=True)
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def set_up_merge_driver(root: Path, globs: list[str]) -> list[str]:
    """Route the record files to the field-level merge (``.gitattributes``, a file of the
    repository to commit) and register the driver in this clone's git config when it is
    missing (git does not share that between clones). Returns what was done, for the user."""
    done: list[str] = []
    attributes = root / ".gitattributes"
    try:
        existing = attributes.read_text(encoding="utf-8") if attributes.is_file() else ""
    except (OSError, UnicodeDecodeError) as exc:
        return [f".gitattributes left as it is ({exc})"]
    present = {line.strip() for line in existing.splitlines()}
    lines = [f"{glob} merge={DRIVER_NAME}" for glob in globs]
    missing = [line for line in lines if line not in present]
    if missing:
        text = existing + ("\n" if existing and not existing.endswith("\n") else "") + "\n".join(missing) + "\n"
        write_atomic(attributes, text.encode("utf-8"))
        done.append(f".gitattributes: {'; '.join(missing)} (commit it, so every clone merges records by field)")
    done += register_driver(root)
    return done


def register_driver(root: Path) -> list[str]:
    """Register the driver in this clone's git config when it is missing (what was done)."""
    if _registered(root) is not False:
        return []
    subprocess.run(["git", "config", f"merge.{DRIVER_NAME}.name", "reviewer field-level merge"],
                   cwd=root, capture_output=True)
    subprocess.run(["git", "config", f"merge.{DRIVER_NAME}.driver", DRIVER_COMMAND], cwd=root,
                   capture_output=True)
    return [f"git config merge.{DRIVER_NAME}.driver \"{DRIVER_COMMAND}\" (this clone)"]


def route_locally(git_dir: Path, globs: list[str]) -> str:
    """Route record files to the driver in this clone only (``info/attributes``), for a
    repository whose ``.gitattributes`` does not (yet) do it for every clone."""
    target = Path(git_dir) / "info" / "attributes"
    try:
        existing = target.read_text(encoding="utf-8") if target.is_file() else ""
    except (OSError, UnicodeDecodeError):
        existing = ""
    lines = [f"{glob} merge={DRIVER_NAME}" for glob in globs if f"{glob} merge={DRIVER_NAME}"
             not in existing.splitlines()]
    if lines:
        target.parent.mkdir(parents=True, exist_ok=True)
        sep = "\n" if existing and not existing.endswith("\n") else ""
        write_atomic(target, (existing + sep + "\n".join(lines) + "\n").encode("utf-8"))
    return (f"{target}: record files merge by field in this clone; reviewer init adds the line "
            "to .gitattributes so every clone does")


def _registered(root: Path) -> bool | None:
    """Whether this clone knows the driver; None when ``root`` is no git repository."""
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root,
                            capture_output=True, text=True)
    if inside.returncode != 0:
        return None
    known = subprocess.run(["git", "config", "--get", f"merge.{DRIVER_NAME}.driver"], cwd=root,
                           capture_output=True, text=True)
    return known.returncode == 0 and bool(known.stdout.strip())
