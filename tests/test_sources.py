"""Reading sources (encodings, HTML without the network, PDF) and attaching them."""

from __future__ import annotations

import io
import os
import socket
import urllib.request

import pytest

from reviewer.core.errors import ReviewerError, SourceError
from reviewer.core.sources.attach import attach_source
from reviewer.core.sources.reading import decode_text, list_sources, read_source
from reviewer.core.workspace import Workspace

PLAN_TEXT = "七、保障措施\n（一）完善推进机制\n成立工作中心。\n（二）推进重点工程\n坚持以项目为抓手推进试点建设。\n"


# ---- encodings -----------------------------------------------------------------------------
@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
    ("utf-16", "utf-16"),                      # with a BOM, as Windows writes it
    ("utf-16-le", "utf_16_le"), ("utf-16-be", "utf_16_be"),  # without one
])
def test_chinese_text_in_each_encoding_reads_the_same(tmp_path, encoding, expected):
    path = tmp_path / f"plan-{encoding}.txt"
    path.write_bytes(PLAN_TEXT.encode(encoding))
    source = read_source(path)
    assert source.error is None
    assert source.text == PLAN_TEXT and source.encoding.replace("-", "_") == expected.replace("-", "_")
    assert [h.label for h in source.outline] == ["七、保障措施", "（一）完善推进机制", "（二）推进重点工程"]


def test_short_gbk_text_is_not_taken_for_big5():
    # charset-normalizer guesses Big5 for a few GBK characters; GB18030 fits and wins.
    assert decode_text("重点工程".encode("gbk")) == ("重点工程", "gb18030")


