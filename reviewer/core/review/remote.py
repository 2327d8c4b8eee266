"""The shared remote of a clone: its upstream, fetching, pushing, and why git refused.

Everything goes through git itself (its transports, credential helpers, SSH config, hooks),
in its own process group with a deadline, in the C locale so its refusals can be told apart.
Each refusal a team meets has its own error and message: the remote cannot be reached, the
credentials were refused, the branch is protected, the branch has no upstream. None of them
touches a local commit; the next sync tries again.

Network commands never wait for a terminal the app does not have: with ``interactive``
False, git's username/password prompt and ssh's passphrase/host-key prompts fail at once
(credential helpers and ssh agents still answer).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from reviewer.core import texts
from reviewer.core.errors import Refused
from reviewer.core.review.gitprocess import GitRun
from reviewer.core.review.gitrepo import GitRepo

NETWORK_TIMEOUT_KEY = "reviewer.networkTimeout"
DEFAULT_NETWORK_TIMEOUT = 120.0


class RemoteError(Refused):
    """Git could not fetch from or push to the remote. ``kind`` names why, for scripts."""
    kind = "remote"


class NoUpstream(RemoteError):
    kind = "no-upstream"


class RemoteUnreachable(RemoteError):
    kind = "unreachable"


class CredentialsRefused(RemoteError):
    kind = "credentials"


class PushRefused(RemoteError):
    """The remote received the push and refused it (a protected branch, a server hook)."""
    kind = "protected"


class RemoteTimedOut(RemoteError):
    kind = "timeout"


UNREACHABLE = ("could not read from remote repository", "does not appear to be a git repository",
               "unable to access", "could not resolve host", "connection refused",
               "connection timed out", "network is unreachable", "no route to host",
               "unable to connect", "unable to look up", "connection reset", "not found",
               "no such file or directory", "failed to connect", "couldn't connect",
               "repository not exported")   # git daemon's answer for a repository it lacks
CREDENTIALS = ("authentication failed", "permission denied", "could not read username",
               "could not read password", "terminal prompts disabled", "error: 401",
               "error: 403", "http basic: access denied", "invalid username or password",
               "host key verification failed", "returned error: 401", "returned error: 403")
KEPT = texts.text("your commits are kept here") + "; " + texts.text("sync again once that is fixed")


@dataclass(frozen=True)
class Upstream:
    """Where the current branch shares its work: ``remote``'s branch ``branch``."""
    local: str       # the current branch, e.g. main
    remote: str      # the remote's name, e.g. origin
    branch: str      # the branch on the remote, e.g. main
    url: str

    @property
    def tracking(self) -> str:
        """The remote-tracking branch (``origin/main``), as git names it in messages."""
        return f"{self.remote}/{self.branch}"

    @property
    def ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"


def upstream(repo: GitRepo, local: str | None = None) -> Upstream:
    """The upstream of ``local`` (default: the current branch), or :class:`NoUpstream`
    saying how to set one."""
    status = 0
    if local is None:
        status, local, _ = repo.run("symbolic-ref", "--quiet", "--short", "HEAD")
    if status != 0:
        raise NoUpstream(texts.text("HEAD is detached in {folder} (not on a branch)", folder=repo.root)
                         + "; " + texts.text("switch to the team's branch first (git switch BRANCH)"))
    remote = _config(repo, f"branch.{local}.remote")
    merge = _config(repo, f"branch.{local}.merge")
    if not remote or not merge:
        raise NoUpstream(_no_upstream_message(repo, str(local)))
    if remote == ".":
        raise NoUpstream(texts.text("branch {branch} follows the local branch {other}, not a remote",
                                    branch=local, other=merge.removeprefix("refs/heads/"))
                         + "; " + texts.text("set the team's: {command}",
                                             command="git branch --set-upstream-to REMOTE/BRANCH"))
    url = _config(repo, f"remote.{remote}.url")
    if not url:
        raise NoUpstream(texts.text("branch {branch} follows remote {remote!r}, which this clone does not "
                                    "have (git remote -v)", branch=local, remote=remote)
                         + "; " + texts.text("add it: {command}", command=f"git remote add {remote} URL"))
    return Upstream(str(local), remote, merge.removeprefix("refs/heads/"), url)


