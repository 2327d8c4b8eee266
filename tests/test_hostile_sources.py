"""Source texts from a repository someone else controls: FIFOs and devices, PDF bombs, bogus
HTML charsets, over-long names, symlinks and ids that lead outside the workspace.

Every test drives real ``reviewer`` processes on real files (FIFOs, symlinks) in temporary
folders, each with a time limit, so a fault shows as a failed test, never a hung suite."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import ROOT
from test_sources import pdf_file

ORDOS = "cn-ordos-pilot-2024"
PARKS = "cn-zero-carbon-parks"
PLAN = "一、总体要求\n（一）指导思想\n坚持系统观念。\n二、重点任务\n推进重点工程。\n"
LIMIT_SECONDS = 60


def _bounded_memory() -> None:
    # A reader that never stops (/dev/zero) must fail the test, not exhaust the machine.
    limit = 3 * 1024 ** 3
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run(ws: Path, *args: str, timeout: float = LIMIT_SECONDS,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``reviewer -w WS ARGS`` as a separate process, killed after ``timeout`` seconds."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    full_env.pop("REVIEWER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reviewer", "-w", str(ws), *args], cwd=ROOT,
                          capture_output=True, text=True, env=full_env, timeout=timeout,
                          preexec_fn=_bounded_memory)


def refused(result: subprocess.CompletedProcess, message: str) -> None:
    """Exit 1 with ``message`` as the one line on stderr; no traceback, no internal error."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr


def clean(result: subprocess.CompletedProcess) -> None:
    """Exit 0, no traceback, no internal error."""
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder`` (symlinks not followed): a file's bytes, else its kind."""
    out: dict[str, bytes | str] = {}
    for here, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(here) / name
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                out[rel] = "link -> " + os.readlink(path)
            elif path.is_file():
                out[rel] = path.read_bytes()
            else:
                out[rel] = "dir" if path.is_dir() else "special"
    return out


