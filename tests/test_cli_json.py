"""The command line's JSON writer gives exactly ``json.dumps(..., indent=2)``'s text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.cli.common import json_default
from reviewer.cli.jsonout import dumps


def reference(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=json_default)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(), st.dates(), st.just(Path("a/b.md")))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner),
    st.dictionaries(st.one_of(st.text(), st.integers(), st.booleans()), inner, max_size=4)),
    max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(values)
def test_random_values_are_written_as_json_dumps_writes_them(value) -> None:
    assert dumps(value, json_default) == reference(value)


def test_record_data_and_issues() -> None:
    value = {"files": 2, "issues": [{"severity": "warning", "path": "analysis.mrv", "line": 3,
                                     "col": None, "message": "引号 \"q\" \\ \u2028 \x00"}],
             "data": {"pubDate": dt.date(2024, 1, 5), "empty": {}, "list": [], "nested": [[{}]],
                      "score": 1.5, "big": 10**30, "flag": True}}
    assert dumps(value, json_default) == reference(value)
