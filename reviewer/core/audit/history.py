"""Reading a workspace's record history into the audit cache, in one pass.

Git walks the history in one process while this one reads the versions each commit names
(through one ``git cat-file --batch``) and turns them into facts: on two cores the walk and
the parsing overlap, so a cold read costs about the longer of the two, not their sum. Only
commits after the last one read are asked of git, and only blobs never read are parsed.
"""

from __future__ import annotations

from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.audit import gitlog
from reviewer.core.audit.cache import AuditCache
from reviewer.core.audit.facts import facts_of, read_data
from reviewer.core.audit.workers import spawn_pool
from reviewer.core.config import WorkspaceConfig
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.workspace import Workspace

BATCH = 256   # blobs asked of cat-file at once: big enough to be cheap, small enough to overlap


@dataclass
class History:
    commits: list[gitlog.Commit] = field(default_factory=list)   # oldest first
    facts: dict[str, dict] = field(default_factory=dict)         # blob -> facts
    commits_read: int = 0
    blobs_read: int = 0

    def read(self) -> dict[str, int]:
        return {"commits_read": self.commits_read, "blobs_read": self.blobs_read}


def read_history(ws: Workspace, repo: GitRepo, cache: AuditCache) -> History:
    """Every commit that touched a record file, and the facts of every version they wrote;
    what was new is added to ``cache``."""
    prefix = ws.root.resolve().relative_to(repo.root).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    head = repo.head_sha()
    if head is None:
        return History()
    known = cache.meta("head")
    since = None
    if known and known != head:
        if gitlog.is_ancestor(repo, known, head):
            since = known
        else:
            cache.forget_commits()        # the history was rewritten: read it again
    out = History()
    if known == head:
        out.commits = [gitlog.Commit.from_row(r) for r in cache.commit_rows()]
    else:
        before = [gitlog.Commit.from_row(r) for r in cache.commit_rows()] if since else []
        new, fresh = _read_new(ws, repo, cache, prefix, since)
        cache.add_commits([c.to_row() for c in new], head)
        cache.add_facts(fresh)
        out.commits = before + new
        out.commits_read, out.blobs_read = len(new), len(fresh)
        out.facts.update(fresh)
    wanted = {blob for c in out.commits for _, blob in c.files if blob and blob not in out.facts}
    out.facts.update(cache.facts(sorted(wanted)))
    return out


def _read_new(ws: Workspace, repo: GitRepo, cache: AuditCache, prefix: str,
              since: str | None) -> tuple[list[gitlog.Commit], dict[str, dict]]:
    # At the repository's root the whole log is cheaper than a pathspec (git's history
    # simplification cost 1.5x at 31,000 commits); a workspace in a subfolder limits it.
    specs = [prefix] if prefix else []
    known_blobs = cache.known_blobs()
    new: list[gitlog.Commit] = []
    asked: set[str] = set()
    is_record: dict[str, bool] = {}  # a path recurs in many commits: its answer is kept
    pending: dict[str, str] = {}     # blob -> a path it was written to (for messages)
    with Parser(ws, repo) as parser:
        for commit in gitlog.stream(repo, specs, since):
            files = []
            for path, blob in commit.files:
                if path not in is_record:
                    is_record[path] = ws.relative_record_key(path[len(prefix):]) is not None
                if is_record[path]:
                    files.append((path, blob))
            if not files:
                continue
            commit.files = files
            new.append(commit)
            for path, blob in files:
                if blob and blob not in known_blobs and blob not in asked:
                    pending[blob] = path
                    asked.add(blob)
            if len(pending) >= BATCH:
                parser.parse(pending)
                pending = {}
        parser.parse(pending)
        fresh = parser.results()
    new.reverse()                     # git printed the newest first
    return new, fresh


class Parser:
    """Reads and parses versions into facts: in a worker process once there are many (the
    main process then only follows git's log, and git, the worker and it share the cores),
    else here. A worker that cannot start or breaks leaves its batches to this process."""

    def __init__(self, ws: Workspace, repo: GitRepo) -> None:
        self.ws, self.repo = ws, repo
        self.facts: dict[str, dict] = {}
        self.batches = 0
        self.sent: list[tuple[dict[str, str], Future]] = []
        self.pool: ProcessPoolExecutor | None = None
        self.reader = gitlog.BlobReader(repo.root)

    def __enter__(self) -> Parser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.reader.close()
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def parse(self, pending: dict[str, str]) -> None:
        if not pending:
            return
        self.batches += 1
        if self.batches == 2 and self.pool is None:   # a second full batch: a big read
            try:
                self.pool = spawn_pool()
            except (OSError, RuntimeError):
                self.pool = None
        if self.pool is not None:
            try:
                self.sent.append((pending, self.pool.submit(
                    parse_in_worker, str(self.ws.root), str(self.repo.root), pending)))
                return
            except RuntimeError:   # the pool broke: parse here
                pass
        self.facts.update(_parse(self.reader, pending, self.ws.config))

    def results(self) -> dict[str, dict]:
        for pending, future in self.sent:
            try:
                self.facts.update(future.result())
            except (BrokenExecutor, OSError, RuntimeError):
                self.facts.update(_parse(self.reader, pending, self.ws.config))
        self.sent = []
        return self.facts


_WORKER: dict[str, tuple[WorkspaceConfig, gitlog.BlobReader]] = {}   # in a worker process


def parse_in_worker(root: str, repo_root: str, pending: dict[str, str]) -> dict[str, dict]:
    """In a worker process: the facts of ``pending`` (blob -> a path), read through one
    ``git cat-file --batch`` kept open for the worker's life."""
    if root not in _WORKER:
        _WORKER[root] = (Workspace(Path(root)).config,
                         gitlog.BlobReader(Path(repo_root)))
    config, reader = _WORKER[root]
    return _parse(reader, pending, config)


def _parse(reader: gitlog.BlobReader, pending: dict[str, str],
           config: WorkspaceConfig) -> dict[str, dict]:
    return {blob: facts_of(read_data(raw, pending[blob]) if raw is not None else None, config)
            for blob, raw in reader.read(list(pending))}
