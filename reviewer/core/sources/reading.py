"""A record's source texts: the files under ``sources/<record-id>/``.

Plain text and Markdown are decoded as UTF-8 (with or without BOM), UTF-16 (BOM, or the
zero bytes of ASCII text), and otherwise guessed with charset-normalizer, preferring
GB18030 (which covers GBK/GB2312, usual for Chinese government texts) over other East
Asian guesses when it fits. HTML pages give their main text (see :mod:`htmltext`), PDFs
their text layer (pypdf, in a separate process bounded in time: see :mod:`pdftext`). Only
regular files of a bounded size are read, and, given the workspace, nothing a symlink leads
to outside it. A file that cannot be read is reported on that source; it never stops the
others from showing.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.core.errors import ReviewerError, SourceError
from reviewer.core.files import MAX_SOURCE_BYTES, NotReadable, describe, kind_of, read_regular
from reviewer.core.sources.htmltext import declared_charset, html_to_text
from reviewer.core.sources.outline import Heading, parse_outline
from reviewer.core.sources.pdftext import pdf_text
from reviewer.core.workspace import Workspace

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
MAX_TEXT_BYTES = 20 * 1024 * 1024  # a text or HTML source; PDFs may be up to MAX_SOURCE_BYTES
LEADS_OUTSIDE = "symlink leads outside the workspace; not read"
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
    """Every entry under ``folder`` that is not a folder and not hidden: regular files, and
    also FIFOs, devices, sockets and symlinks, so that :func:`read_source` can say why such
    an entry is not read (none of them is opened here). Symlinked folders are listed, not
    entered (no loops, no walking off elsewhere)."""
    if not folder.is_dir():
        return []
    out = []
    for here, dirs, files in os.walk(folder):  # followlinks=False
        shown = [d for d in dirs if not d.startswith(".")]
        links = [d for d in shown if os.path.islink(os.path.join(here, d))]
        dirs[:] = [d for d in shown if d not in links]
        out += [Path(here, name) for name in files + links if not name.startswith(".")]
    return sorted(out)


def source_folder(workspace: Workspace, record_id: str) -> Path:
    """The record's ``sources/<id>/`` (from :meth:`Workspace.sources_dir`, the one judge of
    which ids can name a folder), or a :class:`SourceError` naming the id: ``../../x``
    must be refused, never read as a folder elsewhere nor taken for "no sources"."""
    try:
        return workspace.sources_dir(record_id)
    except ReviewerError:
        raise SourceError(f"the record's id {record_id!r} cannot name a source folder (an id is "
                          "letters, digits, '.', '_' and '-', starting with a letter or digit)"
                          ) from None


def source_paths(folder: Path, workspace: Workspace | None = None) -> list[Path]:
    """:func:`list_sources`, but a folder that is (or lies behind) a symlink leading outside
    ``workspace`` is not listed: it stands for itself, to be shown as unreadable."""
    if workspace is not None and not workspace.contains(folder):
        return [folder] if os.path.lexists(folder) else []
    return list_sources(folder)


def read_sources(folder: Path, workspace: Workspace | None = None) -> list[SourceText]:
    """The folder's sources, read, in the one order every front end shows and checks them
    in: the policy text itself (the one with an outline) first, articles about it after,
    unreadable ones last. (Citation verdicts can depend on the order, e.g. which of two
    equal headings comes first, so the app and the CLI must never order them apart.) With
    ``workspace``, nothing a symlink leads to outside it is read."""
    return in_source_order(read_source(p, workspace) for p in source_paths(folder, workspace))


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
def read_source(path: Path, workspace: Workspace | None = None, outline: bool = True) -> SourceText:
    """The source at ``path``, read; what cannot be read has its reason in ``error``. With
    ``workspace``, a path that leads outside it through a symlink is not read: a cloned
    repository must not make us show (or index) a file of the auditor's own. Without
    ``outline``, its headings are not parsed (full-text indexing needs only the text)."""
    path = Path(path)
    source = SourceText(path)
    outside = workspace is not None and not workspace.contains(path)
    source.error = LEADS_OUTSIDE if outside else _not_a_source(path)
    if source.error:
        return source
    suffix = path.suffix.lower()
    source.kind = "pdf" if suffix in PDF_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    try:
        text = _text_of(path, source)
    except SourceError as exc:
        source.error = exc.message
    except NotReadable as exc:  # too large, or swapped for a FIFO since the stat
        source.error = str(exc)
    except OSError as exc:
        source.error = f"cannot read: {describe(exc)}"
    except UnicodeError:
        source.error = "cannot read: not UTF-8, UTF-16 or GB18030 text"
    except LookupError as exc:
        source.error = f"cannot read: {exc}"
    else:
        source.text = text.replace("\r\n", "\n").replace("\r", "\n")
        source.outline = parse_outline(source.text) if outline else []
    return source


def _text_of(path: Path, source: SourceText) -> str:
    """The file's text; sets the source's encoding (and a PDF's page starts)."""
    if source.kind == "pdf":
        text, source.pages = pdf_text(read_regular(path, MAX_SOURCE_BYTES, "PDF source"))
        source.encoding = "pdf"
        return text
    raw = read_regular(path, MAX_TEXT_BYTES, "text source")
    text, source.encoding = _html_text(raw) if source.kind == "html" else decode_text(raw)
    return text


def _not_a_source(path: Path) -> str | None:
    """Why ``path`` is not even tried: not a regular file (a FIFO would block the reader,
    a device never end), or not a kind we read. Only stat()ed, never opened."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return f"cannot read: {describe(exc)}"
    if not stat.S_ISREG(mode):
        return f"{kind_of(mode)}, not a regular file; not read"
    suffix = path.suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        return (f"{suffix or 'files without a suffix'} files cannot be read "
                "(use .txt, .md, .html or .pdf)")
    return None


def _html_text(raw: bytes) -> tuple[str, str]:
    """The page's main text and its encoding: the declared charset when it decodes the
    page, else whatever detection finds (a page may declare anything, even a codec that
    fails on every byte)."""
    charset = None if raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) \
        else declared_charset(raw)
    text, encoding = None, charset
    if charset:
        with contextlib.suppress(UnicodeError, LookupError):  # LookupError: not a text codec
            text = raw.decode(charset)
    if text is None:
        text, encoding = decode_text(raw)
    return html_to_text(text), encoding or ""


def readable(path: Path | str) -> bool:
    """Whether the app can read files of this kind (by suffix)."""
    return Path(path).suffix.lower() in READABLE_SUFFIXES
