"""A record's source texts: the files under ``sources/<record-id>/``.

Text is decoded as UTF-8 (with or without BOM), UTF-16 when it has a BOM, and otherwise
guessed (GB18030 covers GBK/GB2312, common for Chinese government texts). A file that
cannot be read is reported as such; it never stops the others from showing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.outline import Heading, parse_outline

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
MAX_SOURCE_BYTES = 20 * 1024 * 1024


@dataclass
class SourceText:
    path: Path
    text: str = ""
    encoding: str = ""
    error: str | None = None
    outline: list[Heading] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def list_sources(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def decode_text(raw: bytes) -> tuple[str, str]:
    """(text, encoding name); raises UnicodeDecodeError when nothing fits."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(raw).best()
        if best is not None and best.encoding:
            return str(best), best.encoding
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    return raw.decode("gb18030"), "gb18030"


def read_source(path: Path) -> SourceText:
    source = SourceText(path)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        source.error = f"{path.suffix or 'this'} files cannot be shown yet"
        return source
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            source.error = "too large to show (over 20 MB)"
            return source
        source.text, source.encoding = decode_text(path.read_bytes())
    except (OSError, UnicodeDecodeError, LookupError) as exc:
        source.error = f"cannot read: {getattr(exc, 'strerror', None) or exc}"
        return source
    source.text = source.text.replace("\r\n", "\n").replace("\r", "\n")
    source.outline = parse_outline(source.text)
    return source
