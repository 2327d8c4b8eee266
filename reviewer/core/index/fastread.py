"""Read a record file's frontmatter fast, for the index, or say that only the engine may.

The record engine (:class:`RecordFile`) reads YAML with ruamel's pure-Python YAML 1.2
reader, which is exact but slow (milliseconds a file). The index needs the data of
thousands of files, so it reads them with PyYAML's C parser (``json`` for JSON) and uses
that reading only when it is provably the data the engine would give. The rule:

- The text is decoded and split by the engine's own code (:mod:`frontmatter`).
- JSON: ``json.loads`` gives exactly what the engine's JSON reader gives, unless that
  reader would refuse the text. So duplicate keys, ``NaN``/``Infinity``, a non-object root
  or more than 150 brackets (nesting could pass the engine's 200 levels) defer.
- YAML: every plain scalar is resolved under both YAML 1.1 (PyYAML) and YAML 1.2 (ruamel's
  own resolver). A scalar YAML 1.2 reads as text is read as its text, whatever YAML 1.1
  thinks (``yes``, ``on``, ``1:20``). Otherwise, if the two disagree on the type (``0o17``,
  ``1e3``), or agree but could construct different values (``0755``, ``1_000``, ``0x1F``, times
  with zones, merge keys ``<<``), the file goes to the engine. Text the two readers are
  known to treat differently defers too: tags (``!``), anchors and aliases (``&``, ``*``),
  directives (``%``), tabs, control or Unicode line-break characters, a comment glued to a
  quoted scalar, duplicate keys (the engine refuses them), deep nesting, very long text.
- Any error or a result that is not a mapping defers: the engine gives the exact message.

A deferral costs only speed (about 1.5 % of generated records defer). ``tests/test_fastread.py``
checks the rule on tricky scalars, random plain scalars and the whole YAML test suite:
whenever this module answers, its data equals the engine's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from ruamel.yaml.resolver import VersionedResolver

from reviewer.core.errors import ReviewerError
from reviewer.core.files import MAX_RECORD_BYTES, read_regular
from reviewer.core.record import frontmatter
from reviewer.core.record.summary import list_fields

_STR = "tag:yaml.org,2002:str"
_INT, _FLOAT, _TIMESTAMP = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"
_SAME_VALUE = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
_CANONICAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_CANONICAL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Text that PyYAML and ruamel may read differently, or that the engine refuses. Each check
# is a plain substring test first, because a regex scan of every file costs more than the
# rest of the guard together.
_ODD_CHARS = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_TAG = re.compile(r"(?:\A|[\s\[{,:])!")             # a tag
# An anchor or an alias where a node may start: at a line's start or after an indicator
# (``- &a``, ``? *b``, ``key: &c``, ``[*d``, ``{e: &f``, ``--- &g``); ``R &D`` inside prose
# is text. A tag before one (``!t &a``) defers by itself.
_ANCHOR = re.compile(r"(?:\A|\n|[-?:\[{,])[ ]*[&*]\S")
_DEEP = re.compile(r"(?:\A|\n)[ -]{40}")              # deep block nesting (engine: 200 levels)
# libyaml accepts two block scalars the engine refuses (YAML test suite X4QW and S98Z): a
# comment glued to the header (`>#`), and blank lines indented deeper than the first line.
_BLOCK_GLUED = re.compile(r"[|>][-+0-9]*#")
_BLANK_INDENTED = re.compile(r"\n[ ]+(?:\n|\Z)")
MAX_TEXT = 100_000     # longer frontmatter: the engine's alias-size check could apply
MAX_BRACKETS = 40      # more flow brackets: nesting could pass the engine's 200 levels
MAX_JSON_BRACKETS = 150


class Defer(Exception):
    """This text must be read by the record engine."""


_resolver12 = VersionedResolver(version=(1, 2))


_P11 = yaml.CSafeLoader.yaml_implicit_resolvers   # first character -> [(tag, regex)]
_P12 = _resolver12.versioned_resolver             # the same for ruamel's YAML 1.2
_FIRST = frozenset(k for k in (*_P11, *_P12) if k)
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_DEFER = "defer"
_STR12 = "str12"   # text in YAML 1.2, something else in YAML 1.1 (``yes``, ``on``, ``1:20``)
_cache: dict[str, str] = {}   # plain scalar -> tag (or _DEFER); numbers and words repeat


def _tag(table: dict, value: str) -> str:
    # How both libraries resolve a plain scalar: the regexes listed for its first character.
    for tag, regexp in (*table.get(value[:1], ()), *table.get(None, ())):
        if regexp.match(value):
            return str(tag)
    return _STR


def _both(value: str) -> str:
    tag, tag12 = _tag(_P11, value), _tag(_P12, value)
    if tag12 == _STR and tag != _STR:
        return _STR12  # yes, on, 1:20 ...: text in YAML 1.2, and a plain scalar's text is itself
    if tag12 != tag:
        return _DEFER  # 0o17, 1e3 ...
    if tag == _STR or tag in _SAME_VALUE:
        return tag
    if tag == _INT and _CANONICAL_INT.fullmatch(value):
        return tag
    if tag == _FLOAT and "_" not in value and ":" not in value:
        return tag
    if tag == _TIMESTAMP and _CANONICAL_DATE.fullmatch(value):
        return tag
    return _DEFER  # 0755, 1_000, 0x1F, a time with a zone, <<, = ...


class _Loader(yaml.CSafeLoader):
    """PyYAML's C loader that defers whenever YAML 1.2 could read a scalar differently.

    ``resolve`` replaces PyYAML's own (same tables, no path resolvers: none are set).
    ``diverged`` tells whether a scalar reads as text only in YAML 1.2 (then YAML 1.1
    tools read other data: the validator warns, so it must use the engine's readings)."""

    diverged = False

    def resolve(self, kind, value, implicit):  # noqa: D102 - called by the C parser
        if kind is not yaml.ScalarNode:
            return _MAP if kind is yaml.MappingNode else _SEQ
        if not implicit[0] or (value and value[0] not in _FIRST):
            return _STR  # quoted, or a first character no resolver of either version has
        tag = _cache.get(value)
        if tag is None:
            tag = _both(value)
            if len(value) < 24 and len(_cache) < 10_000:
                _cache[value] = tag
        if tag is _DEFER or tag == _DEFER:
            raise Defer(f"{value!r} may read differently in YAML 1.1 and 1.2")
        if tag == _STR12:
            self.diverged = True
            return _STR
        return tag

    def descend_resolver(self, current_node, current_index):  # noqa: D102 - no path resolvers
        pass

    def ascend_resolver(self):  # noqa: D102
        pass


def _build(node: yaml.Node) -> Any:
    """The node's value as PyYAML's SafeConstructor would give it, for the tags
    :func:`_both` lets through (canonical ints, floats and dates only) and without its
    generic machinery: the constructor was two thirds of a fast read."""
    if isinstance(node, yaml.ScalarNode):
        return _SCALARS[node.tag](node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item) for item in node.value]
    mapping = {_build(key): _build(value) for key, value in node.value}  # unhashable: TypeError
    if len(mapping) != len(node.value):
        raise Defer("duplicate keys")  # the engine refuses them
    return mapping


