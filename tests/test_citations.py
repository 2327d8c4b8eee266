"""Citation checks: the parser, each verdict, the seeds, the gate and validation."""

from __future__ import annotations

import builtins
import shutil
from pathlib import Path

import pytest

from conftest import SEEDS
from reviewer.core.review.gate import gate_reasons
from reviewer.core.review.validate import validate_file
from reviewer.core.sources.citations import CitationResult, check_citations, check_data_at, check_record
from reviewer.core.sources.citeparse import parse_citation
from reviewer.core.sources.outline import citation_text, parse_outline, section_path
from reviewer.core.sources.reading import SourceText, read_source
from reviewer.core.terms import CITATION_STATUSES
from reviewer.core.workspace import Workspace

ORDOS = SEEDS / "sources" / "cn-ordos-pilot-2024"
PLAN = read_source(ORDOS / "ordos-carbon-peaking-plan-2024.zh.txt")
ARTICLE = read_source(ORDOS / "ndrc-100-cities-pilot-2023.en.txt")


def text_source(text: str, name: str = "sources/rec/plan.md") -> SourceText:
    """A source in memory: check_citations must never need the file."""
    return SourceText(Path("/nowhere") / name, text=text, encoding="utf-8",
                      outline=parse_outline(text), kind="text")


def check(citation, sources, **pillar) -> CitationResult:
    return check_citations({"id": "rec", "analysis": {"mrv": {"citation": citation, **pillar}}},
                           sources)[0]


# ---- the parser -------------------------------------------------------------------------------
@pytest.mark.parametrize("text,parts,title", [
    ("第四章：重点工程", [("chapter", (4,), "第四章")], "重点工程"),
    ("第４章 重点工程", [("chapter", (4,), "第4章")], "重点工程"),
    ("第十二条", [("article", (12,), "第十二条")], ""),
    ("七、保障措施（二）推进重点工程", [("cn-top", (7,), "七、"), ("cn-paren", (2,), "（二）")], "推进重点工程"),
    ("三、主要任务（十）新模式3.构建碳计量监测系统",
     [("cn-top", (3,), "三、"), ("cn-paren", (10,), "（十）"), ("arabic", (3,), "3.")], "构建碳计量监测系统"),
    ("（2）细则", [("arabic-paren", (2,), "（2）")], "细则"),
    ("Section 5: Policy Support", [("en-section", (5,), "Section 5")], "Policy Support"),
    ("Policy Support (Section 5)", [("en-section", (5,), "Section 5")], "Policy Support"),
    ("Section 3.2", [("decimal", (3, 2), "Section 3.2")], ""),
    ("§ 4.1", [("decimal", (4, 1), "§ 4.1")], ""),
    ("1.2 Monitoring Plans", [("decimal", (1, 2), "1.2")], "Monitoring Plans"),
    ("Article 5 Definitions", [("article", (5,), "Article 5")], "Definitions"),
    ("Art. IV", [("article", (4,), "Art. IV")], ""),
    ("Chapter 2, Part 3", [("chapter", (2,), "Chapter 2"), ("part", (3,), "Part 3")], ""),
    ("统一、规范的市场", [], "统一、规范的市场"),   # 一、 inside a phrase is not a number
])
def test_parse_locators_and_titles(text, parts, title):
    parsed = parse_citation(text)
    assert [(p.kind, p.numbers, p.written) for p in parsed.locators] == parts
    assert parsed.title == title


@pytest.mark.parametrize("text,numbers,standards,documents", [
    ("发改气候〔2024〕通知", ["发改气候〔2024〕"], [], []),
    ("发改气候〔2024〕…号", ["发改气候〔2024〕…号"], [], []),
    ("国发〔2021〕23号", ["国发〔2021〕23号"], [], []),
    ("DB15/T 2958-2023 Standard", [], ["DB15/T 2958-2023"], []),
    ("GB/T 32150-2015", [], ["GB/T 32150-2015"], []),
    ("ISO 14064-1:2018", [], ["ISO 14064-1:2018"], []),
    ("《碳排放权交易管理暂行条例》第五条第二款", [], [], ["碳排放权交易管理暂行条例"]),
])
def test_parse_document_numbers_standards_and_titles(text, numbers, standards, documents):
    parsed = parse_citation(text)
    assert (parsed.doc_numbers, parsed.standards, parsed.documents) == (numbers, standards, documents)


def test_paragraphs_within_an_article_are_kept_but_not_matched():
    parsed = parse_citation("第五条第二款")
    assert [p.kind for p in parsed.parts] == ["article", "clause"]
    assert [p.kind for p in parsed.locators] == ["article"]


