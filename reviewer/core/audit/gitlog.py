"""Reading a workspace's record history from git in bulk: one ``git log`` pass for every
commit that touched a record file (with its author, date, subject, ``Reviewed-by`` trailers
and the blobs it wrote), and one ``git cat-file --batch`` process for the blobs' bytes.
Never one process per file or per commit: at 30,000 commits that alone would take minutes.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from reviewer.core.errors import Refused
from reviewer.core.review.gitrepo import GitRepo

RECORD_SEP, FIELD_SEP, TRAILER_SEP = "\x1e", "\x1f", "\x1d"
FORMAT = FIELD_SEP.join(["%H", "%an", "%ae", "%aI", "%s",
                         "%(trailers:key=Reviewed-by,valueonly,separator=%x1d)"])
NO_BLOB = "0" * 40


@dataclass
class Commit:
    sha: str
    author: str            # "Name <email>"
    date: str              # the author date, ISO 8601 with its zone
    subject: str
    reviewed_by: list[str] = field(default_factory=list)
    files: list[tuple[str, str | None]] = field(default_factory=list)  # (path, blob; None: deleted)

    @property
    def auditor(self) -> str:
        """Who reviewed: the first ``Reviewed-by`` trailer, else the commit's author."""
        return self.reviewed_by[0] if self.reviewed_by else self.author

    def to_row(self) -> list:
        return [self.sha, self.author, self.date, self.subject, self.reviewed_by, self.files]

    @classmethod
    def from_row(cls, row: list) -> Commit:
        sha, author, date, subject, reviewed, files = row
        return cls(sha, author, date, subject, list(reviewed), [tuple(f) for f in files])


def head(repo: GitRepo) -> str | None:
    return repo.head_sha()


def is_ancestor(repo: GitRepo, old: str, new: str) -> bool:
    return repo.run("merge-base", "--is-ancestor", old, new)[0] == 0


def commits(repo: GitRepo, pathspecs: list[str], since: str | None = None) -> list[Commit]:
    """The commits that changed files under ``pathspecs``, oldest first; only those after
    ``since`` when given (an ancestor of HEAD)."""
    span = f"{since}..HEAD" if since else "HEAD"
    status, out, err = repo.run("log", "--reverse", "--no-renames", "--raw", "-z", "--no-abbrev",
                                "--no-show-signature", f"--format={RECORD_SEP}{FORMAT}", span,
                                *(["--", *pathspecs] if pathspecs else []))
    if status != 0:
        raise Refused(f"git log failed: {str(err).strip()}")
    return [c for c in (_commit(chunk) for chunk in str(out).split(RECORD_SEP)) if c is not None]


def _commit(chunk: str) -> Commit | None:
    header, _, raw = chunk.partition("\0")
    fields = header.split(FIELD_SEP)
    if len(fields) < 6:
        return None
    sha, name, email, date, subject, trailers = fields[:6]
    reviewed = [t.strip() for t in trailers.strip().split(TRAILER_SEP) if t.strip()]
    commit = Commit(sha, f"{name} <{email}>", date, subject, reviewed)
    tokens = raw.lstrip("\n").split("\0")
    for meta, path in zip(tokens[::2], tokens[1::2]):
        if meta.startswith(":"):
            parts = meta[1:].split()
            blob = parts[3] if len(parts) >= 5 else NO_BLOB
            commit.files.append((path, None if blob == NO_BLOB else blob))
    return commit


def read_blobs(repo: GitRepo, shas: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """``(sha, bytes)`` for each blob, through one ``git cat-file --batch``; None for a
    blob git does not have."""
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return
    proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=repo.root, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    try:
        # A writer thread would avoid the pipe filling; feeding in slices keeps it simple:
        # git answers each line before reading far ahead.
        for start in range(0, len(wanted), 256):
            part = wanted[start:start + 256]
            proc.stdin.write("".join(f"{sha}\n" for sha in part).encode("ascii"))
            proc.stdin.flush()
            for sha in part:
                line = proc.stdout.readline().decode("ascii", "replace").split()
                if len(line) < 3 or line[1] == "missing":
                    yield sha, None
                    continue
                size = int(line[2])
                data = proc.stdout.read(size)
                proc.stdout.read(1)  # the newline after the content
                yield sha, data
    finally:
        proc.stdin.close()
        proc.stdout.close()
        proc.wait()