def _float(text: str) -> float:
    value = text.lower()
    sign = -1 if value[0] == "-" else 1
    if value[0] in "+-":
        value = value[1:]
    if value == ".inf":
        return sign * float("inf")
    if value == ".nan":
        return float("nan")
    return sign * float(value)


def _date(text: str) -> dt.date:
    year, month, day = text.split("-")
    return dt.date(int(year), int(month), int(day))


_SCALARS = {_STR: str, _INT: int, _FLOAT: _float, _TIMESTAMP: _date,
            "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
            "tag:yaml.org,2002:null": lambda text: None}


def _no_constants(name: str) -> Any:
    raise Defer(f"JSON {name}")


def _unique_pairs(pairs: list) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise Defer("duplicate JSON keys")
    return out


def read_yaml_fast(text: str) -> dict:
    return read_yaml_node(text)[0]


def read_yaml_node(text: str) -> tuple[dict, yaml.Node, bool]:
    """``(data, root node, diverged)``: the data, the composed node (its marks say where
    each value is) and whether YAML 1.1 tools would read other data (see ``_Loader``)."""
    if (len(text) > MAX_TEXT or text.count("[") + text.count("{") > MAX_BRACKETS
            or _ODD_CHARS.search(text) or '"#' in text or "'#" in text
            or text.startswith("%") or "\n%" in text
            or ("!" in text and _TAG.search(text))
            or (("&" in text or "*" in text) and _ANCHOR.search(text))
            or _DEEP.search(text)
            or (("|" in text or ">" in text)
                and (_BLOCK_GLUED.search(text) or _BLANK_INDENTED.search(text)))):
        raise Defer("text the fast reader does not vouch for")
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        data = _build(node) if node is not None else None
    except Defer:
        raise
    except Exception as exc:  # any YAML or construction error: the engine words it
        raise Defer(f"{type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise Defer("not a mapping")
    return data, node, loader.diverged


def read_json_fast(text: str) -> dict:
    if text.count("[") + text.count("{") > MAX_JSON_BRACKETS:
        raise Defer("possibly deep JSON")  # nesting can then pass the engine's 200 levels
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        raise Defer("not plain JSON") from None
    if not isinstance(data, dict):
        raise Defer("not an object")
    return data


def read_fast(raw: bytes) -> tuple[dict, str, str]:
    """``(data, format, body)`` exactly as the engine would read them, or raise
    :class:`Defer`. Decoding and splitting errors also defer (the engine reports them)."""
    try:
        split = frontmatter.split(frontmatter.decode(raw))
    except ReviewerError:
        raise Defer("decode or split") from None
    if split.format == "json":
        return read_json_fast(split.frontmatter), "json", split.body
    return read_yaml_fast(split.frontmatter), "yaml", split.body


# ---- rows for the index -------------------------------------------------------------------
# Keys whose values are not prose: left out of the full text (they are filters or noise),
# and top-level keys whose text is the record's labels rather than its prose (a separate,
# lighter column, so that a snippet prefers the title or the prose).
_NOT_TEXT = frozenset({"title", "url", "reviewStatus", "pubDate", "lastAuditDate",
                       "frameworkVersion", "score"})
_LABELS = ("id", "country", "year", "status", "category", "legalWeight", "scope", "region",
           "source", "sectors", "tags", "provenance")
MAX_BODY = 200_000   # characters of the Markdown body that go into the full-text index


@dataclass
class Row:
    """What the index stores of one record file (also for unreadable files: ``error``)."""
    blob: str | None
    record_id: str | None = None
    title: str = ""
    review_status: str = ""
    author: str = ""
    country: str = ""
    year: str = ""
    fmt: str = ""
    error: str | None = None
    error_line: int | None = None
    pillars: list[tuple[str, int | None, str | None]] = field(default_factory=list)
    body: str = ""           # the searchable prose (evidence, description, Markdown body...)
    labels: str = ""         # the searchable labels (id, country, tags, author...)
    engine: bool = False     # read by the record engine (the fast reader deferred)


def _strings(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        if value:
            out.append(value)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in _NOT_TEXT:
                _strings(inner, out)
    elif isinstance(value, list):
        for inner in value:
            _strings(inner, out)


def row_from_data(blob: str | None, data: dict, fmt: str, body: str, engine: bool = False) -> Row:
    """The index row of a read record; its list fields are :func:`list_fields`'s."""
    analysis = data.get("analysis") if isinstance(data.get("analysis"), dict) else {}
    pillars = []
    for name, pillar in analysis.items():  # any pillar a workspace assesses, not only ours
        if isinstance(pillar, dict) and isinstance(name, str):
            score, citation = pillar.get("score"), pillar.get("citation")
            pillars.append((name, score if type(score) is int else None,
                            citation if isinstance(citation, str) else None))
    prose: list[str] = []
    labels: list[str] = []
    for key, value in data.items():
        if key in _LABELS:
            if type(value) is int:
                labels.append(str(value))
            else:
                _strings(value, labels)
        elif key not in _NOT_TEXT:
            _strings(value, prose)
    body = body.strip()
    description = data.get("description")
    if body and body != ("" if description is None else str(description)).strip():
        prose.append(body[:MAX_BODY])
    f = list_fields(data)
    return Row(blob, f.id, f.title, f.review_status, f.author, f.country, f.year, fmt,
               pillars=pillars, body="\n".join(prose), labels="\n".join(labels), engine=engine)


def blob_id(raw: bytes) -> str:
    """Git's blob id of these bytes (what ``git hash-object`` prints)."""
    digest = hashlib.sha1(b"blob %d\0" % len(raw))
    digest.update(raw)
    return digest.hexdigest()


def read_row(path: str, raw: bytes | None) -> Row:
    """The row of one file: fast when provably exact, else by the record engine, which
    also words the error of a file that cannot be read (``raw`` None: opening failed)."""
    blob = blob_id(raw) if raw is not None else None
    if raw is not None:
        try:
            data, fmt, body = read_fast(raw)
            return row_from_data(blob, data, fmt, body)
        except Defer:
            pass
    from reviewer.core.record.document import RecordFile  # the engine: loaded only when needed
    try:
        rf = RecordFile.load(path) if raw is None else RecordFile.from_bytes(raw, path)
    except ReviewerError as exc:
        return Row(blob, error=exc.message, error_line=exc.line, engine=True)
    return row_from_data(blob_id(rf.raw), rf.data, rf.fmt, rf.split.body, engine=True)


def read_rows(items: list[tuple[str, str, str | None]], reuse: frozenset[str] = frozenset(),
              root: str | None = None) -> list[tuple[str, str | None, str, Row | None]]:
    """Read a batch of files (in a worker process or not): for each ``(key, path, cached
    blob)`` one ``(key, blob, verdict, row)`` where the verdict is ``same`` (content as
    cached: nothing parsed), ``reuse`` (content of a vanished file, i.e. a rename) or
    ``row`` (parsed: ``row`` is set). A file that a symlink places outside ``root`` (the
    workspace) is not read: its row says so."""
    out = []
    for key, path, cached in items:
        outside = root is not None and not _inside(path, root)
        if outside:
            out.append((key, None, "row", Row(None, error=f"a symlink to "
                                              f"{os.path.realpath(path)}, outside the workspace; "
                                              "not read", engine=False)))
            continue
        try:
            raw = read_regular(path, MAX_RECORD_BYTES, "record")
        except OSError:
            raw = None  # the engine words why (a FIFO, too large, no permission...)
        blob = blob_id(raw) if raw is not None else None
        if blob is not None and blob == cached:
            out.append((key, blob, "same", None))
        elif blob is not None and blob in reuse:
            out.append((key, blob, "reuse", None))
        else:
            out.append((key, blob, "row", read_row(path, raw)))
    return out


def _inside(path: str, root: str) -> bool:
    real = os.path.realpath(path)
    return real.startswith(root + os.sep)