@pytest.mark.parametrize("text,named", [
    ("China Government Work Report 2025", True), ("NDRC/MIIT Selection Guidelines 2025", True),
    ("National Green & Low-Carbon Demo Support Catalog", True), ("碳排放管理办法", True),
    ("Zero Carbon Park Evaluation Metrics", False), ("核算方法", False), ("推进重点工程", False),
])
def test_a_name_ending_in_a_document_kind_names_a_document(text, named):
    assert (parse_citation(text).named_document is not None) == named


# ---- the seeds ----------------------------------------------------------------------------
def test_the_ordos_record(seed_workspace):
    results = {r.pillar: r for r in check_record(Workspace(seed_workspace), "cn-ordos-pilot-2024")}
    assert list(results) == ["incentive", "statutory", "liability", "mrv", "market", "strategic"]
    plan = "sources/cn-ordos-pilot-2024/ordos-carbon-peaking-plan-2024.zh.txt"
    # incentive 第四章：重点工程 — the plan has no chapters; its 四、 is 科技创新. 重点工程 is
    # the title of （二）推进重点工程 under 七、保障措施 (line 130): the title is right, the
    # number is not.
    r = results["incentive"]
    assert (r.status, r.source, r.heading, r.line, r.end_line) == \
        ("mismatch", plan, "（二）推进重点工程", 130, 132)
    assert r.suggestion == "七、保障措施（二）推进重点工程"
    assert "under 七、保障措施" in r.detail and "第四章" in r.detail and "四、科技创新" in r.detail
    # statutory 发改气候〔2024〕通知 — an NDRC document number; neither source is that
    # notice (the plan is the Ordos government's own notice), so it is another document.
    assert results["statutory"].status == "external"
    assert "发改气候〔2024〕" in results["statutory"].detail
    # liability 第五章：安全保障 — no heading (and no sentence) in the plan says 安全保障; its
    # 五、 is 政策创新, unrelated, so the number alone is no match.
    r = results["liability"]
    assert (r.status, r.source, r.line) == ("unresolved", None, None)
    assert "安全保障" in r.detail and "五、政策创新" in r.detail
    # mrv 第三章：基础能力建设 — no such heading; 三、 is 主要任务. (The monitoring platform
    # the evidence describes is 三、（十）3.构建碳计量监测系统, for the auditor to cite.)
    assert results["mrv"].status == "unresolved" and "三、主要任务" in results["mrv"].detail
    # market 第二章：总体要求 — 总体要求 is 一、 (line 16); 二、 is 发展目标.
    r = results["market"]
    assert (r.status, r.heading, r.line, r.suggestion) == ("mismatch", "一、总体要求", 16, "一、总体要求")
    assert "二、发展目标" in r.detail
    # strategic has no citation at all.
    assert results["strategic"].status == "missing" and results["strategic"].citation == ""


def test_the_zero_carbon_parks_record_has_no_sources(seed_workspace):
    results = {r.pillar: r for r in check_record(Workspace(seed_workspace), "cn-zero-carbon-parks")}
    assert {p: r.status for p, r in results.items()} == {
        "incentive": "external",    # names a catalogue
        "statutory": "external",    # names guidelines
        "mrv": "unresolved",        # "Evaluation Metrics" is no kind of document, and there
                                    # are no sources to find it in
        "strategic": "external",    # names a report (the Government Work Report)
        "technical": "external",    # a standard, DB15/T 2958-2023
    }
    assert "standard DB15/T 2958-2023" in results["technical"].detail
    assert "no sources" in results["mrv"].detail


def test_the_miit_record_cites_sections_of_a_plan_it_does_not_have(seed_workspace):
    results = check_record(Workspace(seed_workspace), "cn-miit-industrial-plan-2022")
    assert [(r.pillar, r.status) for r in results] == [
        ("incentive", "unresolved"), ("statutory", "unresolved"), ("mrv", "unresolved"),
        ("market", "unresolved"), ("strategic", "missing")]


def test_every_heading_of_the_plan_cited_as_the_document_writes_it_resolves():
    for h in PLAN.outline:
        cited = citation_text(section_path(PLAN.outline, h.line))
        r = check(cited, [PLAN, ARTICLE])
        assert (r.status, r.line, r.suggestion) == ("resolved", h.line, cited), cited


