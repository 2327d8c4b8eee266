"""``reviewer validate`` from the index: the engine's very issues, each file checked once.

The fast reading for checks (:mod:`reviewer.core.index.fastrecord`) must give exactly the
issues the record engine gives, lines and columns included; the kept answers must be used
only while the file, its sources and the configuration are as they were. Real files in a
generated workspace (``generate_workspace``), the seeds and the YAML test suite.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zlib
from pathlib import Path

import pytest

from generate_workspace import age, aged_copy, generate
from reviewer.core.errors import ReviewerError
from reviewer.core.index import fastread
from reviewer.core.index.fastrecord import record_for_checks
from reviewer.core.record.document import RecordFile
from reviewer.core.review.validate import validate_record
from reviewer.core.services import validation
from reviewer.core.services.records import validate_by_engine
from reviewer.core.workspace import Workspace

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "yaml-test-suite"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("gen") / "ws", 240, seed=11)


@pytest.fixture
def ws(generated: Path, tmp_path: Path) -> Path:
    """A private copy, its files an hour old (not racily recent: kept answers hold)."""
    return aged_copy(generated, tmp_path / "ws")


def engine_issues(root: Path) -> list:
    workspace = Workspace(root)
    return by_engine(workspace, workspace.record_paths())


def by_engine(workspace: Workspace, paths: list[Path]) -> list:
    """What ``reviewer validate`` gave before the index: the engine's issues, by file."""
    order = {str(p): i for i, p in enumerate(paths)}
    return sorted(validate_by_engine(workspace, paths), key=lambda i: order.get(i.file or "", len(order)))


def cached_issues(root: Path) -> list:
    return validation.validate_paths(Workspace(root).record_paths())


def count_checks(monkeypatch) -> list[str]:
    checked: list[str] = []
    real = validation.check_one

    def spy(ws, path, *rest):
        checked.append(path.name)
        return real(ws, path, *rest)
    monkeypatch.setattr(validation, "check_one", spy)
    return checked


def assert_fast_is_exact(raw: bytes, path: Path, workspace: Workspace | None) -> bool:
    """True when the fast reading answered (and then validated exactly as the engine)."""
    try:
        fast = record_for_checks(raw, path)
    except fastread.Defer:
        return False
    engine = RecordFile.from_bytes(raw, path)  # must not raise: the fast reader vouched for it
    if workspace is not None:
        fast, engine = workspace.name(fast), workspace.name(engine)
    assert validate_record(fast, None, workspace) == validate_record(engine, None, workspace), path
    return True


# ---- the fast reading gives the engine's issues ----------------------------------------------
def test_generated_records_validate_exactly(generated: Path) -> None:
    workspace = Workspace(generated)
    answered = sum(assert_fast_is_exact(p.read_bytes(), p, workspace) for p in workspace.record_paths())
    assert answered > 200   # most are read fast (YAML and JSON alike)


def test_seed_records_validate_exactly(tmp_path: Path) -> None:
    answered = 0
    for path in sorted((SEEDS / "records").glob("*.md")) + sorted((Path(__file__).resolve().parent.parent.parent / "shared" / "seeds").glob("*.txt")):
        answered += assert_fast_is_exact(path.read_bytes(), path, None)
    assert answered >= 3


@pytest.mark.skipif(not SUITE.is_dir(), reason="the YAML test suite is not available")
def test_yaml_test_suite_whenever_fast_then_exact_issues() -> None:
    answered = 0
    for case in sorted(SUITE.rglob("in.yaml")):
        text = case.read_bytes()
        nested = b"".join(b"  " + line + b"\n" for line in text.splitlines())
        for raw in (b"---\n" + text + (b"" if text.endswith(b"\n") else b"\n") + b"---\nbody\n",
                    b"---\nid: a\ntitle: t\nreviewStatus: draft\nx:\n" + nested + b"---\nbody\n"):
            try:
                answered += assert_fast_is_exact(raw, Path("suite.md"), None)
            except ReviewerError as exc:
                raise AssertionError(f"{case.parent.name}: fast reading accepted, engine: {exc}")
    assert answered > 100


