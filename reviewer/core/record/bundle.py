"""One record in several language files: ``en/x.md`` and ``zh/x.md`` are one policy.

Language-neutral fields (scores, citations, the review status, provenance...) must be the
same in every file; translated fields (title, country, the body...) differ. An edit of a
neutral field goes to every file, a translated one to one language's file; either way all
the files are written as one change set: every file's edit must verify, or nothing is
written, and a failed write puts back the files already written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from reviewer.core.atomic import write_atomic
from reviewer.core.errors import EditRefused
from reviewer.core.locks import record_locks
from reviewer.core.record.datapath import get_path, same
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import Change
from reviewer.core.record.fielddiff import ABSENT, field_changes, format_value
from reviewer.core.record.nodes import Path, format_path

IsNeutral = Callable[[Path], bool]


@dataclass(frozen=True)
class Mismatch:
    """A neutral field whose value differs between the language files."""
    path: Path
    values: dict[str, Any]      # language -> value (ABSENT when the file lacks it)

    @property
    def message(self) -> str:
        shown = ", ".join(f"{lang}: {format_value(v)}" for lang, v in self.values.items())
        return f"differs between the languages ({shown}); a language-neutral field must be the same"

    def __str__(self) -> str:
        return f"{format_path(self.path)} {self.message}"


@dataclass
class RecordBundle:
    key: str | None
    files: dict[str | None, RecordFile] = field(default_factory=dict)  # language -> file

    @property
    def primary(self) -> RecordFile:
        return next(iter(self.files.values()))

    @property
    def languages(self) -> list[str]:
        return [lang for lang in self.files if lang is not None]

    @property
    def multilingual(self) -> bool:
        return len(self.files) > 1

    def mismatches(self, neutral: Iterable[str]) -> list[Mismatch]:
        """Neutral fields that differ between the files, leaf by leaf."""
        return data_mismatches({lang: f.data for lang, f in self.files.items()}, neutral)

    def route(self, edits: list[Change], language: str | None,
              is_neutral: IsNeutral) -> dict[str | None, list[Change]]:
        """Which file each edit goes to: a neutral field to every file, a translated one to
        ``language``'s file (needed when there are several)."""
        per_file: dict[str | None, list[Change]] = {lang: [] for lang in self.files}
        for edit in edits:
            if is_neutral(edit.path) or not self.multilingual:
                targets = list(self.files) if language is None or is_neutral(edit.path) \
                    else [self._language(language)]
            elif language is None:
                raise EditRefused(f"{edit}: a translated field of a record in "
                                  f"{', '.join(self.languages)}; say which language (--lang "
                                  f"{self.languages[0]})")
            else:
                targets = [self._language(language)]
            for lang in targets:
                per_file[lang].append(edit)
        return per_file

    def _language(self, language: str) -> str | None:
        if language in self.files:
            return language
        if not self.multilingual and language in (None, self.primary.language):
            return next(iter(self.files))
        raise EditRefused(f"the record has no {language!r} file (it has "
                          f"{', '.join(self.languages) or 'one file, no language'})")

    def save(self, per_file: dict[str | None, list[Change]]) -> "RecordBundle":
        """Write every file's edits as one change set (see the module's docstring)."""
        touched = {lang: edits for lang, edits in per_file.items() if edits}
        with record_locks(self.files[lang].path for lang in touched):
            rendered = {}
            for lang, edits in touched.items():  # every file verifies before any is written
                record = self.files[lang]
                record.check_unchanged_on_disk()
                rendered[lang] = record.render(edits).encode("utf-8")
            written: list[RecordFile] = []
            try:
                for lang, raw in rendered.items():
                    record = self.files[lang]
                    if raw != record.raw:
                        write_atomic(record.path, raw)
                        written.append(record)
            except OSError as exc:
                for record in written:  # put back what was written: all or nothing
                    write_atomic(record.path, record.raw)
                raise EditRefused(f"cannot write: {exc.strerror or exc}; no file was changed",
                                  path=self.files[lang].path) from None
        files = {lang: (RecordFile.from_bytes(rendered[lang], rf.path).named(rf.key, rf.language)
                        if lang in rendered and rendered[lang] != rf.raw else rf)
                 for lang, rf in self.files.items()}
        return RecordBundle(self.key, files)


def data_mismatches(data: dict[str | None, Any], neutral: Iterable[str]) -> list[Mismatch]:
    """Neutral fields that differ between the data of a record's files (language -> data,
    the primary first), leaf by leaf: of the files as they are, or as they will be."""
    if len(data) < 2:
        return []
    out: list[Mismatch] = []
    (first_lang, first), *others = data.items()
    for dotted in neutral:
        path = tuple(dotted.split("."))
        base = get_path(first, path, ABSENT)
        for lang, other in others:
            if same(base, get_path(other, path, ABSENT)):
                continue
            for leaf in _differing_leaves(path, base, get_path(other, path, ABSENT)):
                values = {first_lang: get_path(first, leaf, ABSENT)}
                values.update({o: get_path(d, leaf, ABSENT) for o, d in others})
                mismatch = Mismatch(leaf, values)
                if mismatch not in out:
                    out.append(mismatch)
    return out


def _differing_leaves(path: Path, a: Any, b: Any) -> list[Path]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [path + c.path for c in field_changes(a, b)] or [path]
    return [path]
