"""The filter box language: words and key:value filters, and malformed filters refused with
a message that says how to write them."""

from __future__ import annotations

import pytest

from reviewer.core.errors import ReviewerError
from reviewer.core.index.query import parse_filter


@pytest.mark.parametrize("text, query, filters", [
    ("", "", {}),
    ("碳达峰 carbon", "碳达峰 carbon", {}),
    ("status:draft 碳达峰", "碳达峰", {"status": "draft"}),
    ("Status:VERIFIED", "", {"status": "verified"}),
    ("country:中国 year:2024", "", {"country": "中国", "year": "2024"}),
    ("author:gemini", "", {"author": "gemini"}),
    ('author:"Human Audit" x', "x", {"author": "Human Audit"}),
    ("mrv:>=60", "", {"pillar": "mrv", "min_score": 60}),
    ("mrv:>60", "", {"pillar": "mrv", "min_score": 61}),
    ("score:<=40", "", {"max_score": 40}),
    ("score:<40", "", {"max_score": 39}),
    ("technical:40-80", "", {"pillar": "technical", "min_score": 40, "max_score": 80}),
    ("market:75", "", {"pillar": "market", "min_score": 75, "max_score": 75}),
    ("citation:mismatch incentive:>=0", "", {"citation_status": "mismatch", "pillar": "incentive",
                                             "min_score": 0}),
    # not a filter keyword: stays a word, so citations like "Section 3:Key" can be searched
    ("Section 3:Key https://x.org", "Section 3:Key https://x.org", {}),
    ('"carbon peaking" status:draft', '"carbon peaking"', {"status": "draft"}),
])
def test_parse(text, query, filters):
    parsed = parse_filter(text)
    assert (parsed.query, parsed.filters) == (query, filters)
    assert parsed.empty == (not query and not filters)


@pytest.mark.parametrize("text, message", [
    ("status:", "give a value after the colon"),
    ("status:pending", "draft or verified"),
    ("year:24", "four digits"),
    ("mrv:high", "write a score as 60"),
    ("mrv:101", "from 0 to 100"),
    ("score:80-40", "low to high"),
    ("citation:wrong", "one of resolved, mismatch"),
    ("mrv:>=60 market:<=40", "only one pillar"),
])
def test_malformed_filters_say_how_to_write_them(text, message):
    with pytest.raises(ReviewerError, match=message):
        parse_filter(text)
