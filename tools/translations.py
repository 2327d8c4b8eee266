"""The interface's translations: extract, compile and check them (issue 16).

    python tools/translations.py update    # pyside6-lupdate: reviewer/ui -> the .ts files
    python tools/translations.py release   # pyside6-lrelease: the .ts files -> the .qm files
    python tools/translations.py check     # both up to date, nothing unfinished (exit 1 if not)

``update`` first lists the message templates of ``reviewer/core`` (every ``text("...")``
call, see ``reviewer/core/texts.py``) in ``reviewer/ui/core_texts.py``, context ``CoreText``,
so that the core's findings, verdicts and diagnoses are translated with the interface; a
translation of one keeps exactly its ``{placeholders}``.

``reviewer_zh_CN.ts`` holds every string of ``reviewer/ui`` and its Simplified Chinese;
``reviewer_en.ts`` only the plural forms English needs ("1 conflict", "2 conflicts"). The
.ts and .qm files are committed; ``tests/test_translations.py`` runs :func:`problems` so
that a string added or changed in the code without ``update``, a translation left
unfinished, or a .qm older than its .ts fails the tests. After ``update``, translate the new
entries (Qt Linguist, or by hand: remove ``type="unfinished"``), then ``release``.
"""

from __future__ import annotations

import ast
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
CORE = ROOT / "reviewer" / "core"
CORE_TEXTS = SOURCES / "core_texts.py"   # the core's message templates, for lupdate
CORE_CONTEXT = "CoreText"
PLACEHOLDER = re.compile(r"\{(\w+)(?:![rsa])?(?::[^{}]*)?\}")


def ts_file(language: str) -> Path:
    return I18N / f"reviewer_{language}.ts"


def qm_file(language: str) -> Path:
    return I18N / f"reviewer_{language}.qm"


def python_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def core_templates() -> tuple[list[str], list[str]]:
    """The templates of every ``text("...", ...)`` call in reviewer/core, in file order, and
    the calls whose template is not a literal (which the interface could not translate)."""
    found, wrong = [], []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _calls_text(node.func)):
                continue
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(first.value)
            else:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: text() needs a literal template")
                continue
            if "; " in first.value:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: a template is one clause: "
                             "join clauses with \"; \" outside it (the interface translates each)")
    return list(dict.fromkeys(found)), wrong


def _calls_text(func: ast.expr) -> bool:
    """``text(...)`` or ``texts.text(...)`` (where a module has a variable called text)."""
    if isinstance(func, ast.Name):
        return func.id == "text"
    return isinstance(func, ast.Attribute) and func.attr == "text" and \
        isinstance(func.value, ast.Name) and func.value.id == "texts"


def core_texts_source() -> str:
    """What reviewer/ui/core_texts.py must hold."""
    templates, _wrong = core_templates()
    lines = [f"    QT_TRANSLATE_NOOP({CORE_CONTEXT!r}, {t!r})," for t in templates]
    return ('"""The core\'s message templates (``reviewer.core.texts.text``), listed for Qt\'s '
            'translation.\n\nMade by ``python tools/translations.py update``; do not edit."""\n\n'
            "from PySide6.QtCore import QT_TRANSLATE_NOOP\n\n"
            "TEMPLATES = (\n" + "\n".join(lines) + "\n)\n")


def placeholder_problems(ts: Path) -> list[str]:
    """Core templates whose translation lost, added or renamed a placeholder."""
    found = []
    for (context, source, _comment), message in messages(ts).items():
        translation = (message.findtext("translation") or "")
        if context == CORE_CONTEXT and translation and \
                sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
            found.append(f"{ts.name}: the translation of {source!r} has other placeholders")
    return found


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
    found = list(core_templates()[1])
    if not CORE_TEXTS.exists() or CORE_TEXTS.read_text(encoding="utf-8") != core_texts_source():
        found.append(f"{CORE_TEXTS.relative_to(ROOT)} is not the core's templates: run python tools/translations.py update")
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
            found += placeholder_problems(committed)
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
        wrong = core_templates()[1]
        if wrong:
            print("\n".join(wrong))
            return 1
        CORE_TEXTS.write_text(core_texts_source(), encoding="utf-8")
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