@pytest.mark.parametrize("front", [
    '{\n  "id": "a",\n  "title": "t",\n  "reviewStatus": "maybe",\n  "extra": [1, {"k": "中文"}]\n}',
    '{"id": "a", "title": "t\\u4e2d", "reviewStatus": "draft", "analysis": {"mrv": {"score": "x"}}}',
    'id: a\ntitle: t\nreviewStatus: draft\nflag: yes\npubDate: 2024-01-05',
    'id: a\ntitle: "中文标题"\nreviewStatus: verified\nanalysis:\n  mrv: {score: 150, label: x}\n  odd: 1',
])
def test_findings_at_the_engines_line_and_column(front: str, tmp_path: Path) -> None:
    raw = f"---\n{front}\n---\nbody\n".encode()
    path = tmp_path / "a.md"
    fast = None
    try:
        fast = record_for_checks(raw, path)
    except fastread.Defer:
        pass  # (then the engine reads it: nothing to compare)
    if fast is not None:
        issues = validate_record(fast)
        assert issues and issues == validate_record(RecordFile.from_bytes(raw, path))
        assert all(i.line and i.col for i in issues if i.path)


# ---- the kept answers ---------------------------------------------------------------------------
def test_cold_then_warm_equal_the_engine_and_warm_checks_nothing(ws: Path, monkeypatch) -> None:
    expected = engine_issues(ws)
    assert cached_issues(ws) == expected
    checked = count_checks(monkeypatch)
    assert cached_issues(ws) == expected
    assert checked == []


def test_in_worker_processes_the_same(ws: Path, monkeypatch) -> None:
    monkeypatch.setattr(validation, "PARALLEL_MIN", 10)
    monkeypatch.setattr(validation, "CHUNK", 40)
    assert cached_issues(ws) == engine_issues(ws)


def test_an_edited_file_alone_is_checked_again(ws: Path, monkeypatch) -> None:
    cached_issues(ws)
    target = next(p for p in sorted((ws / "records").glob("*.md"))
                  if re.search(r"^reviewStatus: \w+$", p.read_text(encoding="utf-8"), re.M))
    text = target.read_text(encoding="utf-8")
    target.write_text(re.sub(r"^reviewStatus: \w+$", "reviewStatus: bogus", text, count=1, flags=re.M),
                      encoding="utf-8")
    checked = count_checks(monkeypatch)
    got = cached_issues(ws)
    assert checked == [target.name]
    assert got == engine_issues(ws)
    assert any(i.file == str(target) and i.code == "schema" for i in got)


def test_a_changed_source_checks_its_record_again(ws: Path, monkeypatch) -> None:
    cached_issues(ws)
    folder = next(p for p in sorted((ws / "sources").iterdir()) if p.is_dir())
    (folder / "added.en.txt").write_text("Article 1 Something\n", encoding="utf-8")
    checked = count_checks(monkeypatch)
    assert cached_issues(ws) == engine_issues(ws)
    assert len(checked) == 1 and checked[0].startswith(folder.name)


def test_a_new_configuration_checks_everything_again(ws: Path, monkeypatch) -> None:
    cached_issues(ws)
    (ws / "reviewer.toml").write_text('[schema]\nrequired = ["id", "title", "reviewStatus", "country"]\n',
                                      encoding="utf-8")
    checked = count_checks(monkeypatch)
    assert cached_issues(ws) == engine_issues(ws)
    assert len(checked) == len(Workspace(ws).record_paths())


def test_a_duplicate_id_is_an_error_on_both_files(ws: Path, monkeypatch) -> None:
    cached_issues(ws)
    first = next(p for p in Workspace(ws).record_paths() if Workspace(ws).load(p).record_id)
    copy = ws / "records" / "zz-copy.md"
    shutil.copy(first, copy)
    checked = count_checks(monkeypatch)
    got = cached_issues(ws)
    assert checked == ["zz-copy.md"]       # the first file's kept answer still holds
    assert got == engine_issues(ws)
    dupes = [i for i in got if i.code == "duplicate-id"]
    assert {i.file for i in dupes} == {str(first), str(copy)}


