"""Parse an HTML page with lxml and reshape it for the main-text extractor.

Government pages are built from ``<div>``s broken by ``<br>``, ``<center>`` and ``<font>``,
hidden elements, and tables used to lay out the page (the whole plan in one cell). The
extractor reads a page as the web mostly is today and loses or runs together text in those
shapes: a run of text before a ``<br>`` in a ``<div>`` is dropped, a list item or a cell
with a ``<br>`` comes out empty, a layout table's paragraphs come out as one table row.
:func:`normalize` rewrites those shapes into the plain paragraphs a reader sees.
"""

from __future__ import annotations

import re

from reviewer.core.errors import SourceError

# libxml2 stops building the tree past this depth and says so only in its error log; the
# text below would be lost without a word.
_MAX_DEPTH_MESSAGE = "Excessive depth"
# Formatting that only changes how text looks. Unwrapped so the extractor neither marks it
# (``**bold**`` in an outline label) nor splits a sentence at it.
_INLINE_FORMATTING = ("b", "strong", "em", "i", "u", "mark", "font", "span", "small", "big",
                      "s", "strike", "del", "ins", "sub", "sup", "tt", "abbr", "cite", "q",
                      "dfn", "kbd", "samp", "var", "time", "label", "a")
_BLOCKS = {"p", "div", "section", "article", "main", "ul", "ol", "li", "table", "tr", "td",
           "th", "thead", "tbody", "tfoot", "blockquote", "pre", "dl", "dt", "dd", "figure",
           "figcaption", "address", "center", "header", "footer", "form", "fieldset",
           "caption", "details", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "nav",
           "aside", "body", "html"}
_PARAGRAPH_BLOCKS = {"p", "div", "table", "ul", "ol", "dl", "pre", "blockquote", "h1", "h2",
                     "h3", "h4", "h5", "h6", "section", "article"}
# Containers whose loose text and <br>-split lines the extractor mishandles.
_LOOSE_TEXT_CONTAINERS = {"div", "li", "td", "th", "dd", "center", "section", "article",
                          "main", "blockquote", "body", "figure", "form"}
_NEVER_TEXT = {"script", "style", "nav", "aside", "noscript", "template", "head", "svg",
               "iframe", "object", "embed", "canvas", "select", "button", "title"}
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")


def parse(markup: str):
    """The page as an lxml tree, or None for a page with nothing in it. No network, no
    comments or processing instructions; a page nested deeper than libxml2 builds is
    refused rather than read in part."""
    import lxml.etree
    import lxml.html

    if not markup.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True,
                                  remove_pis=True, no_network=True)
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"),
                                             parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None     # "Document is empty": only comments or whitespace
    if any(_MAX_DEPTH_MESSAGE in entry.message for entry in parser.error_log):
        raise SourceError("HTML nested more than 2,047 levels deep; not read")
    return tree