def _no_upstream_message(repo: GitRepo, local: str) -> str:
    status, remotes, _ = repo.run("remote")
    names = str(remotes).split() if status == 0 else []
    if not names:
        return (texts.text("branch {branch} has no upstream and the clone has no remote", branch=local)
                + "; " + texts.text("add the team's shared repository: {command}, then {then}",
                                    command="git remote add origin URL", then=f"git push -u origin {local}"))
    return (texts.text("branch {branch} has no upstream (the remote branch it shares with)", branch=local)
            + "; " + texts.text("set it once: {command} (or {other})", command=f"git push -u {names[0]} {local}",
                                other=f"git branch --set-upstream-to {names[0]}/{local}"))


def _config(repo: GitRepo, key: str) -> str | None:
    status, out, _ = repo.run("config", "--get", key)
    return str(out).strip() or None if status == 0 else None


def network_timeout(repo: GitRepo) -> float:
    value = _config(repo, NETWORK_TIMEOUT_KEY)
    try:
        seconds = float(value) if value else DEFAULT_NETWORK_TIMEOUT
    except ValueError:
        seconds = -1.0
    if not seconds > 0 or seconds == float("inf"):
        raise Refused(texts.text("git config {key} is {value!r}", key=NETWORK_TIMEOUT_KEY, value=value)
                      + "; " + texts.text("it must be a number of seconds greater than 0"))
    return seconds


def network_env(repo: GitRepo, interactive: bool) -> dict[str, str]:
    """Environment for git commands that reach the remote."""
    if interactive:
        return {}
    env = {"GIT_TERMINAL_PROMPT": "0"}
    own_ssh = os.environ.get("GIT_SSH_COMMAND") or os.environ.get("GIT_SSH") \
        or _config(repo, "core.sshCommand")
    if not own_ssh:  # ssh's own prompts fail too (the user's ssh command is left alone)
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    return env


NO_SUCH_BRANCH = "couldn't find remote ref"   # git's words for a branch the remote lacks


def fetch(repo: GitRepo, up: Upstream, interactive: bool = False) -> None:
    """Update the remote-tracking branch from the remote (nothing local changes). A remote
    without the branch (a new, empty repository; the branch deleted there) has nothing to
    give: the remote-tracking branch goes too, so everything here counts as ahead, and the
    push creates the branch."""
    refspec = f"+refs/heads/{up.branch}:{up.ref}"
    run = repo.run_guarded("fetch", "--quiet", "--no-tags", up.remote, refspec,
                           env=network_env(repo, interactive), timeout=network_timeout(repo))
    if not run.timed_out and run.status and NO_SUCH_BRANCH in run.err.decode("utf-8", "replace"):
        repo.run("update-ref", "-d", up.ref)
        return
    if run.timed_out or run.status:
        raise refusal(run, up, texts.text("fetch from"), network_timeout(repo))


@dataclass
class PushResult:
    pushed: bool
    behind: bool = False      # refused because the remote moved: fetch, replay, push again


PUSH_LINE = re.compile(r"^([ +\-*=!])\t([^\t]*)\t(.*)$")


def push(repo: GitRepo, up: Upstream, interactive: bool = False) -> PushResult:
    """Push HEAD to the upstream branch; ``behind`` when the remote moved meanwhile."""
    timeout = network_timeout(repo)
    run = repo.run_guarded("push", "--porcelain", up.remote, f"HEAD:refs/heads/{up.branch}",
                           env=network_env(repo, interactive), timeout=timeout)
    if run.timed_out:
        raise refusal(run, up, texts.text("push to"), timeout)
    for line in run.out.decode("utf-8", "replace").splitlines():
        match = PUSH_LINE.match(line)
        if not match:
            continue
        flag, _, summary = match.groups()
        if flag != "!":
            return PushResult(True)
        if "[rejected]" in summary and ("fetch first" in summary or "non-fast-forward" in summary):
            return PushResult(False, behind=True)
        if "[remote rejected]" in summary and _raced(summary + run.err.decode("utf-8", "replace")):
            return PushResult(False, behind=True)
        if "[remote rejected]" in summary or "[rejected]" in summary:
            raise PushRefused(_protected_message(up, summary, run))
    if run.status == 0:
        return PushResult(True)
    raise refusal(run, up, texts.text("push to"), timeout)


