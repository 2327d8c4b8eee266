"""Read JSON frontmatter with the exact span of every value.

``json`` gives the data; this small recursive-descent scanner gives positions, so the
editor can splice a value in place and keep the file's indentation, key order and
non-ASCII text. Duplicate keys are refused: JSON readers disagree on which one wins.
"""

from __future__ import annotations

import json
import re
from typing import Any

from reviewer.core import texts
from reviewer.core.errors import ReadError
from reviewer.core.record.nodes import Node

MAX_DEPTH = 200
MAX_INT_DIGITS = 4300   # Python's limit for reading an integer from text
_WS = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"')


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        # Offsets of line starts, to turn an offset into (line, col) quickly.
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", text)]

    def where(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo, offset - self.line_starts[lo]

    def fail(self, message: str, offset: int | None = None) -> None:
        line, col = self.where(self.pos if offset is None else offset)
        raise ReadError(texts.text("JSON syntax error: {error}", error=message), line=line, col=col + 1)

    def skip_ws(self) -> None:
        self.pos = _WS.match(self.text, self.pos).end()

    def node(self, kind: str, start: int, **extra: Any) -> Node:
        line, col = self.where(start)
        return Node(kind=kind, start=start, end=self.pos, line=line, col=col, flow=True, **extra)

    def value(self, depth: int) -> Node:
        if depth > MAX_DEPTH:
            self.fail(f"nested more than {MAX_DEPTH} levels deep")
        self.skip_ws()
        start = self.pos
        ch = self.text[start:start + 1]
        if ch == "{":
            return self.obj(depth)
        if ch == "[":
            return self.arr(depth)
        if ch == '"':
            m = _STRING.match(self.text, start)
            if not m:
                self.fail("unterminated or invalid string")
            self.pos = m.end()
            return self.node("scalar", start, style='"', value=json.loads(m.group(0)))
        m = _NUMBER.match(self.text, start)
        if m and m.end() > start:
            self.pos = m.end()
            return self.node("scalar", start, value=m.group(0))
        for word in ("true", "false", "null"):
            if self.text.startswith(word, start):
                self.pos = start + len(word)
                return self.node("scalar", start, value=word)
        self.fail(f"unexpected {ch!r}" if ch else "unexpected end of frontmatter")
        raise AssertionError  # unreachable: fail raises

    def obj(self, depth: int) -> Node:
        start = self.pos
        self.pos += 1
        out = self.node("map", start)
        seen: set[str] = set()
        self.skip_ws()
        if self.text.startswith("}", self.pos):
            self.pos += 1
        else:
            while True:
                self.skip_ws()
                if not self.text.startswith('"', self.pos):
                    self.fail("expected a quoted key")
                key = self.value(depth + 1)
                if key.value in seen:
                    self.fail(f"duplicate key {key.value!r}", key.start)
                seen.add(key.value)
                self.skip_ws()
                if not self.text.startswith(":", self.pos):
                    self.fail("expected ':' after a key")
                self.pos += 1
                out.keys.append(key)
                out.items.append(self.value(depth + 1))
                self.skip_ws()
                if self.text.startswith(",", self.pos):
                    self.pos += 1
                    continue
                if self.text.startswith("}", self.pos):
                    self.pos += 1
                    break
                self.fail("expected ',' or '}'")
        out.end = self.pos
        return out

    def arr(self, depth: int) -> Node:
        start = self.pos
        self.pos += 1
        out = self.node("seq", start)
        self.skip_ws()
        if self.text.startswith("]", self.pos):
            self.pos += 1
        else:
            while True:
                out.items.append(self.value(depth + 1))
                self.skip_ws()
                if self.text.startswith(",", self.pos):
                    self.pos += 1
                    continue
                if self.text.startswith("]", self.pos):
                    self.pos += 1
                    break
                self.fail("expected ',' or ']'")
        out.end = self.pos
        return out


def read_json(text: str) -> tuple[Node, Any]:
    """Parse JSON frontmatter into ``(root node, data)``; 0-based line in errors."""
    scanner = _Scanner(text)
    root = scanner.value(0)
    scanner.skip_ws()
    if scanner.pos != len(text):
        scanner.fail(texts.text("unexpected text after the JSON object"))
    if root.kind != "map":
        scanner.fail(texts.text("frontmatter must be a JSON object"), root.start)
    for node in _scalars(root):
        digits = len(str(node.value).lstrip("-").split(".")[0].split("e")[0].split("E")[0])
        if node.style == "" and digits > MAX_INT_DIGITS:
            line, col = scanner.where(node.start)
            raise ReadError(texts.text("a number of {digits} digits: more than the {limit} that can be read",
                                       digits=digits, limit=MAX_INT_DIGITS), line=line, col=col + 1)
    return root, json.loads(text)


def _scalars(node: Node):
    stack = [node]
    while stack:
        current = stack.pop()
        if current.kind == "scalar":
            yield current
        stack.extend(current.items)
