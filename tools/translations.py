"""The interface's translations: extract, compile and check them (issue 16).

    python tools/translations.py update    # pyside6-lupdate: reviewer/ui -> the .ts files
    python tools/translations.py release   # pyside6-lrelease: the .ts files -> the .qm files
    python tools/translations.py check     # both up to date, nothing unfinished (exit 1 if not)

``reviewer_zh_CN.ts`` holds every string of ``reviewer/ui`` and its Simplified Chinese;
``reviewer_en.ts`` only the plural forms English needs ("1 conflict", "2 conflicts"). The
.ts and .qm files are committed; ``tests/test_translations.py`` runs :func:`problems` so
that a string added or changed in the code without ``update``, a translation left
unfinished, or a .qm older than its .ts fails the tests. After ``update``, translate the new
entries (Qt Linguist, or by hand: remove ``type="unfinished"``), then ``release``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "reviewer" / "ui"
I18N = ROOT / "reviewer" / "resources" / "i18n"
CATALOGS = {"zh_CN": [], "en": ["-pluralonly"]}      # language -> extra lupdate options


def ts_file(language: str) -> Path:
    return I18N / f"reviewer_{language}.ts"


def qm_file(language: str) -> Path:
    return I18N / f"reviewer_{language}.qm"


def python_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is missing (it comes with PySide6: pip install PySide6-Essentials)")
    return found


def lupdate(target: Path, language: str) -> str:
    """Extract the strings of reviewer/ui into ``target`` (merged with what it holds)."""
    result = subprocess.run([_tool("pyside6-lupdate"), *python_files(), "-ts", str(target),
                             "-locations", "none", "-no-obsolete", "-target-language", language,
                             *CATALOGS[language]],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout + result.stderr


def lrelease(source: Path, target: Path) -> str:
    result = subprocess.run([_tool("pyside6-lrelease"), str(source), "-qm", str(target)],
                            capture_output=True, text=True, check=True)
    return result.stdout + result.stderr


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, comment) -> the message element."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            out[key] = message
    return out


def unfinished(ts: Path) -> list[tuple[str, str, str]]:
    """Messages without a finished translation (every plural form filled in)."""
    left = []
    for key, message in messages(ts).items():
        translation = message.find("translation")
        forms = translation.findall("numerusform") if translation is not None else []
        empty = translation is None or (not (translation.text or "").strip() if not forms
                                         else any(not (f.text or "").strip() for f in forms))
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or empty:
            left.append(key)
    return left


def problems() -> list[str]:
    """Why the committed translations are not up to date with the code (empty: they are)."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in CATALOGS:
            committed = ts_file(language)
            if not committed.exists():
                found.append(f"{committed.name} is missing: run python tools/translations.py update")
                continue
            fresh = Path(tmp) / committed.name
            shutil.copy(committed, fresh)
            lupdate(fresh, language)
            have, want = set(messages(committed)), set(messages(fresh))
            for key in sorted(want - have):
                found.append(f"{committed.name}: not extracted yet: {key[0]}: {key[1]!r}")
            for key in sorted(have - want):
                found.append(f"{committed.name}: no longer in the code: {key[0]}: {key[1]!r}")
            for key in unfinished(committed):
                found.append(f"{committed.name}: unfinished: {key[0]}: {key[1]!r}")
            qm = qm_file(language)
            compiled = Path(tmp) / qm.name
            report = lrelease(committed, compiled)
            left = re.search(r"(\d+) unfinished", report)
            if left is None or int(left.group(1)):
                found.append(f"{committed.name}: lrelease: {report.strip()}")
            if not qm.exists() or qm.read_bytes() != compiled.read_bytes():
                found.append(f"{qm.name} is not compiled from {committed.name}: run python tools/translations.py release")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        I18N.mkdir(parents=True, exist_ok=True)
        for language in CATALOGS:
            print(lupdate(ts_file(language), language).strip())
        return 0
    if command == "release":
        for language in CATALOGS:
            print(lrelease(ts_file(language), qm_file(language)).strip())
        return 0
    if command == "check":
        found = problems()
        print("\n".join(found) if found else "translations up to date")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
