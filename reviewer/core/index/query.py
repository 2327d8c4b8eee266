"""What a search asks for: its filters, and the filter box's language that writes them.

:class:`SearchFilters` is the one definition of the filters (``reviewer search``'s options,
the filter box's ``key:value`` words and :func:`search`'s SQL all come from it).

The filter box: ``status:draft country:CN year:2024 author:NDRC mrv:>=60 citation:mismatch
碳达峰`` means drafts from CN in 2024 by an author containing "NDRC", with an mrv score of 60
or more and a mismatched citation, whose text or sources contain 碳达峰. Scores take ``60``,
``>=60``, ``<=40``, ``40-80``; ``score:`` alone means any pillar, ``<pillar>:`` that pillar,
and ``citation:`` applies to that pillar when one is named. The words left over are the
search query (quotes keep a phrase). The keywords are those of ``reviewer search``'s
options, so what an auditor learns in one place works in the other.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields

from reviewer.core.errors import ReviewerError
from reviewer.core.terms import CITATION_STATUSES, PILLARS, REVIEW_STATUSES
from reviewer.core.texts import text


@dataclass(frozen=True)
class SearchFilters:
    """Conditions on a record besides its words; None means "any"."""
    status: str | None = None            # reviewStatus
    country: str | None = None           # exact, case-insensitive
    year: int | str | None = None
    author: str | None = None            # part of provenance.author
    pillar: str | None = None            # the pillar the score and citation filters look at
    min_score: int | None = None         # inclusive; of ``pillar``, else of any pillar
    max_score: int | None = None
    citation_status: str | None = None   # of ``pillar``, else of any pillar

    def __post_init__(self) -> None:
        if self.pillar is not None and self.pillar not in PILLARS:
            raise ReviewerError(text("unknown pillar {pillar!r} (one of {choices})",
                                     pillar=self.pillar, choices=", ".join(PILLARS)))
        if self.citation_status and self.citation_status not in CITATION_STATUSES:
            raise ReviewerError(text("unknown citation status {status!r} (one of {choices})",
                                     status=self.citation_status,
                                     choices=", ".join(CITATION_STATUSES)))

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def of(cls, **given: object) -> "SearchFilters":
        """From keyword arguments; an unknown name is refused with the known ones."""
        unknown = sorted(set(given) - set(cls.names()))
        if unknown:
            raise ReviewerError(text("unknown search filter {name!r} (one of {choices})",
                                     name=unknown[0], choices=", ".join(cls.names())))
        return cls(**given)  # type: ignore[arg-type]

    def given(self) -> dict:
        """The filters that are set, as keyword arguments."""
        return {k: v for k, v in asdict(self).items() if v is not None and v != ""}


# ---- the filter box language ---------------------------------------------------------------
_TOKEN = re.compile(r'[A-Za-z]+:"[^"]*"?|"[^"]*"?|\S+')
_KEY = re.compile(r"^([A-Za-z]+):(.*)$")
_SCORE = re.compile(r"^(?:(>=|<=|>|<|=)?(\d{1,3})|(\d{1,3})-(\d{1,3}))$")
TEXT_KEYS = {"status": "status", "country": "country", "year": "year", "author": "author",
             "citation": "citation_status"}


@dataclass
class FilterQuery:
    query: str = ""                                 # the words to search for
    filters: dict = field(default_factory=dict)     # keyword arguments of SearchFilters

    @property
    def empty(self) -> bool:
        return not self.query.strip() and not self.filters

    def search_filters(self) -> SearchFilters:
        return SearchFilters.of(**self.filters)


def parse_filter(typed: str) -> FilterQuery:
    """Split filter-box text into search words and filters; a malformed filter raises a
    ReviewerError that says which and how to write it."""
    words: list[str] = []
    filters: dict = {}
    for token in _TOKEN.findall(typed or ""):
        found = _KEY.match(token)
        key = found.group(1).lower() if found else None
        if key is None or (key not in TEXT_KEYS and key not in PILLARS and key != "score"):
            words.append(token)  # "Section 3:Key" or a URL stays a word
            continue
        value = found.group(2).strip('"')
        if not value:
            raise ReviewerError(text("{token!r}: give a value after the colon, e.g. {example}",
                                     token=token, example=_example(key)))
        if key in TEXT_KEYS:
            _text_filter(filters, key, value)
        else:
            _score_filter(filters, key, value, token)
    return FilterQuery(" ".join(words), filters)


def _text_filter(filters: dict, key: str, value: str) -> None:
    if key == "status" and value.lower() not in REVIEW_STATUSES:
        raise ReviewerError(text("status:{value}: the status is {first} or {second}",
                                 value=value, first=REVIEW_STATUSES[0], second=REVIEW_STATUSES[1]))
    if key == "year" and not re.fullmatch(r"\d{4}", value):
        raise ReviewerError(text("year:{value}: a year has four digits, e.g. year:2024", value=value))
    if key == "citation" and value.lower() not in CITATION_STATUSES:
        raise ReviewerError(text("citation:{value}: one of {choices}", value=value,
                                 choices=", ".join(CITATION_STATUSES)))
    filters[TEXT_KEYS[key]] = value.lower() if key in ("status", "citation") else value


def _score_filter(filters: dict, key: str, value: str, token: str) -> None:
    found = _SCORE.match(value)
    if not found:
        raise ReviewerError(text("{token!r}: write a score as 60, >=60, <=40 or 40-80", token=token))
    op, number, low, high = found.groups()
    if number is not None:
        n = int(number)
        bounds = {">=": (n, None), ">": (n + 1, None), "<=": (None, n), "<": (None, n - 1)}
        low_n, high_n = bounds.get(op or "=", (n, n))
    else:
        low_n, high_n = int(low), int(high)
    if any(b is not None and not 0 <= b <= 100 for b in (low_n, high_n)) or \
            (low_n is not None and high_n is not None and low_n > high_n):
        raise ReviewerError(text("{token!r}: scores run from 0 to 100, low to high", token=token))
    if "pillar" in filters and key in PILLARS and filters["pillar"] != key:
        raise ReviewerError(text("{token!r}: only one pillar's score can be filtered at a time",
                                 token=token))
    if key in PILLARS:
        filters["pillar"] = key
    if low_n is not None:
        filters["min_score"] = low_n
    if high_n is not None:
        filters["max_score"] = high_n


def _example(key: str) -> str:
    return {"status": "status:draft", "country": "country:CN", "year": "year:2024",
            "author": "author:NDRC", "citation": "citation:mismatch"}.get(key, f"{key}:>=60")
