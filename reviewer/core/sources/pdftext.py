"""A PDF source's text, bounded in time and size, and extracted once per content.

Extraction (:mod:`pdfextract`) runs in a separate process that is killed after
``REVIEWER_PDF_TIMEOUT`` seconds (default 20) and gives up past :data:`MAX_PDF_CHARS`
characters. Its answer, text or error, is kept in ``<user cache>/pdf-text/<sha256>.json``
by the PDF's bytes, so ``validate``, ``citations``, ``search`` and the app never extract the
same bytes twice. The cache is always safe to delete; an entry that cannot be read or does
not have the expected shape is ignored and written again.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import SourceError
from reviewer.core.files import MiB, read_regular
from reviewer.core.userdirs import cache_dir

TIMEOUT_VARIABLE = "REVIEWER_PDF_TIMEOUT"
DEFAULT_TIMEOUT = 20.0       # seconds per document; a 300-page plan takes about 5
MAX_PDF_CHARS = 5_000_000    # about 3,000 pages of Chinese text
CACHE_FORMAT = 1
_EXTRACTOR = "reviewer.core.sources.pdfextract"


def pdf_timeout() -> float:
    """Seconds one document's extraction may take (``REVIEWER_PDF_TIMEOUT``, else 20)."""
    try:
        value = float(os.environ.get(TIMEOUT_VARIABLE, ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def cache_path(raw: bytes) -> Path:
    """Where the extraction of these bytes is kept."""
    return cache_dir() / "pdf-text" / f"{hashlib.sha256(raw).hexdigest()}.json"


def pdf_text(raw: bytes) -> tuple[str, list[int]]:
    """The text of the PDF ``raw`` and each page's first line (see :func:`pdfextract.extract`);
    raises :class:`SourceError` when it cannot be had, also when it takes too long."""
    timeout = pdf_timeout()
    path = cache_path(raw)
    answer = _cached(path, timeout)
    if answer is None:
        answer, keep = _extract(raw, timeout)
        if keep:
            _store(path, answer)
    if "error" in answer:
        raise SourceError(answer["error"])
    return answer["text"], answer["pages"]


def _extractor_environment() -> dict[str, str]:
    """The extractor imports this very copy of reviewer, installed or not (a source
    checkout, a second working tree): its folder goes first on the module path."""
    package_root = str(Path(__file__).resolve().parents[3])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
    return env


def _extract(raw: bytes, timeout: float) -> tuple[dict, bool]:
    """The extractor's answer, and whether it is worth keeping (not a failure to start)."""
    # -P: the current folder (a cloned repository) must not shadow our own modules.
    command = [sys.executable, "-P", "-m", _EXTRACTOR, "--max-chars", str(MAX_PDF_CHARS)]
    try:
        done = subprocess.run(command, input=raw, capture_output=True, timeout=timeout,
                              env=_extractor_environment())
    except subprocess.TimeoutExpired:  # run() has killed it
        return {"error": f"reading the PDF's text took over {timeout:g} s, so it was stopped "
                         f"(a damaged or hostile file? {TIMEOUT_VARIABLE} sets the limit)",
                "timeout": timeout}, True
    except OSError as exc:
        return {"error": f"cannot read this PDF: the text extractor did not start "
                         f"({exc.strerror or exc})"}, False
    answer = _valid(_parsed(done.stdout))
    if answer is None:
        return {"error": f"cannot read this PDF: the text extraction failed "
                         f"(exit status {done.returncode})"}, True
    return answer, True


def _parsed(data: bytes) -> object:
    try:
        return json.loads(data)
    except ValueError:
        return None


def _valid(answer: object) -> dict | None:
    """``answer`` if it has one of the two shapes the extractor writes, else None."""
    if not isinstance(answer, dict):
        return None
    if isinstance(answer.get("error"), str):
        return answer
    text, pages = answer.get("text"), answer.get("pages")
    if isinstance(text, str) and isinstance(pages, list) \
            and all(isinstance(p, int) and not isinstance(p, bool) for p in pages):
        return answer
    return None


def _cached(path: Path, timeout: float) -> dict | None:
    """The kept answer, or None (none, damaged, or a timeout under a shorter limit than
    now: worth another try)."""
    try:
        entry = _parsed(read_regular(path, 8 * MAX_PDF_CHARS + MiB, "cache entry"))
    except OSError:
        return None
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
        return None
    answer = _valid(entry.get("answer"))
    if answer is None:
        return None
    tried = answer.get("timeout")
    if tried is not None and (not isinstance(tried, (int, float)) or tried < timeout):
        return None
    return answer


def _store(path: Path, answer: dict) -> None:
    """Keep the answer; a cache that cannot be written only costs time."""
    data = json.dumps({"format": CACHE_FORMAT, "answer": answer}).encode("ascii")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError:
        pass
