"""Read YAML frontmatter safely, under both YAML 1.2 (ruamel) and YAML 1.1 (PyYAML).

The website and most modern tools read YAML 1.2, so ruamel's reading is the record's data.
Many older tools still read YAML 1.1, where ``yes`` is a boolean and ``0755`` an octal
number; the editor checks every write under both readings so neither audience sees a value
change that the auditor did not make.

Only safe loaders are used (no tag can run code). Alias graphs are sized before anything
walks them, so a "billion laughs" document is refused instead of exhausting memory.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from reviewer.core import texts
from reviewer.core.errors import ReadError
from reviewer.core.record.nodes import Node

# Expanded node count past which aliases are treated as an attack, and nesting depth
# past which a document is refused (both far beyond any real record).
MAX_EXPANDED_NODES = 100_000
MAX_DEPTH = 200

_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass
class YamlReading:
    root: Node
    data: Any                  # YAML 1.2 reading (ruamel), the record's data
    data11: Any                # YAML 1.1 reading (PyYAML); None when it fails
    error11: str | None        # why the YAML 1.1 reading failed, if it did


def _mark(exc: Exception) -> tuple[int | None, int | None]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return None, None
    return mark.line, mark.column


def _describe(exc: Exception) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    parts = [p for p in (context, problem) if p]
    text = "; ".join(parts) if parts else str(exc).splitlines()[0]
    text = text.replace("'<stream end>'", "the end of the frontmatter")
    return " ".join(text.split())


def _raise_syntax(exc: Exception, message: str) -> None:
    line, col = _mark(exc)
    raise ReadError(message,
                    line=None if line is None else line,
                    col=None if col is None else col + 1) from None


def _expanded_size(node: Any, aliased: bool) -> int:
    """Nodes the document has once aliases are expanded; refuses cycles and deep nesting,
    and (when it has aliases) more than :data:`MAX_EXPANDED_NODES` nodes. Without aliases
    the size is the text's own, which the record size limit bounds."""
    memo: dict[int, int] = {}
    active: set[int] = set()

    def size(n: Any, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise ReadError(texts.text("nested more than {depth} levels deep", depth=MAX_DEPTH))
        key = id(n)
        if key in memo:
            return memo[key]
        if key in active:
            raise ReadError(texts.text("recursive alias: a value contains itself"))
        active.add(key)
        total = 1
        if isinstance(n, MappingNode):
            for k, v in n.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        elif isinstance(n, SequenceNode):
            for v in n.value:
                total += size(v, depth + 1)
        active.discard(key)
        memo[key] = total
        if aliased and total > MAX_EXPANDED_NODES:
            raise ReadError(texts.text("aliases expand to more than {limit:,} values (at least {total:,}): "
                                       "a possible alias bomb", limit=MAX_EXPANDED_NODES, total=total)
                            + "; " + texts.text("refusing to read"))
        return total

    return size(node, 0)


def _convert(node: Any, flow: bool, counts: dict[int, int]) -> Node:
    """ruamel node -> our Node; ``counts`` says how often each ruamel node is referenced."""
    start, end = node.start_mark, node.end_mark
    shared = counts.get(id(node), 0) > 1 or getattr(node, "anchor", None) is not None
    base = dict(start=start.index, end=end.index, line=start.line, col=start.column,
                anchored=shared)
    if isinstance(node, ScalarNode):
        return Node(kind="scalar", flow=flow, style=node.style or "", value=node.value, **base)
    is_flow = flow or bool(getattr(node, "flow_style", False))
    if isinstance(node, SequenceNode):
        return Node(kind="seq", flow=is_flow,
                    items=[_convert(v, is_flow, counts) for v in node.value], **base)
    out = Node(kind="map", flow=is_flow, **base)
    for k, v in node.value:
        out.keys.append(_convert(k, is_flow, counts))
        out.items.append(_convert(v, is_flow, counts))
        if isinstance(k, ScalarNode) and (k.tag == _MERGE_TAG or k.value == "<<"):
            out.merges = True
    return out


def _reference_counts(node: Any) -> dict[int, int]:
    counts: dict[int, int] = {}
    stack = [node]
    while stack:
        n = stack.pop()
        counts[id(n)] = counts.get(id(n), 0) + 1
        if counts[id(n)] > 1:
            continue
        if isinstance(n, MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
        elif isinstance(n, SequenceNode):
            stack.extend(n.value)
    return counts


def _mark_descendants_anchored(node: Node, inherited: bool = False) -> None:
    """A value inside an anchored collection is shared too: editing it edits every alias."""
    node.anchored = node.anchored or inherited
    for child in node.keys + node.items:
        _mark_descendants_anchored(child, node.anchored)


def _compose(text: str) -> Any:
    loader = YAML(typ="safe", pure=True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. ReusedAnchorWarning: not the user's concern
            documents = list(loader.compose_all(text))
    except RuamelError as exc:
        _raise_syntax(exc, texts.text("YAML syntax error: {error}", error=_describe(exc)))
    except RecursionError:
        raise ReadError(texts.text("nested more than {depth} levels deep", depth=MAX_DEPTH)) from None
    except (AssertionError, ValueError, TypeError) as exc:  # e.g. %YAML 1.3 asserts in ruamel
        raise ReadError(texts.text("YAML syntax error: {error}", error=exc)) from None
    documents = [d for d in documents if d is not None]
    if len(documents) > 1:
        raise ReadError(texts.text("several YAML documents in the frontmatter") + "; "
                        + texts.text("a record has one"))
    return loader, documents[0] if documents else None


def _strict_checks(text: str, root: Node) -> None:
    """Two errors of the spec that both ruamel and PyYAML let through (YAML test suite
    SU5Z and DK95): a comment glued to a quoted scalar, and a tab used as the indentation
    of a quoted scalar's continuation line."""
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.items)
        stack.extend(node.keys)
        if node.kind != "map" or node.flow:
            continue
        for key, value in zip(node.keys, node.items):
            if value.kind != "scalar" or value.style not in ("'", '"'):
                continue
            if text.startswith("#", value.end):
                raise ReadError(texts.text("a comment needs a space before '#'"),
                                line=text.count("\n", 0, value.end), col=None)
            for line in text[value.start:value.end].split("\n")[1:]:
                spaces = len(line) - len(line.lstrip(" "))
                if line.strip() and spaces <= key.col and line[spaces:spaces + 1] == "\t":
                    raise ReadError(texts.text("a tab cannot indent a quoted value's continuation line"),
                                    line=key.line, col=key.col + 1)


def read_yaml(text: str) -> YamlReading:
    """Parse frontmatter text; raise :class:`ReadError` with a 0-based line, 1-based col.
    Empty frontmatter (nothing, or only comments) is an empty mapping, as gray-matter and
    python-frontmatter read it: the schema then says what is missing, and a first field
    can be added."""
    loader, composed = _compose(text)
    if composed is None:
        return YamlReading(root=Node(kind="map", start=len(text), end=len(text),
                                     line=text.count("\n"), col=0), data={}, data11={}, error11=None)
    counts = _reference_counts(composed)
    _expanded_size(composed, aliased=any(n > 1 for n in counts.values()))
    if not isinstance(composed, MappingNode):
        raise ReadError(texts.text("frontmatter must be a mapping of fields (key: value), not a list")
                        if isinstance(composed, SequenceNode) else
                        texts.text("frontmatter must be a mapping of fields (key: value), not a single value"),
                        line=composed.start_mark.line, col=composed.start_mark.column + 1)
    # Build the span tree before constructing: ruamel's constructor rewrites merge keys
    # (<<) in the composed nodes, which would hide them from the editor.
    root = _convert(composed, False, counts)
    _mark_descendants_anchored(root)
    _strict_checks(text, root)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = loader.constructor.construct_document(composed)
    except RuamelError as exc:
        _raise_syntax(exc, texts.text("YAML error: {error}", error=_describe(exc)))
    except (ValueError, TypeError, OverflowError, AssertionError) as exc:
        raise ReadError(texts.text("YAML value error: {error}", error=exc)) from None  # e.g. an impossible timestamp
    if not isinstance(data, dict):
        raise ReadError(texts.text("frontmatter must be a mapping of fields, not a {type}",
                                   type=type(data).__name__),
                        line=root.line, col=root.col + 1)
    data11, error11 = read_yaml11(text)
    return YamlReading(root=root, data=data, data11=data11, error11=error11)


def read_yaml11(text: str) -> tuple[Any, str | None]:
    """The YAML 1.1 reading with PyYAML's safe loader, or ``(None, reason)``."""
    try:
        return yaml.load(text, Loader=_SafeLoader11), None
    except yaml.YAMLError as exc:
        line, col = _mark(exc)
        where = f" (frontmatter line {line + 1}, column {col + 1})" if line is not None else ""
        return None, _describe(exc) + where
    except (ValueError, TypeError, OverflowError, RecursionError, AssertionError) as exc:
        return None, f"{type(exc).__name__}: {exc}"


_SafeLoader11 = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

