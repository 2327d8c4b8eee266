"""The CLI's source commands: ``attach`` and ``citations``, and citations in ``validate``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import assert_no_traceback, run

PLAN = "sources/cn-ordos-pilot-2024/ordos-carbon-peaking-plan-2024.zh.txt"


def test_citations_json_for_the_ordos_record(seed_workspace):
    result = run(seed_workspace, "citations", "cn-ordos-pilot-2024", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["pillar"], r["status"]) for r in rows] == [
        ("incentive", "mismatch"), ("statutory", "external"), ("liability", "unresolved"),
        ("mrv", "unresolved"), ("market", "mismatch"), ("strategic", "missing")]
    incentive = rows[0]
    assert (incentive["citation"], incentive["source"], incentive["heading"], incentive["line"]) == \
        ("第四章：重点工程", PLAN, "（二）推进重点工程", 130)
    assert incentive["suggestion"] == "七、保障措施（二）推进重点工程"


def test_citations_human_output_is_a_report(seed_workspace):
    result = run(seed_workspace, "citations", "records/cn-ordos-pilot-2024.md")
    assert result.returncode == 0, result.stderr     # a report: exit 0 whatever it finds
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["incentive", "mismatch", "第四章：重点工程", "->", f"{PLAN}:130",
                                "（二）推进重点工程"]
    assert "title matches （二）推进重点工程 under 七、保障措施" in lines[1]
    assert "the document writes it: 七、保障措施（二）推进重点工程" in result.stdout
    assert "2 mismatch, 2 unresolved, 1 external, 1 missing" in result.stderr


def test_citations_reports_unreadable_sources_and_goes_on(seed_workspace):
    (seed_workspace / "sources" / "cn-ordos-pilot-2024" / "scan.pdf").write_bytes(b"%PDF-1.4 junk")
    result = run(seed_workspace, "citations", "cn-ordos-pilot-2024", "--json")
    assert result.returncode == 0
    assert "scan.pdf: cannot read this PDF" in result.stderr
    assert json.loads(result.stdout)[0]["status"] == "mismatch"


def test_attach_then_citations_resolve(seed_workspace, tmp_path):
    source = tmp_path / "miit-plan.md"
    source.write_text("# 工业领域碳达峰实施方案\n\n## 3. Key Actions\n正文。\n### 3.2 Supply chains\n"
                      "正文。\n## 4. Capacity Building\n正文。\n## 5. Policy Support\n正文。\n",
                      encoding="utf-8")
    result = run(seed_workspace, "attach", "cn-miit-industrial-plan-2022", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "sources/cn-miit-industrial-plan-2022/miit-plan.md"
    rows = json.loads(run(seed_workspace, "citations", "cn-miit-industrial-plan-2022", "--json").stdout)
    assert {r["pillar"]: r["status"] for r in rows} == {
        "incentive": "resolved", "statutory": "resolved", "mrv": "resolved",
        "market": "resolved", "strategic": "missing"}


def test_attach_name_force_and_an_unreadable_kind(seed_workspace, tmp_path):
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK\x03\x04")
    first = run(seed_workspace, "attach", "cn-zero-carbon-parks", str(doc), "--name", "n.docx")
    assert first.returncode == 0 and first.stdout.strip() == "sources/cn-zero-carbon-parks/n.docx"
    assert ".docx files are not read" in first.stderr
    again = run(seed_workspace, "attach", "cn-zero-carbon-parks", str(doc), "--name", "n.docx")
    assert again.returncode == 1 and "already exists (use --force" in again.stderr
    forced = run(seed_workspace, "attach", "cn-zero-carbon-parks", str(doc), "--name", "n.docx",
                 "--force")
    assert forced.returncode == 0


@pytest.mark.parametrize("args,message", [
    (["attach", "no-such-record", "{tmp}/plan.txt"], "no record with id 'no-such-record'"),
    (["attach", "cn-zero-carbon-parks", "{tmp}/missing.txt"], "no such file"),
    (["attach", "cn-zero-carbon-parks", "{tmp}"], "is a folder"),
    (["attach", "cn-zero-carbon-parks", "{tmp}/plan.txt", "--name", "a/b.txt"], "not a plain file name"),
    (["citations", "no-such-record"], "no record with id"),
])
def test_refusals_are_one_clear_line(seed_workspace, tmp_path, args, message):
    (tmp_path / "plan.txt").write_text("一、总体要求\n", encoding="utf-8")
    result = run(seed_workspace, *[a.format(tmp=tmp_path) for a in args])
    assert result.returncode == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert_no_traceback(result)
    assert not (seed_workspace / "sources" / "cn-zero-carbon-parks").exists()


def test_validate_reports_citation_warnings_inside_a_workspace(seed_workspace):
    result = run(seed_workspace, "validate", "--json")
    assert result.returncode == 0, result.stderr     # warnings only
    issues = [i for i in json.loads(result.stdout)["issues"] if i["code"] == "citation"]
    ordos = [(i["path"], i["line"]) for i in issues if i["file"].endswith("cn-ordos-pilot-2024.md")]
    assert ordos == [("analysis.incentive.citation", 17), ("analysis.liability.citation", 28),
                     ("analysis.mrv.citation", 33), ("analysis.market.citation", 38)]
    one = run(None, "validate", str(seed_workspace / "records" / "cn-ordos-pilot-2024.md"),
              cwd=Path(seed_workspace).parent)
    assert "warning: analysis.incentive.citation: citation mismatch: title matches" in one.stdout


def test_validate_reports_an_id_used_by_two_files_on_both(seed_workspace):
    original = seed_workspace / "records" / "cn-zero-carbon-parks.md"
    copy = seed_workspace / "records" / "archive" / "parks-copy.md"
    copy.parent.mkdir()
    copy.write_bytes(original.read_bytes())
    result = run(seed_workspace, "validate", "--json")
    assert result.returncode == 1, result.stderr
    issues = [i for i in json.loads(result.stdout)["issues"] if i["code"] == "duplicate-id"]
    assert sorted((i["file"], i["severity"]) for i in issues) == [
        (str(copy), "error"), (str(original), "error")]
    assert all("'cn-zero-carbon-parks' is also used by records/" in i["message"] for i in issues)
    assert_no_traceback(result)
