"""Writing new values into flow-style YAML the way its siblings are written (prettier's way).

The policy tracker's records are YAML as prettier formats it: flow mappings and sequences,
keys and texts in single quotes, a space inside braces, a trailing comma after the last entry
of a mapping broken over several lines, and every collection laid out to fit the print
width (80): on the key's line if it fits, else on the next line, else one entry per line.
A new key or value written in another style would make ``prettier --check`` fail on a file
that was clean, so new text follows the style learned from the file (:func:`detect`) and
prettier's layout rules (:func:`entry_text`). As everywhere in the engine, every proposal is
still read back and kept only if it reads as exactly the intended data.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from reviewer.core.record import spelling
from reviewer.core.record.nodes import Node

PRINT_WIDTH = 80   # prettier's default, which the site keeps


@dataclass(frozen=True)
class FlowStyle:
    key_quote: str = ""          # "'", '"' or "" (plain)
    value_quote: str = ""        # the quote of texts
    bracket_spacing: bool = True  # "{ a: 1 }" rather than "{a: 1}"
    trailing_comma: bool = True  # after the last entry of a broken collection
    print_width: int | None = PRINT_WIDTH   # None: lay nothing out


def detect(root: Node, text: str) -> FlowStyle | None:
    """The flow style of a frontmatter whose root is a flow mapping (None otherwise)."""
    if root.kind != "map" or not root.flow:
        return None
    key_quotes: list[str] = []
    value_quotes: list[str] = []
    spacing: list[bool] = []
    commas: list[bool] = []
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.items)
        if node.kind == "map" and node.keys:
            key_quotes += [k.style for k in node.keys if k.kind == "scalar"]
            if "\n" not in text[node.start:node.end]:
                spacing.append(text[node.start + 1:node.start + 2] == " ")
            else:
                tail = text[_end_of(node):node.end]
                commas.append("," in tail)
        if node.kind == "scalar" and node.style in ("'", '"') and isinstance(node.value, str):
            value_quotes.append(node.style)
    return FlowStyle(key_quote=_most(key_quotes, ""), value_quote=_most(value_quotes, "'"),
                     bracket_spacing=_most(spacing, True), trailing_comma=_most(commas, True))


def _end_of(node: Node) -> int:
    last = node.items[-1] if node.items else node
    return last.end if last is not node else node.start + 1


def _most(values: list, default: Any) -> Any:
    return max(set(values), key=values.count) if values else default


def width(text: str) -> int:
    """Display width as prettier counts it: East Asian wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


# ---- spelling in the style --------------------------------------------------------------------
def key_text(key: str, style: FlowStyle) -> str:
    return _quoted(key, style.key_quote) or spelling.yaml_flow_key(key)


def scalar_text(value: Any, style: FlowStyle) -> str:
    if isinstance(value, str):
        return _quoted(value, style.value_quote) or spelling.yaml_simple(value, True)
    return spelling.yaml_simple(value, True)


def _quoted(text: str, quote: str) -> str | None:
    if quote in ("'", '"'):
        quote = prettier_quote(text, quote)
    if quote == "'":
        return spelling.single_quoted(text)
    if quote == '"':
        return spelling.double_quoted(text)
    return text if spelling.plain_ok(text, True) else None


def prettier_quote(text: str, preferred: str) -> str:
    """The quote prettier writes a text in: the preferred one, unless the text holds more of
    it than of the other (then the other, which needs fewer escapes)."""
    other = '"' if preferred == "'" else "'"
    return other if text.count(preferred) > text.count(other) else preferred


def inline(value: Any, style: FlowStyle) -> str:
    """A value on one line."""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = ", ".join(f"{key_text(str(k), style)}: {inline(v, style)}" for k, v in value.items())
        return "{ " + inner + " }" if style.bracket_spacing else "{" + inner + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inline(v, style) for v in value) + "]" if value else "[]"
    return scalar_text(value, style)


# ---- prettier's layout ------------------------------------------------------------------------
def entry_text(key: str | None, value: Any, indent: int, style: FlowStyle, nl: str,
               suffix: str = ",") -> str:
    """An entry (``key: value``, or a bare value for a sequence item) starting at column
    ``indent``, laid out as prettier would, without the indentation of its first line;
    ``suffix`` is what follows it on its last line (its comma)."""
    head = "" if key is None else key + ":"
    one_line = inline(value, style)
    if style.print_width is None or not isinstance(value, (dict, list)) or not value:
        return f"{head} {one_line}" if head else one_line
    if indent + width(head) + 1 + width(one_line) + width(suffix) <= style.print_width:
        return f"{head} {one_line}" if head else one_line
    inner = indent + (2 if head else 0)
    if head and inner + width(one_line) + width(suffix) <= style.print_width:
        return f"{head}{nl}{' ' * inner}{one_line}"
    return (f"{head}{nl}{' ' * inner}" if head else "") + _expanded(value, inner, style, nl)


def _expanded(value: Any, indent: int, style: FlowStyle, nl: str) -> str:
    """``{``/``[`` at ``indent``, one entry per line two further, the closing bracket back."""
    pad, child = " " * indent, indent + 2
    if isinstance(value, dict):
        lines = [" " * child + entry_text(key_text(str(k), style), v, child, style, nl) + ","
                 for k, v in value.items()]
        open_, close = "{", "}"
    else:
        lines = [" " * child + entry_text(None, v, child, style, nl) + "," for v in value]
        open_, close = "[", "]"
    if not style.trailing_comma:
        lines[-1] = lines[-1][:-1]
    return open_ + nl + nl.join(lines) + nl + pad + close