# ---- each verdict -------------------------------------------------------------------------
@pytest.mark.parametrize("citation,line", [
    ("七、保障措施（二）推进重点工程", 130),  # number path and title
    ("（二）推进重点工程", 130),               # one heading has this number and title
    ("推进重点工程", 130), ("重点工程", 130),  # title alone, unambiguous
    ("七、（二）", 130), ("Section 7.2", 130),  # numbers alone
    ("第七章", 126), ("第七章 保障措施", 126),  # a chapter is a top-level part of a plan
    ("第三章：绿色矿山建设", 40),              # the title lies within chapter 3
    ("碳计量监测", 90),
])
def test_resolved(citation, line):
    r = check(citation, [PLAN, ARTICLE])
    assert (r.status, r.line) == ("resolved", line), r.detail
    assert r.source.endswith("ordos-carbon-peaking-plan-2024.zh.txt")


def test_mismatch_both_ways():
    # The title is a heading's, the number another's.
    r = check("二、发展路径", [PLAN])
    assert (r.status, r.heading, r.suggestion) == ("mismatch", "（二）发展路径", "一、总体要求（二）发展路径")
    # The number is right and the title close but not the document's.
    r = check("第五章：政策体系创新", [PLAN])
    assert (r.status, r.heading, r.line) == ("mismatch", "五、政策创新", 102)
    assert "its title is not '政策体系创新'" in r.detail


def test_ambiguous_lists_the_equal_candidates():
    r = check("（二）", [PLAN])
    assert r.status == "ambiguous" and r.line is None
    assert len(r.candidates) == 6 and {c["heading"] for c in r.candidates} >= {"（二）推进重点工程"}
    assert check("发展新模式", [PLAN]).status == "ambiguous"


def test_unresolved():
    assert check("第九章", [PLAN]).status == "unresolved"          # no such number
    r = check("碳达峰", [PLAN])                                    # not a heading; but said
    assert r.status == "unresolved" and "mentions it at line 2" in r.detail
    assert check("Section 2", []).detail.startswith("the record has no sources")
    unreadable = SourceText(Path("sources/rec/x.docx"), error=".docx files cannot be read")
    assert "none of the 1 files" in check("Section 2", [unreadable]).detail


@pytest.mark.parametrize("citation", [
    "发改气候〔2024〕通知", "DB15/T 2958-2023 Standard", "China Government Work Report 2025",
    "《碳排放权交易管理暂行条例》第五条", "National Implementation Plan for Piloting Carbon Peaking",
])
def test_external(citation):
    r = check(citation, [PLAN, ARTICLE])
    assert r.status == "external", r.detail


def test_without_sources_a_named_document_is_still_external():
    assert check("《碳排放权交易管理暂行条例》第五条", []).status == "external"
    assert check("第五条", []).status == "unresolved"


def test_a_source_named_by_its_title_is_not_external():
    r = check("《国家碳达峰试点（鄂尔多斯）实施方案》七、（二）", [PLAN])
    assert (r.status, r.line) == ("resolved", 130)
    whole = check("国家碳达峰试点（鄂尔多斯）实施方案", [PLAN])
    assert (whole.status, whole.heading, whole.line) == ("resolved", None, 12)
    # The article mentions the national plan in its text; that does not make it the plan.
    assert "mentions it at line 9" in check("National Implementation Plan for Piloting Carbon "
                                            "Peaking", [ARTICLE]).detail


@pytest.mark.parametrize("value,detail", [("", "no citation"), ("   ", "no citation"),
                                          (None, "no citation"), (12, "not text")])
def test_missing(value, detail):
    r = check(value, [PLAN])
    assert r.status == "missing" and detail in r.detail


def test_english_outline_matching():
    plan = text_source("# Industrial Plan\n\n## 3. Key Actions\nText.\n### 3.2 Market Mechanisms\n"
                       "Text.\n## 4. Building Capacity\nText.\n## 5. Policy Support\nText.\n")
    assert check("Section 5: Policy Support", [plan]).status == "resolved"
    r = check("Section 3.2", [plan])
    assert (r.status, r.suggestion) == ("resolved", "3. Key Actions > 3.2 Market Mechanisms")
    assert check(r.suggestion, [plan]).line == r.line
    assert check("Section 4: Capacity Building", [plan]).status == "mismatch"
    assert check("Section 3: Policy Support", [plan]).status == "mismatch"
    assert check("Section 6", [plan]).status == "unresolved"


def test_articles_and_sections_of_a_law():
    law = text_source("第一章 总则\n第一条 为了规范……\n第二章 登记\n第二条 登记机构应当……\n"
                      "第三条 交易主体应当公开碳排放信息。\n")
    r = check("第三条", [law])
    assert (r.status, r.heading, r.suggestion) == ("resolved", "第三条", "第二章 登记第三条")
    assert check("第三条 公开碳排放信息", [law]).status == "resolved"   # its text says so
    assert check("第九条", [law]).status == "unresolved"


