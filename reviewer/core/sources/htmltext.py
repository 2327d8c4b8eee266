"""The main text of an HTML page, as plain lines the outline parser can read.

The page is parsed by lxml and its main text found by trafilatura, a maintained
boilerplate remover: navigation, banners, footers, asides, scripts and styles are left out,
and ``<h1>``-``<h6>`` become Markdown ``#`` lines so the page's headings reach the outline.
Nothing is fetched (lxml is told not to touch the network; images, stylesheets and frames
are never loaded) and no script runs.

Before trafilatura sees the page, :func:`normalize` reshapes what government pages are
made of and what the extractor would otherwise lose or run together: text split by
``<br>`` in a ``<div>`` or a cell, ``<center>``/``<font>`` markup, hidden elements, and
tables used for page layout (the whole plan in one cell). Data tables stay tables; their
rows come out as tab-separated cells, as a reader copies them.
"""

from __future__ import annotations

import codecs
import logging
import re

from reviewer.core.errors import SourceError
from reviewer.core.sources import htmlshape

# Codecs Python knows that no page is written in: "undefined" fails on every byte, the
# escapes, punycode and idna transform text rather than encode it, UTF-7 is refused by
# browsers (it hides markup), and a UTF-16/32 page could not have had its <meta> found by an
# ASCII scan (HTML reads such a declaration as UTF-8). Non-text codecs (base64, rot13, hex,
# zlib...) are refused by bytes.decode itself, which the caller catches.
_NOT_A_PAGE_CHARSET = {"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna",
                       "utf-7", "charmap", "mbcs", "oem", "utf-16", "utf-16-le", "utf-16-be",
                       "utf-32", "utf-32-le", "utf-32-be"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TABLE_RULE = re.compile(r"\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*")
_EMPTY_HEADING = re.compile(r"#{1,6}")
_BLANK_RUNS = re.compile(r"\n{3,}")
_BULLET = re.compile(r"^(\s*)[-*+] ")
# trafilatura and the libraries it uses log their doubts about a page; the reader's own
# message is the one the user sees.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def html_to_text(markup: str) -> str:
    """The page's main text: headings as ``#`` lines, blocks separated by blank lines."""
    page = htmlshape.parse(markup)
    if page is None:
        return ""
    marked_breaks = htmlshape.normalize(page)
    extracted = _extract(page)
    if extracted is None:
        # No block trafilatura would call main text (a bare fragment, say): show what a
        # reader sees rather than nothing.
        extracted = htmlshape.visible_text(page)
    if marked_breaks:
        extracted = extracted.replace(htmlshape.LINE_BREAK, "\n")
    return _tidy(extracted)


def _extract(page) -> str | None:
    import trafilatura  # imported here: 0.1 s, paid only when a page is read

    return trafilatura.extract(
        page, config=_config(), output_format="markdown", include_formatting=True,
        favor_recall=True, include_tables=True, include_comments=False, include_images=False,
        include_links=False, deduplicate=False, with_metadata=False)


_CONFIG = None


def _config():
    """trafilatura's settings for sources: keep even a one-line page (its size thresholds
    are for crawling the web), and no timeout by signal (pages are read in worker threads,
    where signals cannot be used; the size of what is read is bounded instead)."""
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        config = use_config()
        for key in ("MIN_EXTRACTED_SIZE", "MIN_OUTPUT_SIZE", "MIN_OUTPUT_COMM_SIZE",
                    "MIN_EXTRACTED_COMM_SIZE", "MIN_DUPLCHECK_SIZE"):
            config.set("DEFAULT", key, "1")
        config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
        _CONFIG = config
    return _CONFIG


def _tidy(markdown: str) -> str:
    """Table rows as tab-separated cells (without the Markdown rule under the header), list
    items without the bullet the extractor adds (a reader sees a dot, not a character of
    the text; numbers of an ordered list stay), no empty headings, no trailing spaces, at
    most one blank line between blocks."""
    lines: list[str] = []
    for line in markdown.replace("\r", "").split("\n"):
        line = line.replace("\xa0", " ").rstrip()
        if _EMPTY_HEADING.fullmatch(line):
            continue
        if line.startswith("|") and line.endswith("|"):
            if _TABLE_RULE.fullmatch(line):
                continue
            line = "\t".join(cell.strip() for cell in line[1:-1].split(" | "))
        line = _BULLET.sub(r"\1", line)
        lines.append(line)
    text = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
    return text + "\n" if text else ""


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


__all__ = ["SourceError", "declared_charset", "html_to_text"]