def test_ascii_utf16_without_bom_is_not_read_as_utf8_with_zero_bytes():
    text = "Section 3.2 Market mechanisms\nOperators report yearly.\n"
    assert decode_text(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_text(text.encode("utf-16-be")) == (text, "utf-16-be")


def test_windows_line_endings_become_newlines(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes("# Title\r\n\r\n## 1. Scope\r\ntext\r\n".encode("utf-8"))
    source = read_source(path)
    assert "\r" not in source.text and [h.line for h in source.outline] == [1, 3]


def test_unreadable_sources_are_reported_not_fatal(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "plan.txt").write_text(PLAN_TEXT, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    sources = [read_source(p) for p in list_sources(tmp_path)]
    assert [s.name for s in sources] == ["notes.docx", "plan.txt"]
    assert "cannot be read" in sources[0].error and sources[1].error is None


# ---- HTML ------------------------------------------------------------------------------
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Plan</title>
<script>fetch("http://tracker.example.com/ping?secret=1")</script>
<link rel="stylesheet" href="http://cdn.example.com/site.css"></head>
<body><nav><a href="/">首页</a> 导航菜单</nav><header>网站横幅</header>
<article><header><h1>国家碳达峰试点（鄂尔多斯）实施方案</h1></header>
<h2>七、保障措施</h2><p>总体&nbsp;说明。<img src="http://images.example.com/a.png"></p>
<h3>（二）推进重点工程</h3><div>坚持以项目为抓手<br>推进试点建设。</div>
<p>（三）严格监督考核</p><p>加强任务分解。</p>
<div style="display:none">隐藏文字</div>
<iframe src="http://ads.example.com/"></iframe>
<script>document.write('<p>由脚本写出</p>'); new Image().src = "http://x.example.com/"</script>
<style>p { color: red }</style><noscript>请启用脚本</noscript>
</article><aside>相关链接</aside><footer>版权所有</footer></body></html>"""


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args[1:] or kwargs}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_html_gives_the_main_text_and_headings_without_network(tmp_path, no_network):
    path = tmp_path / "plan.html"
    path.write_text(PAGE, encoding="utf-8")
    source = read_source(path)
    assert source.error is None and source.kind == "html"
    text = source.text
    for dropped in ("fetch", "tracker", "由脚本写出", "document.write", "color: red", "请启用脚本",
                    "导航菜单", "网站横幅", "相关链接", "版权所有", "隐藏文字", "http://"):
        assert dropped not in text
    assert "总体 说明。" in text and "坚持以项目为抓手\n推进试点建设。" in text
    assert [(h.level, h.label) for h in source.outline] == [
        (1, "国家碳达峰试点（鄂尔多斯）实施方案"), (2, "七、保障措施"), (3, "（二）推进重点工程"),
        (3, "（三）严格监督考核")]   # a plain paragraph, at the level of the <h3> of its kind
    assert source.outline[-1].path == (7, 3)


def test_html_in_a_declared_gbk_charset(tmp_path, no_network):
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">' \
           "</head><body><p>一、总体要求</p><p>正文。</p></body></html>"
    path = tmp_path / "gov.htm"
    path.write_bytes(page.encode("gbk"))
    source = read_source(path)
    assert source.encoding == "gb18030" and source.text == "一、总体要求\n\n正文。\n"
    assert [h.label for h in source.outline] == ["一、总体要求"]


def test_html_without_closing_head_keeps_the_body(tmp_path):
    path = tmp_path / "loose.html"
    path.write_text("<html><head><title>T</title><body><p>一、总体要求</p>", encoding="utf-8")
    assert read_source(path).text == "一、总体要求\n"


# ---- PDF -----------------------------------------------------------------------------------
def minimal_pdf(pages: list[list[str]]) -> bytes:
    """A real PDF, written by hand: one Helvetica text line per string, pages in order."""
    objs: dict[int, bytes] = {}
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    objs[2] = f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode()
    objs[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for pid, lines in zip(page_ids, pages):
        objs[pid] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                     f"<< /Font << /F1 3 0 R >> >> /Contents {pid + 1} 0 R >>").encode()
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        ops += ["(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
                for line in lines]
        stream = "\n".join(ops + ["ET"]).encode("latin-1")
        objs[pid + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    return pdf_file(objs)


def pdf_file(objs: dict[int, bytes]) -> bytes:
    """The PDF holding ``objs`` (object 1 the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objs):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objs[number] + b"\nendobj\n"
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


ACT = [["Carbon Capture Act", "Section 1: Purpose", "This act sets rules for capture (CCS)."],
       ["Section 2: Monitoring", "Operators report yearly."]]


def test_pdf_text_pages_and_outline(tmp_path):
    path = tmp_path / "act.pdf"
    path.write_bytes(minimal_pdf(ACT))
    source = read_source(path)
    assert source.error is None and source.kind == "pdf"
    assert source.text.splitlines() == [line for page in ACT for line in page]
    assert source.pages == [1, 4] and source.page_of(5) == 2
    assert [(h.label, h.line) for h in source.outline] == [("Section 1: Purpose", 2),
                                                          ("Section 2: Monitoring", 4)]


def _encrypted(password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf(ACT))))
    writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("name,data,message", [
    ("locked.pdf", lambda: _encrypted("secret"), "encrypted PDF that needs a password"),
    ("broken.pdf", lambda: b"%PDF-1.4\n1 0 obj garbage\n", "cannot read this PDF"),
    ("half.pdf", lambda: minimal_pdf(ACT)[:300], "cannot read this PDF"),
    ("scan.pdf", lambda: minimal_pdf([[]]), "no text layer"),
])
def test_a_pdf_that_cannot_be_read_is_an_error_on_that_source(tmp_path, capfd, name, data, message):
    path = tmp_path / name
    path.write_bytes(data())
    source = read_source(path)
    assert source.text == "" and message in source.error
    assert "\n" not in source.error
    assert capfd.readouterr().err == ""   # pypdf's complaints do not reach the terminal


def test_a_pdf_locked_with_an_empty_password_still_reads(tmp_path):
    path = tmp_path / "printlocked.pdf"
    path.write_bytes(_encrypted(""))
    assert read_source(path).text.startswith("Carbon Capture Act")


# ---- attaching -------------------------------------------------------------------------------
def test_attach_copies_into_the_record_folder(seed_workspace, tmp_path):
    ws = Workspace(seed_workspace)
    original = tmp_path / "guide.html"
    original.write_bytes(PAGE.encode("utf-8"))
    target = attach_source(ws, "cn-zero-carbon-parks", original)
    assert target == seed_workspace / "sources" / "cn-zero-carbon-parks" / "guide.html"
    assert target.read_bytes() == original.read_bytes()
    renamed = attach_source(ws, "cn-zero-carbon-parks", original, name="guide-2025.html")
    assert renamed.name == "guide-2025.html"
    leftovers = [p for p in target.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []   # the temporary file was renamed into place


def test_attach_refuses_to_overwrite_unless_asked(seed_workspace, tmp_path):
    ws = Workspace(seed_workspace)
    existing = ws.sources_dir("cn-ordos-pilot-2024") / "ordos-carbon-peaking-plan-2024.zh.txt"
    before = existing.read_bytes()
    newer = tmp_path / existing.name
    newer.write_text("一、新版\n", encoding="utf-8")
    with pytest.raises(SourceError, match="already exists .*--force"):
        attach_source(ws, "cn-ordos-pilot-2024", newer)
    assert existing.read_bytes() == before
    attach_source(ws, "cn-ordos-pilot-2024", newer, overwrite=True)
    assert existing.read_text(encoding="utf-8") == "一、新版\n"
    with pytest.raises(SourceError, match="already this record's source"):
        attach_source(ws, "cn-ordos-pilot-2024", existing, overwrite=True)


@pytest.mark.parametrize("record,file,name,message", [
    ("no-such-record", "plan.txt", None, "no record with id 'no-such-record'"),
    ("../records", "plan.txt", None, "id '../records' cannot name a source folder"),
    ("cn-zero-carbon-parks", "missing.txt", None, "no such file"),
    ("cn-zero-carbon-parks", "folder", None, "is a folder"),
    ("cn-zero-carbon-parks", "plan.txt", "../escape.txt", "not a plain file name"),
    ("cn-zero-carbon-parks", "plan.txt", ".hidden.txt", "not a plain file name"),
])
def test_attach_refusals(seed_workspace, tmp_path, record, file, name, message):
    (tmp_path / "plan.txt").write_text(PLAN_TEXT, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    with pytest.raises(ReviewerError, match=message):
        attach_source(Workspace(seed_workspace), record, tmp_path / file, name=name)
    assert not (seed_workspace / "sources" / "cn-zero-carbon-parks").exists()
    assert not (seed_workspace / "escape.txt").exists()


def test_attach_keeps_the_copy_readable_for_others(seed_workspace, tmp_path):
    original = tmp_path / "plan.txt"
    original.write_text(PLAN_TEXT, encoding="utf-8")
    target = attach_source(Workspace(seed_workspace), "cn-zero-carbon-parks", original)
    assert os.stat(target).st_mode & 0o444 == 0o444