# ---- purity, paths and the API around it ----------------------------------------------------------
def test_check_citations_reads_no_file(monkeypatch):
    def no_files(*args, **kwargs):
        raise AssertionError("check_citations opened a file")
    sources = [text_source("一、总体要求\n（一）总体思路\n正文。\n")]
    monkeypatch.setattr(builtins, "open", no_files)
    monkeypatch.setattr(Path, "read_bytes", no_files)
    monkeypatch.setattr(Path, "read_text", no_files)
    assert check("总体思路", sources).status == "resolved"


def test_source_paths_are_relative_to_the_workspace(tmp_path):
    src = SourceText(tmp_path / "sources" / "rec" / "a.md", text="一、总体要求\n",
                     outline=parse_outline("一、总体要求\n"))
    data = {"id": "rec", "analysis": {"mrv": {"citation": "总体要求"}}}
    assert check_citations(data, [src], tmp_path)[0].source == "sources/rec/a.md"
    assert check_citations(data, [src])[0].source == "sources/rec/a.md"
    assert check_citations({"analysis": "x"}, [src]) == []


def test_results_are_json_ready():
    out = check("第四章：重点工程", [PLAN]).to_json()
    assert {"pillar", "citation", "status", "source", "heading", "line", "end_line", "detail",
            "suggestion"} <= set(out)
    assert CITATION_STATUSES == ("resolved", "mismatch", "ambiguous", "unresolved", "external", "missing")


def test_check_data_at_needs_a_workspace(seed_workspace, tmp_path):
    record = seed_workspace / "records" / "cn-ordos-pilot-2024.md"
    assert len(check_data_at(record, {"id": "cn-ordos-pilot-2024", "analysis": {}})) == 0
    lone = tmp_path / "lone.md"
    lone.write_text("---\nid: x\n---\n", encoding="utf-8")
    assert check_data_at(lone, {"id": "x"}) is None
    # A malformed id (as typed in the app) never names a folder outside sources/.
    assert check_data_at(record, {"id": "../../etc", "analysis": {"mrv": {"citation": "x"}}})[0] \
        .detail.startswith("the record has no sources")


# ---- the gate and validation ----------------------------------------------------------------
def _ordos_data() -> dict:
    from reviewer.core.record.document import RecordFile
    return RecordFile.load(SEEDS / "records" / "cn-ordos-pilot-2024.md").data


def test_the_gate_asks_for_a_note_on_each_unchecked_citation():
    data = _ordos_data()
    old = [str(r) for r in gate_reasons(data)]
    assert not any("citation is" in r for r in old)   # without citations: as before
    results = check_citations(data, [PLAN, ARTICLE])
    reasons = [str(r) for r in gate_reasons(data, results)]
    flagged = {r.split(":")[0] for r in reasons if "citation is" in r}
    # statutory is external but has an audit note; strategic's missing citation is already
    # "has no citation"; the others need a note.
    assert flagged == {"incentive", "liability", "mrv", "market"}
    assert any(r.startswith("incentive: citation is mismatch: title matches") for r in reasons)
    data["analysis"]["incentive"]["auditNote"] = "Cites the works programme; chapter number is the drafter's."
    assert "incentive" not in {r.pillar for r in gate_reasons(data, results)}


def test_validate_warns_about_mismatched_and_unresolved_citations(seed_workspace):
    record = seed_workspace / "records" / "cn-ordos-pilot-2024.md"
    plain = validate_file(record)[1]
    assert not any(i.code == "citation" for i in plain)
    issues = [i for i in validate_file(record, workspace=Workspace(seed_workspace))[1]
              if i.code == "citation"]
    assert [(i.path, i.severity) for i in issues] == [
        (("analysis", p, "citation"), "warning") for p in ("incentive", "liability", "mrv", "market")]
    assert issues[0].line == 17 and issues[0].message.startswith("citation mismatch: ")


def test_attaching_the_plan_elsewhere_changes_the_verdicts(seed_workspace):
    ws = Workspace(seed_workspace)
    shutil.rmtree(ws.sources_dir("cn-ordos-pilot-2024"))
    results = {r.pillar: r.status for r in check_record(ws, "cn-ordos-pilot-2024")}
    assert results["incentive"] == results["market"] == "unresolved"


def test_an_untitled_article_is_checked_by_its_text():
    law = text_source("第一章 总则\n第一条 为了规范碳排放权交易，制定本办法。\n")
    r = check("第一条 信息公开", [law])
    assert (r.status, r.heading) == ("mismatch", "第一条") and "does not say '信息公开'" in r.detail
