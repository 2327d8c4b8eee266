"""Outlines of the documents auditors read: headings with level, number, title and line.

Chinese government documents number their parts ``第X部分`` / ``第X章`` / ``第X节`` /
``第X条`` / ``一、`` / ``（一）`` / ``1.`` / ``（1）``; English ones use Markdown ``#``,
``Part II``, ``Chapter 3``, ``Section 3.2``, ``Article 5`` or ``1.2 Title``. Each style has a
fixed rank; a document's levels are the ranks it actually uses, so a plan that starts at
``一、`` has ``一、`` at level 1. Full-width digits (``１．``) count as digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
CN_NUM = "[零〇一二两三四五六七八九十百千]+"
N = rf"{CN_NUM}|\d+"
ROMAN = "[IVXLC]+"
# One character for one, so match positions in the normalised line are those of the original.
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_TITLE_CUT = re.compile(r"[。；;：:]")
_SEP = r"\s*[：:、.．—–-]?\s*"
_TAIL = re.compile(r"^(抄送|主送|印发)[：:]")  # the distribution list closes a Chinese document


def chinese_number(text: str) -> int | None:
    """``七`` -> 7, ``十二`` -> 12, ``二十三`` -> 23, ``12`` -> 12, ``IV`` -> 4; else None."""
    text = text.translate(_DIGITS)
    if text.isdigit():
        return int(text)
    if text and all(ch in _ROMAN for ch in text):
        values = [_ROMAN[ch] for ch in text]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                   for i, v in enumerate(values))
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0) if text else None


def _p(pattern: str) -> re.Pattern:
    return re.compile(pattern)


# (style, rank, pattern): groups ``num`` (the number as written), ``n`` (its digits) and
# ``title``. Order matters: the first pattern that matches a line wins.
STYLES: list[tuple[str, int, re.Pattern]] = [
    ("part", 5, _p(rf"^(?P<num>第(?P<n>{N})(?:部分|编))(?:{_SEP}(?P<title>.*))?$")),
    ("chapter", 10, _p(rf"^(?P<num>第(?P<n>{N})章)(?:{_SEP}(?P<title>.*))?$")),
    ("section", 20, _p(rf"^(?P<num>第(?P<n>{N})节)(?:{_SEP}(?P<title>.*))?$")),
    ("article", 25, _p(rf"^(?P<num>第(?P<n>{N})条)(?P<title>.*)$")),
    ("en-part", 5, _p(rf"^(?P<num>(?:Part|PART)\s+(?P<n>\d+|{ROMAN}))\b(?:{_SEP}(?P<title>.*))?$")),
    ("en-chapter", 10, _p(rf"^(?P<num>(?:Chapter|CHAPTER)\s+(?P<n>\d+|{ROMAN}))\b(?:{_SEP}(?P<title>.*))?$")),
    ("en-section", 20, _p(r"^(?P<num>(?:Section|SECTION|Sec\.|§)\s*(?P<n>\d+(?:\.\d+)*))(?![\d.]*\d)"
                          rf"(?:{_SEP}(?P<title>.*))?$")),
    ("en-article", 25, _p(rf"^(?P<num>(?:Article|ARTICLE|Art\.)\s+(?P<n>\d+|{ROMAN}))\b(?:{_SEP}(?P<title>.*))?$")),
    ("cn-top", 30, _p(rf"^(?P<num>(?P<n>{CN_NUM})、)\s*(?P<title>\S.*)$")),
    ("cn-paren", 40, _p(rf"^(?P<num>[（(](?P<n>{CN_NUM})[）)])\s*(?P<title>\S.*)$")),
    ("decimal", 50, _p(r"^(?P<num>(?P<n>\d{1,3}(?:\.\d{1,3})+))(?![\d])\.?\s*(?P<title>[^\d\s%．.].*)$")),
    ("arabic", 50, _p(r"^(?P<num>(?P<n>\d{1,2})[.．、])\s*(?P<title>[^\d\s%].*)$")),
    ("arabic-paren", 58, _p(r"^(?P<num>[（(](?P<n>\d{1,2})[）)])\s*(?P<title>\S.*)$")),
]
_MD = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_STARTS = set("第（(#§PCSA") | set(_CN_DIGITS) | set("十百千") | set("0123456789")
_PARAGRAPH_STYLES = {"arabic", "arabic-paren", "cn-paren", "cn-top", "decimal", "section",
                     "chapter", "part"}
_LIST_STYLES = {"arabic", "arabic-paren", "decimal"}


@dataclass(frozen=True)
class Heading:
    level: int            # 1 = top level of this document
    style: str            # the numbering style, or "md" for a Markdown heading
    number: str           # as the document writes it: "七、", "（二）", "第四章", "Section 3.2"
    value: int | None     # the number itself: 7, 2, 4 (last part for 3.2)
    path: tuple[int, ...]  # number path through the outline: 七、→(7,), （二）under it→(7, 2)
    title: str
    line: int             # 1-based line in the source text
    end_line: int = 0     # last line of the heading's section (before the next peer)
    kind: str = ""        # numbering style, also for "## 3.2 Title" (style "md", kind "decimal")
    text: str = ""        # the heading as written, e.g. "1.稳步释放煤炭优质产能"

    @property
    def label(self) -> str:
        """The heading as the document writes it, e.g. ``七、保障措施``."""
        if self.text:
            return self.text
        return f"{self.number}{self.title}" if self.style != "md" else self.title


@dataclass
class _Found:
    rank: int
    style: str
    kind: str
    number: str
    value: int | None
    numbers: tuple[int, ...] | None   # a dotted number ("3.2") is a path by itself
    title: str
    line: int
    text: str


def _is_latin(text: str) -> bool:
    return bool(text) and text[0].isascii() and text[0].isalpha()


def _title_of(style: str, rest: str) -> tuple[str, int]:
    """The heading title within the rest of the line, and where it ends in ``rest``.
    Numbered paragraphs (``1.稳步释放煤炭优质产能。大力……``) are titled by their first
    clause; an article (``第五条　本办法所称……``) has no title unless it is bracketed."""
    lead = len(rest) - len(rest.lstrip(" \t\u3000"))
    title = rest[lead:].rstrip(" \t\u3000")
    if style == "article":
        m = re.match(r"^[【\[（(]([^】\]）)]{1,30})[】\]）)]", title)
        return (m.group(1), lead + m.end()) if m else ("", 0)
    if style in _PARAGRAPH_STYLES or style.startswith("en-"):
        cut = _TITLE_CUT.search(title)
        if cut:
            title = title[: cut.start()].rstrip(" \t\u3000")
    title = title[:80]
    return title, lead + len(title)


def _match(line: str, original: str) -> _Found | None:
    for style, rank, pattern in STYLES:
        m = pattern.match(line)
        if not m:
            continue
        rest = m.group("title") or ""
        title, end = _title_of(style, rest)
        if not _plausible(style, rest, title):
            return None
        raw = m.group("n")
        numbers = tuple(int(p) for p in raw.split(".")) if "." in raw else None
        depth = min(len(numbers) - 1, 4) if numbers else 0
        written = original[m.start("num"):m.end("num")]
        text = original[: m.start("title") + end] if end else written
        return _Found(rank + depth, style, style, written, chinese_number(raw.split(".")[-1]),
                      numbers, title, 0, text)
    return None


def _plausible(style: str, rest: str, title: str) -> bool:
    """Reject prose that merely starts like a heading: an English sentence or list item
    (``1. reduce emissions by 2030.``) or a Chinese list item (``（1）加强……；``)."""
    if (style in _LIST_STYLES or style == "cn-paren") and rest.rstrip().endswith(("；", ";")) \
            and _TITLE_CUT.search(rest).start() == len(rest.rstrip()) - 1:
        return False
    if _is_latin(title):
        if style.startswith("en-") and (title[0].islower() or len(rest) > 100):
            return False  # "Section 3 of the Act requires ..."
        if style in _LIST_STYLES and (not title[0].isupper() or len(rest) > 100
                                      or rest.rstrip().endswith((".", ",", ";", ":"))):
            return False
    return True


def _candidates(lines: list[str]) -> list[_Found]:
    found: list[_Found] = []
    for lineno, raw_line in enumerate(lines, start=1):
        original = raw_line.strip(" \t\u3000\ufeff\xa0")
        if not original or original[0].translate(_DIGITS) not in _STARTS:
            continue
        line = original.translate(_DIGITS)
        md = _MD.match(line)
        if md:
            inner = md.group(2)
            start = md.start(2)
            hit = _match(inner, original[start:start + len(inner)])
            hashes = len(md.group(1))
            if hit is None:
                hit = _Found(hashes, "md", "", "", None, None, inner.strip(), 0, inner.strip())
            else:
                hit.rank, hit.style = hashes, "md"
        else:
            hit = _match(line, original)
        if hit is not None:
            hit.line = lineno
            found.append(hit)
    return _drop_lists(found, lines)


def _drop_lists(found: list[_Found], lines: list[str]) -> list[_Found]:
    """English numbered lists are not headings: an item right after a line ending in ``:``
    or directly next to another item of its style (a heading is followed by its text)."""
    def latin_item(f: _Found) -> bool:  # "3.2.1" numbering is a document's, not a list's
        return f.style in ("arabic", "arabic-paren") and _is_latin(f.title)

    by_line = {f.line: f for f in found}
    keep = []
    for f in found:
        if latin_item(f):
            prev = lines[f.line - 2].strip() if f.line >= 2 else ""
            neighbours = [by_line.get(f.line - 1), by_line.get(f.line + 1)]
            if prev.endswith((":", "：")) or any(n is not None and latin_item(n) and
                                                 n.style == f.style for n in neighbours):
                continue
        keep.append(f)
    return keep


def _next_line_title(found: _Found, lines: list[str], starts: set[int]) -> None:
    """``Article 5`` / ``CHAPTER I`` alone on a line is often titled by the next line."""
    if found.title or found.style not in ("en-article", "en-chapter", "en-part", "chapter"):
        return
    nxt = found.line  # index of the following line
    while nxt < len(lines) and not lines[nxt].strip():
        nxt += 1
    if nxt >= len(lines) or nxt + 1 in starts:
        return
    candidate = lines[nxt].strip(" \t\u3000")
    if 0 < len(candidate) <= 60 and not candidate.endswith((".", "。", ";", "；", ",", "，")):
        found.title = candidate
        found.text = f"{found.text} {candidate}"


def parse_outline(text: str) -> list[Heading]:
    lines = text.splitlines()
    found = _candidates(lines)
    starts = {f.line for f in found}
    for f in found:
        _next_line_title(f, lines, starts)
    # A page whose <h3> is "（二）……" writes its other （X） in plain paragraphs: those are
    # the same level as the Markdown heading of their kind, not one below the deepest.
    def kind(f: _Found) -> tuple[str, int]:
        return f.kind, len(f.numbers or (0,))  # 3.2 and 3.2.1 are different levels

    md_rank: dict[tuple[str, int], int] = {}
    for f in found:
        if f.style == "md" and f.kind:
            md_rank.setdefault(kind(f), f.rank)
    for f in found:
        if f.style != "md" and kind(f) in md_rank:
            f.rank = md_rank[kind(f)]
    ranks = sorted({f.rank for f in found})
    level_of = {rank: i + 1 for i, rank in enumerate(ranks)}
    last = _last_text_line(lines)
    out: list[Heading] = []
    stack: list[tuple[int, tuple[int, ...]]] = []  # (level, path) of open ancestors
    for f in found:
        level = level_of[f.rank]
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else ()
        if f.numbers:
            path = f.numbers
        else:
            path = parent + ((f.value,) if f.value is not None else ())
        stack.append((level, path))
        out.append(Heading(level, f.style, f.number, f.value, path, f.title, f.line,
                           0, f.kind, f.text))
    return _with_end_lines(out, lines, last)


def _last_text_line(lines: list[str]) -> int:
    last = len(lines)
    for i, line in enumerate(lines, start=1):
        if _TAIL.match(line.strip(" \t\u3000")):
            last = i - 1
            break
    while last > 0 and not lines[last - 1].strip(" \t\u3000"):
        last -= 1
    return last


def _with_end_lines(headings: list[Heading], lines: list[str], last: int) -> list[Heading]:
    out = []
    for i, h in enumerate(headings):
        end = last
        for later in headings[i + 1:]:
            if later.level <= h.level:
                end = later.line - 1
                break
        end = min(end, last) if h.line <= last else h.line
        while end > h.line and not lines[end - 1].strip(" \t\u3000"):
            end -= 1
        out.append(Heading(h.level, h.style, h.number, h.value, h.path, h.title, h.line,
                           max(end, h.line), h.kind, h.text))
    return out


def section_path(outline: list[Heading], line: int) -> list[Heading]:
    """The chain of headings (top level first) whose sections contain the 1-based ``line``;
    empty before the first heading."""
    chain: list[Heading] = []
    for h in outline:
        if h.line > line:
            break
        while chain and chain[-1].level >= h.level:
            chain.pop()
        chain.append(h)
    while chain and chain[-1].end_line and chain[-1].end_line < line:
        chain.pop()
    return chain


def citation_text(chain: list[Heading]) -> str:
    """The chain written as a citation, the way the document writes its headings:
    ``七、保障措施（二）推进重点工程``; English headings are joined with `` > ``."""
    if len(chain) > 1 and chain[0].style == "md" and chain[0].value is None \
            and chain[1].value is not None:
        chain = chain[1:]  # "# Plan title" above numbered sections adds nothing to find them
    out = ""
    for h in chain:
        label = h.label
        if out and not (_cjk(out[-1]) and label and not (label[0].isascii() and label[0].isalpha())):
            out += " > "
        out += label
    return out


def _cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


SHARED_PREFIX = 4      # characters two headings' titles share before they are told apart
KEPT_PREFIX = 2        # characters of such a shared start still shown


def distinct_labels(outline: list[Heading]) -> list[str]:
    """Labels for a narrow outline pane that tell headings apart: where a title starts like
    another's ("（一）努力构建清洁低碳…" under each of ten sections), its number, the first
    characters and then the words that differ ("（一）努力…安全高效的能源体系"), so a pane
    that cuts the end still shows what tells them apart. A
    title unlike the others is its label as written."""
    titles = [h.title for h in outline]
    labels = []
    for i, heading in enumerate(outline):
        shared = max((_common_prefix(heading.title, other)
                      for j, other in enumerate(titles) if j != i and other != heading.title),
                     default=0)
        if shared < SHARED_PREFIX or shared >= len(heading.title):
            labels.append(heading.label)
            continue
        number = heading.number if heading.style != "md" else ""
        labels.append(f"{number}{heading.title[:KEPT_PREFIX]}…{heading.title[shared:]}")
    return labels


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def heading_at(outline: list[Heading], line: int) -> Heading | None:
    """The heading whose section holds ``line`` (the last one starting at or before it)."""
    found = None
    for heading in outline:
        if heading.line > line:
            break
        found = heading
    return found
