"""The three-way field merge (issue 12): base as loaded, mine, the file on disk."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.record.merge import ABSENT, MINE, THEIRS, three_way

BASE = {"id": "x", "title": "T", "tags": ["a"],
        "analysis": {"mrv": {"score": 70, "label": "Good"}, "market": {"score": 40}}}


def edited(**changes) -> dict:
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        *parents, key = dotted.split("__")
        node = data
        for p in parents:
            node = node.setdefault(p, {})
        if value is ABSENT:
            node.pop(key)
        else:
            node[key] = value
    return data


def test_changes_to_different_fields_merge_by_themselves():
    merge = three_way(BASE, edited(analysis__mrv__score=60), edited(title="New title"))
    assert merge.clean
    assert merge.data["analysis"]["mrv"]["score"] == 60 and merge.data["title"] == "New title"
    assert merge.mine == [("analysis", "mrv", "score")] and merge.theirs == [("title",)]


def test_the_same_field_changed_on_both_sides_is_a_conflict_the_auditor_settles():
    merge = three_way(BASE, edited(analysis__mrv__score=60), edited(analysis__mrv__score=72))
    assert not merge.clean
    [conflict] = merge.conflicts
    assert (conflict.label, conflict.base, conflict.mine, conflict.theirs) == (
        "analysis.mrv.score", 70, 60, 72)
    assert merge.data["analysis"]["mrv"]["score"] == 72          # undecided: the file's
    assert merge.resolved({conflict.path: MINE})["analysis"]["mrv"]["score"] == 60
    assert merge.resolved({conflict.path: THEIRS})["analysis"]["mrv"]["score"] == 72
    with pytest.raises(ValueError, match="no choice for analysis.mrv.score"):
        merge.resolved({})


def test_both_sides_making_the_same_change_is_no_conflict():
    merge = three_way(BASE, edited(title="Same"), edited(title="Same"))
    assert merge.clean and merge.data["title"] == "Same"


def test_removed_on_one_side_and_changed_on_the_other_is_a_conflict():
    merge = three_way(BASE, edited(analysis__market=ABSENT), edited(analysis__market={"score": 45}))
    [conflict] = merge.conflicts
    assert conflict.path == ("analysis", "market") and conflict.mine is ABSENT
    assert "market" not in merge.resolved({conflict.path: MINE})["analysis"]


def test_a_removal_on_one_side_only_is_taken():
    merge = three_way(BASE, edited(tags=ABSENT), BASE)
    assert merge.clean and "tags" not in merge.data


def test_a_list_is_one_field():
    merge = three_way(BASE, edited(tags=["a", "mine"]), edited(tags=["a", "theirs"]))
    assert [c.path for c in merge.conflicts] == [("tags",)]


def test_new_fields_on_both_sides_and_key_order_of_the_file():
    mine = edited(analysis__mrv__auditNote="checked")
    theirs = {"title": "T", "id": "x", "tags": ["a"], "analysis": BASE["analysis"], "year": 2024}
    merge = three_way(BASE, mine, theirs)
    assert merge.clean
    assert list(merge.data) == ["title", "id", "tags", "analysis", "year"]
    assert merge.data["analysis"]["mrv"]["auditNote"] == "checked"


def test_a_new_field_added_on_both_sides_with_different_values_conflicts():
    merge = three_way(BASE, edited(year=2024), edited(year=2025))
    assert [(c.path, c.base, c.mine, c.theirs) for c in merge.conflicts] == [
        (("year",), ABSENT, 2024, 2025)]


def test_a_type_change_is_told_apart():
    # 1 and True and "1" are different values: a conflict, not "the same".
    merge = three_way(BASE, edited(analysis__mrv__score="70"), edited(analysis__mrv__score=70.0))
    assert len(merge.conflicts) == 1


leaves = st.one_of(st.integers(-5, 5), st.text(max_size=3), st.booleans(), st.none())
records = st.recursive(leaves, lambda inner: st.dictionaries(st.sampled_from("abcd"), inner,
                                                               max_size=4), max_leaves=12)
mappings = st.dictionaries(st.sampled_from("abcde"), records, max_size=5)


# Nested mappings are slow to generate on a loaded machine; that is not a failure.
RELAXED = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)


@RELAXED
@given(mappings, mappings)
def test_a_change_on_one_side_only_is_taken_whole(base, changed):
    assert three_way(base, changed, base).data == changed
    assert three_way(base, base, changed).data == changed
    assert three_way(base, changed, base).clean


@RELAXED
@given(mappings, mappings, mappings)
def test_choosing_every_side_gives_that_side_where_they_conflict(base, mine, theirs):
    merge = three_way(base, mine, theirs)
    all_theirs = merge.resolved({c.path: THEIRS for c in merge.conflicts})
    all_mine = merge.resolved({c.path: MINE for c in merge.conflicts})
    if merge.clean:
        assert all_mine == all_theirs == merge.data
    if not merge.mine:      # nothing only I changed: taking theirs everywhere is theirs
        assert all_theirs == theirs
    if not merge.theirs:
        assert all_mine == mine
