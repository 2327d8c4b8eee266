"""Reading a workspace's record history into the audit cache, in one pass.

Git walks the history in one process while this one reads the versions each commit names
(through one ``git cat-file --batch``) and turns them into facts: on two cores the walk and
the parsing overlap, so a cold read costs about the longer of the two, not their sum. Only
commits after the last one read are asked of git, and only blobs never read are parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewer.core.audit import gitlog
from reviewer.core.audit.cache import AuditCache
from reviewer.core.audit.facts import facts_of, read_data
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
    fresh: dict[str, dict] = {}
    pending: dict[str, str] = {}     # blob -> a path it was written to (for messages)
    with gitlog.BlobReader(repo) as reader:
        for commit in gitlog.stream(repo, specs, since):
            commit.files = [(p, b) for p, b in commit.files
                            if ws.record_key(ws.root / p[len(prefix):]) is not None]
            if not commit.files:
                continue
            new.append(commit)
            for path, blob in commit.files:
                if blob and blob not in known_blobs and blob not in fresh:
                    pending.setdefault(blob, path)
            if len(pending) >= BATCH:
                fresh.update(_parse(reader, pending, ws.config))
                pending = {}
        fresh.update(_parse(reader, pending, ws.config))
    new.reverse()                     # git printed the newest first
    return new, fresh


def _parse(reader: gitlog.BlobReader, pending: dict[str, str],
           config: WorkspaceConfig) -> dict[str, dict]:
    return {blob: facts_of(read_data(raw, pending[blob]) if raw is not None else None, config)
            for blob, raw in reader.read(list(pending))}
