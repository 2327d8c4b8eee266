"""Checking the commit git made: a "Verify" commit must be exactly what was verified.

Hooks run inside ``git commit`` and filters inside ``git add``, and either can change what
is committed: a pre-commit hook that stages another file, a hook or a clean filter that
rewrites the record, a commit-msg hook that drops the ``Reviewed-by`` trailer, a post-commit
hook that amends or adds commits. So after every commit: the branch moved by exactly one
commit, on top of the one it was on; that commit changes exactly the record's paths (its
file, or its language files; compared with its parent); each file in it reads (through the
record engine) as the data that was verified, with the same text below the frontmatter
(formatting may differ, so a formatter hook is fine); its author is the reviewer and its
message has the trailers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.core.errors import CommitUndone, ReviewerError
from reviewer.core.record.datapath import same
from reviewer.core.record.document import RecordFile
from reviewer.core.record.fielddiff import field_changes
from reviewer.core.review.gitcommit import filter_of
from reviewer.core.review.gitprocess import HookTrace
from reviewer.core.review.gitrepo import GitRepo, Identity
from reviewer.core.review.gitundo import index_entry, set_index_entry

MESSAGE_HOOKS = ("prepare-commit-msg", "commit-msg")
SHOWN = 5   # paths or field changes named in one line

_AUTHOR = re.compile(r"^author (.*) <(.*)> \d+ [+-]\d{4}$")


@dataclass
class Expected:
    """What the commit must be."""
    files: list[tuple[str, RecordFile]]  # each file's path in the repository, as verified and written
    head: str | None                    # the commit it must sit on (None: the first commit)
    identity: Identity
    trailers: tuple[str, ...] = ("Reviewed-by",)   # each "Name: identity" must be in the message

    @property
    def rels(self) -> list[str]:
        return [rel for rel, _ in self.files]


@dataclass
class Verdict:
    commit: str | None                                          # the commit git made
    problems: list[tuple[str, str]] = field(default_factory=list)  # (kind, what)
    committed: dict[str, bytes | None] = field(default_factory=dict)  # each file in it

    def refusal(self, culprit: str, hooks: HookTrace) -> CommitUndone:
        first = self.problems[0][1]
        details = [what for _, what in self.problems]
        if hooks.ran:
            details.append("hooks that ran: " + ", ".join(dict.fromkeys(hooks.ran)))
        return CommitUndone(f"{culprit} changed the commit: {first}; the commit was undone; "
                            "nothing was committed", details=details)


def inspect(repo: GitRepo, expected: Expected) -> Verdict:
    """The commit on the branch since ``expected.head``, and what is wrong with it."""
    new = _new_commits(repo, expected.head)
    if not new:
        return Verdict(None, [("history", "the branch did not move; no commit was made")])
    verdict = Verdict(new[0])
    if len(new) > 1:
        verdict.problems.append(("history", f"the branch moved by {len(new)} commits, not one: "
                                            + ", ".join(c[:7] for c in new[:SHOWN])))
    parents, author, message = _read_commit(repo, new[0])
    if parents != ([expected.head] if expected.head else []):
        verdict.problems.append(("history", f"the commit has the parents {parents or 'none'}, "
                                            f"not {expected.head or 'none'}"))
    changed = _changed_paths(repo, expected.head, new[0])
    others = [p for p in changed if p not in expected.rels]
    if others:
        more = f" and {len(others) - SHOWN} more" if len(others) > SHOWN else ""
        verdict.problems.append(("paths", f"it also changes {', '.join(others[:SHOWN])}{more}"))
    for rel, saved in expected.files:
        verdict.committed[rel] = repo.blob(new[0], rel)
        where = f"{rel}: " if len(expected.files) > 1 else ""
        verdict.problems += [("record", where + p)
                             for p in record_problems(verdict.committed[rel], saved)]
    if author != (expected.identity.name, expected.identity.email):
        verdict.problems.append(("message", f"its author is {author[0]} <{author[1]}>, not "
                                            f"{expected.identity}"))
    found = _trailers(repo, message)
    for name in expected.trailers:
        trailer = f"{name}: {expected.identity}"
        if trailer not in found:
            verdict.problems.append(("message", f"the trailer {trailer} is missing from its message"))
    return verdict


def record_problems(committed: bytes | None, saved: RecordFile) -> list[str]:
    """How the committed record differs from the verified one, beyond formatting."""
    if committed is None:
        return ["the record is not in the commit"]
    if committed == saved.raw:
        return []
    try:
        record = RecordFile.from_bytes(committed, saved.path)
    except ReviewerError as exc:
        return [f"the committed record cannot be read: {exc.message}"]
    problems = []
    if not same(record.data, saved.data):
        changes = [str(c) for c in field_changes(saved.data, record.data)]
        problems.append("the committed record says " + "; ".join(changes[:SHOWN]))
    elif not same(record.parsed.data11, saved.parsed.data11):
        problems.append("the committed record reads differently under YAML 1.1")
    if _words(record.split.body) != _words(saved.split.body):
        problems.append("the committed record's text below the frontmatter differs")
    return problems


def _words(text: str) -> list[str]:
    return text.split()  # line breaks and indentation are formatting; words are not


def culprit(repo: GitRepo, rels: list[str], verdict: Verdict, hooks: HookTrace) -> str:
    """Who most likely changed the commit: the hooks that ran that could have made these
    changes, and the record's filter if the record changed."""
    kinds = {kind for kind, _ in verdict.problems}
    ran = list(dict.fromkeys(hooks.ran))
    suspects = [f"the {h} hook" for h in ran
                if ("message" in kinds and h in MESSAGE_HOOKS)
                or (kinds - {"message"} and h not in MESSAGE_HOOKS)]
    names = [filter_of(repo, rel) for rel in rels] if "record" in kinds else []
    for name in dict.fromkeys(n for n in names if n):
        suspects.append(f"the clean filter '{name}'")
    if not suspects:
        suspects = [f"the {h} hook" for h in ran] or ["git"]
    return " or ".join(suspects)


