"""A record's source texts: the files under ``sources/<record-id>/``.

Plain text and Markdown are decoded as UTF-8 (with or without BOM), UTF-16 (BOM, or the
zero bytes of ASCII text), and otherwise guessed with charset-normalizer, preferring
GB18030 (which covers GBK/GB2312, usual for Chinese government texts) over other East
Asian guesses when it fits. HTML pages give their main text (see :mod:`htmltext`), PDFs
their text layer (pypdf). A file that cannot be read is reported on that source; it never
stops the others from showing.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.errors import SourceError
from reviewer.core.sources.htmltext import declared_charset, html_to_text
from reviewer.core.sources.outline import Heading, parse_outline

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_PDF_BYTES = 100 * 1024 * 1024
# Guesses charset-normalizer makes for short GBK text; GB18030 is the likelier truth here.
_OTHER_CJK = {"big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949",
              "johab", "iso2022_jp", "iso2022_kr", "hz", "euc_jis_2004", "shift_jis_2004"}


@dataclass
class SourceText:
    path: Path
    text: str = ""
    encoding: str = ""        # how the bytes were decoded ("pdf" for a PDF's text layer)
    error: str | None = None  # why the file could not be read; then text is ""
    outline: list[Heading] = field(default_factory=list)
    kind: str = ""            # "text", "html" or "pdf"
    pages: list[int] = field(default_factory=list)  # PDF: 1-based first line of each page

    @property
    def name(self) -> str:
        return self.path.name

    def page_of(self, line: int) -> int | None:
        """The 1-based PDF page that holds ``line``; None for other sources."""
        page = None
        for number, first in enumerate(self.pages, start=1):
            if first <= line:
                page = number
        return page


def list_sources(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def read_sources(folder: Path) -> list[SourceText]:
    """The folder's sources, read, in the one order every front end shows and checks them
    in: the policy text itself (the one with an outline) first, articles about it after,
    unreadable ones last. (Citation verdicts can depend on the order, e.g. which of two
    equal headings comes first, so the app and the CLI must never order them apart.)"""
    return in_source_order(read_source(p) for p in list_sources(folder))


def in_source_order(sources) -> list[SourceText]:
    """Sources in the one order: the policy text (with an outline) first, then the others,
    unreadable ones last, each group by name."""
    return sorted(sources, key=lambda s: (not s.outline, s.error is not None, s.name))


# ---- decoding ---------------------------------------------------------------------------
def _utf16_without_bom(raw: bytes) -> str | None:
    """ASCII-heavy UTF-16 has a zero byte in every other place: which places says the order."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros >= 0.3 * half and zeros > 4 * min(even, odd):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def decode_text(raw: bytes) -> tuple[str, str]:
    """(text, encoding name); raises UnicodeDecodeError when nothing fits."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    if b"\x00" in raw:  # NUL is valid UTF-8 but never in text: look for UTF-16 first
        text = _utf16_without_bom(raw)
        if text is not None:
            return text, "utf-16-le" if raw[1] == 0 else "utf-16-be"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = None
    try:
        from charset_normalizer import from_bytes
        guess = from_bytes(raw).best()
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        pass
    name = guess.encoding.lower() if guess is not None and guess.encoding else None
    if name is None or name in _OTHER_CJK:
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("gb18030"), "gb18030"
    if guess is not None and name:
        return str(guess), name
    return raw.decode("gb18030"), "gb18030"  # raises: nothing fits


# ---- reading ----------------------------------------------------------------------------
def read_source(path: Path) -> SourceText:
    path = Path(path)
    suffix = path.suffix.lower()
    source = SourceText(path)
    if suffix not in READABLE_SUFFIXES:
        source.error = (f"{suffix or 'files without a suffix'} files cannot be read "
                        "(use .txt, .md, .html or .pdf)")
        return source
    source.kind = "pdf" if suffix in PDF_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    try:
        size = path.stat().st_size
        limit = MAX_PDF_BYTES if source.kind == "pdf" else MAX_SOURCE_BYTES
        if size > limit:
            source.error = f"too large to read (over {limit // (1024 * 1024)} MB)"
            return source
        if source.kind == "pdf":
            text, source.pages = _pdf_text(path)
            source.encoding = "pdf"
        else:
            raw = path.read_bytes()
            text, source.encoding = _html_text(raw) if source.kind == "html" else decode_text(raw)
    except SourceError as exc:
        source.error = exc.message
        return source
    except (OSError, UnicodeDecodeError, LookupError) as exc:
        reason = getattr(exc, "strerror", None) or (
            "not UTF-8, UTF-16 or GB18030 text" if isinstance(exc, UnicodeDecodeError) else exc)
        source.error = f"cannot read: {reason}"
        return source
    source.text = text.replace("\r\n", "\n").replace("\r", "\n")
    source.outline = parse_outline(source.text)
    return source


def _html_text(raw: bytes) -> tuple[str, str]:
    charset = None if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) \
        else declared_charset(raw)
    text, encoding = None, charset
    if charset:
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            text = raw.decode(charset)
    if text is None:
        text, encoding = decode_text(raw)
    return html_to_text(text), encoding or ""


@contextlib.contextmanager
def _quiet_pypdf():
    """pypdf logs and warns about every oddity of a damaged file; the source's error says
    what matters, so its chatter must not reach the terminal."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _pdf_text(path: Path) -> tuple[str, list[int]]:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise SourceError("PDF sources need pypdf (pip install pypdf)") from None
    pages: list[int] = []
    parts: list[str] = []
    line = 1
    with _quiet_pypdf():
        try:
            reader = PdfReader(str(path))
            if reader.is_encrypted and not _decrypts(reader):
                raise SourceError("encrypted PDF that needs a password; attach an "
                                  "unencrypted copy")
            for page in reader.pages:
                text = (page.extract_text() or "").replace("\r\n", "\n").strip("\n")
                pages.append(line)
                parts.append(text)
                line += text.count("\n") + 1
        except SourceError:
            raise
        except Exception as exc:  # pypdf raises many kinds on damaged files
            raise SourceError(f"cannot read this PDF: {_one_line(exc)}") from None
    text = "\n".join(parts)
    if not text.strip():
        raise SourceError("the PDF has no text layer (a scan?); attach a text version")
    return text + "\n", pages


def _decrypts(reader) -> bool:
    """Many PDFs are encrypted with an empty password only to restrict printing."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unsupported algorithm is, for us, a locked file
        return False


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def readable(path: Path | str) -> bool:
    """Whether the app can read files of this kind (by suffix)."""
    return Path(path).suffix.lower() in READABLE_SUFFIXES
