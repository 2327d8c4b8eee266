"""The workspace generator's review history (``generate(..., history=True)``), the input of
issue 14's audit-history benchmark: about three commits a record, every record at HEAD
readable by the record engine, verify commits as the app writes them, and the same seed
giving the same commit."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from generate_workspace import AUDITORS, DRAFTERS, generate
from reviewer.core.record.document import RecordFile

N = 30
SEP = "\x1e"


def git(ws: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=ws, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("hist") / "ws", N, seed=4, history=True)


@pytest.fixture(scope="module")
def commits(ws: Path) -> list[dict]:
    """Oldest first: sha, author name and email, author time, subject, body, files."""
    out = git(ws, "log", "--reverse", "--name-only",
              f"--format={SEP}%H%x00%an%x00%ae%x00%at%x00%ad%x00%B%x00", "--date=iso")
    found = []
    for chunk in out.split(SEP)[1:]:
        sha, name, email, when, date, message, files = chunk.split("\x00")
        subject = message.partition("\n")[0]
        found.append({"sha": sha, "name": name, "email": email, "time": int(when), "date": date,
                      "subject": subject, "message": message,
                      "files": [f for f in files.split("\n") if f]})
    return found


def test_about_three_commits_a_record(commits: list[dict]) -> None:
    assert 2.5 * N <= len(commits) <= 4 * N


def test_the_tree_is_clean_and_fsck_finds_nothing(ws: Path) -> None:
    assert git(ws, "status", "--porcelain", "--untracked-files=all") == ""
    subprocess.run(["git", "fsck", "--full", "--strict", "--no-dangling"], cwd=ws, check=True,
                   capture_output=True)


def test_every_record_at_head_loads(ws: Path) -> None:
    paths = [p for p in git(ws, "ls-files", "records").splitlines() if not p.endswith(".template.md")]
    assert len(paths) == N
    statuses = set()
    for path in paths:
        record = RecordFile.load(ws / path)
        statuses.add(record.data["reviewStatus"])
    assert statuses <= {"draft", "verified"} and "verified" in statuses


def test_dates_increase_in_one_timezone_over_months(commits: list[dict]) -> None:
    times = [c["time"] for c in commits]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert {c["date"].rsplit(" ", 1)[1] for c in commits} == {"+0800"}
    assert 60 * 86400 < times[-1] - times[0] < 190 * 86400


def test_imports_are_by_the_drafting_authors(ws: Path, commits: list[dict]) -> None:
    imports = [c for c in commits if c["subject"].startswith("Import ")]
    assert imports and commits[0] in imports
    for c in imports:
        assert DRAFTERS[c["name"]] == c["email"]
        for path in c["files"]:
            if path.startswith("records/") and not path.endswith(".template.md"):
                text = git(ws, "show", f"{c['sha']}:{path}")
                assert re.search(r"""reviewStatus["']?:\s*["']?draft""", text)
                assert re.search(rf"""author["']?:\s*["']?{re.escape(c['name'])}""", text)


def test_verify_commits_are_the_auditors_with_trailers(ws: Path, commits: list[dict]) -> None:
    auditors = dict(AUDITORS)
    verifies = [c for c in commits if c["subject"].startswith("Verify ")]
    assert len(verifies) >= N / 2
    for c in verifies:
        assert auditors[c["name"]] == c["email"]
        assert f"Reviewed-by: {c['name']} <{c['email']}>" in c["message"]
        assert "reviewStatus: draft → verified" in c["message"]
        assert len(c["files"]) == 1
        rid = c["subject"].split()[1].rstrip(":")
        assert c["files"][0].endswith(f"/{rid}.md")
        data = RecordFile.from_bytes(git(ws, "show", f"{c['sha']}:{c['files'][0]}").encode(),
                                     Path(c["files"][0])).data
        assert data["reviewStatus"] == "verified"
        assert data["provenance"]["reviewer"] == c["name"]
        assert data["provenance"]["lastAuditDate"] == c["date"][:10]
    assert len({c["name"] for c in verifies}) >= 3


def test_a_reopened_record_is_verified_again_by_another_auditor(commits: list[dict]) -> None:
    by_record: dict[str, list[dict]] = {}
    for c in commits:
        if c["subject"].split()[0] in ("Verify", "Reopen", "Redraft", "Edit"):
            by_record.setdefault(c["subject"].split()[1].rstrip(":"), []).append(c)
    again = []
    for history in by_record.values():
        kinds = [c["subject"].split()[0] for c in history]
        for i, kind in enumerate(kinds):
            if kind == "Reopen":
                assert "Reason: " in history[i]["message"] and "Reviewed-by: " in history[i]["message"]
                before = [c for c in history[:i] if c["subject"].startswith("Verify ")][-1]
                after = [c for c in history[i:] if c["subject"].startswith("Verify ")]
                if after:
                    assert after[0]["name"] != before["name"]
                    assert re.search(r"^analysis\.\w+\.score: \d+ → \d+$", after[0]["message"],
                                     re.MULTILINE)
                    again.append(after[0])
    assert again


def test_the_same_seed_gives_the_same_commit(ws: Path, tmp_path: Path) -> None:
    twin = generate(tmp_path / "twin", N, seed=4, history=True)
    assert git(twin, "rev-parse", "HEAD") == git(ws, "rev-parse", "HEAD")
    other = generate(tmp_path / "other", N, seed=5, history=True)
    assert git(other, "rev-parse", "HEAD") != git(ws, "rev-parse", "HEAD")


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def test_gitpack_deltas_of_a_large_folder_read_back(tmp_path: Path) -> None:
    """A folder large enough to be stored as deltas (more than 50 deep, with additions
    between changes): git reads back every version as written, and fsck checks every hash."""
    import random

    from gitpack import MAX_DEPTH, SMALL_TREE, History

    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    history, rng, files, heads = History(repo / ".git"), random.Random(1), {}, []
    names = [f"f{i:04d}-{'x' * rng.randint(0, 140)}.md" for i in range(400)]
    for n in range(3 * MAX_DEPTH):
        batch = ({f"records/{name}": f"{name} {n}\n".encode() for name in names[n * 8:(n + 1) * 8]}
                 if n * 8 < len(names) and n % 3 == 0 else
                 {f"records/{rng.choice(sorted(files))[8:]}": f"v{n}\n".encode()})
        if n % 10 == 0:
            batch[f"records/sub/{n:03d}.md"] = b"sub\n"
        files.update(batch)
        heads.append((history.commit("A <a@example.org>", 1000 + n, "+0000", f"c{n}\n", batch), dict(files)))
    subprocess.run(["git", "update-ref", "refs/heads/main", history.close()], cwd=repo, check=True)
    assert len(git(repo, "ls-tree", "HEAD:records")) > SMALL_TREE
    subprocess.run(["git", "fsck", "--full", "--strict", "--no-dangling"], cwd=repo, check=True,
                   capture_output=True)
    assert len(git(repo, "rev-list", "HEAD").split()) == len(heads)
    for sha, expected in heads[::7] + heads[-1:]:   # fsck checked each blob's content
        listed = git(repo, "ls-tree", "-r", sha).splitlines()
        assert listed == [f"100644 blob {blob_sha(data)}\t{path}"
                          for path, data in sorted(expected.items(), key=lambda i: i[0].encode())]