# ---- 1. FIFOs and devices -----------------------------------------------------------------
def test_attach_refuses_a_fifo_without_waiting_for_a_writer(seed_workspace, tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    before = tree(seed_workspace / "sources")
    result = run(seed_workspace, "attach", PARKS, str(fifo), timeout=20)
    refused(result, "a FIFO (named pipe), not a regular file")
    assert tree(seed_workspace / "sources") == before


def test_attach_refuses_a_device_that_never_ends(seed_workspace):
    before = tree(seed_workspace / "sources")
    result = run(seed_workspace, "attach", PARKS, "/dev/zero", "--name", "zero.txt", timeout=30)
    refused(result, "a character device, not a regular file")
    assert tree(seed_workspace / "sources") == before


def test_a_fifo_among_the_sources_is_listed_unreadable_and_blocks_nothing(seed_workspace):
    folder = seed_workspace / "sources" / ORDOS
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe")      # no suffix: still named for what it is
    reason = "a FIFO (named pipe), not a regular file; not read"
    checked = run(seed_workspace, "citations", ORDOS, "--json", timeout=30)
    clean(checked)
    assert f"note: sources/{ORDOS}/pipe.txt: {reason}" in checked.stderr
    assert f"note: sources/{ORDOS}/pipe: {reason}" in checked.stderr
    assert json.loads(checked.stdout)[0]["status"] == "mismatch"   # the plan still reads
    assert run(seed_workspace, "validate", timeout=30).returncode == 0
    indexed = run(seed_workspace, "index", "--json", timeout=30)
    clean(indexed)
    unreadable = json.loads(indexed.stdout)["sources"]["unreadable"]
    assert {u["file"]: u["error"] for u in unreadable} == {
        f"sources/{ORDOS}/pipe": reason, f"sources/{ORDOS}/pipe.txt": reason}
    found = run(seed_workspace, "search", "碳达峰", "--json", timeout=30)
    clean(found)
    assert any(h["kind"] == "source" for h in json.loads(found.stdout))


# ---- 2. PDF bombs ---------------------------------------------------------------------------
def bomb_pdf(pages: int, operators: int) -> bytes:
    """A small PDF that pypdf takes seconds per page to read: every page shares one
    Flate-compressed content stream of ``operators`` no-op moves (``0 0 Td``)."""
    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td " + b"0 0 Td " * operators + b"(x) Tj ET", 9)
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content
               + b"\nendstream"}
    for i in range(pages):
        objs[5 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objs[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages
    return pdf_file(objs)


def pdf_cache_entry(cache: Path, raw: bytes) -> Path:
    return cache / "reviewer" / "pdf-text" / f"{hashlib.sha256(raw).hexdigest()}.json"


def stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_ino, info.st_mtime_ns


def test_a_pdf_bomb_is_stopped_in_time_and_never_read_again(seed_workspace, private_cache):
    bomb = bomb_pdf(pages=6, operators=630_000)        # ~10 s a page for pypdf; a few KB
    assert len(bomb) < 20_000
    (seed_workspace / "sources" / ORDOS / "bomb.pdf").write_bytes(bomb)
    fast = {"REVIEWER_PDF_TIMEOUT": "2"}
    note = f"note: sources/{ORDOS}/bomb.pdf: reading the PDF's text took over 2 s, so it was stopped"
    checked = run(seed_workspace, "citations", ORDOS, "--json", timeout=30, env=fast)
    clean(checked)
    assert note in checked.stderr
    assert json.loads(checked.stdout)[0]["status"] == "mismatch"     # the plan still reads
    entry = pdf_cache_entry(private_cache, bomb)
    before = stamp(entry)
    for args in (["validate"], ["search", "碳达峰"], ["index"], ["citations", ORDOS]):
        result = run(seed_workspace, *args, timeout=30, env=fast)
        clean(result)
    assert note in result.stderr
    assert stamp(entry) == before, "the same bytes were extracted again"


def test_pdf_text_is_kept_by_content_and_a_damaged_entry_is_rebuilt(seed_workspace, tmp_path,
                                                                   private_cache):
    from test_sources import ACT, minimal_pdf
    act = minimal_pdf(ACT)
    (tmp_path / "act.pdf").write_bytes(act)
    clean(run(seed_workspace, "attach", PARKS, str(tmp_path / "act.pdf")))
    clean(run(seed_workspace, "attach", PARKS, str(tmp_path / "act.pdf"), "--name", "copy.pdf"))
    entry = pdf_cache_entry(private_cache, act)
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # one entry for both files
    assert "Carbon Capture Act" in entry.read_text(encoding="ascii")
    kept = stamp(entry)
    clean(run(seed_workspace, "citations", PARKS))
    assert stamp(entry) == kept                                       # read, not extracted
    for damage in (b"{not json", b'{"format": 1, "answer": {"text": 5}}', b""):
        entry.write_bytes(damage)
        result = run(seed_workspace, "citations", PARKS)
        clean(result)
        assert "note:" not in result.stderr
        assert "Carbon Capture Act" in entry.read_text(encoding="ascii")   # rebuilt
    shutil.rmtree(entry.parent.parent)                                  # the cache is disposable
    found = run(seed_workspace, "search", "Carbon Capture", "--json")
    clean(found)
    assert "note:" not in found.stderr and entry.is_file()
    assert {h["source"] for h in json.loads(found.stdout) if h["kind"] == "source"} == {
        f"sources/{PARKS}/act.pdf", f"sources/{PARKS}/copy.pdf"}


def test_the_pdf_extractor_gives_up_past_its_character_limit(tmp_path):
    from test_sources import ACT, minimal_pdf
    def extract(max_chars: int) -> dict:
        done = subprocess.run([sys.executable, "-m", "reviewer.core.sources.pdfextract",
                               "--max-chars", str(max_chars)], input=minimal_pdf(ACT),
                              capture_output=True, cwd=ROOT, timeout=LIMIT_SECONDS,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0 and done.stderr == b"", done.stderr
        return json.loads(done.stdout)
    assert extract(20) == {"error": "the PDF's text is over 20 characters; not read"}
    whole = extract(10_000)
    assert whole["text"].splitlines() == [line for page in ACT for line in page]
    assert whole["pages"] == [1, 4]


def test_pdf_extraction_runs_our_code_not_a_module_planted_in_the_workspace(seed_workspace,
                                                                            tmp_path):
    from test_sources import ACT, minimal_pdf
    planted = seed_workspace / "reviewer" / "core" / "sources"
    planted.mkdir(parents=True)
    for package in (planted, planted.parent, planted.parent.parent):
        (package / "__init__.py").write_text("", encoding="utf-8")
    ran = tmp_path / "planted-code-ran"
    (planted / "pdfextract.py").write_text(f"open({str(ran)!r}, 'w').close()\n", encoding="utf-8")
    (seed_workspace / "sources" / PARKS).mkdir()
    (seed_workspace / "sources" / PARKS / "act.pdf").write_bytes(minimal_pdf(ACT))
    # The auditor runs reviewer inside the cloned workspace (-P: as the installed command does,
    # the current folder is not on the path of the reviewer process itself).
    result = subprocess.run([sys.executable, "-P", "-m", "reviewer", "citations", PARKS],
                            cwd=seed_workspace, capture_output=True, text=True,
                            timeout=LIMIT_SECONDS, env={**os.environ, "PYTHONPATH": str(ROOT)})
    clean(result)
    assert "note:" not in result.stderr and not ran.exists()


# ---- 3. HTML that declares a charset that is no use --------------------------------------
BOGUS_CHARSETS = [("undefined", "utf-8"),   # Python's codec that fails on everything
                  ("base64", "utf-8"), ("rot13", "utf-8"), ("hex", "utf-8"),  # not text codecs
                  ("unicode_escape", "utf-8"), ("utf-16", "utf-8"),  # cannot be a <meta>'s page
                  ("no-such-charset", "utf-8"), ("ascii", "utf-8"),  # unknown; wrong
                  ("undefined", "gbk")]


def test_html_with_a_bogus_charset_is_read_by_detection(seed_workspace, tmp_path):
    attached = []
    for number, (charset, really) in enumerate(BOGUS_CHARSETS):
        page = tmp_path / f"page{number}.html"
        page.write_bytes(f'<html><head><meta charset="{charset}"><title>T</title></head><body>'
                         f'<h1>一、总体要求</h1><p>推进鸿雁工程第{number}号。</p></body></html>'
                         .encode(really))
        attached.append(f"sources/{PARKS}/{page.name}")
        if number < 2:   # attach reads the page it copied (to note a problem): it must not fail
            result = run(seed_workspace, "attach", PARKS, str(page))
            clean(result)
            assert result.stderr == ""      # no note: the page reads
        else:
            (seed_workspace / attached[-1]).write_bytes(page.read_bytes())
        assert (seed_workspace / attached[-1]).read_bytes() == page.read_bytes()
    checked = run(seed_workspace, "citations", PARKS, "--json")
    clean(checked)
    assert "note:" not in checked.stderr
    assert run(seed_workspace, "validate").returncode == 0
    found = run(seed_workspace, "search", "鸿雁工程", "--json")
    clean(found)
    hits = {h["source"]: h["snippet"] for h in json.loads(found.stdout) if h["kind"] == "source"}
    assert sorted(hits) == sorted(attached)
    for number, source in enumerate(attached):
        assert f"第{number}号" in hits[source]


# ---- 4. file names the file system cannot hold -------------------------------------------
def test_attach_refuses_a_name_too_long_before_writing_anything(seed_workspace, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    before = tree(seed_workspace)
    for name in ("a" * 300 + ".txt", "规划" * 43 + ".txt"):   # 304 bytes; 43 * 6 + 4 = 262 bytes
        result = run(seed_workspace, "attach", PARKS, str(plan), "--name", name)
        refused(result, f"the name is too long ({len(name.encode())} bytes in UTF-8; "
                        "file names are limited to 255)")
    assert tree(seed_workspace) == before


def test_attach_takes_a_name_of_exactly_255_bytes(seed_workspace, tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    for name in ("a" * 251 + ".txt", "规" * 83 + "ab.txt"):     # 255 bytes each
        result = run(seed_workspace, "attach", PARKS, str(plan), "--name", name)
        clean(result)
        assert (seed_workspace / "sources" / PARKS / name).read_bytes() == plan.read_bytes()
    assert sorted(p.name for p in (seed_workspace / "sources" / PARKS).iterdir()) == sorted(
        ["a" * 251 + ".txt", "规" * 83 + "ab.txt"])


# ---- 5. writes through symlinks ------------------------------------------------------------
@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the workspace, with a file an attacker would like overwritten."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "precious.txt").write_text("keep me\n", encoding="utf-8")
    return folder


def _plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.txt"
    plan.write_text(PLAN, encoding="utf-8")
    return plan


def test_attach_never_writes_through_a_file_link_that_leads_outside(seed_workspace, tmp_path,
                                                                     outside):
    folder = seed_workspace / "sources" / ORDOS
    (folder / "plan.txt").symlink_to(outside / "planted.txt")      # dangling
    (folder / "old.txt").symlink_to(outside / "precious.txt")
    plan = _plan(tmp_path)
    result = run(seed_workspace, "attach", ORDOS, str(plan))
    refused(result, f"{folder / 'plan.txt'} is a symlink to {outside / 'planted.txt'}, outside "
                    "the workspace")
    result = run(seed_workspace, "attach", ORDOS, str(plan), "--name", "old.txt", "--force")
    refused(result, f"{folder / 'old.txt'} is a symlink to {outside / 'precious.txt'}, outside "
                    "the workspace")
    assert tree(outside) == {"precious.txt": b"keep me\n"}


@pytest.mark.parametrize("link", ["sources/" + PARKS, "sources"])
def test_attach_never_writes_into_a_folder_link_that_leads_outside(seed_workspace, tmp_path,
                                                                   outside, link):
    if link == "sources":
        (seed_workspace / "sources").rename(outside / "sources")
        (outside / "sources" / PARKS).mkdir()
        target = outside / "sources"
    else:
        target = outside
    (seed_workspace / link).symlink_to(target)
    before = tree(outside)
    for force in ([], ["--force"]):
        result = run(seed_workspace, "attach", PARKS, str(_plan(tmp_path)), *force)
        refused(result, f"{seed_workspace / link} is a symlink to {target}, outside the workspace")
    assert tree(outside) == before


def test_attach_writes_through_a_link_that_stays_inside(seed_workspace, tmp_path):
    shared = seed_workspace / "shared" / "parks"
    shared.mkdir(parents=True)
    (seed_workspace / "sources" / PARKS).symlink_to(Path("..", "shared", "parks"))
    result = run(seed_workspace, "attach", PARKS, str(_plan(tmp_path)))
    clean(result)
    assert (shared / "plan.txt").read_text(encoding="utf-8") == PLAN
    checked = run(seed_workspace, "citations", PARKS)
    clean(checked)
    assert "note:" not in checked.stderr


# ---- 6. reads through ids and symlinks ---------------------------------------------------------
SECRET = "TOPSECRET-42"
SECRET_PLAN = f"一、机密章节\n{SECRET} 不得外传。\n"
CITED = "一、机密章节"     # what the records cite: it resolves only if the secret is read


def _cite_the_secret(ws: Path, record_id: str) -> None:
    clean(run(ws, "set", record_id, f"analysis.incentive.citation={CITED}"))


def _record_with_id(ws: Path, name: str, record_id: str) -> None:
    text = (ws / "records" / f"{PARKS}.md").read_text(encoding="utf-8")
    text = text.replace(f"id: {PARKS}\n", f"id: {record_id}\n", 1)
    text = text.replace("citation: National Green & Low-Carbon Demo Support Catalog",
                        f"citation: {CITED}")
    (ws / "records" / name).write_text(text, encoding="utf-8")


def _everything_said(ws: Path, *records: str) -> str:
    """All the CLI says about the workspace: stdout, stderr and JSON of every reading command."""
    results = [run(ws, "validate"), run(ws, "validate", "--json"), run(ws, "index", "--json"),
               run(ws, "search", SECRET, "--json"), run(ws, "search", "不得外传")]
    for record in records:
        results += [run(ws, "citations", record), run(ws, "citations", record, "--json"),
                    run(ws, "show", record, "--json")]
    for result in results:
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return "".join(r.stdout + r.stderr for r in results)


def test_sources_linked_from_outside_the_workspace_are_never_read(seed_workspace, outside):
    secret = outside / "secret"
    secret.mkdir()
    (secret / "plan.txt").write_text(SECRET_PLAN, encoding="utf-8")
    (seed_workspace / "sources" / ORDOS / "leak.txt").symlink_to(secret / "plan.txt")
    (seed_workspace / "sources" / ORDOS / "zero.txt").symlink_to("/dev/zero")
    (seed_workspace / "sources" / PARKS).symlink_to(secret)
    for record in (ORDOS, PARKS):
        _cite_the_secret(seed_workspace, record)
    said = _everything_said(seed_workspace, ORDOS, PARKS)
    assert SECRET not in said and "不得外传" not in said
    reason = "symlink leads outside the workspace; not read"
    for link in (f"sources/{ORDOS}/leak.txt", f"sources/{ORDOS}/zero.txt", f"sources/{PARKS}"):
        assert f"note: {link}: {reason}" in said
    for record in (ORDOS, PARKS):
        rows = json.loads(run(seed_workspace, "citations", record, "--json").stdout)
        assert rows[0]["pillar"] == "incentive" and rows[0]["status"] != "resolved"
    unreadable = json.loads(run(seed_workspace, "index", "--json").stdout)["sources"]["unreadable"]
    assert {u["file"]: u["error"] for u in unreadable} == {
        f"sources/{ORDOS}/leak.txt": reason, f"sources/{ORDOS}/zero.txt": reason,
        f"sources/{PARKS}": reason}


def test_a_record_whose_id_leads_out_of_sources_is_refused_not_read(seed_workspace, outside,
                                                                    tmp_path):
    secret = outside / "secret"
    secret.mkdir()
    (secret / "plan.txt").write_text(SECRET_PLAN, encoding="utf-8")
    up = "../" * len(seed_workspace.parts)
    ids = {"evil.md": "../../outside/secret", "root.md": up}
    for name, record_id in ids.items():
        _record_with_id(seed_workspace, name, record_id)
    assert (seed_workspace / "sources" / ids["evil.md"] / "plan.txt").read_text(
        encoding="utf-8") == SECRET_PLAN          # the id does name the secret's folder
    for name, record_id in ids.items():
        path = f"records/{name}"
        message = f"the record's id {record_id!r} cannot name a source folder"
        refused(run(seed_workspace, "citations", path), message)
        refused(run(seed_workspace, "citations", path, "--json"), message)
        refused(run(seed_workspace, "attach", path, str(_plan(tmp_path))), message)
    said = _everything_said(seed_workspace, "records/evil.md", "records/root.md")
    assert SECRET not in said and "不得外传" not in said
    assert tree(secret) == {"plan.txt": SECRET_PLAN.encode("utf-8")}


# ---- in the app: the source pane and attaching -------------------------------------------------
def test_the_app_shows_fifos_and_outside_links_as_unreadable_sources(qtbot, window, repo, outside):
    from test_app import MIIT, select
    folder = repo / "sources" / ORDOS
    os.mkfifo(folder / "pipe.txt")
    (outside / "plan.txt").write_text(SECRET_PLAN, encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside / "plan.txt")
    select(qtbot, window, MIIT)
    select(qtbot, window, ORDOS)                       # read again, with the planted files
    view = window.source_view
    shown = {view.tabs.tabText(i): view.tabs.widget(i).text.toPlainText()
             for i in range(view.tabs.count())}
    assert shown["pipe.txt"] == "pipe.txt: a FIFO (named pipe), not a regular file; not read"
    assert shown["leak.txt"] == "leak.txt: symlink leads outside the workspace; not read"
    assert not any(SECRET in text for text in shown.values())


def test_the_app_refuses_to_attach_for_an_id_that_leads_out(qtbot, window, repo, tmp_path,
                                                           outside, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    _record_with_id(repo, "evil.md", "../../outside")
    with qtbot.waitSignal(window.record_loaded, timeout=10000):
        window.records.load(repo / "records" / "evil.md")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    window.cites.attach([str(_plan(tmp_path))])
    window.workers.wait(5000)
    assert warnings == ["the record's id '../../outside' cannot name a source folder (an id is "
                        "letters, digits, '.', '_' and '-', starting with a letter or digit)"]
    assert tree(outside) == {"precious.txt": b"keep me\n"}


def test_attach_never_writes_into_gits_folder_through_a_link(git_workspace: Path, tmp_path: Path):
    """A link that stays inside the workspace but leads into .git could plant a hook that
    runs at the next commit: refused like a link leading outside."""
    folder = git_workspace / "sources" / "cn-zero-carbon-parks"
    folder.mkdir(parents=True)
    os.symlink("../../.git/hooks/pre-commit", folder / "notes.txt")
    payload = tmp_path / "notes.txt"
    payload.write_text("#!/bin/sh\necho owned\n", encoding="utf-8")
    result = run(git_workspace, "attach", "cn-zero-carbon-parks", str(payload), "--force")
    assert result.returncode == 1
    assert "git's own folder" in result.stderr
    assert not (git_workspace / ".git" / "hooks" / "pre-commit").exists()
