"""Matching a parsed citation against the headings of the record's sources.

A heading matches a citation's *numbers* when the citation's locators can be laid, in order,
along the heading's chain of ancestors with the same kind of division and the same value
(a ``第二章`` also fits a plan's top-level ``二、`` when the plan has no chapters at all); and
its *title* when the normalised titles are equal (grade 3), one contains the other (2), or
they are merely similar or the section's text mentions the cited title (1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable

from reviewer.core.sources.citeparse import ParsedCitation, Part, normalize
from reviewer.core.sources.outline import Heading, citation_text
from reviewer.core.sources.reading import SourceText
from reviewer.core.texts import text
from reviewer.core.workspace import safe_record_id

# Which heading styles a locator kind names, and where it may fall back to when the
# document numbers that level another way (0: its top numbered level, 1: the one below).
KIND_STYLES = {"part": {"part", "en-part"}, "chapter": {"chapter", "en-chapter"},
               "section": {"section"}, "article": {"article", "en-article"},
               "cn-top": {"cn-top"}, "cn-paren": {"cn-paren"}, "arabic": {"arabic"},
               "arabic-paren": {"arabic-paren"}, "en-section": {"en-section"},
               "decimal": {"decimal"}}
FALLBACK_LEVEL = {"part": 0, "chapter": 0, "cn-top": 0, "en-section": 0, "section": 1}
HEADER_LINES = 20  # a document names itself (title, document number) near its top
_CJK = re.compile(r"[\u3400-\u9fff]")


def _long_enough(norm: str) -> bool:
    return len(norm) >= (2 if _CJK.search(norm) else 4)


# A heading's or locator's title, normalised once: the alignment tries each locator
# against each heading of every chain, for every citation.
_title = lru_cache(maxsize=8192)(normalize)


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    # Kept: each citation is compared with every heading of its sources, so a heading's
    # pairs were made again for each citation (a third of the matching's time).
    return frozenset({text[i:i + 2] for i in range(len(text) - 1)} or {text})


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character pairs: 1.0 same, 0.0 nothing shared."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


class Src:
    """One readable source, with what matching needs computed once."""

    def __init__(self, source: SourceText, rel: str) -> None:
        self.source, self.rel = source, rel
        self.outline = source.outline
        self.chains = _chains(self.outline)
        self.titles = [normalize(h.title) for h in self.outline]
        self.kinds = {h.kind for h in self.outline}
        numbered = [h.level for h in self.outline if h.value is not None]
        self.top = min(numbered) if numbered else 1

    @cached_property
    def lines(self) -> list[str]:
        # normalize() line by line, in one pass over the text (the app checks on every edit)
        return normalize(self.source.text, keep="\n").split("\n")

    @cached_property
    def header(self) -> list[tuple[int, str]]:
        """Its title block: the short lines among the first non-blank ones, alone and
        joined with the next (a title may wrap), and the file name (line 0). Long lines
        are body text, which only mentions other documents."""
        short = []
        for number, line in enumerate(self.source.text.split("\n"), start=1):
            text = line.strip()
            if text and len(short) < HEADER_LINES and len(text) <= (60 if _CJK.search(text) else 120):
                short.append((number, normalize(text)))
        pairs = [(a[0], a[1] + b[1]) for a, b in zip(short, short[1:]) if b[0] - a[0] <= 2]
        return short + pairs + [(0, normalize(Path(self.source.path).stem))]

    def names(self, norm: str, close: bool) -> int | None:
        """The line of the title block that carries ``norm`` (0: the file name). With
        ``close``, ``norm`` must be most of that line, not a word in it: a citation
        "碳达峰" does not name "国家碳达峰试点（鄂尔多斯）实施方案"."""
        for number, text in self.header:
            if norm in text and (not close or 2 * len(norm) >= len(text)):
                return number
        return None

    def mentions(self, norm: str, first: int = 1, last: int | None = None) -> int | None:
        """The first line in ``first..last`` whose text contains ``norm``."""
        if not _long_enough(norm):
            return None
        stop = len(self.lines) if last is None else min(last, len(self.lines))
        for number in range(max(first, 1), stop + 1):
            if norm in self.lines[number - 1]:
                return number
        return None


def _chains(outline: list[Heading]) -> list[list[Heading]]:
    """Each heading's chain of ancestors and itself, in one pass (section_path per heading
    would be quadratic in a long law)."""
    out, stack = [], []
    for h in outline:
        while stack and stack[-1].level >= h.level:
            stack.pop()
        stack.append(h)
        out.append(list(stack))
    return out


@dataclass
class Candidate:
    source: Src
    heading: Heading
    chain: list[Heading]
    grade: int | None     # title grade, None when the citation has no title
    loose: bool | None    # numbers lie along the chain (None: the citation has no numbers)
    strict: bool | None   # ... and the last number is this heading's own

    @property
    def suggestion(self) -> str:
        return citation_text(self.chain)


def describe_heading(chain: list[Heading]) -> str:
    """``（二）推进重点工程 under 七、保障措施``."""
    *parents, heading = chain
    if not parents:
        return heading.label
    return text("{heading} under {parents}", heading=heading.label,
                parents=" > ".join(p.label for p in parents))


def _where(c: Candidate) -> str:
    return text("{heading} ({file} line {line})", heading=describe_heading(c.chain),
                file=c.source.source.name, line=c.heading.line)


def _grade(cited: str, title: str) -> int:
    if not title:
        return 1  # an untitled article: the title cannot be compared
    if cited == title:
        return 3
    if cited in title and _long_enough(cited):
        return 2
    if title in cited:
        return 2 if len(title) * 2 >= len(cited) and _long_enough(title) else 1
    return 1 if similarity(cited, title) >= 0.5 else 0


def _compatible(part: Part, h: Heading, src: Src) -> bool:
    if part.kind == "decimal" or len(part.numbers) > 1:
        return h.path == part.numbers
    if h.value != part.numbers[0]:
        return False
    styles = KIND_STYLES[part.kind]
    if h.kind in styles:
        return True
    if src.kinds & styles or part.kind not in FALLBACK_LEVEL:
        return False
    return h.level == src.top + FALLBACK_LEVEL[part.kind]


def _aligns(parts: list[Part], chain: list[Heading], src: Src, strict: bool) -> bool:
    """Can ``parts`` be laid along ``chain`` in order (the last on the heading itself when
    ``strict``)? A locator's own title must not contradict the heading it lands on."""
    def fit(i: int, j: int) -> bool:
        if i == len(parts):
            return True
        last = i == len(parts) - 1
        for k in range(j, len(chain)):
            if strict and last and k != len(chain) - 1:
                continue
            part, h = parts[i], chain[k]
            if not _compatible(part, h, src):
                continue
            if not last and part.title and _grade(_title(part.title), _title(h.title)) == 0:
                continue
            if fit(i + 1, k + 1):
                return True
        return False
    return fit(0, 0)


