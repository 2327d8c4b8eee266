"""A PDF's text layer, extracted by pypdf: the work :mod:`pdftext` runs in a process of its own.

pypdf may take minutes on a small hostile file (a 15 KB PDF whose pages share one content
stream of two million operators) and much memory on a compressed one, so this never runs in
the reader's process: ``python -m reviewer.core.sources.pdfextract --max-chars N`` reads the
PDF's bytes on stdin and writes one JSON object on stdout, ``{"text", "pages"}`` or
``{"error"}``; the caller kills it when it takes too long.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import sys
import warnings

from reviewer.core.errors import SourceError

MAX_MEMORY_BYTES = 2 * 1024 ** 3   # address space of the extracting process


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


def extract(raw: bytes, max_chars: int) -> tuple[str, list[int]]:
    """The PDF's text (pages joined by newlines) and the 1-based first line of each page.
    Raises :class:`SourceError`: encrypted, damaged, no text layer, or more than
    ``max_chars`` characters of text."""
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise SourceError("PDF sources need pypdf (pip install pypdf)") from None
    pages: list[int] = []
    parts: list[str] = []
    line, total = 1, 0
    with _quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not _decrypts(reader):
                raise SourceError("encrypted PDF that needs a password; attach an "
                                  "unencrypted copy")
            for page in reader.pages:
                text = (page.extract_text() or "").replace("\r\n", "\n").strip("\n")
                total += len(text) + 1
                if total > max_chars:
                    raise SourceError(f"the PDF's text is over {max_chars:,} characters; not read")
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


def _limit_memory() -> None:
    """A decompression bomb must fail here (MemoryError), not swap the auditor's machine."""
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MAX_MEMORY_BYTES if hard == resource.RLIM_INFINITY else min(hard, MAX_MEMORY_BYTES)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit still holds
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reviewer.core.sources.pdfextract",
                                     description="a PDF's text layer (PDF on stdin, JSON on stdout)")
    parser.add_argument("--max-chars", type=int, required=True)
    args = parser.parse_args(argv)
    _limit_memory()
    raw = sys.stdin.buffer.read()
    try:
        text, pages = extract(raw, args.max_chars)
        answer: dict = {"text": text, "pages": pages}
    except SourceError as exc:
        answer = {"error": exc.message}
    except MemoryError:
        answer = {"error": "cannot read this PDF: it needs too much memory"}
    sys.stdout.buffer.write(json.dumps(answer).encode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