# Stands for a <br> through the extractor, which would make each one a paragraph break; a
# printable character it keeps, and one no policy text uses (checked per page).
LINE_BREAK = "\u241e"
_JOINED_BY_SPACE = {"td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "dt"}


def normalize(tree) -> bool:
    """Reshape ``tree`` in place for the extractor (see the module's docstring). True when
    line breaks were marked with :data:`LINE_BREAK`."""
    from lxml import etree

    _drop_hidden(tree)
    etree.strip_tags(tree, *_INLINE_FORMATTING)
    for center in tree.iter("center"):
        center.tag = "div"
    for table in list(tree.iter("table")):
        if _is_layout_table(table):
            _unwrap_layout_table(table)
    for element in list(tree.iter(*_LOOSE_TEXT_CONTAINERS)):
        _wrap_loose_text(element)
    marked = _mark_line_breaks(tree)
    _mark_main_text(tree)
    return marked


def _mark_line_breaks(tree) -> bool:
    """A ``<br>`` becomes :data:`LINE_BREAK` in the text (a space in a cell or a heading,
    which are one line each), unless the page already holds that character."""
    if any(LINE_BREAK in text for text in tree.itertext()):
        return False
    parents = {id(br.getparent()): br.getparent() for br in tree.iter("br")}
    for parent in parents.values():
        joined = parent.tag in _JOINED_BY_SPACE or any(
            a.tag in _JOINED_BY_SPACE for a in parent.iterancestors())
        _fold_breaks(parent, " " if joined else LINE_BREAK)
    return True


def _fold_breaks(parent, replacement: str) -> None:
    """Replace the ``<br>`` children of ``parent`` by ``replacement`` in its text, setting
    each text once: lxml copies a whole string on every change, and a page of 3,000 lines
    split by ``<br>`` in one ``<div>`` would take seconds."""
    holder, pieces = None, [parent.text or ""]
    for child in list(parent):
        if child.tag == "br":
            pieces += [replacement, child.tail or ""]
            parent.remove(child)
            continue
        _set_text_after(parent, holder, "".join(pieces))
        holder, pieces = child, [child.tail or ""]
    _set_text_after(parent, holder, "".join(pieces))


def _set_text_after(parent, holder, text: str) -> None:
    """Text after ``holder`` (a child) or, for None, the parent's leading text."""
    if holder is None:
        parent.text = text or None
    else:
        holder.tail = text or None


def _mark_main_text(tree) -> None:
    """A page that names no main text (no ``<article>`` or ``<main>``, as most government
    pages) gets its body wrapped in an ``<article>``. Without one the extractor falls back
    to collecting paragraphs and drops every heading, and the outline with them; page
    chrome inside is still removed by its tags and class names."""
    from lxml import etree

    if next(tree.iter("article", "main"), None) is not None:
        return
    body = tree.find("body")
    if body is None:
        return
    article = etree.Element("article")
    article.text, body.text = body.text, None
    article.extend(list(body))
    body.append(article)


def visible_text(tree) -> str:
    """What a reader sees, block by block: the fallback when the extractor finds no main
    text (a bare fragment, a page of one table cell)."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _NEVER_TEXT:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCKS or tag == "br"
        if block:
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return "\n\n".join(lines)


# ---- reshaping ------------------------------------------------------------------------------
def _drop_hidden(tree) -> None:
    """Remove what readers are not shown. The tree is built, so an unclosed ``<p hidden>``
    ends where HTML ends it, rather than hiding the rest of the page."""
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.getparent() is None:
            continue
        style = element.get("style") or ""
        if (element.get("hidden") is not None or element.get("aria-hidden") == "true"
                or _DISPLAY_NONE.search(style)):
            element.drop_tree()


def _is_layout_table(table) -> bool:
    """A table used to place the page: some cell holds paragraphs, headings or tables of
    its own. A data table's cells hold a value each."""
    for cell in table.iter("td", "th"):
        for inner in cell.iter(*_PARAGRAPH_BLOCKS):
            if inner is not cell and _nearest_table(inner.getparent()) is table:
                return True
    return False


def _nearest_table(element):
    while element is not None and element.tag != "table":
        element = element.getparent()
    return element


def _unwrap_layout_table(table) -> None:
    """Each cell becomes a ``<div>`` in the table's place; rows and sections dissolve."""
    from lxml import etree

    for cell in table.iter("td", "th"):
        if _nearest_table(cell.getparent()) is table:
            cell.tag = "div"
            for name in list(cell.attrib):
                del cell.attrib[name]
    for part in list(table.iter("tr", "tbody", "thead", "tfoot", "caption")):
        if _nearest_table(part.getparent()) is table:
            part.tag = "div" if part.tag == "caption" else part.tag
    etree.strip_tags(table, "tbody", "thead", "tfoot")
    for row in [r for r in table if r.tag == "tr"]:
        row.tag = "div"
    table.tag = "div"
    for name in list(table.attrib):
        del table.attrib[name]


def _wrap_loose_text(element) -> None:
    """Runs of text and inline elements beside block children, or broken by ``<br>``, go
    into ``<p>`` elements of their own; a ``<br>`` inside a run stays a line break."""
    has_break = any(child.tag == "br" for child in element)
    has_block = any(_is_block(child) for child in element)
    if not has_break and not (has_block and _has_loose_text(element)):
        return
    rebuilt = []
    for item in _runs(element):
        if isinstance(item, tuple):
            paragraph = _paragraph(*item)
            if paragraph is not None:
                rebuilt.append(paragraph)
        else:
            rebuilt.append(item)
    element.text = None
    for child in list(element):
        element.remove(child)
    element.extend(rebuilt)


def _is_block(element) -> bool:
    return isinstance(element.tag, str) and element.tag in _BLOCKS


def _has_loose_text(element) -> bool:
    if (element.text or "").strip():
        return True
    return any((child.tail or "").strip() or not _is_block(child) for child in element)


def _runs(element):
    """The element's content in order: block children as they are, and between them
    (leading text, [inline children]) runs. A block's tail starts the next run."""
    items: list = []
    text, members = element.text or "", []
    for child in list(element):
        if _is_block(child):
            items.append((text, members))
            text, members = child.tail or "", []
            child.tail = None
            items.append(child)
        else:
            members.append(child)
    items.append((text, members))
    return items


def _paragraph(text: str, members: list):
    """A ``<p>`` holding one run, or None when the run shows nothing."""
    from lxml import etree

    while members and members[-1].tag == "br" and not (members[-1].tail or "").strip():
        members.pop()                        # a trailing <br> adds nothing
    while members and members[0].tag == "br" and not text.strip():
        text = members.pop(0).tail or ""     # nor does a leading one
    if not text.strip() and not any(_has_content(m) for m in members):
        return None
    paragraph = etree.Element("p")
    paragraph.text = text
    paragraph.extend(members)
    return paragraph


def _has_content(element) -> bool:
    return bool("".join(element.itertext()).strip() or (element.tail or "").strip()
                or element.tag == "img")
