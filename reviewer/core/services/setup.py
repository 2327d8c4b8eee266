"""``reviewer init``: look at a repository and write the ``reviewer.toml`` that describes it.

Nothing of the repository changes but the new file: its records stay where they are, as they
are. What is found: the folders whose Markdown files carry record frontmatter, the language
layout (``en/x.md`` + ``zh/x.md``, or ``x.en.md`` + ``x.zh.md``), the controlled values in
each language (learned from the records that exist in both languages), the pillars assessed,
the fields the site's records use beyond ours (its schema accepts them: the site builds), and
the tools the repository uses (prettier, gray-matter, commitlint with the conventional
config, which sets a conventional commit subject).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reviewer.core.atomic import write_atomic
from reviewer.core.config import (CONFIG_NAME, CONVENTIONAL_SUBJECT, DEFAULT_NEUTRAL, ConfigError,
                                  load_config)
from reviewer.core.errors import ReviewerError
from reviewer.core.files import MAX_RECORD_BYTES, read_regular
from reviewer.core.record import frontmatter
from reviewer.core.review.validate import unknown_fields
from reviewer.core.services import sync
from reviewer.core.terms import PILLARS

SKIP = {"node_modules", ".git", "dist", "build", ".astro", "public", "__pycache__", ".venv"}
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
RECORD_KEYS = {"analysis", "reviewStatus", "provenance"}   # what makes frontmatter a record
TRANSLATED_VOCABULARY = ("status", "category", "country", "legalWeight", "scope")
# The policy tracker's own pairs (its schema's values in English and Chinese): offered
# first when a repository is in those two languages, then what its records use.
SITE_PAIRS = {
    "status": [("Active", "现行"), ("Cancelled", "已取消"), ("Inactive", "失效"),
               ("Superseded", "被取代"), ("Suspended", "已中止"), ("Under development", "制定中"),
               ("Upcoming", "即将实施")],
    "category": [("Strategic", "战略引导"), ("Regulatory", "法律监管"), ("Market", "市场机制"),
                 ("Technical", "技术规范"), ("Incentive", "经济激励")],
}
MAX_FILES = 20_000


@dataclass
class Findings:
    root: Path
    folders: list[str] = field(default_factory=list)     # folders holding record files
    records: int = 0                                     # record files found
    globs: list[str] = field(default_factory=list)
    layout: str = "none"
    languages: list[str] = field(default_factory=list)
    pillars: list[str] = field(default_factory=list)
    vocabularies: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    known: list[str] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)
    tools: list[str] = field(default_factory=list)       # prettier, gray-matter, commitlint...
    conventional: bool = False
    config_path: Path | None = None                      # where it was written
    merge_setup: list[str] = field(default_factory=list)  # the merge driver's set-up, done

    def to_json(self) -> dict:
        return {"root": str(self.root), "folders": self.folders, "records": self.records,
                "paths": self.globs, "layout": self.layout, "languages": self.languages,
                "pillars": self.pillars, "vocabularies": self.vocabularies, "known": self.known,
                "defaults": self.defaults, "tools": self.tools, "conventional": self.conventional,
                "config": str(self.config_path) if self.config_path else None,
                "merge": self.merge_setup}


def init(folder: Path, force: bool = False) -> Findings:
    """Find what ``folder`` holds and write its reviewer.toml (refused if one exists,
    unless ``force``)."""
    root = Path(folder).resolve()
    if not root.is_dir():
        raise ReviewerError(f"no such folder: {folder}")
    target = root / CONFIG_NAME
    if target.exists() and not force:
        raise ReviewerError(f"{target} already exists; reviewer init --force replaces it")
    found = detect(root)
    if not found.records:
        raise ReviewerError(f"no record files found in {root} (Markdown files whose frontmatter "
                            f"has {', '.join(sorted(RECORD_KEYS))})")
    try:
        write_atomic(target, render_config(found).encode("utf-8"))
    except OSError as exc:  # a read-only folder, a full disk: said plainly, nothing written
        raise ReviewerError(f"cannot write {target}: {exc.strerror or exc}; nothing was "
                            "changed") from None
    try:
        load_config(root)  # what we write must be what we read
    except ConfigError as exc:  # pragma: no cover - a bug in render_config
        target.unlink(missing_ok=True)
        raise ReviewerError(f"the configuration written was not valid ({exc}); removed it") from None
    found.config_path = target
    found.merge_setup = sync.set_up_merge_driver(root, found.globs)
    return found


def proposal(folder: Path) -> Findings | None:
    """What ``reviewer init`` would find in ``folder``, when writing a reviewer.toml is worth
    offering: the folder has record files but no reviewer.toml, and they are not where
    today's defaults look (``records/``, one file per record). None otherwise."""
    root = Path(folder).resolve()
    if not root.is_dir() or (root / CONFIG_NAME).exists():
        return None
    found = detect(root)
    if not found.records:
        return None
    if found.layout == "none" and all(glob.startswith("records/") for glob in found.globs):
        return None  # the defaults read it as it is
    return found


