"""Split a record file into BOM, delimiters, frontmatter and body, and join it back.

The split is purely textual so that ``join`` gives back the original bytes exactly: the
BOM, each delimiter line with its own line ending and trailing spaces, and the body are
kept verbatim. Only the frontmatter text between the delimiters is ever edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from reviewer.core import texts
from reviewer.core.errors import ReadError

BOM = "\ufeff"
# A delimiter line: `---` (or `...` when closing), trailing blanks allowed, any line ending.
_OPEN = re.compile(r"---[ \t]*(\r\n|\n|\r)")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)", re.MULTILINE)


@dataclass(frozen=True)
class Split:
    bom: str
    open_line: str
    frontmatter: str
    close_line: str
    body: str

    @property
    def newline(self) -> str:
        """The line ending new lines should use: the one the opening delimiter uses."""
        return self.open_line[3:].lstrip(" \t") or "\n"

    @property
    def format(self) -> str:
        """``json`` when the frontmatter is a JSON object, else ``yaml``."""
        return "json" if self.frontmatter.lstrip(" \t\r\n").startswith("{") else "yaml"

    @property
    def first_line(self) -> int:
        """1-based line number of the first frontmatter line in the file."""
        return 2

    def join(self) -> str:
        return self.bom + self.open_line + self.frontmatter + self.close_line + self.body

    def with_frontmatter(self, text: str) -> "Split":
        return replace(self, frontmatter=text)


def decode(raw: bytes) -> str:
    """Decode UTF-8 strictly; a bad byte is reported with its line and column."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ReadError(
            texts.text("not UTF-8: byte 0x{byte:02x} cannot be decoded (save the file as UTF-8)",
                 byte=raw[exc.start]), line=line, col=col) from None


def split(text: str) -> Split:
    """Split decoded file text; raise :class:`ReadError` without frontmatter."""
    bom = BOM if text.startswith(BOM) else ""
    rest = text[len(bom):]
    opening = _OPEN.match(rest)
    if not opening:
        if rest.startswith("----"):
            raise ReadError(texts.text("the first line is a fence of four or more dashes: the website's "
                                 "gray-matter reads no frontmatter after it (python-frontmatter "
                                 "does)") + "; " + texts.text("make it '---'"), line=1, col=1)
        raise ReadError(texts.text("no frontmatter: the file must start with a '---' line"), line=1, col=1)
    if opening.group(1) == "\r":
        raise ReadError(texts.text("old Mac line endings (CR only): neither gray-matter nor "
                             "python-frontmatter reads this frontmatter") + "; "
                        + texts.text("save the file with LF or CRLF line endings"), line=1, col=1)
    after_open = rest[opening.end():]
    closing = _CLOSE.search(after_open)
    if not closing:
        raise ReadError(texts.text("unclosed frontmatter: no closing '---' line after the opening one"),
                        line=1, col=1)
    return Split(
        bom=bom,
        open_line=opening.group(0),
        frontmatter=after_open[: closing.start()],
        close_line=closing.group(0),
        body=after_open[closing.end():],
    )


# Conflict markers as git writes them. A bare "=======" line is also a Markdown heading
# underline, so alone it counts only inside the frontmatter.
_MARKER = re.compile(r"^(?:<<<<<<<|>>>>>>>|\|\|\|\|\|\|\|)(?: |$)")
_SEPARATOR = "======="
_DELIMITER = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def conflict_marker_line(raw: bytes) -> int | None:
    """1-based line of the first git conflict marker in a file, or None."""
    lines = raw.decode("utf-8", errors="replace").splitlines()
    delimiters = 0
    for number, line in enumerate(lines, 1):
        if _MARKER.match(line):
            return number
        if _DELIMITER.match(line):
            delimiters += 1
        elif line == _SEPARATOR and delimiters < 2:
            return number
    return None