def _candidates(parsed: ParsedCitation, scope: list[Src]) -> list[Candidate]:
    cited = normalize(parsed.title)
    parts = parsed.locators
    out = []
    for src in scope:
        for h, chain, title in zip(src.outline, src.chains, src.titles):
            grade = _grade(cited, title) if cited else None
            if grade == 1 and not title and src.mentions(cited, h.line, h.end_line or h.line):
                grade = 2  # an untitled article whose text says what the citation says
            strict = _aligns(parts, chain, src, True) if parts else None
            loose = strict if not cited or not parts or strict else _aligns(parts, chain, src, False)
            out.append(Candidate(src, h, chain, grade, loose, strict))
    return out


def _written(parsed: ParsedCitation) -> str:
    return "".join(p.written for p in parsed.locators)


def _best(cands: list[Candidate]) -> list[Candidate]:
    top = max((c.grade or 3) for c in cands)
    return [c for c in cands if (c.grade or 3) == top]


def _several(cands: list[Candidate]) -> str:
    shown = "; ".join(_where(c) for c in cands[:4])
    return shown + ("; " + text("and {count} more", count=len(cands) - 4) if len(cands) > 4 else "")


def _equally(best: list[Candidate]) -> str:
    return text("{count} headings match equally: {candidates}", count=len(best), candidates=_several(best))


