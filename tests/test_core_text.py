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
