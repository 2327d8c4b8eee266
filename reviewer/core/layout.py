"""Where a workspace keeps its records, and which files make up one record.

Without ``reviewer.toml``: every ``records/**/*.md`` file is a record, named by its ``id``
field. With one, the records are the files its globs match, and with a language layout a
record is one id in several language files:

- ``folder``: ``…/<lang>/<id>.md`` (``src/content/policies/en/x.md`` and ``…/zh/x.md``);
- ``suffix``: ``…/<id>.<lang>.md`` (``x.en.md`` and ``x.zh.md``).

Paths here are relative to the workspace root, with ``/``; nothing here reads a file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from reviewer.core.config import DEFAULT, WorkspaceConfig
from reviewer.core.record.summary import Summary

RECORD_SUFFIXES = (".md", ".markdown")


@lru_cache(maxsize=64)
def glob_regex(pattern: str) -> re.Pattern:
    """A glob (``*``, ``?``, ``[...]``, and ``**`` for any folders) as a regex on ``/`` paths."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 1:]:
            end = pattern.index("]", i + 1)
            body = pattern[i + 1:end].replace("\\", "\\\\")
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(frozen=True)
class FileRole:
    """What one record file is: the record it belongs to, and its language (None: the
    workspace has no language layout)."""
    key: str | None       # the record's id from the path; None: the id is the file's own field
    language: str | None


class Layout:
    def __init__(self, config: WorkspaceConfig = DEFAULT) -> None:
        self.config = config
        self.globs = tuple(glob_regex(g) for g in config.records)

    @property
    def is_default(self) -> bool:
        return self.config.records == DEFAULT.records

    def is_record(self, rel: str) -> bool:
        """Whether the workspace-relative path is one of the workspace's record files."""
        parts = rel.split("/")
        if any(p.startswith(".") for p in parts) or not rel.endswith(RECORD_SUFFIXES):
            return False
        return any(g.match(rel) for g in self.globs) and self.role(rel) is not None

    def role(self, rel: str) -> FileRole | None:
        """The record and language of a record file (None: the layout disowns the file, e.g.
        ``fr/x.md`` when the languages are en and zh)."""
        config = self.config
        name = rel.rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        if config.layout == "folder":
            folder = rel.rsplit("/", 2)[-2] if rel.count("/") >= 1 else ""
            return FileRole(stem, folder) if folder in config.languages else None
        if config.layout == "suffix":
            key, _, language = stem.rpartition(".")
            return FileRole(key, language) if key and language in config.languages else None
        return FileRole(None, None)

    def record_files(self, root: Path, unlisted: list[str] | None = None) -> list[str]:
        """Every record file (relative, sorted as the list shows them: a folder's files by
        name, then its subfolders by name). Folders that cannot be listed are noted."""
        tops = self.top_folders()
        found: list[str] = []
        for top in tops:
            found += self._walk(root, top, unlisted)
        return sorted(dict.fromkeys(f for f in found if self.is_record(f)), key=_list_order)

    def top_folders(self) -> list[str]:
        """Where the globs start (relative, ``/``; "" for the root): the folders walked."""
        return sorted({_fixed_prefix(g) for g in self.config.records})

    def _walk(self, root: Path, top: str, unlisted: list[str] | None) -> list[str]:
        out: list[str] = []

        def visit(folder: Path, rel: str) -> None:
            try:
                with os.scandir(folder) as entries:
                    listed = sorted(entries, key=lambda e: e.name)
            except OSError as exc:
                if unlisted is not None and folder.exists():
                    unlisted.append(f"{rel or '.'} cannot be read ({exc.strerror or exc}); "
                                    "the records in it are not listed")
                return
            for entry in listed:
                if entry.name.startswith("."):
                    continue
                child = f"{rel}/{entry.name}" if rel else entry.name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    is_dir = False
                if is_dir:
                    visit(Path(entry.path), child)
                else:
                    out.append(child)
        visit(root / top if top else root, top)
        return out

    def siblings(self, rel: str) -> dict[str, str]:
        """The record's language files (existing or not) by language, given one of them."""
        role = self.role(rel)
        if role is None or role.language is None:
            return {}
        folder, _, name = rel.rpartition("/")
        out = {}
        for language in self.config.languages:
            if self.config.layout == "folder":
                parent = folder.rpartition("/")[0]
                out[language] = "/".join(p for p in (parent, language, name) if p)
            else:
                suffix = name[len(role.key) + len(role.language) + 1:]
                out[language] = "/".join(p for p in (folder, f"{role.key}.{language}{suffix}") if p)
        return out

    def group(self, summaries: list[Summary]) -> list[Summary]:
        """One summary per record: a record's language files become one row, shown with
        the primary language's fields, its languages and files, and any file's error."""
        if not self.config.multilingual:
            return summaries
        groups: dict[str, list[tuple[int, Summary]]] = {}
        rank = {lang: i for i, lang in enumerate(self.config.languages)}
        for summary in summaries:
            role = self.role(summary.file.replace(os.sep, "/"))
            key = role.key if role else summary.file
            order = rank.get(role.language, len(rank)) if role else 0
            groups.setdefault(key, []).append((order, summary))
        out = []
        for key, members in groups.items():
            members.sort(key=lambda m: m[0])
            row = next((s for _, s in members if s.error is None), members[0][1])
            broken = next((s for _, s in members if s.error is not None), None)
            languages = tuple(lang for lang in self.config.languages
                              if any(self._language_of(s) == lang for _, s in members))
            out.append(replace(row, id=key if row.error is None else row.id,
                               languages=languages, files=tuple(s.file for _, s in members),
                               error=f"{broken.file}: {broken.error}" if broken and broken is not row
                               else row.error))
        return out

    def regroup(self, row: Summary | None, fresh: Summary) -> Summary:
        """A record's row after one of its files was read again (``fresh`` is that file's
        own summary; ``row`` the record's row as listed, None when not listed yet)."""
        if not self.config.multilingual:
            return fresh
        if row is None:
            return self.group([fresh])[0]
        others = [f for f in row.files if f not in (fresh.file, row.file)]
        others_error = row.error if row.error and any(row.error.startswith(f"{f}: ")
                                                      for f in others) else None
        if row.path == fresh.path:  # the file the row shows
            grouped = self.group([fresh])[0]
            return replace(grouped, languages=row.languages, files=row.files,
                           error=grouped.error or others_error)
        if fresh.error is not None:  # another language's file no longer reads
            return replace(row, error=f"{fresh.file}: {fresh.error}")
        return replace(row, error=others_error) if row.error != others_error else row

    def _language_of(self, summary: Summary) -> str | None:
        role = self.role(summary.file.replace(os.sep, "/"))
        return role.language if role else None

    def sources_folder(self, record_id: str) -> str:
        return self.config.sources.replace("{id}", record_id)

    @property
    def sources_root(self) -> str:
        """The folder holding every record's sources folder (``sources``)."""
        return self.config.sources.split("{id}", 1)[0].rstrip("/")


def _fixed_prefix(glob: str) -> str:
    """The folders of a glob before its first wildcard: where walking starts."""
    parts = []
    for part in glob.split("/")[:-1]:
        if any(c in part for c in "*?["):
            break
        parts.append(part)
    return "/".join(parts)


def _list_order(rel: str) -> tuple:
    """A folder's files by name before its subfolders, each by name (as ``os.walk``)."""
    *folders, name = rel.split("/")
    return tuple((1, f) for f in folders) + ((0, name),)
