"""The core's messages in the Chinese interface (issue 16): findings, citation verdicts,
the verify gate's reasons and the sync's diagnoses are written in English by the core
(the command line prints them as they are) from literal templates, and the window shows
them translated, the record's own values kept as written.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from conftest import ROOT, git
from reviewer.core.review.gate import gate_reasons
from reviewer.core.review.gitrepo import GitRepo
from reviewer.core.review.remote import NoUpstream, upstream
from reviewer.core.review.validate import validate_record
from reviewer.core.sources.citations import check_data
from reviewer.core.workspace import Workspace
from reviewer.ui import core_text, i18n
from reviewer.ui.core_texts import TEMPLATES

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3,}")
ORDOS = "cn-ordos-pilot-2024"


def _tools():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "tools" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def chinese(qapp):
    i18n.switch(i18n.CHINESE, qapp)
    core_text.clear_cache()
    try:
        yield
    finally:
        i18n.switch(i18n.ENGLISH, qapp)
        core_text.clear_cache()


def _template_words() -> set[str]:
    """The English words the templates write themselves (not their values)."""
    return {w.lower() for t in TEMPLATES for w in WORD.findall(core_text.PLACEHOLDER.sub(" ", t))}


def _data_words(ws: Path) -> set[str]:
    """Every English word of the records and of the source files' names: data."""
    words = set()
    for path in [*ws.joinpath("records").rglob("*"), *ws.joinpath("sources").rglob("*")]:
        words.update(w.lower() for w in WORD.findall(path.name))
        if path.is_file() and path.parent.name == "records":
            words.update(w.lower() for w in WORD.findall(path.read_text(encoding="utf-8")))
    return words


def _left_in_english(message: str, data: set[str]) -> set[str]:
    return {w for w in WORD.findall(core_text.translated(message))
            if w.lower() in _template_words() and w.lower() not in data}


def test_every_core_template_is_listed_literal_and_translated():
    """The templates are literals, listed in core_texts.py as the core has them, and each
    translation keeps exactly the template's placeholders (tools/translations.py check)."""
    tools = _tools()
    templates, wrong = tools.core_templates()
    assert wrong == []
    assert list(dict.fromkeys(TEMPLATES)) == templates and len(templates) > 80
    assert [p for p in tools.problems() if "CoreText" in p or "core_texts" in p] == []


def test_english_is_shown_as_the_core_wrote_it(qapp):
    message = "no heading is titled '节能'; plan.md mentions it at line 3"
    assert core_text.translated(message) == message


def test_the_seeds_citation_verdicts_and_findings_read_in_chinese(chinese, repo: Path):
    ws = Workspace(repo)
    data_words = _data_words(repo)
    shown = []
    for path in sorted((repo / "records").glob("*.md")):
        record = ws.load(path)
        if not isinstance(record.data, dict):
            continue
        citations = check_data(ws, record.data, record.record_id)
        shown += [c.detail for c in citations]
        shown += [r.message for r in gate_reasons(record.data, citations, ws.config)]
        shown += [i.message for i in validate_record(record, workspace=ws)]
    assert len(shown) > 20
    for message in shown:
        chinese_text = core_text.translated(message)
        assert CJK.search(chinese_text), message
        assert _left_in_english(message, data_words) == set(), (message, chinese_text)


def test_values_stay_as_written_and_clauses_translate_one_by_one(chinese):
    assert core_text.translated("no heading is titled '节能降碳'; plan.md mentions it at line 12") == \
        "没有标题为 '节能降碳' 的章节; plan.md 第 12 行提到了它"
    assert core_text.translated(
        "第二章 is at 二、发展目标 under 第一部分 > 总则 (plan.md line 40)") == \
        "第二章 位于 二、发展目标（位于 第一部分 > 总则）（plan.md 第 40 行）"
    assert core_text.translated("citation is unresolved: no heading is titled 'X'") == \
        "引用未找到：没有标题为 'X' 的章节"


def test_a_message_of_no_template_is_shown_as_it_came(chinese):
    for message in ("fatal: unable to access 'https://example.org/x.git/': Could not resolve host",
                    "config.toml: line 3: expected '=' after a key", ""):
        assert core_text.translated(message) == message


