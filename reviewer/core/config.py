"""A workspace's configuration: ``reviewer.toml`` at its root, or today's defaults.

The repository the auditors work in has its own layout, languages, vocabularies and
conventions; ``reviewer.toml`` describes them so the tool adapts to the repository, never
the other way round. Every key is optional: a workspace without the file (the seeds, a plain
``records/`` folder) behaves exactly as before. A bad file is refused with its path, line
and key, never a traceback.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from reviewer.core.errors import ReviewerError
from reviewer.core.terms import PILLARS

CONFIG_NAME = "reviewer.toml"
LAYOUTS = ("none", "folder", "suffix")
# Fields that must be the same in every language file of a record (the site's rule).
DEFAULT_NEUTRAL = ("analysis", "reviewStatus", "provenance", "pubDate", "year", "url", "source",
                   "legalWeight", "relatedFacilities", "evolution.supersedes",
                   "evolution.supersededBy", "evolution.consolidatedFrom")
DEFAULT_SUBJECT = "{Action} {id}: {title}"
CONVENTIONAL_SUBJECT = "chore(review): {action} {id}"
PLACEHOLDER_LABELS = ("Initial Assessment",)
PLACEHOLDER_EVIDENCE = ("Baseline strategic alignment under V5.0 migration.",)


class ConfigError(ReviewerError):
    """``reviewer.toml`` cannot be used: the message names the file, line and key."""


@dataclass(frozen=True)
class Vocabulary:
    """A controlled field's values, each as written in each language (``{"en": "Active",
    "zh": "现行"}``); ``synonyms`` map other spellings met in drafts to a value's ``en``."""
    field: str
    values: tuple[dict[str, str], ...]
    synonyms: dict[str, str] = field(default_factory=dict)

    def allowed(self, language: str | None) -> tuple[str, ...]:
        """The values a file in ``language`` may use (any language when unknown)."""
        if language is None:
            return tuple(dict.fromkeys(v for value in self.values for v in value.values()))
        return tuple(value[language] for value in self.values if language in value)


@dataclass(frozen=True)
class WorkspaceConfig:
    path: Path | None = None                     # the reviewer.toml read, None: defaults
    records: tuple[str, ...] = ("records/**/*.md", "records/**/*.markdown")
    layout: str = "none"                         # none | folder (<lang>/<id>.md) | suffix
    languages: tuple[str, ...] = ()              # the first is the primary language
    neutral: tuple[str, ...] = DEFAULT_NEUTRAL
    sources: str = "sources/{id}"
    pillars: tuple[str, ...] = PILLARS
    pillar_names: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> key -> name
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    required: tuple[str, ...] = ("id", "title", "reviewStatus")
    defaults: dict[str, Any] = field(default_factory=dict)
    known_fields: tuple[str, ...] = ()           # fields the site's schema accepts besides ours
    placeholder_labels: tuple[str, ...] = PLACEHOLDER_LABELS
    placeholder_evidence: tuple[str, ...] = PLACEHOLDER_EVIDENCE
    commit_subject: str = DEFAULT_SUBJECT
    trailers: tuple[str, ...] = ("Reviewed-by",)

    @property
    def multilingual(self) -> bool:
        return self.layout != "none" and len(self.languages) > 0

    def is_neutral(self, path: tuple) -> bool:
        """Whether the field at ``path`` must be equal in every language file."""
        dotted = ".".join(str(p) for p in path)
        return any(dotted == n or dotted.startswith(n + ".") or n.startswith(dotted + ".")
                   for n in self.neutral)

    def pillar_name(self, pillar: str, language: str | None = None) -> str:
        names = self.pillar_names.get(language or "", {}) or next(iter(self.pillar_names.values()), {})
        return names.get(pillar) or (pillar.upper() if pillar == "mrv" else pillar.capitalize())


DEFAULT = WorkspaceConfig()


