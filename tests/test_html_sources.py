"""HTML sources as auditors save them: government pages read by lxml + trafilatura.

Each shape here is one the extractor alone loses or runs together (text split by ``<br>``
in a ``<div>``, list items and cells with a ``<br>``, a plan laid out in one table cell,
``<center>``/``<font>`` markup, headings in a page with no ``<article>``); the pre-pass in
``reviewer.core.sources.htmlshape`` must keep every one, and the outline must find the
headings in it.
"""

from __future__ import annotations

import logging
import socket

import pytest

from reviewer.core.errors import SourceError
from reviewer.core.sources.htmltext import html_to_text
from reviewer.core.sources.reading import read_source


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("body, expected", [
    ("<div>坚持以项目为抓手<br>推进试点建设。</div>", "坚持以项目为抓手\n推进试点建设。\n"),
    ("<div>一、总体要求<br><br>正文。<br/>第二行</div>", "一、总体要求\n\n正文。\n第二行\n"),
    ("<ul><li>一、甲<br>说明</li><li>二、乙</li></ul>", "一、甲\n说明\n二、乙\n"),
    ("<center><font size=4><b>一、总体要求</b></font><br>正文内容在这里。</center>",
     "一、总体要求\n正文内容在这里。\n"),
    ("<div>开头文字<p>段落</p>结尾文字<br>下一行</div>", "开头文字\n\n段落\n\n结尾文字\n下一行\n"),
    ("<pre>一、甲\n  二、乙</pre>", "一、甲\n  二、乙\n"),
    ("<h2>七、保障措施</h2>", "## 七、保障措施\n"),
], ids=["div-br", "double-br", "li-br", "center-font", "mixed-run", "pre", "heading-only"])
def test_shapes_of_government_pages_keep_every_line(body, expected):
    assert html_to_text(page(body)) == expected


def test_headings_in_a_page_without_article_reach_the_text():
    text = html_to_text(page("<div class='nav'>首页 导航</div><div id='header'>网站横幅</div>"
                             "<div><h1>标题</h1><h2>一、总体要求</h2><p>正文。</p></div>"
                             "<div class='footer'>版权所有</div>"))
    assert text == "# 标题\n\n## 一、总体要求\n\n正文。\n"


def test_a_plan_laid_out_in_one_table_cell_keeps_its_outline(tmp_path):
    layout = ("<table width=900><tr><td><img src='logo.gif'></td></tr><tr><td>"
              "<h1>国家碳达峰试点实施方案</h1><p>一、总体要求</p><p>正文。</p>"
              "<p>（一）主要目标</p><p>到2025年。</p></td></tr></table>")
    path = tmp_path / "plan.html"
    path.write_text(page(layout), encoding="utf-8")
    source = read_source(path)
    assert "\t" not in source.text          # paragraphs, not one table row
    assert [(h.level, h.label) for h in source.outline][:3] == [
        (1, "国家碳达峰试点实施方案"), (2, "一、总体要求"), (3, "（一）主要目标")]


def test_a_data_table_gives_tab_separated_rows_and_a_br_in_a_cell_is_a_space():
    text = html_to_text(page("<p>附表</p><table><tr><th>名称<br>说明</th><th>值</th></tr>"
                             "<tr><td>甲</td><td>1</td></tr></table>"))
    assert "名称 说明\t值\n甲\t1\n" in text


def test_hidden_elements_and_inline_formatting():
    text = html_to_text(page("<p>可见<b>加粗</b><em>强调</em></p><div hidden>隐藏一</div>"
                             "<p style='color:red; display : none'>隐藏二</p>"
                             "<span aria-hidden='true'>隐藏三</span>"))
    assert text == "可见加粗强调\n"


def test_an_unclosed_paragraph_marked_hidden_does_not_hide_the_page():
    # <p> may be left unclosed; taking its "hidden" for the rest of the page would lose it.
    assert "正文" in html_to_text(page("<p hidden>注<p>正文"))


def test_a_page_holding_the_line_break_marker_keeps_its_text():
    assert html_to_text(page("<p>已有␞字符<br>下一行</p>")) == "已有␞字符\n\n下一行\n"


def test_empty_and_comment_only_pages_give_no_text():
    assert html_to_text("") == "" and html_to_text("<!-- nothing -->") == ""
    assert html_to_text(page("")) == ""


def test_a_page_nested_past_libxml2s_limit_is_refused_not_read_in_part(tmp_path):
    deep = "<div>" * 3000 + "深处的文字" + "</div>" * 3000
    with pytest.raises(SourceError, match="nested more than 2,047"):
        html_to_text(page("<p>开头</p>" + deep))
    path = tmp_path / "deep.html"
    path.write_text(page(deep), encoding="utf-8")
    source = read_source(path)
    assert source.text == "" and "nested" in source.error


def test_nothing_is_fetched_and_no_entity_is_expanded(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    hostile = (f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]><html><body>'
               f'<p>正文&x;</p><iframe src="http://example.com/"></iframe>'
               f'<img src="http://example.com/a.png"><link rel=stylesheet href="http://x/">'
               f'<script>fetch("http://x/")</script></body></html>')
    text = html_to_text(hostile)
    assert "正文" in text and "SECRET" not in text and "fetch" not in text


def test_the_extractors_doubts_are_not_printed(capfd, caplog):
    caplog.set_level(logging.DEBUG)
    html_to_text(page("<div>" + "<span>x</span>" * 50 + "</div>"))
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert not [r for r in caplog.records if r.name.split(".")[0] == "trafilatura"
                and r.levelno >= logging.WARNING]


def test_a_real_shaped_government_page_reads_in_order(tmp_path):
    body = ("<div class='top'><a href='/'>首页</a> | <a href='/zc'>政策</a></div>"
            "<table width='100%'><tr><td class='title'><center><font size=5>"
            "<b>关于推进零碳园区建设的通知</b></font></center></td></tr>"
            "<tr><td><div id='zoom'>各省、自治区：<br>为贯彻落实……现通知如下。<br>"
            "一、总体要求<br>（一）指导思想。坚持系统观念。<br>（二）主要目标。到2027年。<br>"
            "二、重点任务<br>（一）加快用能结构转型。</div></td></tr></table>"
            "<div class='footer'>主办单位：某部 版权所有</div>")
    path = tmp_path / "notice.html"
    path.write_text(page(body, "<title>通知</title>"), encoding="utf-8")
    source = read_source(path)
    lines = source.text.splitlines()
    wanted = ["一、总体要求", "（一）指导思想。坚持系统观念。", "（二）主要目标。到2027年。",
              "二、重点任务", "（一）加快用能结构转型。"]
    assert [line for line in lines if line in wanted] == wanted
    assert "版权所有" not in source.text and "首页" not in source.text
    labels = [h.label for h in source.outline]
    assert "一、总体要求" in labels and "二、重点任务" in labels


def test_a_page_with_no_main_text_shows_what_a_reader_sees():
    # The extractor drops a lone <footer> as page chrome and returns nothing; a source whose
    # only text is there still shows it, rather than an empty pane.
    assert html_to_text(page("<footer>一、总体要求<br>正文</footer><script>x()</script>")) == \
        "一、总体要求\n正文\n"
