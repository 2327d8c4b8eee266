"""Reading a citation: which part of which document does it point to?

A citation is free text written by an AI, a legacy system or an auditor: ``第四章：重点工程``,
``七、保障措施（二）推进重点工程``, ``Section 3.2``, ``Article 5 Definitions``,
``发改气候〔2024〕…号``, ``DB15/T 2958-2023 Standard``, ``China Government Work Report 2025``.
It is split into locator parts (a kind of division, its number and the title written after
it) and references to other documents (document numbers, standards, ``《名称》``, or a
name ending in a document kind such as "Report" or "通知").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.core.sources.outline import CN_NUM, chinese_number

_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Document numbers (发文字号): agency abbreviation, year in 〔〕 (or [] 【】), serial number.
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*(?:〔|\[|【)\s*(?:19|20)\d{2}\s*(?:〕|\]|】)\s*(?:第?\s*[\d…．.]*\s*号)?"
    r"|[\u4e00-\u9fff]{1,12}\s*[（(]\s*(?:19|20)\d{2}\s*[）)]\s*\d+\s*号")
# Standards: GB/T 1234-2020, DB15/T 2958-2023, HJ 2.2-2018, ISO 14064-1:2018.
STANDARD = re.compile(
    r"\b(?:GB|DB\d{2}|[A-Z]{2,5})(?:/[TZ])?\s*(?!(?:19|20)\d{2}\s*[-—–])\d+(?:\.\d+)*\s*[-—–]\s*(?:19|20)\d{2}\b"
    r"|\b(?:ISO|IEC|EN|ASTM|BS|DIN|IEEE|ANSI)(?:\s*/\s*[A-Z]{2,4})?\s*\d+(?:[-.]\d+)*(?::(?:19|20)\d{2})?\b")
BOOK_TITLE = re.compile(r"《([^》]{1,80})》")

_LOCATOR = re.compile("|".join([
    rf"第\s*(?P<cn_n>{CN_NUM}|\d+)\s*(?P<cn_unit>部分|编|章|节|条|款|项|段)",
    rf"(?<![\u4e00-\u9fff\d])(?P<top_n>{CN_NUM})、",
    rf"[（(](?P<paren_n>{CN_NUM})[）)]",
    r"[（(](?P<aparen_n>\d{1,2})[）)]",
    r"(?P<en_unit>§|\b(?i:part|chapter|section|sec\.|article|art\.|paragraph|para\.?|clause|item))"
    r"\s*(?P<en_n>\d+(?:\.\d+)*|[IVXLC]+\b)",
    r"(?<![A-Za-z0-9.])(?P<dec_n>\d{1,3}(?:\.\d{1,3})+)(?![\d%])",
    r"(?<![A-Za-z0-9.])(?P<ar_n>\d{1,2})[.．、](?![\d])",
]))
_CN_UNITS = {"部分": "part", "编": "part", "章": "chapter", "节": "section", "条": "article",
             "款": "clause", "项": "clause", "段": "clause"}
_EN_UNITS = {"part": "part", "chapter": "chapter", "section": "en-section", "sec.": "en-section",
             "§": "en-section", "article": "article", "art.": "article", "paragraph": "clause",
             "para": "clause", "para.": "clause", "clause": "clause", "item": "clause"}
# Words naming a kind of document. Used only when a citation has no locator and matches no
# heading: then it most likely names another document than the sources.
_EN_KIND = re.compile(
    r"\b(reports?|white\s*paper|guidelines?|guidance|notice|circular|catalog(?:ue)?|laws?|act|"
    r"regulations?|measures|opinions?|standards?|directive|decision|plan|strategy|roadmap|"
    r"programme|announcement|communiqu[eé]|bulletin|yearbook|decree|ordinance|resolution)\b",
    re.I)
_CN_KIND = re.compile(r"(报告|白皮书|通知|意见|办法|规定|条例|法律|(?<![方做看说写用想])法|指南|指引|"
                      r"目录|标准|方案|规划|纲要|公告|决定|决议|细则|批复|公报|年鉴|文件)"
                      r"\s*[（(]?\s*(?:(?:19|20)\d{2}\s*年?(?:版)?)?\s*[）)]?$")
_TRIM = " \t\u3000：:，,、.．;；-–—|/>›»·\"'“”‘’「」『』"


@dataclass(frozen=True)
class Part:
    kind: str                # part, chapter, section, article, clause, cn-top, cn-paren,
    numbers: tuple[int, ...]  # arabic, arabic-paren, en-section, decimal
    written: str             # as the citation writes it: "第四章", "（二）", "Section 3.2"
    title: str = ""


@dataclass
class ParsedCitation:
    text: str
    parts: list[Part] = field(default_factory=list)   # locators, outermost first
    title: str = ""           # the title of the cited place, if the citation gives one
    doc_numbers: list[str] = field(default_factory=list)
    standards: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # 《…》 names
    named_document: str | None = None  # a name ending in a document kind ("… Report 2025")

    @property
    def locators(self) -> list[Part]:
        """The parts a heading can match (paragraphs and items within articles cannot)."""
        return [p for p in self.parts if p.kind != "clause"]

    @property
    def references(self) -> list[str]:
        return [*self.doc_numbers, *self.standards, *(f"《{d}》" for d in self.documents)]


def _clean(text: str) -> str:
    """A title between locators, without separators and brackets left unpaired by the cut
    (``Policy Support (Section 5)`` leaves ``Policy Support (`` and ``)``)."""
    text = text.strip(_TRIM)
    for _ in range(4):
        before = text
        if text[-1:] in "(（[【" or (text[-1:] in ")）]】" and _unpaired(text, closing=True)):
            text = text[:-1].strip(_TRIM)
        if text[:1] in ")）]】" or (text[:1] in "(（[【" and _unpaired(text, closing=False)):
            text = text[1:].strip(_TRIM)
        if text == before:
            break
    return text


def _unpaired(text: str, closing: bool) -> bool:
    opened = sum(text.count(c) for c in "(（[【")
    closed = sum(text.count(c) for c in ")）]】")
    return closed > opened if closing else opened > closed


def _part(m: re.Match) -> Part | None:
    g = m.groupdict()
    written = m.group(0)
    if g["cn_n"] is not None:
        kind, raw = _CN_UNITS[g["cn_unit"]], g["cn_n"]
    elif g["top_n"] is not None:
        kind, raw = "cn-top", g["top_n"]
    elif g["paren_n"] is not None:
        kind, raw = "cn-paren", g["paren_n"]
    elif g["aparen_n"] is not None:
        kind, raw = "arabic-paren", g["aparen_n"]
    elif g["en_n"] is not None:
        kind, raw = _EN_UNITS[g["en_unit"].lower()], g["en_n"]
    elif g["dec_n"] is not None:
        kind, raw = "decimal", g["dec_n"]
    else:
        kind, raw = "arabic", g["ar_n"]
    if "." in raw:
        numbers = tuple(int(p) for p in raw.split("."))
        if kind == "en-section":
            kind = "decimal" if len(numbers) > 1 else kind
        return Part(kind, numbers, written)
    value = chinese_number(raw)
    return Part(kind, (value,), written) if value is not None else None


def parse_citation(text: str) -> ParsedCitation:
    out = ParsedCitation(text)
    work = text.translate(_DIGITS)
    for pattern, bucket in ((BOOK_TITLE, out.documents), (DOC_NUMBER, out.doc_numbers),
                            (STANDARD, out.standards)):
        for m in pattern.finditer(work):
            bucket.append((m.group(1) if pattern is BOOK_TITLE else m.group(0)).strip())
        work = pattern.sub(lambda m: " " * len(m.group(0)), work)
    matches = [(m, _part(m)) for m in _LOCATOR.finditer(work)]
    matches = [(m, p) for m, p in matches if p is not None]
    prefix = _clean(work[: matches[0][0].start()] if matches else work)
    parts: list[Part] = []
    for i, (m, part) in enumerate(matches):
        end = matches[i + 1][0].start() if i + 1 < len(matches) else len(work)
        title = _clean(work[m.end():end])
        if part.kind == "clause" and parts and title and not parts[-1].title:
            parts[-1] = Part(parts[-1].kind, parts[-1].numbers, parts[-1].written, title)
            title = ""
        parts.append(Part(part.kind, part.numbers, part.written, title))
    out.parts = parts
    locators = out.locators
    if not parts:
        out.title = prefix
    elif locators:
        out.title = locators[-1].title
        if prefix and not out.title:
            out.title = prefix      # "Policy Support (Section 5)"
        if prefix and _kind_word(prefix):
            out.named_document = prefix  # "Implementation Plan, Section 3"
    if not locators and not out.references and _kind_word(out.title):
        out.named_document = out.title
    return out


def _kind_word(text: str) -> bool:
    return bool(_EN_KIND.search(text) or _CN_KIND.search(text.strip()))


def normalize(text: str, keep: str = "") -> str:
    """For comparing titles: case, spaces, punctuation and quotes do not count (``keep``:
    characters to keep anyway, e.g. newlines)."""
    drop = rf"(?:[^\w{re.escape(keep)}]|_)+" if keep else r"[\W_]+"
    return re.sub(drop, "", text.translate(_DIGITS).casefold())
