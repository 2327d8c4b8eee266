"""Edits of flow-style YAML (prettier's) that leave the file as prettier would write it.

A new entry goes in the sorted place of sorted siblings, in their quoting, with the
trailing comma of a broken mapping; an entry whose collection no longer fits the print
width on its line is laid out again (next line, then one entry per line), as prettier does.
The :class:`~reviewer.core.record.editor.Editor` hands flow edits here when the document's
root is a flow mapping; every text proposed is verified by reading it back, as always.
"""

from __future__ import annotations

import copy
from typing import Any, Iterator, Protocol

from reviewer.core.record import flowstyle
from reviewer.core.record.flowstyle import FlowStyle
from reviewer.core.record.nodes import Node


class TextEditor(Protocol):
    """What a FlowEditor uses of the document's editor."""
    text: str
    style: Any      # has .nl

    def splice(self, start: int, end: int, new: str) -> str: ...
    def value_end(self, parent: Node, idx: int) -> int: ...
    def find_parent(self, target: Node) -> tuple[Node, int] | None: ...


class FlowEditor:
    def __init__(self, editor: TextEditor, style: FlowStyle, data: Any) -> None:
        self.editor, self.style, self.data = editor, style, data

    @property
    def text(self) -> str:
        return self.editor.text

    def _multiline(self, node: Node) -> bool:
        return "\n" in self.text[node.start:node.end]

    def _key_text(self, key: Any) -> str:
        return flowstyle.key_text(str(key), self.style)

    # ---- insert -----------------------------------------------------------------------------
    def insert(self, parent: Node, key: str | int, value: Any, path: tuple) -> Iterator[str]:
        is_map = parent.kind == "map"
        keys = [k.value for k in parent.keys] if is_map else []
        pos = len(parent.items)
        if is_map and len(keys) > 1 and keys == sorted(keys):
            pos = next((i for i, k in enumerate(keys) if str(k) > str(key)), len(keys))
        if parent.items and self._multiline(parent):
            yield from self._insert_broken(parent, key if is_map else None, value, pos)
            return
        head = self._key_text(key) + ": " if is_map else ""
        entry = head + flowstyle.inline(value, self.style)
        candidate = self._splice_inline(parent, entry, pos)
        if self._fits(candidate, parent.start):
            yield candidate
            return
        new_value = self._with(path, key, value, pos)
        relaid = self._relayout(parent, new_value)
        if relaid is not None:
            yield relaid
        yield candidate

    def _insert_broken(self, parent: Node, key: Any, value: Any, pos: int) -> Iterator[str]:
        anchors = parent.keys if key is not None else parent.items
        indent = anchors[0].col
        head = self._key_text(key) if key is not None else None
        entry = flowstyle.entry_text(head, value, indent, self.style, self.editor.style.nl)
        sep = "," + self.editor.style.nl + " " * indent
        if pos < len(parent.items):
            at = anchors[pos].start
            yield self.editor.splice(at, at, entry + sep)
        else:
            at = self.editor.value_end(parent, len(parent.items) - 1)
            yield self.editor.splice(at, at, sep + entry)

    def _splice_inline(self, parent: Node, entry: str, pos: int) -> str:
        editor = self.editor
        if not parent.items:
            inner = f" {entry} " if parent.kind == "map" and self.style.bracket_spacing else entry
            return editor.splice(parent.start + 1, parent.end - 1, inner)
        anchors = parent.keys if parent.kind == "map" else parent.items
        if pos < len(parent.items):
            return editor.splice(anchors[pos].start, anchors[pos].start, entry + ", ")
        at = editor.value_end(parent, len(parent.items) - 1)
        return editor.splice(at, at, ", " + entry)

    def _with(self, path: tuple, key: Any, value: Any, pos: int) -> Any:
        """The collection at ``path`` with the new entry at ``pos``."""
        current = copy.deepcopy(self.at(path))
        if isinstance(current, dict):
            items = list(current.items())
            items.insert(pos, (str(key), value))
            return dict(items)
        current.insert(pos, value)
        return current

    def at(self, path: tuple) -> Any:
        node = self.data
        for key in path:
            node = node[key]
        return node

    # ---- replace ------------------------------------------------------------------------------
    def replace(self, parent: Node, idx: int, value: Any, path: tuple) -> Iterator[str] | None:
        """Candidates for a new value in a flow collection, or None to let the editor's own
        spelling handle it (a scalar that keeps its line within the width)."""
        node = parent.items[idx]
        nl = self.editor.style.nl
        if isinstance(value, (dict, list)) and value and self._multiline(parent):
            anchor = parent.keys[idx] if parent.kind == "map" else node
            key = self.text[anchor.start:anchor.end] if parent.kind == "map" else None
            start = anchor.start
            return iter([self.editor.splice(start, node.end, flowstyle.entry_text(
                key, value, anchor.col, self.style, nl))])
        if isinstance(value, (dict, list)):
            return iter([self.editor.splice(node.start, node.end, flowstyle.inline(value, self.style))])
        if isinstance(value, str) and node.kind == "scalar" and node.style in ("'", '"'):
            # A quoted text keeps being quoted as prettier would quote it (the file's quote,
            # unless the text then needs more escapes than with the other one).
            preferred = FlowStyle(value_quote=node.style)
            return iter([self.editor.splice(node.start, node.end,
                                            flowstyle.scalar_text(value, preferred))])
        return None

    def fit_or_relayout(self, candidate: str, parent: Node, path: tuple, new_value: Any) -> list[str]:
        """``candidate`` if the line it changed still fits, else the parent laid out again
        first (and ``candidate`` as a fallback)."""
        if self._multiline(parent) or self._fits(candidate, parent.start):
            return [candidate]
        relaid = self._relayout(parent, new_value)
        return [relaid, candidate] if relaid is not None else [candidate]

    def after_delete(self, candidate: str, parent: Node, new_value: Any) -> list[str]:
        """A broken collection that fits on one line once an entry is gone is put back on
        one line (prettier breaks a collection only when it does not fit)."""
        if not self._multiline(parent) or not new_value or self.style.print_width is None:
            return [candidate]
        holder = self.editor.find_parent(parent)
        if holder is None:
            return [candidate]
        grand, idx = holder
        anchor = grand.keys[idx] if grand.kind == "map" else parent
        key = self.text[anchor.start:anchor.end] if grand.kind == "map" else None
        laid = flowstyle.entry_text(key, new_value, anchor.col, self.style, self.editor.style.nl)
        compact = laid.rsplit("\n", 1)[-1].lstrip().startswith(("{", "[")) or "\n" not in laid
        relaid = self._relayout(parent, new_value) if compact else None
        return [relaid, candidate] if relaid is not None else [candidate]

    # ---- layout -----------------------------------------------------------------------------
    def _fits(self, candidate: str, at: int) -> bool:
        if self.style.print_width is None:
            return True
        start = candidate.rfind("\n", 0, at) + 1
        end = candidate.find("\n", at)
        line = candidate[start:end if end >= 0 else len(candidate)]
        return flowstyle.width(line) <= self.style.print_width

    def _relayout(self, node: Node, new_value: Any) -> str | None:
        """The text with the entry holding ``node`` laid out anew around ``new_value``."""
        holder = self.editor.find_parent(node)
        if holder is None:
            return None
        grand, idx = holder
        nl = self.editor.style.nl
        if grand.kind == "map":
            key_node = grand.keys[idx]
            key = self.text[key_node.start:key_node.end]
            text = flowstyle.entry_text(key, new_value, key_node.col, self.style, nl)
            return self.editor.splice(key_node.start, node.end, text)
        text = flowstyle.entry_text(None, new_value, node.col, self.style, nl)
        return self.editor.splice(node.start, node.end, text)
