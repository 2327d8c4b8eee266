"""The field changes of a record kept in several language files, as one list.

A verify changes ``reviewStatus`` in ``en/x.md`` and in ``zh/x.md``: that is one change of
the record, and reads as one line. A neutral field changed alike in every language file is
listed once, without a language; anything else (a translated field, or a neutral field
changed in some files only, or differently) is listed per file, labelled with its language.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from reviewer.core.record.datapath import same
from reviewer.core.record.fielddiff import FieldChange
from reviewer.core.record.nodes import Path


def _alike(a: FieldChange, b: FieldChange) -> bool:
    return same(a.old, b.old) and same(a.new, b.new)


def record_changes(per_file: dict[str | None, list[FieldChange]], languages: Iterable[str | None],
                   is_neutral: Callable[[Path], bool]) -> list[FieldChange]:
    """One list of the changes of every file in ``per_file`` (language -> its changes, the
    primary language first); ``languages`` are all the record's files, changed or not. A
    record in one file keeps its list as it is."""
    every = set(languages)
    if len(every | set(per_file)) <= 1:
        return [change for changes in per_file.values() for change in changes]
    by_path: dict[Path, dict[str | None, FieldChange]] = {}
    for language, changes in per_file.items():
        for change in changes:
            by_path.setdefault(change.path, {})[language] = change
    out: list[FieldChange] = []
    once: set[Path] = set()
    for language, changes in per_file.items():
        for change in changes:
            if change.path in once:
                continue
            group = by_path[change.path]
            if is_neutral(change.path) and set(group) == every and \
                    all(_alike(change, other) for other in group.values()):
                once.add(change.path)
                out.append(replace(change, language=None))
            else:
                out.append(replace(change, language=language))
    return out