def load_config(root: Path) -> WorkspaceConfig:
    """The configuration of the workspace at ``root`` (defaults without a reviewer.toml)."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return DEFAULT
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", path=path) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _position(str(exc))
        raise ConfigError(f"not valid TOML: {_without_position(str(exc))}", path=path,
                          line=line, col=col) from None
    return _Reader(path, text).config(raw)


def _position(message: str) -> tuple[int | None, int | None]:
    found = re.search(r"\(at line (\d+), column (\d+)\)", message)
    return (int(found.group(1)), int(found.group(2))) if found else (None, None)


def _without_position(message: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", message)


class _Reader:
    """Turns the parsed TOML into a WorkspaceConfig, refusing what it cannot use."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{key}: {message}", path=self.path, line=_line_of(self.text, key))

    def config(self, raw: dict) -> WorkspaceConfig:
        known = {"records", "sources", "pillars", "vocabularies", "schema", "gate", "commits"}
        for key in raw:
            if key not in known:
                raise self.fail(key, f"unknown section (known: {', '.join(sorted(known))})")
        values: dict[str, Any] = {"path": self.path}
        values.update(self._records(self._table(raw, "records")))
        values.update(self._sources(raw.get("sources")))
        values.update(self._pillars(self._table(raw, "pillars")))
        values["vocabularies"] = self._vocabularies(self._table(raw, "vocabularies"))
        values.update(self._schema(self._table(raw, "schema")))
        values.update(self._gate(self._table(raw, "gate")))
        values.update(self._commits(self._table(raw, "commits")))
        config = WorkspaceConfig(**values)
        if config.layout != "none" and not config.languages:
            raise self.fail("records.languages", f"layout {config.layout!r} needs the languages, "
                                                 'e.g. languages = ["en", "zh"]')
        return config

    # ---- typed getters ------------------------------------------------------------------------
    def _table(self, raw: dict, key: str) -> dict:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table ([" + key + "])")
        return value

    def _strings(self, table: dict, key: str, where: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(f"{where}.{key}", "must be a list of texts")
        return tuple(value)

    def _text(self, table: dict, key: str, where: str) -> str | None:
        if key not in table:
            return None
        if not isinstance(table[key], str) or not table[key]:
            raise self.fail(f"{where}.{key}", "must be a text")
        return table[key]

    def _only(self, table: dict, where: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(f"{where}.{key}", f"unknown key (known: {', '.join(sorted(allowed))})")

    # ---- sections -------------------------------------------------------------------------------
    def _records(self, table: dict) -> dict:
        self._only(table, "records", {"paths", "layout", "languages", "neutral"})
        out: dict[str, Any] = {}
        paths = self._strings(table, "paths", "records")
        if paths is not None:
            for glob in paths:
                if glob.startswith("/") or ".." in Path(glob).parts:
                    raise self.fail("records.paths", f"{glob!r} must stay inside the workspace")
            out["records"] = paths
        layout = self._text(table, "layout", "records")
        if layout is not None:
            if layout not in LAYOUTS:
                raise self.fail("records.layout", f"{layout!r} is not one of {', '.join(LAYOUTS)}")
            out["layout"] = layout
        languages = self._strings(table, "languages", "records")
        if languages is not None:
            for lang in languages:
                if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", lang):
                    raise self.fail("records.languages", f"{lang!r} is not a language code (en, zh, zh-Hant)")
            out["languages"] = languages
        neutral = self._strings(table, "neutral", "records")
        if neutral is not None:
            out["neutral"] = neutral
        return out

    def _sources(self, value: Any) -> dict:
        if value is None:
            return {}
        table = value if isinstance(value, dict) else {}
        if not isinstance(value, dict):
            raise self.fail("sources", "must be a table ([sources]) with folder = \"sources/{id}\"")
        self._only(table, "sources", {"folder"})
        folder = self._text(table, "folder", "sources")
        if folder is None:
            return {}
        if "{id}" not in folder or folder.startswith("/") or ".." in Path(folder).parts:
            raise self.fail("sources.folder", f"{folder!r} must hold {{id}} and stay inside the workspace")
        return {"sources": folder}

    def _pillars(self, table: dict) -> dict:
        self._only(table, "pillars", {"order", "names"})
        out: dict[str, Any] = {}
        order = self._strings(table, "order", "pillars")
        if order is not None:
            out["pillars"] = order
        names = table.get("names", {})
        if not isinstance(names, dict) or not all(
                isinstance(v, dict) and all(isinstance(x, str) for x in v.values()) for v in names.values()):
            raise self.fail("pillars.names", "must be tables of names per language "
                                             '([pillars.names.zh] mrv = "监测核查")')
        out["pillar_names"] = {lang: dict(v) for lang, v in names.items()}
        return out

    def _vocabularies(self, table: dict) -> dict[str, Vocabulary]:
        out = {}
        for name, spec in table.items():
            where = f"vocabularies.{name}"
            if not isinstance(spec, dict):
                raise self.fail(where, "must be a table with values = [...]")
            self._only(spec, where, {"values", "synonyms"})
            values = spec.get("values", [])
            if not isinstance(values, list) or not all(
                    isinstance(v, (str, dict)) for v in values):
                raise self.fail(f"{where}.values", 'must be a list of texts or tables '
                                                   '({ en = "Active", zh = "现行" })')
            rows = tuple({"": v} if isinstance(v, str) else dict(v) for v in values)
            if not all(all(isinstance(x, str) and x for x in row.values()) and row for row in rows):
                raise self.fail(f"{where}.values", "each value needs a text in each language")
            synonyms = spec.get("synonyms", {})
            if not isinstance(synonyms, dict) or not all(isinstance(v, str) for v in synonyms.values()):
                raise self.fail(f"{where}.synonyms", 'must be a table of spelling = "value"')
            out[name] = Vocabulary(name, rows, dict(synonyms))
        return out

    def _schema(self, table: dict) -> dict:
        self._only(table, "schema", {"required", "defaults", "known"})
        out: dict[str, Any] = {}
        required = self._strings(table, "required", "schema")
        if required is not None:
            out["required"] = required
        defaults = table.get("defaults", {})
        if not isinstance(defaults, dict):
            raise self.fail("schema.defaults", 'must be a table (reviewStatus = "draft")')
        out["defaults"] = dict(defaults)
        known = self._strings(table, "known", "schema")
        if known is not None:
            out["known_fields"] = known
        return out

    def _gate(self, table: dict) -> dict:
        self._only(table, "gate", {"placeholder_labels", "placeholder_evidence"})
        out: dict[str, Any] = {}
        for key in ("placeholder_labels", "placeholder_evidence"):
            value = self._strings(table, key, "gate")
            if value is not None:
                out[key] = value
        return out

    def _commits(self, table: dict) -> dict:
        self._only(table, "commits", {"subject", "trailers"})
        out: dict[str, Any] = {}
        subject = self._text(table, "subject", "commits")
        if subject is not None:
            try:
                subject.format(action="verify", Action="Verify", id="x", title="t")
            except (KeyError, IndexError, ValueError) as exc:
                raise self.fail("commits.subject", f"unknown placeholder {exc} (use {{action}}, "
                                                   "{Action}, {id}, {title})") from None
            out["commit_subject"] = subject
        trailers = self._strings(table, "trailers", "commits")
        if trailers is not None:
            out["trailers"] = trailers
        return out


def _line_of(text: str, dotted: str) -> int | None:
    """The line of ``section.key`` (or of the section) in the TOML text, when it is there."""
    *sections, key = dotted.split(".")
    lines = text.splitlines()
    start = 0
    if sections:
        header = re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, sections)) + r"\s*\]\s*(#.*)?$")
        found = next((i for i, line in enumerate(lines) if header.match(line)), None)
        if found is None:
            return None
        start = found + 1
    pattern = re.compile(r"^\s*(\[\s*)?" + re.escape(key) + r"\s*(=|\]|\.)")
    for i in range(start, len(lines)):
        if sections and lines[i].lstrip().startswith("[") and i > start and not pattern.match(lines[i]):
            break
        if pattern.match(lines[i]):
            return i + 1
    return start or None


def config_keys() -> tuple[str, ...]:
    return tuple(f.name for f in fields(WorkspaceConfig))
