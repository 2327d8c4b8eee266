"""Propose minimal text edits of frontmatter: replace a value's span, insert or delete a line.

Nothing here decides that an edit is right. :func:`candidates` yields whole new frontmatter
texts, closest style first; :mod:`reviewer.core.record.document` re-reads each one and keeps the
first whose data is the old data with exactly this change. Everything outside the edited
span (comments, quoting, key order, indentation, line endings) is left byte for byte.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Iterator

from reviewer.core.errors import EditRefused
from reviewer.core.record import spelling
from reviewer.core.record.flowedit import FlowEditor
from reviewer.core.record.flowstyle import FlowStyle
from reviewer.core.record.nodes import Node, Path, format_path

DELETE = object()  # the value of a change that removes the key or item


@dataclass(frozen=True)
class Change:
    path: Path
    value: Any = DELETE

    @property
    def is_delete(self) -> bool:
        return self.value is DELETE

    def __str__(self) -> str:
        return format_path(self.path)


@dataclass
class Style:
    """Layout facts of one document, learned once so new text matches its neighbours."""
    fmt: str          # "yaml" or "json"
    nl: str           # line ending for new lines
    step: int = 2     # indentation step of nested mappings
    seq_offset: int = 2   # dash column minus the owning key's column (0 = indentless)
    json_indent: int | None = 2
    flow: FlowStyle | None = None   # the root is a flow mapping (prettier): its style


def _empty(node: Node) -> bool:
    return node.kind == "scalar" and node.style == "" and node.value == "" and node.start == node.end


class Editor:
    def __init__(self, text: str, root: Node, style: Style, data: Any = None) -> None:
        self.text = text
        self.root = root
        self.style = style
        self.json = style.fmt == "json"
        # Flow-style YAML (prettier's) is edited in its own style, laid out to its width.
        self.flow = FlowEditor(self, style.flow, data) \
            if style.flow is not None and data is not None and not self.json else None

    # ---- positions -------------------------------------------------------------------
    def eol(self, pos: int) -> int:
        """Offset just past the line ending of the line holding ``pos``."""
        i = self.text.find("\n", pos)
        return len(self.text) if i < 0 else i + 1

    def bol(self, pos: int) -> int:
        return self.text.rfind("\n", 0, pos) + 1

    def _skip_blank(self, pos: int) -> int:
        """Skip spaces, line breaks and comments (YAML) forward from ``pos``."""
        t = self.text
        while pos < len(t):
            if t[pos] in " \t\r\n":
                pos += 1
            elif t[pos] == "#" and not self.json:
                pos = self.eol(pos)
            else:
                break
        return pos

    def slot_start(self, parent: Node, idx: int) -> int:
        """Offset just past the ``:`` (mapping) or ``-`` (block sequence) owning item idx."""
        if parent.kind == "map":
            key = parent.keys[idx]
            pos = self._skip_blank(key.end)
            if not self.text.startswith(":", pos):
                raise EditRefused(f"cannot find the ':' after key {key.value!r}")
            return pos + 1
        if parent.flow:
            return parent.items[idx].start
        pos = parent.start if idx == 0 else self.value_end(parent, idx - 1)
        pos = self._skip_blank(pos)
        if not self.text.startswith("-", pos):
            raise EditRefused("cannot find the '-' of a list item")
        return pos + 1

    def value_end(self, parent: Node, idx: int) -> int:
        """End of the text of item idx, without trailing blank lines or comments."""
        node = parent.items[idx]
        if _empty(node):
            return self.slot_start(parent, idx)
        if node.kind == "scalar" or node.flow or not node.items:
            end = node.end
            if node.kind == "scalar" and node.style in ("|", ">"):
                while end > node.start and self.text[end - 1] in " \t\r\n":
                    end -= 1
            return end
        return self.value_end(node, len(node.items) - 1)

    def owner_col(self, parent: Node, idx: int) -> int:
        if parent.kind == "map":
            return parent.keys[idx].col
        return parent.col  # block sequence: the dash column

    # ---- spellings ------------------------------------------------------------------------
    def spell_in_slot(self, value: Any, old: Node | None, parent: Node, idx: int | None) -> list[str]:
        """Texts to put after ``key:`` / ``-`` (block) or at the value's place (flow/JSON)."""
        flow = parent.flow
        if self.json:
            return self._json_spelling(value, old, parent, idx)
        col = self.owner_col(parent, idx) if idx is not None and not flow else parent.col
        if spelling.is_scalar(value):
            old_text = self.text[old.start:old.end] if old is not None and old.kind == "scalar" else None
            indent = self._block_indent(old) if old is not None and old.style in ("|", ">") else col + self.style.step
            out = spelling.yaml_scalars(value, old.style if old is not None and old.kind == "scalar" else None,
                                        old_text, flow, indent, self.style.nl)
            return out if flow else [" " + s for s in out]
        if flow or not value:
            flow_text = spelling.yaml_flow(value)
            return [flow_text] if flow else [" " + flow_text]
        child = col + (self.style.seq_offset if isinstance(value, list) else self.style.step)
        if parent.kind == "seq":
            child = col + 2
        lines = spelling.yaml_block(value, child, self.style.step, self.style.seq_offset)
        return ["".join(self.style.nl + line for line in lines), " " + spelling.yaml_flow(value)]

    def _json_spelling(self, value: Any, old: Node | None, parent: Node, idx: int | None) -> list[str]:
        """JSON text indented like its neighbours: nested lines under the entry's own line."""
        entries = parent.keys if parent.kind == "map" else parent.items
        if idx is not None:
            anchor = entries[idx].start
        elif entries:
            anchor = entries[0].start  # a new entry lines up with its siblings
        else:
            anchor = parent.start
        one_line = "\n" not in self.text[parent.start:parent.end]
        indent = None if one_line else self.style.json_indent
        try:
            text = spelling.json_text(value, indent, self._line_indent(anchor), self.style.nl)
        except ValueError as exc:
            raise EditRefused(str(exc)) from None
        return [text]

    def _block_indent(self, node: Node) -> int:
        first_break = self.text.find("\n", node.start)
        line = self.text[first_break + 1:node.end].split("\n")
        for text in line:
            if text.strip():
                return len(text) - len(text.lstrip(" "))
        return node.col + self.style.step

    def _line_indent(self, pos: int) -> str:
        start = self.bol(pos)
        line = self.text[start:pos]
        return line[: len(line) - len(line.lstrip(" \t"))]

    def key_text(self, key: str, flow: bool = False) -> str:
        if self.json:
            return spelling.json_text(key, None, "", "")
        return spelling.yaml_flow_key(key) if flow else spelling.yaml_key(key)

    # ---- the edits -------------------------------------------------------------------------
    def splice(self, start: int, end: int, new: str) -> str:
        return self.text[:start] + new + self.text[end:]

    def replace(self, parent: Node, idx: int, value: Any) -> Iterator[str]:
        node = parent.items[idx]
        if node.anchored:
            raise EditRefused("the value has an anchor or is used through an alias; "
                              "editing it would change every place that uses it")
        simple_old = node.kind == "scalar" and node.style not in ("|", ">") and not _empty(node)
        if self.json or parent.flow or (simple_old and spelling.is_scalar(value)):
            for text in self.spell_in_slot(value, node, parent, idx):
                yield self.splice(node.start, node.end, text.lstrip(" ") if not parent.flow and not self.json else text)
            return
        start, end = self.slot_start(parent, idx), self.value_end(parent, idx)
        for text in self.spell_in_slot(value, node, parent, idx):
            yield self.splice(start, end, text)

    def insert(self, parent: Node, key: str | int, value: Any) -> Iterator[str]:
        """Add a new key (mapping) or append an item (sequence)."""
        if parent.anchored:
            raise EditRefused("the mapping or list has an anchor or is used through an alias")
        if parent.merges:
            raise EditRefused("the mapping uses merge keys (<<); adding a key there is ambiguous")
        is_map = parent.kind == "map"
        if parent.flow or self.json:
            yield from self._insert_flow(parent, key, value)
            return
        if not parent.items:  # only the root can be an empty block mapping: no fields yet
            yield from self._insert_first(str(key), value)
            return
        col = parent.keys[0].col if is_map else parent.col
        at = self.eol(self.value_end(parent, len(parent.items) - 1))
        prefix = "" if at == 0 or self.text[at - 1] == "\n" else self.style.nl
        head = " " * col + (self.key_text(key) + ":" if is_map else "-")
        # Spell as if this were the last item's slot so columns and context match.
        fake_idx = len(parent.items) - 1
        for text in self._spell_new(value, parent, fake_idx, col):
            yield self.splice(at, at, prefix + head + text + self.style.nl)

    def _insert_first(self, key: str, value: Any) -> Iterator[str]:
        """The first field of an empty frontmatter (after any comments it holds)."""
        nl, at = self.style.nl, len(self.text)
        prefix = "" if at == 0 or self.text.endswith(("\n", "\r")) else nl
        if spelling.is_scalar(value):
            texts = [" " + s for s in spelling.yaml_scalars(value, None, None, False, self.style.step, nl)]
        elif not value:
            texts = [" " + spelling.yaml_flow(value)]
        else:
            child = self.style.seq_offset if isinstance(value, list) else self.style.step
            lines = spelling.yaml_block(value, child, self.style.step, self.style.seq_offset)
            texts = [nl + nl.join(lines), " " + spelling.yaml_flow(value)]
        for text in texts:
            yield self.splice(at, at, prefix + self.key_text(key) + ":" + text + nl)

    def _spell_new(self, value: Any, parent: Node, idx: int, col: int) -> list[str]:
        if parent.kind == "map":
            return self.spell_in_slot(value, None, parent, idx)
        if spelling.is_scalar(value):
            return [" " + s for s in spelling.yaml_scalars(value, None, None, False, col + 2, self.style.nl)]
        if not value:
            return [" " + spelling.yaml_flow(value)]
        lines = spelling.yaml_block(value, col + 2, self.style.step, self.style.seq_offset)
        return [self.style.nl + self.style.nl.join(lines), " " + spelling.yaml_flow(value)]

    def _insert_flow(self, parent: Node, key: str | int, value: Any) -> Iterator[str]:
        is_map = parent.kind == "map"
        spellings = self.spell_in_slot(value, None, parent, None)
        head = (self.key_text(key, flow=True) + ": ") if is_map else ""
        keys = [k.value for k in parent.keys] if is_map else []
        if not parent.items:
            for text in spellings:
                yield self.splice(parent.start + 1, parent.end - 1, head + text.lstrip(" "))
            return
        multiline = "\n" in self.text[parent.start:parent.items[0].start]
        sorted_keys = is_map and keys == sorted(keys) and len(keys) > 1
        pos = len(parent.items)
        if sorted_keys:
            pos = next((i for i, k in enumerate(keys) if str(k) > str(key)), len(keys))
        for text in spellings:
            entry = head + text.lstrip(" ")
            if pos < len(parent.items):
                first = parent.keys[pos] if is_map else parent.items[pos]
                sep = "," + self.style.nl + self._line_indent(first.start) if multiline else ", "
                yield self.splice(first.start, first.start, entry + sep)
            else:
                last_end = self.value_end(parent, len(parent.items) - 1)
                anchor = parent.keys[-1] if is_map else parent.items[-1]
                sep = "," + self.style.nl + self._line_indent(anchor.start) if multiline else ", "
                yield self.splice(last_end, last_end, sep + entry)

    def delete(self, parent: Node, idx: int) -> Iterator[str]:
        node = parent.items[idx]
        if node.anchored or parent.anchored:
            raise EditRefused("the value has an anchor or is used through an alias")
        if len(parent.items) == 1:
            # Removing the only entry leaves an empty collection, written as {} or [].
            empty = "{}" if parent.kind == "map" else "[]"
            yield from self._replace_collection(parent, empty)
            return
        owner = parent.keys[idx] if parent.kind == "map" else node
        if parent.flow or self.json:
            if idx + 1 < len(parent.items):
                nxt = parent.keys[idx + 1] if parent.kind == "map" else parent.items[idx + 1]
                yield self.splice(owner.start, nxt.start, "")
            else:
                prev_end = self.value_end(parent, idx - 1)
                yield self.splice(prev_end, self.value_end(parent, idx), "")
            return
        start = self.bol(owner.start if parent.kind == "map" else self.slot_start(parent, idx) - 1)
        if self.text[start:owner.start if parent.kind == "map" else self.slot_start(parent, idx) - 1].strip():
            raise EditRefused("the entry shares its line with another; cannot remove it alone")
        yield self.splice(start, self.eol(self.value_end(parent, idx)), "")

    def _replace_collection(self, node: Node, new: str) -> Iterator[str]:
        if node.flow or self.json:
            yield self.splice(node.start, node.end, new)
            return
        holder = self.find_parent(node)
        if holder is None:
            raise EditRefused("cannot remove the last field of the frontmatter")
        parent, idx = holder
        yield self.splice(self.slot_start(parent, idx), self.value_end(parent, idx), " " + new)

    def find_parent(self, target: Node) -> tuple[Node, int] | None:
        stack = [self.root]
        while stack:
            n = stack.pop()
            for i, child in enumerate(n.items):
                if child is target:
                    return n, i
                stack.append(child)
        return None


