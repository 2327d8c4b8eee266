"""The outline parser: headings of Chinese and English documents, and citations of places.

The seeds' Ordos plan is the real case (一、 > （一） > 1., with numbered paragraphs whose
title is their first clause); crafted documents cover each other style and the prose that
only looks like a heading.
"""

from __future__ import annotations

import pytest

from conftest import SEEDS
from reviewer.core.sources.outline import Heading, chinese_number, citation_text, parse_outline, section_path
from reviewer.core.sources.reading import read_source

PLAN = SEEDS / "sources" / "cn-ordos-pilot-2024" / "ordos-carbon-peaking-plan-2024.zh.txt"
ARTICLE = SEEDS / "sources" / "cn-ordos-pilot-2024" / "ndrc-100-cities-pilot-2023.en.txt"


def by_line(outline: list[Heading]) -> dict[int, Heading]:
    return {h.line: h for h in outline}


@pytest.mark.parametrize("text,value", [("七", 7), ("十", 10), ("十二", 12), ("二十三", 23),
                                        ("一百零五", 105), ("12", 12), ("１２", 12), ("IV", 4),
                                        ("XII", 12), ("甲", None), ("", None)])
def test_chinese_roman_and_full_width_numbers(text, value):
    assert chinese_number(text) == value


def test_the_ordos_plan_outline():
    outline = read_source(PLAN).outline
    top = [h.label for h in outline if h.level == 1]
    assert top == ["一、总体要求", "二、发展目标", "三、主要任务", "四、科技创新", "五、政策创新",
                   "六、全民行动", "七、保障措施"]
    heads = by_line(outline)
    works = heads[130]
    assert (works.level, works.style, works.number, works.value, works.path, works.title) == \
        (2, "cn-paren", "（二）", 2, (7, 2), "推进重点工程")
    assert works.label == "（二）推进重点工程" and works.end_line == 132
    # Numbered paragraphs are headings titled by their first clause, long lines included
    # (line 59 is over 400 characters: the first version missed it).
    assert heads[37].label == "1.稳步释放煤炭优质产能" and heads[37].path == (3, 1, 1)
    assert heads[59].label == "2.提升煤化工产业创新能力" and heads[59].path == (3, 5, 2)
    assert heads[90].path == (3, 10, 3) and heads[90].title == "构建碳计量监测系统"
    assert len(outline) == 64
    # The closing distribution list (抄送：…) is not part of the last section.
    assert heads[126].end_line == 138 and heads[136].end_line == 138
    # The notice's date and the plan's own title are not headings.
    assert not {1, 2, 10, 12} & set(heads)


def test_the_english_article_has_no_headings():
    # Bullets, "By 2025, ..." and numbers inside sentences are prose, not an outline.
    assert read_source(ARTICLE).outline == []


LAW = """中华人民共和国某某管理办法

第一章　总则

第一条　为了规范碳排放权交易，制定本办法。
第二条【适用范围】本办法适用于：
（一）重点排放单位；
（二）其他交易主体；
第二章　登记
第一节 一般规定
第三条　登记机构应当建立登记系统。
第二节 特别规定
第４条 全角数字的条。
"""


def test_a_chinese_law_chapters_sections_and_articles():
    outline = parse_outline(LAW)
    assert [(h.level, h.label) for h in outline] == [
        (1, "第一章　总则"), (3, "第一条"), (3, "第二条【适用范围】"), (1, "第二章　登记"),
        (2, "第一节 一般规定"), (3, "第三条"), (2, "第二节 特别规定"), (3, "第４条")]
    heads = by_line(outline)
    # An article's body is not its title; a bracketed title is.
    assert heads[5].title == "" and heads[6].title == "适用范围"
    # Items ending in "；" list what an article covers: they are not headings.
    assert 7 not in heads and 8 not in heads
    assert heads[13].value == 4 and heads[13].path == (2, 2, 4) and heads[13].number == "第４条"
    assert heads[3].end_line == 8


def test_parts_and_full_width_digits():
    text = "第一部分 总体要求\n一、指导思想\n１．第一项工作。正文。\n（１）细则一。正文\n（２）细则二；\n2024年4月29日\n第二部分 重点任务\n"
    outline = parse_outline(text)
    assert [(h.level, h.label, h.path) for h in outline] == [
        (1, "第一部分 总体要求", (1,)), (2, "一、指导思想", (1, 1)), (3, "１．第一项工作", (1, 1, 1)),
        (4, "（１）细则一", (1, 1, 1, 1)), (1, "第二部分 重点任务", (2,))]


