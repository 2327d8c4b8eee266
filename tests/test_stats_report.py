"""``reviewer stats --html``: the report shows the JSON's numbers (read back mechanically by
their ``data-key``), escapes what comes from files, needs no network and no script, says a
bad output path in one line, and renders in a real browser (headless Chromium)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, git
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change

HOSTILE_AUTHOR = 'Model <script>alert("x")</script> & Co. v1.2'
BOB = "Bob Builder <bob@example.org>"
CLEO = "Cleo Checker <cleo.c@example.org>"
CHROMIUM = Path("/usr/bin/chromium")


def run(ws: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REVIEWER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "reviewer", "-w", str(ws), *args],
                          cwd=cwd or ROOT, capture_output=True, text=True, env=env, timeout=120,
                          check=False)


def edit(ws: Path, record: str, changes: dict[tuple, object]) -> None:
    path = ws / "records" / f"{record}.md"
    RecordFile.load(path).save([Change(p, v) for p, v in changes.items()])


def commit(ws: Path, when: str, message: str, reviewer: str | None = None,
           amend: bool = False) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    if reviewer:
        message += f"\n\nReviewed-by: {reviewer}"
    git(ws, "add", "-A")
    git(ws, "commit", "-q", *(["--amend", "--date", when] if amend else []), "-m", message, env=env)


@pytest.fixture
def history(raw_git_workspace: Path) -> Path:
    """Three records imported on 1 March (Ordos and Parks as drafts, MIIT already verified);
    Bob verifies Ordos on the 3rd (two scores and a label changed); Cleo verifies Parks on
    the 5th (a score changed, a pillar removed, one added), reopens it on the 7th, and Bob
    verifies it again on the 8th with another score: two auditors on one record."""
    ws = raw_git_workspace
    edit(ws, "cn-zero-carbon-parks", {("provenance", "author"): HOSTILE_AUTHOR})
    commit(ws, "2025-03-01T09:00:00+00:00", "Import seed records", amend=True)
    edit(ws, "cn-ordos-pilot-2024", {("analysis", "mrv", "score"): 60,
                                     ("analysis", "market", "score"): 70,
                                     ("analysis", "mrv", "label"): 'Platform <b>&</b> "live"',
                                     ("reviewStatus",): "verified"})
    commit(ws, "2025-03-03T10:00:00+00:00", "Verify cn-ordos-pilot-2024", BOB)
    edit(ws, "cn-zero-carbon-parks", {
        ("analysis", "strategic", "score"): 80,
        ("analysis", "market"): {"score": 40, "label": "Thin market", "evidence": "None yet.",
                                 "citation": ""},
        ("reviewStatus",): "verified"})
    path = ws / "records" / "cn-zero-carbon-parks.md"
    RecordFile.load(path).save([Change(("analysis", "technical"))])    # delete the pillar
    commit(ws, "2025-03-05T15:30:00+00:00", "Verify cn-zero-carbon-parks", CLEO)
    edit(ws, "cn-zero-carbon-parks", {("reviewStatus",): "draft"})
    commit(ws, "2025-03-07T08:00:00+00:00", "Reopen cn-zero-carbon-parks", CLEO)
    edit(ws, "cn-zero-carbon-parks", {("analysis", "statutory", "score"): 65,
                                      ("analysis", "mrv", "score"): 90,
                                      ("reviewStatus",): "verified"})
    commit(ws, "2025-03-08T11:15:00+00:00", "Verify cn-zero-carbon-parks", BOB)
    return ws


class Values(HTMLParser):
    """Every ``data-key`` of a page with its value (see reviewer.core.audit.report), the
    tags used and every attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, object] = {}
        self.tags: set[str] = set()
        self.attrs: list[str] = []
        self.open: list[tuple[str, str, list[str]]] = []   # (tag, key, text so far)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        found = dict(attrs)
        self.attrs += [v for v in found.values() if v]
        if "data-key" in found:
            k = found["data-key"]
            assert k not in self.values, f"{k} shown twice"
            if "data-null" in found:
                self.values[k] = None
            elif "datetime" in found:
                self.values[k] = ("time", found["datetime"])
            else:
                self.open.append((tag, k, []))

    def handle_data(self, data):
        for _, _, text in self.open:
            text.append(data)

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            _, k, text = self.open.pop()
            self.values[k] = "".join(text)


def split_key(k: str) -> list[str]:
    return [p.replace("\\.", ".").replace("\\\\", "\\")
            for p in re.split(r"(?<!\\)\.", k)]   # the report escapes a dot in a part


def at(data, parts: list[str]):
    for part in parts:
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