def _flow_replace(editor: Editor, flow: FlowEditor, node: Node, idx: int, key: Any, value: Any,
                  parent_path: Path) -> Iterator[str]:
    new_parent = copy.deepcopy(flow.at(parent_path))
    new_parent[key] = value
    preferred = flow.replace(node, idx, value, parent_path)
    if preferred is not None and isinstance(value, (dict, list)):
        yield from preferred  # laid out already
        return
    for candidate in [*(preferred or ()), *editor.replace(node, idx, value)]:
        yield from flow.fit_or_relayout(candidate, node, parent_path, new_parent)


def nest(path: Path, value: Any, full: Path) -> Any:
    """The value to insert when ``path`` (below the insertion point) does not exist yet."""
    for key in reversed(path):
        if not isinstance(key, str):
            missing = full[: len(full) - len(path)]
            raise EditRefused(f"{format_path(full)}: {format_path(missing)} does not exist; "
                              "a list item cannot be created inside it")
        value = {key: value}
    return value


def candidates(text: str, root: Node, style: Style, change: Change, data: Any = None) -> Iterator[str]:
    """New frontmatter texts for one change, preferred first; raise EditRefused if impossible.
    ``data`` (the text's data) lets flow-style edits lay collections out anew."""
    try:
        yield from _candidates(Editor(text, root, style, data), change)
    except EditRefused as exc:
        prefix = format_path(change.path) + ": "
        if not exc.message.startswith(prefix):
            exc.message = prefix + exc.message
            exc.args = (exc.message,)
        raise


