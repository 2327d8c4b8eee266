"""Every case of the official YAML test suite, read as a record's frontmatter.

Each ``in.yaml`` is wrapped as ``---\\n<yaml>---\\nbody\\n`` and read with
:meth:`RecordFile.from_bytes`. The reader must never crash (only ``ReviewerError``), must
refuse the inputs the suite marks as errors, and must give back the exact bytes it read.
Accepted mappings are then edited; every edit is either refused or reads back as exactly
the intended data, under YAML 1.2 and YAML 1.1, with everything outside the frontmatter
byte for byte the same.

One honest exception: our splitter closes the frontmatter at the first line that is
exactly ``---`` or ``...`` (trailing blanks allowed), as every frontmatter tool does. For
inputs holding such a line the frontmatter is only the text before it, so for those we
demand "no crash" but not "refused".
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

import pytest

from reviewer.core.errors import EditRefused, ReviewerError
from reviewer.core.record import schema
from reviewer.core.record.datapath import same
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change

SUITE = Path(__file__).resolve().parent.parent.parent / "shared" / "yaml-test-suite"
# Same rule as reviewer.core.frontmatter._CLOSE, written out so the test does not trust it.
DELIMITER_LINE = re.compile(rb"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)
BODY = b"body\n"
PROBE_KEY, PROBE_VALUE, EDIT_VALUE = "reviewerProbe", "yes", "edited value"


def _cases() -> list[str]:
    if not SUITE.is_dir():
        return []
    return sorted(str(p.parent.relative_to(SUITE)) for p in SUITE.rglob("in.yaml"))


CASES = _cases()


def wrap(in_yaml: bytes) -> bytes:
    return b"---\n" + in_yaml + (b"" if in_yaml.endswith(b"\n") else b"\n") + b"---\n" + BODY


@functools.lru_cache(maxsize=None)
def classify(case: str) -> tuple[str, str]:
    """``(kind, outcome)``: kind is error/ok, outcome accepted/refused/truncated-*."""
    folder = SUITE / case
    in_yaml = (folder / "in.yaml").read_bytes()
    kind = "error" if (folder / "error").exists() else "ok"
    try:
        RecordFile.from_bytes(wrap(in_yaml))
        outcome = "accepted"
    except ReviewerError:
        outcome = "refused"
    except Exception as exc:  # a crash: reported by test_suite_case, counted by the stats
        return kind, f"crash: {type(exc).__name__}: {exc}"
    if DELIMITER_LINE.search(in_yaml):
        outcome = "truncated-" + outcome
    return kind, outcome


def _edits(data: dict) -> list[Change]:
    """(a) a new string key that looks like a YAML 1.1 boolean; (b) retype a scalar key."""
    edits = [Change((PROBE_KEY,), PROBE_VALUE)] if PROBE_KEY not in data else []
    for key, value in data.items():
        if isinstance(key, str) and isinstance(value, (str, int)) and not isinstance(value, bool):
            edits.append(Change((key,), EDIT_VALUE))
            break
    return edits


def _with(data: dict, key: str, value: object) -> dict:
    out = copy.deepcopy(data)
    out[key] = value
    return out


def _check_edit(rf: RecordFile, change: Change) -> str:
    """Render one edit; it must be refused or read back as exactly that change."""
    try:
        text = rf.render([change])
    except EditRefused:
        return "refused"
    (key,) = change.path
    new = RecordFile.from_bytes(text.encode("utf-8"))
    assert same(new.data, _with(rf.data, key, change.value)), (change, text)
    assert rf.parsed.data11 is not None  # render refuses when YAML 1.1 cannot read it
    assert same(new.parsed.data11, _with(rf.parsed.data11, key, change.value)), (change, text)
    assert isinstance(new.data[key], str) and isinstance(new.parsed.data11[key], str)
    # Nothing outside the frontmatter moves.
    for part in ("bom", "open_line", "close_line", "body"):
        assert getattr(new.split, part) == getattr(rf.split, part), part
    assert text.endswith("---\n" + BODY.decode())
    return "written"


@pytest.mark.parametrize("case", CASES)
def test_suite_case(case: str) -> None:
    folder = SUITE / case
    raw = wrap((folder / "in.yaml").read_bytes())
    kind, outcome = classify(case)
    if outcome.startswith("crash"):
        RecordFile.from_bytes(raw)  # re-raise for the traceback
        pytest.fail(f"{case}: {outcome}")

    if kind == "error" and outcome == "accepted":
        pytest.fail(f"{case}: the suite marks this input invalid, but it was read as "
                    f"{RecordFile.from_bytes(raw).data!r}")
    if not outcome.endswith("accepted"):
        return

    rf = RecordFile.from_bytes(raw)
    # Reading is lossless: the split joins back to the exact bytes.
    assert rf.split.join().encode("utf-8") == raw
    if not outcome.startswith("truncated"):
        assert rf.split.body == BODY.decode()
        assert rf.split.frontmatter.encode("utf-8") == raw[4:-len(b"---\n" + BODY)]

    # Validation may complain, but must not crash.
    errors = schema.schema_errors(rf.data)
    assert all(isinstance(m, str) for _, m in errors)
    try:
        from reviewer.core.review import validate  # not written yet in every checkout
    except ImportError:
        validate = None
    if validate is not None:
        for name in ("validate_record", "validate"):
            fn = getattr(validate, name, None)
            if callable(fn):
                try:
                    fn(rf)
                except ReviewerError:
                    pass
                break

    if not isinstance(rf.data, dict):
        # A mapping node can still construct to something else (``!!set``); edits of a
        # non-dict must be refused, never guessed.
        with pytest.raises(EditRefused):
            rf.render([Change((PROBE_KEY,), PROBE_VALUE)])
        return
    for change in _edits(rf.data):
        _check_edit(rf, change)


def test_suite_statistics() -> None:
    """The suite is really there, and a summary of how the reader fared (printed)."""
    assert len(CASES) >= 300, f"YAML test suite missing or incomplete at {SUITE}"
    counts: dict[tuple[str, str], int] = {}
    for case in CASES:
        key = classify(case)
        counts[key] = counts.get(key, 0) + 1
    assert sum(counts.values()) == len(CASES)
    assert sum(n for (k, _), n in counts.items() if k == "error") >= 80
    wrong = sorted(c for c in CASES if classify(c) == ("error", "accepted"))
    written = refused_edits = 0
    not_dict = []
    for case in CASES:
        if classify(case)[1].endswith("accepted"):
            rf = RecordFile.from_bytes(wrap((SUITE / case / "in.yaml").read_bytes()))
            if not isinstance(rf.data, dict):
                not_dict.append(case)
                continue
            for change in _edits(rf.data):
                try:
                    rf.render([change])
                    written += 1
                except EditRefused:
                    refused_edits += 1
    lines = [f"{kind:5} {outcome:20} {n}" for (kind, outcome), n in sorted(counts.items())]
    lines.append(f"edits written {written}, edits refused {refused_edits}")
    lines.append(f"error cases wrongly accepted: {' '.join(wrong) or 'none'}")
    lines.append(f"accepted but data is not a dict: {' '.join(not_dict) or 'none'}")
    print("\nYAML test suite:\n" + "\n".join(lines))