def detect(root: Path) -> Findings:
    found = Findings(root)
    records = _record_files(root)
    found.records = len(records)
    found.folders = sorted({rel.rpartition("/")[0] for rel in records})
    _layout(found, records)
    _content(found, records)
    _tools(found)
    return found


def _record_files(root: Path) -> dict[str, dict]:
    """Workspace-relative Markdown files whose frontmatter is a record's: their data."""
    out: dict[str, dict] = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP and not d.startswith("."))
        for name in sorted(files):
            if not name.endswith((".md", ".markdown")) or name.startswith(".") or len(out) >= MAX_FILES:
                continue
            data = _frontmatter(Path(folder) / name)
            if isinstance(data, dict) and RECORD_KEYS & set(data):
                out[(Path(folder) / name).relative_to(root).as_posix()] = data
    return out


def _frontmatter(path: Path) -> Any:
    try:
        split = frontmatter.split(frontmatter.decode(read_regular(path, MAX_RECORD_BYTES)))
        return yaml.load(split.frontmatter, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, ReviewerError, yaml.YAMLError, ValueError):
        return None


def _layout(found: Findings, records: dict[str, dict]) -> None:
    folders = Counter(rel.rpartition("/")[0] for rel in records)
    by_parent: dict[str, list[str]] = {}
    for folder in folders:
        parent, _, name = folder.rpartition("/")
        if LANGUAGE.match(name):
            by_parent.setdefault(parent, []).append(name)
    parent, langs = max(by_parent.items(), key=lambda kv: len(kv[1]), default=("", []))
    if len(langs) > 1:
        found.layout = "folder"
        found.languages = _ordered(langs)
        found.globs = [f"{parent}/*/*.md" if parent else "*/*.md"]
        return
    suffixes = Counter(rel.rsplit(".", 2)[-2] for rel in records if rel.count(".") >= 2)
    langs = [s for s, n in suffixes.items() if LANGUAGE.match(s) and n > 1]
    if len(langs) > 1:
        found.layout = "suffix"
        found.languages = _ordered(langs)
    found.globs = [f"{f}/**/*.md" if f else "*.md" for f in _top_folders(list(folders))]


def _ordered(languages: list[str]) -> list[str]:
    """English first when there is English (the primary language), the rest by name."""
    return sorted(set(languages), key=lambda lang: (lang != "en", lang))


def _top_folders(folders: list[str]) -> list[str]:
    tops: list[str] = []
    for folder in sorted(folders, key=len):
        if not any(folder == t or folder.startswith(t + "/") for t in tops):
            tops.append(folder)
    return sorted(tops)


def _content(found: Findings, records: dict[str, dict]) -> None:
    pillars: Counter = Counter()
    unknown: Counter = Counter()
    missing_status = 0
    for data in records.values():
        analysis = data.get("analysis") if isinstance(data.get("analysis"), dict) else {}
        pillars.update(k for k, v in analysis.items() if isinstance(v, dict))
        unknown.update(".".join(map(str, p[:2])) for p in unknown_fields(data) if p[:1] != ("analysis",))
        missing_status += "reviewStatus" not in data
    found.pillars = [p for p in PILLARS if p in pillars] + sorted(p for p in pillars if p not in PILLARS)
    found.known = sorted(unknown)
    if missing_status:
        found.defaults["reviewStatus"] = "draft"
    if found.layout != "none":
        found.vocabularies = _paired_values(found, records)