def _candidates(editor: Editor, change: Change) -> Iterator[str]:
    root = editor.root
    node, path = root, change.path
    for i, key in enumerate(path):
        where = format_path(path[:i]) if i else "the frontmatter"
        # Messages start with the full path, so a refusal says which edit it is about.
        if node.kind == "scalar":
            raise EditRefused(f"{format_path(path)}: {where} is a single value, "
                              "not a mapping or a list")
        if node.anchored:
            raise EditRefused(f"{format_path(path)}: {where} has an anchor or is "
                              "used through an alias; editing it would change every place that uses it")
        if node.kind == "map":
            key = str(key)
            if node.merges:
                raise EditRefused(f"{format_path(path)}: {where} uses merge keys (<<); "
                                  "an edit there is ambiguous")
            idx = next((j for j, k in enumerate(node.keys) if k.kind == "scalar" and k.value == key), None)
        else:
            if not isinstance(key, int):
                raise EditRefused(f"{format_path(path)}: {where} is a list; use an item number, not {key!r}")
            idx = key if 0 <= key < len(node.items) else None
            if idx is None and (change.is_delete or key != len(node.items)):
                raise EditRefused(f"{format_path(path[:i + 1])}: index out of range "
                                  f"({where} has {len(node.items)} items)")
        last = i == len(path) - 1
        flow = editor.flow if node.flow else None
        if idx is None:
            if change.is_delete:
                raise EditRefused(f"{format_path(path)}: {format_path(path[:i + 1])} does not exist")
            value = nest(path[i + 1:], change.value, path)
            yield from (flow.insert(node, key, value, path[:i]) if flow is not None
                        else editor.insert(node, key, value))
            return
        if last:
            if change.is_delete and flow is not None:
                new_parent = copy.deepcopy(flow.at(path[:i]))
                del new_parent[key]
                for candidate in editor.delete(node, idx):
                    yield from flow.after_delete(candidate, node, new_parent)
            elif change.is_delete:
                yield from editor.delete(node, idx)
            elif flow is not None:
                yield from _flow_replace(editor, flow, node, idx, key, change.value, path[:i])
            else:
                yield from editor.replace(node, idx, change.value)
            return
        node = node.items[idx]
    raise EditRefused("cannot replace the whole frontmatter")
