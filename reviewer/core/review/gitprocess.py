"""Running git where code the repository's owner chose runs: hooks and filters.

Such code may hang, spawn children, or ignore signals. Git runs here in its own session
(its own process group), so when a deadline passes or the reviewer itself is interrupted,
git and everything it started are stopped together: SIGTERM first, so git removes its own
lock files, then SIGKILL for whatever is left. A terminal's Ctrl+C does not reach that
group by itself; the reviewer stops it on the way out instead.

Git's trace2 event log (``GIT_TRACE2_EVENT``) says which hooks ran, which failed, and
which one was still running when git was stopped; and, for a signed commit, how the
signing program (gpg, ssh-keygen) ended, in any language git speaks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

TERM_GRACE = 3.0     # seconds git gets to clean up after SIGTERM before SIGKILL
PIPE_GRACE = 0.5     # seconds to keep reading after git exited (a child may hold its output)
POLL = 0.1


@dataclass
class GitRun:
    """One finished (or stopped) git process."""
    status: int             # exit status; negative: killed by that signal
    out: bytes
    err: bytes
    pid: int
    started: float          # time.time() when it was started
    timed_out: bool = False

    @property
    def text(self) -> str:
        """stdout and stderr as text, for messages."""
        return (self.out + b"\n" + self.err).decode("utf-8", "replace")


def run_git(argv: Sequence[str], *, cwd: Path, env: dict[str, str], timeout: float | None = None,
            stdin: bytes | None = None,
            after_kill: Callable[[int, float], object] | None = None) -> GitRun:
    """Run git to the end, or until ``timeout`` seconds have passed (then it is stopped
    with everything it started, and ``timed_out`` is set). Any exception while waiting
    (KeyboardInterrupt, a signal turned into an exception) stops it too, then propagates.
    ``after_kill(pid, started)`` runs whenever git did not exit by itself (stopped here, or
    killed by a signal), to clean up what it could not."""
    started = time.time()
    # Made in two steps: a signal turned into an exception can arrive while Popen waits for
    # git's exec, and then leaves Popen() after git started, with nothing returned to stop
    # it by; the object made first still knows git's pid.
    proc = subprocess.Popen.__new__(subprocess.Popen)
    try:
        proc.__init__(list(argv), cwd=cwd, env=env, start_new_session=True,
                      stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err, timed_out = _wait(proc, timeout, stdin)
    except BaseException:
        if getattr(proc, "pid", None) is None:
            raise  # git never started
        stop_group(proc)
        _close_pipes(proc)
        if after_kill is not None:
            after_kill(proc.pid, started)
        raise
    status = proc.returncode if proc.returncode is not None else -signal.SIGKILL
    if (timed_out or status < 0) and after_kill is not None:
        after_kill(proc.pid, started)
    return GitRun(status, out, err, proc.pid, started, timed_out)


def _wait(proc: subprocess.Popen, timeout: float | None,
          stdin: bytes | None) -> tuple[bytes, bytes, bool]:
    deadline = None if timeout is None else time.monotonic() + timeout
    data, exited_at = stdin, None
    while True:
        step = POLL if deadline is None else max(0.0, min(POLL, deadline - time.monotonic()))
        try:
            out, err = proc.communicate(data, timeout=step)
            return out or b"", err or b"", False
        except subprocess.TimeoutExpired as exc:
            partial = (exc.output or b"", exc.stderr or b"")
        data = None  # sent with the first call only
        now = time.monotonic()
        if proc.poll() is not None:
            # Git is done; a child it left behind still holds the output pipes.
            exited_at = exited_at or now
            if now - exited_at >= PIPE_GRACE:
                _close_pipes(proc)
                return partial[0], partial[1], False
        elif deadline is not None and now >= deadline:
            stop_group(proc)
            out, err = _drain(proc, partial)
            return out, err, True


def stop_group(proc: subprocess.Popen) -> None:
    """Stop git's process group: SIGTERM, a grace period for git to exit, then SIGKILL
    for everything left in the group (a hook ignoring SIGTERM, its children)."""
    _signal_group(proc.pid, signal.SIGTERM)
    try:
        proc.wait(TERM_GRACE)
    except subprocess.TimeoutExpired:
        pass
    _signal_group(proc.pid, signal.SIGKILL)
    try:
        proc.wait(TERM_GRACE)
    except subprocess.TimeoutExpired:
        pass  # in uninterruptible sleep; the kernel finishes it


def _signal_group(pgid: int, signum: int) -> None:
    try:
        if hasattr(os, "killpg"):
            os.killpg(pgid, signum)
        else:  # Windows: no process groups to signal; stop git itself
            os.kill(pgid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError, OSError):
        pass  # the group is gone


def _drain(proc: subprocess.Popen, partial: tuple[bytes, bytes]) -> tuple[bytes, bytes]:
    try:
        out, err = proc.communicate(timeout=PIPE_GRACE)
        return out or b"", err or b""
    except subprocess.TimeoutExpired as exc:  # a process outside the group holds the pipes
        _close_pipes(proc)
        return exc.output or partial[0], exc.stderr or partial[1]


def _close_pipes(proc: subprocess.Popen) -> None:
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe is not None:
            try:
                pipe.close()
            except OSError:
                pass


# ---- what git's trace2 event log says about hooks and the signer ----------------------------
@dataclass
class HookTrace:
    ran: list[str] = field(default_factory=list)        # hooks started, in order
    failed: tuple[str, int] | None = None                # the first that exited non-zero
    unfinished: str | None = None                        # started and never exited
    signer: str | None = None        # the program git ran to sign the commit (gpg, ssh-keygen)
    signer_code: int | None = None   # its exit code; -1: it could not be started; None: no exit


def signs(argv: list) -> bool:
    """The command line is git asking gpg, gpgsm (``-bsau KEY``) or ssh-keygen (``-Y sign``)
    to sign."""
    args = [str(a) for a in argv[1:]]
    return "-bsau" in args or ("-Y" in args and "sign" in args)


def hook_trace(trace_file: Path) -> HookTrace:
    """The hooks the top-level git ran, and the signing program it ran, from a trace2 event
    log (nested git commands a hook runs write to the same log under their own session ids,
    and are left out)."""
    trace = HookTrace()
    try:
        events = trace_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return trace
    started: dict[int, str] = {}
    exited: set[int] = set()
    signer_child = None
    for line in events:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if "/" in str(event.get("sid", "")):
            continue
        child = event.get("child_id", -1)
        if event.get("event") == "child_start" and event.get("child_class") == "hook":
            name = event.get("hook_name") or Path(event.get("argv", ["hook"])[0]).name
            started[child] = name
            trace.ran.append(name)
        elif event.get("event") == "child_start" and signs(event.get("argv") or [""]):
            signer_child, trace.signer = child, Path(str(event["argv"][0])).name
        elif event.get("event") == "child_exit" and child == signer_child:
            trace.signer_code = int(event.get("code") or 0)
        elif event.get("event") == "child_exit" and child in started:
            exited.add(child)
            if event.get("code") and trace.failed is None:
                trace.failed = (started[child], int(event["code"]))
    trace.unfinished = next((name for child, name in started.items() if child not in exited), None)
    return trace