MARKDOWN = """# Carbon Capture Act

Intro text.

## 1. Scope

The act has three goals:
1. Reduce emissions by 2030
2. Build markets

## 2. Definitions
### 2.1 Carbon dioxide
Text.
## Annex
"""


def test_markdown_headings_with_numbers_inside():
    outline = parse_outline(MARKDOWN)
    assert [(h.level, h.style, h.kind, h.label, h.path) for h in outline] == [
        (1, "md", "", "Carbon Capture Act", ()), (2, "md", "arabic", "1. Scope", (1,)),
        (2, "md", "arabic", "2. Definitions", (2,)), (3, "md", "decimal", "2.1 Carbon dioxide", (2, 1)),
        (2, "md", "", "Annex", ())]
    # The numbered list after "goals:" is prose, not two headings.
    assert not {8, 9} & set(by_line(outline))


ENGLISH = """PART I
PRELIMINARY

Section 1: Purpose
The purpose of this act.

Section 3.2 Market mechanisms
Section 3 of the Act requires all emitters to report.
Article 5
Definitions
In this regulation the following definitions apply.
1.2 Monitoring Plans
3.5 million tonnes of CO2 were captured in 2024.
1. reduce emissions.
2024. A year of change.
By 2025, a framework will be built.
CHAPTER II - GENERAL PROVISIONS
"""


def test_english_parts_sections_articles_and_decimal_titles():
    outline = parse_outline(ENGLISH)
    assert [(h.style, h.label, h.path, h.line) for h in outline] == [
        ("en-part", "PART I PRELIMINARY", (1,), 1),
        ("en-section", "Section 1: Purpose", (1, 1), 4),
        ("en-section", "Section 3.2 Market mechanisms", (3, 2), 7),
        ("en-article", "Article 5 Definitions", (3, 2, 5), 9),
        ("decimal", "1.2 Monitoring Plans", (1, 2), 12),
        ("en-chapter", "CHAPTER II - GENERAL PROVISIONS", (1, 2), 17)]  # within PART I
    # Sentences that start like headings are not: "Section 3 of ...", "3.5 million",
    # "1. reduce ...", a year, "By 2025".
    assert {h.line for h in outline}.isdisjoint({8, 13, 14, 15, 16})


def test_section_path_and_citation_text():
    outline = read_source(PLAN).outline
    chain = section_path(outline, 131)  # a line of the body of 七、（二）
    assert [h.label for h in chain] == ["七、保障措施", "（二）推进重点工程"]
    assert citation_text(chain) == "七、保障措施（二）推进重点工程"
    assert citation_text(section_path(outline, 90)) == \
        "三、主要任务（十）努力构建区域碳资产管理新模式3.构建碳计量监测系统"
    assert section_path(outline, 5) == []          # the notice before the plan
    assert section_path(outline, 140) == []        # the distribution list after it
    english = parse_outline(MARKDOWN)
    # The document's own title adds nothing to a numbered place, so it is left out.
    assert citation_text(section_path(english, 13)) == "2. Definitions > 2.1 Carbon dioxide"
    assert citation_text(section_path(english, 3)) == "Carbon Capture Act"


def test_heading_keeps_its_first_version_constructor():
    # The app built Headings positionally before end_line/kind/text existed.
    old = Heading(1, "cn-top", "七、", 7, (7,), "保障措施", 126)
    assert old.label == "七、保障措施" and old.end_line == 0
    assert Heading(1, "md", "", None, (), "Scope", 3).label == "Scope"


def test_outline_labels_tell_headings_with_a_shared_start_apart():
    from reviewer.core.sources.outline import distinct_labels
    text = "".join(f"{n}、第{n}部分\n正文\n（一）努力构建清洁低碳{topic}体系\n正文\n"
                   for n, topic in zip("一二三四五六七八九十", ("能源", "交通", "建筑", "工业", "农业",
                                                       "金融", "市场", "技术", "标准", "监测")))
    outline = parse_outline(text)
    subs = [label for h, label in zip(outline, distinct_labels(outline)) if h.number == "（一）"]
    assert len(subs) == 10 and len(set(subs)) == 10
    assert subs[0] == "（一）努力…能源体系"
    assert all(len(label) <= 12 for label in subs)
    tops = [label for h, label in zip(outline, distinct_labels(outline)) if h.level == 1]
    assert tops[0] == "一、第一部分"    # shares only "第" with the others: as written