def _paired_values(found: Findings, records: dict[str, dict]) -> dict[str, list[dict[str, str]]]:
    """Controlled values in each language, from the records present in every language."""
    groups: dict[str, dict[str, dict]] = {}
    for rel, data in records.items():
        folder, _, name = rel.rpartition("/")
        if found.layout == "folder":
            key, lang = name.rsplit(".", 1)[0], folder.rpartition("/")[2]
        else:
            key, _, lang = name.rsplit(".", 1)[0].rpartition(".")
        if lang in found.languages:
            groups.setdefault(key, {})[lang] = data
    out: dict[str, list[dict[str, str]]] = {}
    for field_name in TRANSLATED_VOCABULARY:
        rows: list[dict[str, str]] = []
        if set(found.languages) == {"en", "zh"}:
            rows = [{"en": en, "zh": zh} for en, zh in SITE_PAIRS.get(field_name, [])]
        for files in groups.values():
            row = {lang: d.get(field_name) for lang, d in files.items()}
            if len(row) == len(found.languages) and all(isinstance(v, str) and v for v in row.values()):
                if row not in rows:
                    rows.append(row)
        if rows:
            out[field_name] = rows
    return out


def _tools(found: Findings) -> None:
    root = found.root
    try:
        package = json.loads((root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        package = {}
    deps = {**package.get("dependencies", {}), **package.get("devDependencies", {})} \
        if isinstance(package, dict) else {}
    files = {p.name for p in root.iterdir()} if root.is_dir() else set()
    if "prettier" in deps or any(n.startswith(".prettierrc") or n.startswith("prettier.config")
                                 for n in files) or "prettier" in package:
        found.tools.append("prettier")
    if "gray-matter" in deps:
        found.tools.append("gray-matter")
    commitlint = [n for n in files if n.startswith(("commitlint.config", ".commitlintrc"))]
    if "@commitlint/cli" in deps or commitlint or "commitlint" in package:
        found.tools.append("commitlint")
        text = " ".join(_read(root / n) for n in commitlint) + json.dumps(package.get("commitlint", {}))
        found.conventional = "config-conventional" in text or "@commitlint/config-conventional" in deps
    if (root / ".husky").is_dir() or "husky" in deps:
        found.tools.append("husky")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[:20_000]
    except OSError:
        return ""


def render_config(found: Findings) -> str:
    """The reviewer.toml text for what was found, with a comment on each section."""
    import tomlkit  # only init writes TOML; reading uses tomllib
    doc = tomlkit.document()
    doc.add(tomlkit.comment("How reviewer reads this repository (written by reviewer init; edit freely)."))
    doc.add(tomlkit.comment("Every key is optional: see the README's reviewer.toml section."))
    records = tomlkit.table()
    records.add(tomlkit.comment("the record files, relative to this file"))
    records.add("paths", found.globs)
    if found.layout != "none":
        records.add(tomlkit.comment("one record in several language files: <lang>/<id>.md (folder) "
                                    "or <id>.<lang>.md (suffix)"))
        records.add("layout", found.layout)
        records.add("languages", found.languages)
        records.add(tomlkit.comment("fields that must be the same in every language file"))
        records.add("neutral", list(DEFAULT_NEUTRAL))
    doc.add("records", records)
    if found.pillars:
        pillars = tomlkit.table()
        pillars.add("order", found.pillars)
        doc.add("pillars", pillars)
    schema = tomlkit.table()
    schema.add("required", ["title"] if found.layout != "none" else ["id", "title", "reviewStatus"])
    if found.defaults:
        schema.add("defaults", found.defaults)
    if found.known:
        schema.add(tomlkit.comment("fields the site's records use beyond reviewer's own (kept, not warned)"))
        schema.add("known", found.known)
    doc.add("schema", schema)
    if found.vocabularies:
        vocabularies = tomlkit.table(is_super_table=True)
        for name, rows in found.vocabularies.items():
            table = tomlkit.table()
            values = tomlkit.array()
            values.multiline(True)
            for row in rows:
                item = tomlkit.inline_table()
                item.update(row)
                values.append(item)
            table.add("values", values)
            vocabularies.add(name, table)
        doc.add(tomlkit.nl())
        doc.add(tomlkit.comment("controlled values in each language, learned from the records"))
        doc.add("vocabularies", vocabularies)
    if found.conventional:
        commits = tomlkit.table()
        commits.add(tomlkit.comment("commitlint's conventional commits: the commit-msg hook passes"))
        commits.add("subject", CONVENTIONAL_SUBJECT)
        doc.add("commits", commits)
    return tomlkit.dumps(doc)
