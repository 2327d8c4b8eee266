"""Reading a workspace's record history from git in bulk: one ``git log`` pass for every
commit that touched a record file (with its author, date, subject, ``Reviewed-by`` trailers
and the blobs it wrote), and one ``git cat-file --batch`` process for the blobs' bytes.
Never one process per file or per commit: at 30,000 commits that alone would take minutes.
"""

from __future__ import annotations

import os
import queue
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
    return list(reversed(list(stream(repo, pathspecs, since))))


def stream(repo: GitRepo, pathspecs: list[str], since: str | None = None) -> Iterator[Commit]:
    """:func:`commits` newest first, each as soon as git prints it: the caller reads the
    versions a commit names while git walks on (with ``--reverse`` git prints nothing until
    it has walked the whole history). A thread drains git's output so that git never waits
    for a slow reader."""
    span = f"{since}..HEAD" if since else "HEAD"
    argv = ["git", "log", "--no-renames", "--raw", "-z", "--no-abbrev", "--no-show-signature",
            f"--format={RECORD_SEP}{FORMAT}", span, *(["--", *pathspecs] if pathspecs else [])]
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(argv, cwd=repo.root, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=errors,
                                env={**os.environ, "GIT_LITERAL_PATHSPECS": "1"})
        chunks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        drain = threading.Thread(target=_drain, args=(proc, chunks), daemon=True)
        drain.start()
        try:
            yield from _split(chunks)
            if proc.wait() != 0:
                errors.seek(0)
                message = errors.read().decode("utf-8", "replace").strip()
                raise Refused(f"git log failed: {message}")
        finally:
            if proc.poll() is None:
                proc.kill()   # the caller stopped early
                proc.wait()
            drain.join()
            assert proc.stdout is not None
            proc.stdout.close()


def _drain(proc: subprocess.Popen, chunks: queue.SimpleQueue) -> None:
    assert proc.stdout is not None
    try:
        while data := proc.stdout.read1(1 << 20):
            chunks.put(data)
    except (OSError, ValueError):
        pass   # killed, or its pipe closed: the reader sees the end
    chunks.put(None)


def _split(chunks: queue.SimpleQueue) -> Iterator[Commit]:
    separator, rest = RECORD_SEP.encode(), b""
    while (data := chunks.get()) is not None:
        parts = (rest + data).split(separator)
        rest = parts.pop()
        for part in parts:
            commit = _commit(part.decode("utf-8", "surrogateescape"))
            if commit is not None:
                yield commit
    if rest:
        commit = _commit(rest.decode("utf-8", "surrogateescape"))
        if commit is not None:
            yield commit


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
    with BlobReader(repo.root) as reader:
        yield from reader.read(wanted)


class BlobReader:
    """One ``git cat-file --batch`` process, asked for blobs as their ids become known."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, shas: list[str]) -> Iterator[tuple[str, bytes | None]]:
        """``(sha, bytes)`` for each of ``shas`` (None: git does not have it)."""
        if self.proc is None:
            self.proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        # Asked in slices: git answers each line before reading far ahead, so neither pipe
        # fills while the other waits.
        for start in range(0, len(shas), 256):
            part = shas[start:start + 256]
            stdin.write("".join(f"{sha}\n" for sha in part).encode("ascii"))
            stdin.flush()
            for sha in part:
                line = stdout.readline().decode("ascii", "replace").split()
                if len(line) < 3 or line[1] == "missing":
                    yield sha, None
                    continue
                data = stdout.read(int(line[2]))
                stdout.read(1)  # the newline after the content
                yield sha, data

    def close(self) -> None:
        if self.proc is not None:
            for pipe in (self.proc.stdin, self.proc.stdout):
                if pipe is not None:
                    pipe.close()
            self.proc.wait()
            self.proc = None