def test_a_broken_record_s_schema_findings_read_in_chinese(chinese, tmp_path: Path):
    ws_root = tmp_path / "ws"
    (ws_root / "records").mkdir(parents=True)
    record = ws_root / "records" / "x-1.md"
    record.write_text("---\nid: x-2\ntitle: T\nreviewStatus: done\nyear: 'soon'\n"
                      "analysis:\n  mrv: {score: 140, label: L, evidence: E, citation: C}\n---\n",
                      encoding="utf-8")
    ws = Workspace(ws_root)
    issues = validate_record(ws.load(record), workspace=ws)
    shown = {i.message: core_text.translated(i.message) for i in issues}
    assert "140 超出范围（最大 100）" in shown.values(), shown
    assert "必须是 'draft', 'verified' 之一，而不是 'done'" in shown.values(), shown
    assert "必须是整数，而不是 'soon'" in shown.values(), shown
    for message, chinese_text in shown.items():
        assert CJK.search(chinese_text), message


def test_the_sync_s_no_upstream_diagnosis_reads_in_chinese(chinese, tmp_path: Path, git_env):
    folder = tmp_path / "clone"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    git(folder, "remote", "add", "origin", str(tmp_path / "gone.git"))
    with GitRepo.open(folder) as repo, pytest.raises(NoUpstream) as caught:
        upstream(repo)
    message = str(caught.value)
    assert message.startswith("branch main has no upstream")   # the command line's words
    assert core_text.translated(message) == (
        "分支 main 没有上游（与之共享的远程分支）; 设置一次即可：git push -u origin main"
        "（或 git branch --set-upstream-to origin/main）")


def test_an_unreadable_file_s_error_reads_in_chinese(chinese, tmp_path: Path):
    """What the list shows for a file it cannot read, in red."""
    from reviewer.core.errors import ReadError
    from reviewer.core.record.document import RecordFile
    cases = {b"title: no fence\n": "没有前置元数据：文件必须以 '---' 行开头",
             b"---\ntitle: [unclosed\n---\n": "YAML 语法错误：",
             b"---\n- a\n- b\n---\n": "前置元数据必须是字段映射（键: 值），而不是列表",
             b"---\ntitle: x\n": "前置元数据未闭合"}
    for raw, expected in cases.items():
        with pytest.raises(ReadError) as caught:
            RecordFile.from_bytes(raw, tmp_path / "x.md")
        assert expected in core_text.translated(caught.value.message), raw


def test_a_malformed_filter_says_how_to_write_it_in_chinese(chinese):
    """The filter box's red line under the list, typed as an auditor might."""
    from reviewer.core.errors import ReviewerError
    from reviewer.core.index.query import parse_filter
    cases = {"mrv:lots": "'mrv:lots'：评分写作 60、>=60、<=40 或 40-80",
             "status:done": "status:done：状态只能是 draft 或 verified",
             "year:24": "year:24：年份是四位数字，例如 year:2024",
             "mrv:90-10": "'mrv:90-10'：评分在 0 到 100 之间，先低后高",
             "country:": "'country:'：请在冒号后写上值，例如 country:CN"}
    for typed, expected in cases.items():
        with pytest.raises(ReviewerError) as caught:
            parse_filter(typed)
        assert core_text.translated(str(caught.value)) == expected, typed


def test_an_interrupted_verify_s_recovery_reads_in_chinese(chinese):
    """What the app's "Unfinished review" box and its status line show after recovery."""
    from reviewer.core.texts import text
    why = text("cannot finish the interrupted {action}: {file} changed meanwhile",
               action="verify", file="records/a.md") + "; " + text("nothing was committed")
    assert why.startswith("cannot finish the interrupted verify: records/a.md")  # the CLI's words
    assert core_text.translated(why) == \
        "无法完成中断的 核实：records/a.md 在此期间已被更改; 没有提交任何内容"
    done = "; ".join([text("put {file} back as it was before the {action}", file="records/a.md",
                           action="reopen"), text("forgot the interrupted action")])
    assert core_text.translated(done) == "已将 records/a.md 恢复为 重新打开 之前的样子; 已忘掉中断的操作"