def _new_commits(repo: GitRepo, head: str | None) -> list[str]:
    span = f"{head}..HEAD" if head else "HEAD"
    status, out, _ = repo.run("rev-list", "--first-parent", "--reverse", span)
    return out.split() if status == 0 else []


def _read_commit(repo: GitRepo, sha: str) -> tuple[list[str], tuple[str, str], str]:
    """(parents, (author name, email), message) of a commit, from its raw object."""
    _, out, _ = repo.run("cat-file", "commit", sha)
    headers, _, message = out.partition("\n\n")
    parents, author = [], ("", "")
    for line in headers.splitlines():
        if line.startswith("parent "):
            parents.append(line.split()[1])
        elif (match := _AUTHOR.match(line)):
            author = (match.group(1), match.group(2))
    return parents, author, message


def _changed_paths(repo: GitRepo, parent: str | None, sha: str) -> list[str]:
    args = [parent, sha] if parent else ["--root", sha]
    _, out, _ = repo.run("diff-tree", "-r", "-z", "--no-commit-id", "--name-only",
                         "--no-renames", *args)
    return [p for p in out.split("\0") if p]


def _trailers(repo: GitRepo, message: str) -> list[str]:
    # --parse implies --only-input: the repository's trailer.* commands are not run.
    run = repo.run_guarded("interpret-trailers", "--parse", stdin=message.encode("utf-8"),
                           timeout=30)
    return run.out.decode("utf-8", "replace").splitlines()


def follow_commit(repo: GitRepo, expected: Expected, verdict: Verdict, wait: float,
                  timeout: float) -> None:
    """After a good commit whose files differ from what was written (a formatter hook, a
    clean filter): each one's index entry and, if git sees a difference, working file take
    the committed version (``commit --only`` leaves the index with the files as they were
    before the hooks ran)."""
    if verdict.commit is None:
        return
    for rel, saved in expected.files:
        if verdict.committed.get(rel) != saved.raw and saved.path is not None:
            _follow(repo, verdict.commit, rel, saved, wait, timeout)


def _follow(repo: GitRepo, commit: str, rel: str, saved: RecordFile, wait: float,
            timeout: float) -> None:
    path = saved.path
    assert path is not None
    blob = repo.run("rev-parse", f"{commit}:{rel}")[1].strip()
    entry = index_entry(repo, rel)
    if entry is None or entry[1] != blob:
        set_index_entry(repo, rel, (entry[0] if entry else "100644", blob), wait)
    working = repo.run_guarded("hash-object", "--path", rel, "--", str(path), timeout=timeout)
    if working.out.decode("ascii", "replace").strip() == blob:
        return
    try:
        if path.read_bytes() != saved.raw:
            return  # someone else changed it since: theirs stays
    except OSError:
        return
    repo.index_command("checkout-index", "--force", "--", rel, wait=wait, timeout=timeout)
