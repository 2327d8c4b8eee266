"""Outlines of the documents auditors read: headings with level, number, title and line.

Chinese government documents number their parts ``第X章`` / ``第X节`` / ``一、`` /
``（一）`` / ``1.`` / ``（1）`` / ``第X条``; English ones use Markdown ``#``, ``Section 3.2``,
``Article 5`` or ``1.2 Title``. Each style has a fixed rank; a document's levels are the
ranks it actually uses, so a plan that starts at ``一、`` has ``一、`` at level 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "[零〇一二两三四五六七八九十百千]+"
_TITLE_CUT = re.compile(r"[。；;：:]")


def chinese_number(text: str) -> int | None:
    """``七`` -> 7, ``十二`` -> 12, ``二十三`` -> 23, ``12`` -> 12; None if not a number."""
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


# (style, rank, pattern): the pattern's groups are (number, title).
STYLES: list[tuple[str, int, re.Pattern]] = [
    ("md", 0, re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")),
    ("chapter", 10, re.compile(rf"^第({CN_NUM}|\d+)章\s*[：:、.．]?\s*(.*)$")),
    ("section", 20, re.compile(rf"^第({CN_NUM}|\d+)节\s*[：:、.．]?\s*(.*)$")),
    ("cn-top", 30, re.compile(rf"^({CN_NUM})、\s*(.+)$")),
    ("cn-paren", 40, re.compile(rf"^[（(]({CN_NUM})[）)]\s*(.+)$")),
    ("en-section", 30, re.compile(r"^(?:Section|SECTION|Chapter|CHAPTER|Part|PART)\s+(\d+(?:\.\d+)*)[.:]?\s*(.*)$")),
    ("en-article", 60, re.compile(r"^(?:Article|ARTICLE)\s+(\d+)[.:]?\s*(.*)$")),
    ("decimal", 50, re.compile(r"^(\d+(?:\.\d+)+)\.?\s+(\S.*)$")),
    ("arabic", 50, re.compile(r"^(\d{1,2})[.．、]\s*(\S.*)$")),
    ("arabic-paren", 55, re.compile(r"^[（(](\d{1,2})[）)]\s*(\S.*)$")),
    ("article", 60, re.compile(rf"^第({CN_NUM}|\d+)条\s*(.*)$")),
]


@dataclass(frozen=True)
class Heading:
    level: int            # 1 = top level of this document
    style: str
    number: str           # as the document writes it: "七、", "（二）", "第四章", "3.2"
    value: int | None     # the number itself: 7, 2, 4 (last part for 3.2)
    path: tuple[int, ...]  # number path through the outline: 七、→(7,), （二）under it→(7, 2)
    title: str
    line: int             # 1-based line in the source text

    @property
    def label(self) -> str:
        """The heading as the document writes it, e.g. ``七、保障措施``."""
        return f"{self.number}{self.title}" if self.style != "md" else self.title


def _short_title(text: str, style: str) -> str:
    text = text.strip()
    if style in ("arabic", "arabic-paren", "article", "cn-paren"):
        cut = _TITLE_CUT.search(text)  # numbered paragraphs: the title is the first clause
        if cut:
            text = text[: cut.start()]
    return text[:80]


def _written_number(style: str, raw: str, match: re.Match) -> str:
    return {"chapter": f"第{raw}章", "section": f"第{raw}节", "cn-top": f"{raw}、",
            "article": f"第{raw}条", "md": ""}.get(style, match.group(0)[: match.start(2)].strip())


def parse_outline(text: str) -> list[Heading]:
    found: list[tuple[int, str, str, int | None, str, int, int | None]] = []
    for lineno, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip(" \t\u3000\ufeff")
        if not line or len(line) > 400 and not line.startswith("#"):
            continue
        for style, rank, pattern in STYLES:
            m = pattern.match(line)
            if not m:
                continue
            raw, title = m.group(1), m.group(2)
            if style == "md":
                found.append((len(raw), style, "", None, title.strip(), lineno, None))
            else:
                value = chinese_number(raw.split(".")[-1])
                depth = raw.count(".") if style in ("decimal", "en-section") else 0
                found.append((rank + depth, style, _written_number(style, raw, m), value,
                              _short_title(title, style), lineno, depth))
            break
    ranks = sorted({f[0] for f in found})
    level_of = {rank: i + 1 for i, rank in enumerate(ranks)}
    out: list[Heading] = []
    stack: list[tuple[int, int]] = []  # (level, value) of open ancestors
    for rank, style, number, value, title, lineno, _ in found:
        level = level_of[rank]
        while stack and stack[-1][0] >= level:
            stack.pop()
        path = tuple(v for _, v in stack) + ((value,) if value is not None else ())
        stack.append((level, value if value is not None else 0))
        out.append(Heading(level, style, number, value, path, title, lineno))
    return out
