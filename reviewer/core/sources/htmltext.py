"""The main text of an HTML page, as plain lines the outline parser can read.

Only the standard library's tokenizer is used: nothing is fetched (images, stylesheets,
frames and scripts stay unloaded) and no script runs. Scripts, styles, navigation, page
headers and footers, asides and templates are dropped; block elements become line breaks,
and ``<h1>``-``<h6>`` become Markdown ``#`` lines so the page's headings reach the outline.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

# Never text a reader came for. <header>/<footer> are page chrome at the top level, but
# inside <article>/<main> they usually hold the document's own title, so those are kept.
_DROP = {"script", "style", "nav", "aside", "noscript", "template", "head", "svg", "iframe",
         "object", "embed", "canvas", "select", "button"}
_CHROME = {"header", "footer"}
_CONTENT = {"article", "main"}
_BLOCK = {"p", "div", "section", "article", "main", "ul", "ol", "li", "table", "tr", "thead",
          "tbody", "tfoot", "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption",
          "address", "center", "body", "html", "br", "hr", "form", "fieldset", "caption",
          "details", "summary", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6"}
_CELL = {"td", "th"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
         "source", "track", "wbr", "param"}
_OPTIONAL_END = {"p", "li", "td", "th", "tr", "dt", "dd", "option", "thead", "tbody", "tfoot"}
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
# Codecs Python knows that no page is written in: "undefined" fails on every byte, the
# escapes, punycode and idna transform text rather than encode it, UTF-7 is refused by
# browsers (it hides markup), and a UTF-16/32 page could not have had its <meta> found by an
# ASCII scan (HTML reads such a declaration as UTF-8). Non-text codecs (base64, rot13, hex,
# zlib...) are refused by bytes.decode itself, which the caller catches.
_NOT_A_PAGE_CHARSET = {"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna",
                       "utf-7", "charmap", "mbcs", "oem", "utf-16", "utf-16-le", "utf-16-be",
                       "utf-32", "utf-32-le", "utf-32-be"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.drop: list[str] = []        # open dropped elements (their text is not kept)
        self.content = 0                 # depth inside <article>/<main>
        self.heading: int | None = None  # level of the open <hN>
        self.pre = 0

    # -- structure ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "body" and self.drop[:1] == ["head"]:
            self.drop.clear()            # </head> may be left out
        if self.drop:
            if tag == self.drop[-1] and tag not in _VOID:
                self.drop.append(tag)    # the same element nested: count it
            return
        if tag in _DROP or (tag in _CHROME and not self.content) or _hidden(tag, attrs):
            if tag not in _VOID:
                self.drop.append(tag)
            return
        if tag in _CONTENT:
            self.content += 1
        if tag == "pre":
            self.pre += 1
        if tag in _HEADINGS and self.heading is None:
            self.heading = _HEADINGS[tag]
            self.out.append("\n" + "#" * self.heading + " ")
        elif tag in _BLOCK and self.heading is None:
            self.out.append("\n")
        elif tag in _CELL:
            self.out.append("\t")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if not self.drop and tag in ("br", "hr") and self.heading is None:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.drop:
            if tag == self.drop[-1]:
                self.drop.pop()
            return
        if tag in _CONTENT and self.content:
            self.content -= 1
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _HEADINGS and self.heading == _HEADINGS[tag]:
            self.heading = None
            self.out.append("\n")
        elif tag in _BLOCK and self.heading is None:
            self.out.append("\n")

    # -- text -----------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.drop:
            return
        data = data.replace("\xa0", " ")
        if not self.pre or self.heading is not None:
            data = _SPACE.sub(" ", data)
        self.out.append(data)


def _hidden(tag: str, attrs: list) -> bool:
    """``hidden`` / ``aria-hidden`` / ``display:none`` elements are not shown to readers.
    Elements whose end tag may be left out (``<p>``, ``<li>``) are kept: an unclosed one
    would otherwise hide the rest of the page."""
    if tag in _OPTIONAL_END:
        return False
    for name, value in attrs:
        if name == "hidden" or (name == "aria-hidden" and value == "true"):
            return True
        if name == "style" and value and re.search(r"display\s*:\s*none", value, re.I):
            return True
    return False


def html_to_text(markup: str) -> str:
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    lines = [line.strip(" \t") for line in "".join(parser.out).split("\n")]
    out: list[str] = []
    for line in lines:
        if re.fullmatch(r"#{1,6}", line):
            continue  # an empty heading
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def declared_charset(raw: bytes) -> str | None:
    """The encoding a page declares in a ``<meta>`` tag, if Python knows it as a character
    set a page can be in (else None: detect it). GB2312 and GBK pages are decoded as
    GB18030, their superset (pages often declare the smaller one)."""
    m = _META_CHARSET.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    if name in ("gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80"):
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec in _NOT_A_PAGE_CHARSET else codec