def match(parsed: ParsedCitation, scope: list[Src]):
    """(status, the matched candidate or None, the equal candidates, a sentence)."""
    cands = _candidates(parsed, scope)
    cited, parts, written = normalize(parsed.title), parsed.locators, _written(parsed)
    title = parsed.title
    if parts:
        full = [c for c in cands if c.loose and (c.grade is None or c.grade >= 2)]
        if full:
            best = _best(full)
            if len(best) > 1:
                return "ambiguous", None, best, _equally(best)
            c = best[0]
            if cited:
                return "resolved", c, [], text("number and title agree with {where}", where=_where(c))
            return "resolved", c, [], text("{written} is at {where}", written=written, where=_where(c))
        pointed = [c for c in cands if c.strict]
        titled = [c for c in cands if c.grade and c.grade >= 2]
        if titled:
            best = _best(titled)
            if len(best) > 1:
                return ("ambiguous", None, best, text(
                    "the title matches {count} headings, none numbered {written}: {candidates}",
                    count=len(best), written=written, candidates=_several(best)))
            return "mismatch", best[0], [], _says_otherwise(best[0], written, pointed)
        if cited and len(pointed) == 1:
            c = pointed[0]
            h = c.heading
            mention = c.source.mentions(cited, h.line, h.end_line or h.line)
            if c.grade or mention:
                return "mismatch", c, [], _but(c, written, title, mention)
        if not cited:
            return "unresolved", None, [], text("no heading in the sources is numbered {written}",
                                                written=written)
        said = text("no heading is titled '{title}'", title=title)
        if len(pointed) == 1:
            said += "; " + text("{written} is at {heading}", written=written,
                                heading=describe_heading(pointed[0].chain))
        return "unresolved", None, [], said + _mention(cited, scope)
    titled = [c for c in cands if c.grade and c.grade >= 2]
    if titled:
        best = _best(titled)
        if len(best) > 1:
            return "ambiguous", None, best, _equally(best)
        return "resolved", best[0], [], text("title matches {where}", where=_where(best[0]))
    close = [c for c in cands if c.grade == 1 and c.heading.title]
    if len(close) == 1:
        said = text("no heading matches '{title}' (closest: {where})", title=title, where=_where(close[0]))
    else:
        said = text("no heading matches '{title}'", title=title)
    return "unresolved", None, [], said + _mention(cited, scope)


def _says_otherwise(c: Candidate, written: str, pointed: list[Candidate]) -> str:
    """The title matches ``c`` but the number does not."""
    if len(pointed) == 1:
        return text("title matches {where}, but the citation says {written}, which is {heading}",
                    where=_where(c), written=written, heading=describe_heading(pointed[0].chain))
    if not pointed:
        return text("title matches {where}, but the citation says {written}, and no heading has "
                    "that number", where=_where(c), written=written)
    return text("title matches {where}, but the citation says {written}", where=_where(c), written=written)


def _but(c: Candidate, written: str, title: str, mention: int | None) -> str:
    """The number names ``c`` but its title or text does not agree."""
    if mention and not c.grade:
        return text("{written} is {where}, but its text mentions '{title}' at line {line}",
                    written=written, where=_where(c), title=title, line=mention)
    if c.heading.title:
        return text("{written} is {where}, but its title is not '{title}'",
                    written=written, where=_where(c), title=title)
    return text("{written} is {where}, but its text does not say '{title}'",
                written=written, where=_where(c), title=title)


def _mention(cited: str, scope: list[Src]) -> str:
    for src in scope:
        line = src.mentions(cited)
        if line is not None:
            return "; " + text("{file} mentions it at line {line}", file=src.source.name, line=line)
    return ""


class Library:
    """The record's sources as matching sees them."""

    def __init__(self, sources: list[SourceText], rel: Callable[[Path], str],
                 record_id: str | None = None) -> None:
        self.sources = sources
        self.readable = [Src(s, rel(s.path)) for s in sources if not s.error and s.text.strip()]
        self.record_id = record_id

    def nothing_to_check(self) -> str:
        if self.record_id is not None and not safe_record_id(self.record_id):
            return text("the record has no sources: its id {id!r} cannot name a source folder",
                        id=self.record_id)
        folder = f"sources/{self.record_id}/" if self.record_id else text("the record's source folder")
        if self.sources:
            return text("none of the {count} files in {folder} can be read, so it cannot be checked",
                        count=len(self.sources), folder=folder)
        return text("the record has no sources to check it against (nothing in {folder})", folder=folder)

    def naming(self, names: list[str], close: bool = False) -> tuple[Src, int] | None:
        """The source that *is* one of the named documents, by its title block or file
        name, with the line that names it (1 when only the file name does)."""
        for name in names:
            norm = normalize(name)
            if not _long_enough(norm):
                continue
            for src in self.readable:
                line = src.names(norm, close)
                if line is not None:
                    return src, line or 1
        return None

    def mention(self, names: list[str]) -> tuple[Src, int] | None:
        for name in names:
            for src in self.readable:
                line = src.mentions(normalize(name))
                if line is not None:
                    return src, line
        return None
