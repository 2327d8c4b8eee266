"""A workspace with a review history, for the dashboard's screenshot and benchmark.

``make_history(folder, n, reviews, seed)`` writes ``n`` records with
:func:`generate_workspace.generate`, commits them as the AI's drafts, then commits
``reviews`` reviews over two months, one a commit: an auditor changes some of the draft's
scores (some drafting pipelines, and some pillars, more than others), sometimes a label or
a citation, and sets ``reviewStatus: verified`` with a ``Reviewed-by`` trailer. A few
records are reopened and verified again by a second auditor, so the agreement between
auditors has something to measure. Everything comes from one seeded ``random.Random`` and
fixed dates, so a seed always gives the same history.

Run: ``python tests/review_history.py DIR [N] [REVIEWS] [--seed S]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generate_workspace import generate  # noqa: E402
from reviewer.core.errors import ReviewerError  # noqa: E402
from reviewer.core.record.document import RecordFile  # noqa: E402
from reviewer.core.record.editor import Change  # noqa: E402

AUDITORS = ["Ann Auditor <ann@example.org>", "Bo Chen <bo@example.org>",
            "王芳 <wang.fang@example.org>", "Carla Diaz <carla@example.org>"]
# How far each drafting pipeline's scores tend to be off, in points (0: spot on).
DRIFT = {"Gemini Intelligence": 9, "Legacy System": 22, "GPT Drafting Pipeline": 13,
         "Policy Desk (Li Wei)": 5, "张伟": 7, "Ann Auditor": 3}
# How often the auditors change a pillar's score: evidence of monitoring (mrv) and of
# liability is where the drafts go wrong most.
TOUCHY = {"mrv": 0.7, "liability": 0.55, "market": 0.35, "incentive": 0.3, "statutory": 0.2,
          "strategic": 0.25, "technical": 0.3}
START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc)


def make_history(folder: Path, n: int = 400, reviews: int = 200, seed: int = 0) -> Path:
    folder = generate(Path(folder), n, seed, sources=True, git=False)
    rng = random.Random(seed)
    drafts: list[Path] = []
    for path in sorted((folder / "records").rglob("*.md")):
        try:
            record = RecordFile.load(path)
        except ReviewerError:
            continue        # the generator's few unreadable files stay as they are
        if not isinstance(record.data, dict) or not record.data.get("id"):
            continue
        if record.data.get("reviewStatus") != "draft" and rng.random() < 0.7:
            record.save([Change(("reviewStatus",), "draft")])   # most came in as drafts
        drafts.append(path)
    _git(folder, START, "init", "-q", "-b", "main")
    _git(folder, START, "add", "-A")
    _git(folder, START, "commit", "-q", "-m", "Import the AI-drafted records")
    rng.shuffle(drafts)
    when = START + dt.timedelta(days=1)
    reviewed: list[Path] = []
    for i in range(reviews):
        when += dt.timedelta(minutes=rng.randint(20, int(60 * 24 * 60 / max(1, reviews))))
        again = reviewed and rng.random() < 0.08
        path = rng.choice(reviewed) if again else (drafts.pop() if drafts else None)
        if path is None:
            break
        record = RecordFile.load(path)
        status = record.data.get("reviewStatus")
        if status != ("verified" if again else "draft"):
            continue
        auditor = rng.choice(AUDITORS)
        if again:   # a second auditor looks again: reopened, then verified with their scores
            record = record.save([Change(("reviewStatus",), "draft")])
            _git(folder, when, "commit", "-q", "-a", "-m", f"Reopen {record.data['id']}",
                 "-m", f"Reviewed-by: {auditor}")
            when += dt.timedelta(hours=2)
        changes = _review(record.data, rng) + [Change(("reviewStatus",), "verified")]
        record.save(changes)
        _git(folder, when, "commit", "-q", "-a", "-m", f"Verify {record.data['id']}",
             "-m", f"Reviewed-by: {auditor}")
        if not again:
            reviewed.append(path)
    return folder


def _review(data: dict, rng: random.Random) -> list[Change]:
    """An auditor's changes to a draft: scores moved by how far its pipeline drifts."""
    drift = DRIFT.get(str((data.get("provenance") or {}).get("author")), 10)
    changes = []
    for name, pillar in (data.get("analysis") or {}).items():
        if not isinstance(pillar, dict) or not isinstance(pillar.get("score"), int):
            continue
        if rng.random() < TOUCHY.get(name, 0.3) * (0.4 + drift / 15):
            step = max(5, int(abs(rng.gauss(drift, drift / 2)) // 5 * 5))
            score = min(100, max(0, pillar["score"] + rng.choice((-1, 1)) * step))
            if score != pillar["score"]:
                changes.append(Change(("analysis", name, "score"), score))
            if rng.random() < 0.3:
                changes.append(Change(("analysis", name, "label"), "Revised after review"))
    return changes


def _git(folder: Path, when: dt.datetime, *args: str) -> None:
    stamp = when.isoformat()
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    config = ["-c", "user.name=Review Desk", "-c", "user.email=desk@example.org",
              "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"]
    result = subprocess.run(["git", *config, *args], cwd=folder, env=env, capture_output=True,
                            text=True)
    if result.returncode != 0 and "nothing to commit" not in result.stdout:
        raise SystemExit(f"git {args[0]} failed: {result.stderr.strip() or result.stdout.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int, nargs="?", default=400)
    parser.add_argument("reviews", type=int, nargs="?", default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    make_history(args.folder, args.n, args.reviews, args.seed)


if __name__ == "__main__":
    main()
