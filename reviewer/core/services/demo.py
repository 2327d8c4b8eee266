"""The demo workspace: a private copy of the bundled seeds, made a git repository.

A newcomer can verify and commit in it without touching anything of theirs. The copy is
made once; later starts reuse it (and the auditor's work in it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from reviewer.core import bundled
from reviewer.core.errors import ReviewerError

DEMO_NAME = "demo-workspace"
DEMO_AUTHOR = ("reviewer demo", "demo@reviewer.invalid")


def bundled_seeds() -> Path:
    """The seeds shipped in the package (in a checkout, a link to its ``seeds/``)."""
    here = bundled.seeds()
    if not (here / "records").is_dir():
        raise ReviewerError(f"the bundled demo records are missing ({here}); "
                            "open a workspace folder instead")
    return here


def ensure_demo_workspace(data_dir: Path, seeds: Path | None = None) -> Path:
    """The demo workspace under ``data_dir``, created (copied and committed) if needed."""
    dest = Path(data_dir) / DEMO_NAME
    if (dest / "records").is_dir() and (dest / ".git").exists():
        return dest
    if dest.exists():
        shutil.rmtree(dest)  # a half-made copy from an interrupted first start
    tmp = dest.with_name(DEMO_NAME + ".partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(seeds or bundled_seeds(), tmp)
    name, email = DEMO_AUTHOR
    steps = [["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
             ["git", "-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "-q",
              "--no-verify", "-m", "Demo workspace from the bundled seeds"]]
    for cmd in steps:
        result = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True,
                                stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ReviewerError(f"could not create the demo workspace: {' '.join(cmd[:2])}: "
                                f"{result.stderr.strip() or result.stdout.strip()}")
    tmp.rename(dest)
    return dest
