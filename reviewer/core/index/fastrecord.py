"""A record file read for checking only, fast, or a :class:`fastread.Defer`.

The validator needs a record's data, its YAML 1.1 reading and where each value sits (line
and column of every finding). The record engine gives all three at milliseconds a file;
for the many files :mod:`fastread` vouches for, this gives the very same at a fraction:

- YAML: PyYAML's C parser under :mod:`fastread`'s rule, so the data is the engine's. When
  no scalar reads as text only in YAML 1.2 (``yes``, ``on``), YAML 1.1 tools read the same
  data, which is then also the YAML 1.1 reading; otherwise the engine reads the file (the
  validator warns about those scalars with the engine's words). Positions come from the
  composed nodes' marks, as the engine takes them from ruamel's: the key's when there is
  one, else the value's; both count lines and characters from 0.
- JSON: ``json.loads`` under :mod:`fastread`'s rule for the data; positions from PyYAML's
  C composer, which reads JSON as YAML flow collections: a key's node starts at its opening
  quote, as in the engine's JSON reader. Only for text without a backslash, so every key's
  text is the same in both readings; otherwise the engine's own JSON reader is used.

The result is a :class:`RecordFile` with no editing style: it is for checks, never for
writing (``style`` is None, so an attempt to render it fails loudly).
``tests/test_validate_cache.py`` checks that validating it gives the engine's issues on the
seeds, a generated workspace and the YAML test suite.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from reviewer.core.errors import ReviewerError
from reviewer.core.index.fastread import Defer, read_json_fast, read_yaml_node
from reviewer.core.record import frontmatter
from reviewer.core.record.document import Parsed, RecordFile
from reviewer.core.record.jsonread import read_json

Locations = dict[tuple, tuple[int, int]]


def record_for_checks(raw: bytes, path: Path) -> RecordFile:
    """The file as the engine would read it, for validation; raise :class:`Defer` when only
    the engine may read it (then it also words any error)."""
    try:
        split = frontmatter.split(frontmatter.decode(raw))
    except ReviewerError:
        raise Defer("decode or split") from None
    if split.format == "json":
        return _json_record(raw, path, split)
    data, node, diverged = read_yaml_node(split.frontmatter)
    if diverged:
        raise Defer("YAML 1.1 tools read other data")
    return RecordFile.read_elsewhere(path, raw, split, Parsed("yaml", None, data, data, None),
                                     node_locations(node))


def _json_record(raw: bytes, path: Path, split: frontmatter.Split) -> RecordFile:
    text = split.frontmatter
    if "\\" not in text:
        data = read_json_fast(text)
        try:
            node = yaml.compose(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            node = None
        if isinstance(node, yaml.MappingNode):
            return RecordFile.read_elsewhere(path, raw, split, Parsed("json", None, data, data, None),
                                             node_locations(node))
    try:
        root, data = read_json(text)
    except ReviewerError:
        raise Defer("not plain JSON (the engine may read it as YAML)") from None
    return RecordFile.read_elsewhere(path, raw, split, Parsed("json", root, data, data, None), None)


def node_locations(root: yaml.Node) -> Locations:
    """0-based (line, col) of every data path, as :func:`reviewer.core.record.nodes.locations`
    gives them from the engine's tree, visited in the same order (so where two keys make one
    path, ``1`` and ``"1"``, the same one wins); fast-read YAML has no aliases."""
    out: Locations = {}
    stack: list[tuple[tuple, yaml.Node, yaml.Node | None]] = [((), root, None)]
    while stack:
        path, node, key = stack.pop()
        mark = (key if key is not None else node).start_mark
        out[path] = (mark.line, mark.column)
        if isinstance(node, yaml.MappingNode):
            for k, v in reversed(node.value):
                name = k.value if isinstance(k, yaml.ScalarNode) else repr(k.value)
                stack.append((path + (name,), v, k))
        elif isinstance(node, yaml.SequenceNode):
            for i in reversed(range(len(node.value))):
                stack.append((path + (i,), node.value[i], None))
    return out