def test_a_damaged_answer_is_checked_again(ws: Path, monkeypatch) -> None:
    cached_issues(ws)
    from reviewer.core.index.store import Store
    store = Store(ws.resolve(), None)
    store.connection().execute("UPDATE findings SET answer = x'00ff' WHERE file LIKE '%'")
    store.dispose()
    checked = count_checks(monkeypatch)
    assert cached_issues(ws) == engine_issues(ws)
    assert len(checked) == len(Workspace(ws).record_paths())


def test_a_touched_file_is_checked_again_with_the_same_result(ws: Path, monkeypatch) -> None:
    expected = cached_issues(ws)
    target = sorted((ws / "records").glob("*.md"))[3]
    os.utime(target)   # now: racily recent, and another stat
    checked = count_checks(monkeypatch)
    assert cached_issues(ws) == expected
    assert checked == [target.name]


def test_a_cache_that_cannot_be_written_only_costs_time(ws: Path, tmp_path: Path, monkeypatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert cached_issues(ws) == engine_issues(ws)
    assert cached_issues(ws) == engine_issues(ws)


def test_validate_from_the_command_line_prints_what_the_engine_finds(ws: Path, capsys) -> None:
    from reviewer.cli import main
    from reviewer.cli.common import shown_path
    workspace = Workspace(ws)
    status = main(["-w", str(ws), "validate", "--json"])
    out = json.loads(capsys.readouterr().out)
    expected = engine_issues(ws)
    assert status == (1 if any(i.severity == "error" for i in expected) else 0)
    assert out["files"] == len(workspace.record_paths())
    assert [(i["file"], i["line"], i["message"]) for i in out["issues"]] == \
        [(shown_path(i.file), i.line, i.message) for i in expected]


# ---- a language layout: parity and once-per-record findings --------------------------------------
BILINGUAL_CONFIG = '[records]\npaths = ["records/*/*.md"]\nlayout = "folder"\nlanguages = ["en", "zh"]\n'


@pytest.fixture
def bilingual(generated: Path, tmp_path: Path) -> Path:
    """Forty generated records as English and Chinese files: some with a neutral field
    that differs, one without its translation, one translation unreadable."""
    dest = tmp_path / "bi"
    (dest / "records" / "en").mkdir(parents=True)
    (dest / "records" / "zh").mkdir(parents=True)
    (dest / "reviewer.toml").write_text(BILINGUAL_CONFIG, encoding="utf-8")
    source = Workspace(generated)
    n = 0
    for path in source.record_paths():
        try:
            record = source.load(path)
        except ReviewerError:
            continue
        if not record.record_id or n >= 40:
            continue
        text = record.raw.decode("utf-8")
        (dest / "records" / "en" / f"{record.record_id}.md").write_text(text, encoding="utf-8")
        if n == 5:
            n += 1
            continue   # no translation
        zh = text if n % 4 else re.sub(r'("?score"?: )(\d+)', lambda m: m.group(1) + str((int(m.group(2)) + 7) % 100), text, count=1)
        if n == 9:
            zh = "no frontmatter at all\n"
        (dest / "records" / "zh" / f"{record.record_id}.md").write_text(zh, encoding="utf-8")
        n += 1
    return age(dest)


def test_a_language_layout_gets_the_engines_parity_and_findings(bilingual: Path, monkeypatch) -> None:
    workspace = Workspace(bilingual)
    paths = workspace.record_paths()
    expected = by_engine(workspace, paths)
    assert any(i.code == "parity" for i in expected)
    assert validation.validate_paths(paths) == expected
    checked = count_checks(monkeypatch)
    assert validation.validate_paths(paths) == expected   # warm: from the kept answers
    assert checked == []
    some = paths[3:17]
    assert validation.validate_paths(some) == by_engine(workspace, some)


def test_an_answer_of_another_shape_is_checked_again(ws: Path, monkeypatch) -> None:
    expected = cached_issues(ws)
    from reviewer.core.index.store import Store
    store = Store(ws.resolve(), None)
    store.connection().execute("UPDATE findings SET answer = ?", (zlib.compress(b'["a", 1]'),))
    store.dispose()
    checked = count_checks(monkeypatch)
    assert cached_issues(ws) == expected
    assert len(checked) == len(Workspace(ws).record_paths())
