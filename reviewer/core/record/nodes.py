"""A small, format-neutral tree of where every value sits in the frontmatter text.

Both the YAML reader (from ruamel's composed nodes) and the JSON reader (our own span
parser) produce this tree, so the editor can find the exact text of any value and the
validator can point at a line and column without knowing which format it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

PathKey = str | int
Path = tuple[PathKey, ...]


@dataclass(eq=False)
class Node:
    kind: str                  # "map", "seq" or "scalar"
    start: int                 # offset of the first character in the frontmatter text
    end: int                   # offset just past the value's text
    line: int                  # 0-based line of ``start``
    col: int                   # 0-based column of ``start``
    flow: bool = False         # inside/as a flow collection (JSON is all flow)
    style: str = ""            # scalar: "", "'", '"', "|", ">"; JSON scalars: '"' or ""
    anchored: bool = False     # carries an anchor or is reached through an alias
    value: object = None       # scalar: its text value (keys: the key string)
    keys: list["Node"] = field(default_factory=list)    # map: key nodes, in order
    items: list["Node"] = field(default_factory=list)   # map: value nodes; seq: items
    merges: bool = False       # map uses YAML merge keys (<<)

    def child(self, key: PathKey) -> "Node | None":
        if self.kind == "map" and isinstance(key, str):
            for k, v in zip(self.keys, self.items):
                if k.kind == "scalar" and k.value == key:
                    return v
            return None
        if self.kind == "seq" and isinstance(key, int) and 0 <= key < len(self.items):
            return self.items[key]
        return None


def walk(node: Node, path: Path = ()) -> Iterator[tuple[Path, Node, Node | None]]:
    """Yield ``(path, value_node, key_node)`` for every node, depth first (no revisits)."""
    seen: set[int] = set()
    stack: list[tuple[Path, Node, Node | None]] = [(path, node, None)]
    while stack:
        p, n, k = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        yield p, n, k
        if n.kind == "map":
            for kn, vn in reversed(list(zip(n.keys, n.items))):
                key = kn.value if kn.kind == "scalar" else repr(kn.value)
                stack.append((p + (key,), vn, kn))
        elif n.kind == "seq":
            for i in reversed(range(len(n.items))):
                stack.append((p + (i,), n.items[i], None))


def locations(root: Node) -> dict[Path, tuple[int, int]]:
    """0-based (line, col) of every path: the key when there is one, else the value."""
    out: dict[Path, tuple[int, int]] = {}
    for p, n, k in walk(root):
        anchor = k if k is not None else n
        out[p] = (anchor.line, anchor.col)
    return out


def format_path(path: Path) -> str:
    return ".".join(str(p) for p in path) if path else "(root)"
