"""What any command working in a repository should mention first: a verify or reopen that
was left unfinished there. Apart from :mod:`reviews` so that every command can ask it
without loading the review machinery (no git runs, a file read)."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.review import journal as review_journal


def interrupted_notice(folder: Path) -> list[str]:
    """One or two lines for any command working in ``folder`` to show when a verify or
    reopen was left unfinished in its repository; cheap (no git runs)."""
    try:
        found = review_journal.leftover(Path(folder))
    except ReviewerError as exc:
        return [f"reviewer: {exc}"]
    if found is None:
        return []
    root, journal = found
    try:
        untouched = all((root / f.record).read_bytes() == f.before for f in journal.files)
    except OSError:
        untouched = False
    what = "the file" if len(journal.files) == 1 else "the files"
    how = (f"  it stopped before it changed {what}; reviewer recover --undo forgets it"
           if untouched else "  reviewer recover shows how far it got; reviewer recover "
           f"--finish commits it, reviewer recover --undo puts {what} back")
    return [f"reviewer: an interrupted {journal.action} of {journal.what} (process "
            f"{journal.pid}, started {journal.started}) was never finished", how]