def leaves(data, path=()):
    """The JSON's values the report must show: all but ``read`` (what the run asked of git)
    and, of each record's details, its pillars' counts (the tables above sum them)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if path == () and k == "read" or path[:1] == ("details",) and (
                    len(path) == 2 and k in ("file", "drafted_at", "citations_before",
                                             "citations_after")
                    or len(path) == 4 and k != "score_change"):
                continue
            yield from leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from leaves(v, (*path, str(i)))
    elif not (path[:1] == ("filters",) and data is None):   # filters not set are not listed
        yield path, data


def report(ws: Path, tmp_path: Path, *args: str) -> tuple[dict, str]:
    page = tmp_path / "report.html"
    result = run(ws, "stats", "--json", "--details", "--html", str(page), *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"wrote {page}"
    return json.loads(result.stdout), page.read_text(encoding="utf-8")


@pytest.mark.parametrize("filters", [[], ["--since", "2025-03-04", "--auditor", "Bob Builder"]])
def test_every_number_of_the_report_is_the_jsons(history, tmp_path, filters):
    data, page = report(history, tmp_path, *filters)
    parser = Values()
    parser.feed(page)
    assert data["records"] == (3 if not filters else 1)
    for k, shown in parser.values.items():
        expected = at(data, split_key(k))
        if shown is None or isinstance(shown, tuple):
            assert shown == (None if shown is None else ("time", expected)), k
        elif isinstance(expected, str):
            assert shown == expected, k
        else:   # a number, as the JSON prints it
            assert shown == json.dumps(expected), k
    shown_keys = {tuple(split_key(k)) for k in parser.values}
    missing = [".".join(p) for p, v in leaves(data) if p not in shown_keys
               and not (p == ("agreement", "alpha") and v is None)]
    assert missing == []


def test_the_report_escapes_names_and_is_self_contained(history, tmp_path):
    data, page = report(history, tmp_path)
    assert HOSTILE_AUTHOR in data["authors"]
    assert data["agreement"]["records"] == 1 and data["agreement"]["alpha"] is not None
    assert set(data["auditors"]) == {BOB, CLEO}
    assert data["auditors"][CLEO] == {"verified": 1, "reopened": 1}
    assert data["pillars"]["technical"]["removed"] == 1 and data["pillars"]["market"]["reviewed"] == 2
    parser = Values()
    parser.feed(page)
    assert "script" not in parser.tags and "<script" not in page.lower()
    assert not re.search(r"https?://", page)
    assert not [a for a in parser.attrs if re.match(r"\s*(javascript|data):", a, re.IGNORECASE)]
    assert "<b>" not in page and "&lt;script&gt;" in page
    assert parser.values["authors." + HOSTILE_AUTHOR.replace(".", "\\.") + ".records"] == "1"
    assert {"svg", "table", "style"} <= parser.tags and page.count("<svg") == 3


def test_without_agreement_data_the_report_says_so(raw_git_workspace, tmp_path):
    data, page = report(raw_git_workspace, tmp_path)
    assert data["agreement"]["alpha"] is None
    assert "Not enough data" in page


def test_a_report_into_a_missing_folder_is_one_line_and_exit_1(history, tmp_path):
    target = tmp_path / "no-such-folder" / "report.html"
    result = run(history, "stats", "--html", str(target))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "does not exist" in result.stderr and "no-such-folder" in result.stderr
    assert not target.parent.exists()
    result = run(history, "stats", "--html", str(tmp_path))   # a folder, not a file
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{tmp_path}: cannot write the HTML report")


def test_a_bad_date_is_a_usage_error(history):
    result = run(history, "stats", "--since", "notadate", "--html", "unused.html")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "reviewer stats: --since 'notadate' is not a date (YYYY-MM-DD)"
    assert not (ROOT / "unused.html").exists()


def _distinct_colours(image) -> int:
    step = 5
    return len({image.pixel(x, y) for x in range(0, image.width(), step)
                for y in range(0, image.height(), step)})


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium not installed (.ci/system-deps installs it)")
def test_the_report_renders_in_headless_chromium(history, tmp_path):
    from PySide6.QtGui import QColor, QImage
    _, _ = report(history, tmp_path)
    shot = tmp_path / "report.png"
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", f"--user-data-dir={tmp_path / 'chromium'}", f"--screenshot={shot}",
           "--window-size=1200,1600", (tmp_path / "report.html").as_uri()]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(shot))
    assert not image.isNull() and (image.width(), image.height()) == (1200, 1600)
    assert _distinct_colours(image) > 40          # text, tables, coloured bars: not blank
    blue = QColor("#2b6cb0").rgb() & 0xFFFFFF     # the bars of the pillar chart were drawn
    assert sum(image.pixel(x, y) & 0xFFFFFF == blue for x in range(0, 1200, 3)
               for y in range(0, 1600, 3)) > 100


def test_an_empty_audit_renders_with_its_zeros(seed_workspace):
    from reviewer.core.audit.measures import Filters
    from reviewer.core.audit.report import render_html
    from reviewer.core.services.audit import compute
    from reviewer.core.workspace import Workspace
    stats = compute(Workspace(seed_workspace), [], Filters(author="A.I. <x>"))   # no history
    page = render_html(stats.to_json(details=True))
    parser = Values()
    parser.feed(page)
    assert parser.values["records"] == "0" and parser.values["filters.author"] == "A.I. <x>"
    assert parser.values["agreement.records"] == "0" and "<svg" not in page
    assert "No reviewed record." in page and "No record changed in this period." in page


def test_the_charts_scale_to_round_numbers():
    from reviewer.core.audit.report_svg import nice_scale, timeline_chart
    assert nice_scale(0) == (1.0, 1.0)
    assert nice_scale(7) == (8, 2) and nice_scale(25) == (25, 5) and nice_scale(0.3) == (0.3, 0.1)
    assert all(isinstance(v, float) for v in nice_scale(7))
    one_day = timeline_chart([{"date": "2025-01-01", "verified": 0, "drafts": 0}])
    assert one_day.startswith("<svg") and "2025-01-01" in one_day