RACED = ("cannot lock ref", "failed to update ref", "incorrect old value", "stale info")


def _raced(said: str) -> bool:
    """The remote's branch moved while this push was under way (another push won)."""
    return any(text in said for text in RACED)


def _protected_message(up: Upstream, summary: str, run: GitRun) -> str:
    reason = summary[summary.find("(") + 1:summary.rfind(")")] if "(" in summary else summary
    said = [line.removeprefix("remote:").strip() for line in run.err.decode("utf-8", "replace")
            .splitlines() if line.startswith("remote:") and line.removeprefix("remote:").strip()]
    why = "; ".join(said[:3]) or reason
    return (texts.text("{remote} refused the push to {branch} ({why}): the branch is protected or a "
                       "server rule declined it", remote=up.remote, branch=up.branch, why=why)
            + "; " + texts.text("ask who runs the repository for push rights or a branch to push to")
            + f"; {KEPT}")


def refusal(run: GitRun, up: Upstream, action: str, timeout: float) -> RemoteError:
    """The specific error for a failed fetch or push."""
    where = f"{up.remote} ({up.url})"
    if run.timed_out:
        return RemoteTimedOut(texts.text("could not {action} {where} within {seconds} s ({setting})",
                                         action=action, where=where, seconds=f"{timeout:g}",
                                         setting=f"git config {NETWORK_TIMEOUT_KEY} SECONDS") + f"; {KEPT}")
    said = run.err.decode("utf-8", "replace").strip()
    lower = said.lower()
    last = _telling_line(said) or texts.text("git exited with {status}", status=run.status)
    if any(text in lower for text in CREDENTIALS):
        return CredentialsRefused(texts.text("{where} refused the credentials ({said})", where=where,
                                             said=_short(last))
                                  + "; " + texts.text("check your access to it (an SSH key, a token in "
                                                      "git's credential helper)") + f"; {KEPT}")
    if any(text in lower for text in UNREACHABLE):
        return RemoteUnreachable(texts.text("cannot reach {where} ({said})", where=where, said=_short(last))
                                 + "; " + texts.text("check the network, or that the remote still "
                                                     "exists (git remote -v)") + f"; {KEPT}")
    return RemoteError(texts.text("could not {action} {where}: {said}", action=action, where=where,
                                  said=_short(last)) + f"; {KEPT}")


BOILERPLATE = ("please make sure you have the correct access rights", "and the repository exists",
               "fatal: could not read from remote repository")


def _telling_line(said: str) -> str:
    """The line of git's complaint that says what happened (ssh's own words come first;
    git's closing advice says nothing specific)."""
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    telling = [line for line in lines if not line.lower().startswith(BOILERPLATE)]
    return (telling or lines or [""])[0]


def _short(text: str) -> str:
    text = text.removeprefix("fatal: ").removeprefix("error: ").strip()
    return text if len(text) <= 200 else text[:199] + "…"


def ahead_behind(repo: GitRepo, up: Upstream) -> tuple[int, int]:
    """Commits here and not on the remote-tracking branch, and the other way round (as
    of the last fetch); (ahead, 0) when the remote branch was never fetched."""
    status, _, _ = repo.run("rev-parse", "--verify", "--quiet", up.ref)
    if status != 0:
        status, out, _ = repo.run("rev-list", "--count", "HEAD")
        return (int(str(out).strip() or 0) if status == 0 else 0), 0
    status, out, err = repo.run("rev-list", "--left-right", "--count", f"HEAD...{up.ref}")
    if status != 0:
        raise Refused(f"git rev-list failed: {str(err).strip()}")
    ahead, behind = str(out).split()
    return int(ahead), int(behind)
