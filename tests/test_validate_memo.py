"""A warm ``reviewer validate`` prints the answer kept from the last run, and only while
nothing it depends on changed: the record files, the sources, the configuration, the
format and the folder the paths are shown from. Real generated workspaces, the real
command line; what the kept answer must equal is the same command with nothing kept.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generate_workspace import age, aged_copy, generate
from reviewer.cli import main
from reviewer.core.index.outputs import Outputs
from reviewer.core.index.store import Store
from reviewer.core.services import validation_memo


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "ws", 60, seed=5)


@pytest.fixture
def ws(generated: Path, tmp_path: Path) -> Path:
    return aged_copy(generated, tmp_path / "ws")


@pytest.fixture
def made(monkeypatch) -> list[int]:
    """How many times the answer was made (not taken from the kept one)."""
    calls: list[int] = []
    real = validation_memo.check_workspace_files

    def spy(*args):
        calls.append(1)
        return real(*args)
    monkeypatch.setattr(validation_memo, "check_workspace_files", spy)
    return calls


def validate(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["validate", *args])
    got = capsys.readouterr()
    return status, got.out, got.err


def fresh(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    """The answer made from scratch: nothing kept is given back."""
    with monkeypatch.context() as m:
        m.setattr(Outputs, "get", lambda self, name, state: None)
        return validate(capsys, *args)


def test_a_second_run_prints_the_kept_answer_exactly(ws: Path, capsys, monkeypatch, made) -> None:
    monkeypatch.chdir(ws)
    for args in ((), ("--json",)):
        first = validate(capsys, *args)
        second = validate(capsys, *args)
        assert second == first and first[1]
    assert len(made) == 2     # once per format
    assert json.loads(validate(capsys, "--json")[1])["files"] == 60
    status, out, err = first = validate(capsys)
    assert status == (1 if ": error: " in out else 0)
    assert re.fullmatch(r"60 files: \d+ errors, \d+ warnings\n", err)


def test_an_edited_record_is_noticed(ws: Path, capsys, monkeypatch, made) -> None:
    monkeypatch.chdir(ws)
    before = validate(capsys)
    target = next(p for p in sorted((ws / "records").glob("*.md"))
                  if re.search(r"^reviewStatus: \w+$", p.read_text(encoding="utf-8"), re.M))
    text = target.read_text(encoding="utf-8")
    target.write_text(re.sub(r"^reviewStatus: \w+$", "reviewStatus: bogus", text, count=1, flags=re.M),
                      encoding="utf-8")
    age(ws / "records")       # out of the racy window: the new stat alone tells
    after = validate(capsys)
    assert len(made) == 2 and after != before
    assert after == fresh(capsys, monkeypatch)
    assert f"records/{target.name}" in after[1] and "bogus" in after[1]


def test_a_deleted_or_added_record_is_noticed(ws: Path, capsys, monkeypatch, made) -> None:
    monkeypatch.chdir(ws)
    validate(capsys)
    gone = sorted((ws / "records").glob("[!.]*.md"))[0]
    gone.unlink()
    assert validate(capsys)[2].startswith("59 files")
    (ws / "records" / "new.md").write_text("---\nid: new\ntitle: New\n---\n", encoding="utf-8")
    age(ws / "records")
    after = validate(capsys)
    assert after[2].startswith("60 files") and "records/new.md" in after[1]
    assert len(made) == 3


def test_a_changed_source_is_noticed(ws: Path, capsys, monkeypatch, made) -> None:
    monkeypatch.chdir(ws)
    validate(capsys)
    folder = next(p for p in sorted((ws / "sources").iterdir()) if p.is_dir())
    plan = sorted(folder.iterdir())[0]
    plan.write_bytes(plan.read_bytes() + b"\n")
    age(ws / "sources")
    after = validate(capsys)
    assert len(made) == 2
    assert after == fresh(capsys, monkeypatch)
    (folder / "added.en.txt").write_text("Article 1 Something\n", encoding="utf-8")
    age(ws / "sources")
    after = validate(capsys)
    assert len(made) == 4
    assert after == fresh(capsys, monkeypatch)


def test_a_source_behind_a_symlinked_file_is_followed(ws: Path, capsys, monkeypatch, made) -> None:
    monkeypatch.chdir(ws)
    folder = next(p for p in sorted((ws / "sources").iterdir()) if p.is_dir())
    elsewhere = ws / "elsewhere.txt"
    elsewhere.write_text("Article 1 Something\n", encoding="utf-8")
    (folder / "linked.en.txt").symlink_to(elsewhere)
    age(ws)
    validate(capsys)
    elsewhere.write_text("Article 1 Something else entirely\n", encoding="utf-8")
    age(ws)
    validate(capsys)
    assert len(made) == 2


def test_a_symlinked_sources_folder_is_never_trusted(ws: Path, capsys, monkeypatch, made) -> None:
    monkeypatch.chdir(ws)
    folder = next(p for p in sorted((ws / "sources").iterdir()) if p.is_dir())
    folder.rename(ws / "moved")
    folder.symlink_to(ws / "moved")
    first = validate(capsys)
    assert validate(capsys) == first
    assert len(made) == 2


def test_configuration_format_and_folder_each_make_it_again(ws: Path, capsys, monkeypatch,
                                                           made) -> None:
    monkeypatch.chdir(ws)
    validate(capsys)
    # Another folder, in another process (a process shows paths from its one folder).
    inside = [subprocess.run([sys.executable, "-m", "reviewer", "validate"], cwd=ws / "records",
                             capture_output=True, text=True) for _ in range(2)]
    assert inside[0].stdout == inside[1].stdout and inside[0].stdout.startswith("ca-")
    assert not re.search("^records/", inside[0].stdout, re.M)
    assert validate(capsys)[1].startswith("records/")
    (ws / "reviewer.toml").write_text('[schema]\nrequired = ["id", "title", "country"]\n',
                                      encoding="utf-8")
    age(ws)
    assert validate(capsys) == fresh(capsys, monkeypatch)
    assert len(made) == 4   # (the fresh run makes it too)


def test_recent_files_are_never_trusted(ws: Path, capsys, made) -> None:
    os.utime(sorted((ws / "records").glob("*.md"))[2])   # now: within the racy window
    assert validate(capsys, "-w", str(ws)) == validate(capsys, "-w", str(ws))
    assert len(made) == 2


def test_some_files_do_not_replace_the_whole_workspaces_answer(ws: Path, capsys, monkeypatch,
                                                              made) -> None:
    monkeypatch.chdir(ws)
    whole = validate(capsys)
    one = validate(capsys, "records")
    assert validate(capsys) == whole and validate(capsys, "records") == one
    assert len(made) == 2


def test_a_damaged_kept_answer_is_made_again(ws: Path, capsys, monkeypatch, made) -> None:
    monkeypatch.chdir(ws)
    expected = validate(capsys)
    store = Store(ws.resolve(), None)
    store.connection().execute("UPDATE outputs SET data = x'00ff'")
    store.dispose()
    assert validate(capsys) == expected
    assert validate(capsys) == expected
    assert len(made) == 2
