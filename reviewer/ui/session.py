"""The record being edited: its file(s) as read, a working copy of each, and its undo stack.

A record is one file, or (in a language layout) one file per language: ``en/x.md`` and
``zh/x.md``. Every user edit is a QUndoCommand on the session's one stack. An edit of a
language-neutral field (a score, the review status...) sets it in every language's working
copy at once, so it is one undo step; a translated field (title, country...) is set in one
language's copy. The form listens to ``field_changed`` (the primary language, and neutral
fields) and ``translation_changed`` (another language's copy) to redraw exactly that field.
Saving hands the engine, for each file, the leaf changes between it and its working copy.
"""

from __future__ import annotations

import copy
from pathlib import Path as FsPath
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reviewer.core.record.datapath import changes_between, get_path, same, set_path
from reviewer.core.record.document import RecordFile
from reviewer.core.record.editor import DELETE, Change
from reviewer.core.record.nodes import Path
from reviewer.core.terms import VERIFIED
from reviewer.ui.field_names import field_title

_MERGE_ID = 0x5E7
_PRIMARY: Any = object()     # "the primary language" where None is a language (no layout)
Language = str | None


class SetFieldCommand(QUndoCommand):
    """Set one field in one or every language's copy; consecutive edits of the same field
    in the same copies (typing, dragging) merge."""

    def __init__(self, session: "RecordSession", path: Path, old: dict[Language, Any], new: Any,
                 merge: bool) -> None:
        super().__init__(QCoreApplication.translate("RecordSession", "Edit {field}").format(
            field=field_title(path)))
        self.session, self.path, self.old, self.new, self.merge = session, path, old, new, merge

    def id(self) -> int:
        return _MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFieldCommand) or other.path != self.path or not other.merge \
                or set(other.old) != set(self.old):
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        for language in self.old:
            self.session.apply(self.path, self.new, language)

    def undo(self) -> None:
        for language, value in self.old.items():
            self.session.apply(self.path, value, language)


class RecordSession(QObject):
    field_changed = Signal(tuple, object)         # path, new value in the primary copy (DELETE: removed)
    translation_changed = Signal(object, tuple)   # language, path: another language's copy changed
    data_changed = Signal()                       # any change of a working copy
    reloaded = Signal()                           # a file was re-read (save or disk change)
    edit_refused = Signal()                       # an edit of a verified record: reopen it first

    def __init__(self, record: RecordFile, parent: QObject | None = None,
                 files: dict[Language, RecordFile] | None = None,
                 is_neutral: Callable[[Path], bool] | None = None) -> None:
        """``files``: the record's language files (the primary first) when it has several;
        ``is_neutral`` says which fields go to all of them."""
        super().__init__(parent)
        self.files: dict[Language, RecordFile] = dict(files) if files and len(files) > 1 \
            else {record.language: record}
        self.is_neutral = is_neutral or (lambda path: True)
        self.datas: dict[Language, dict] = {lang: copy.deepcopy(f.data) for lang, f in self.files.items()}
        # The record as this review began: a never-committed record's audit notes in it are
        # the draft's (the gate counts only notes the auditor wrote or confirmed).
        self.loaded_data: dict = copy.deepcopy(self.files[next(iter(self.files))].data)
        self.stack = QUndoStack(self)

    # ---- the files -----------------------------------------------------------------------
    @property
    def primary(self) -> Language:
        return next(iter(self.files))

    @property
    def languages(self) -> list[Language]:
        return list(self.files)

    @property
    def multilingual(self) -> bool:
        return len(self.files) > 1

    @property
    def record(self) -> RecordFile:
        """The primary language's file (the only one of a one-file record)."""
        return self.files[self.primary]

    @property
    def data(self) -> dict:
        """The primary language's working copy."""
        return self.datas[self.primary]

    @property
    def path(self) -> FsPath:
        return self.record.path

    @property
    def locked(self) -> bool:
        """Verified in its file: every change goes through a reopen (the audit trail)."""
        return self.record.data.get("reviewStatus") == VERIFIED

    def ensure_editable(self) -> bool:
        """True when edits may go in; for a verified record, False and ``edit_refused``."""
        if self.locked:
            self.edit_refused.emit()
        return not self.locked

    @property
    def paths(self) -> list[FsPath]:
        return [f.path for f in self.files.values()]

    def language_of(self, path: FsPath) -> Language:
        """The language whose file is ``path`` (``_PRIMARY`` when none of ours is)."""
        return next((lang for lang, f in self.files.items() if f.path == path), _PRIMARY)

    def has_file(self, path: FsPath) -> bool:
        return self.language_of(path) is not _PRIMARY

    # ---- edits --------------------------------------------------------------------------
    def value(self, path: Path, default: Any = None, language: Language = None) -> Any:
        data = self.datas.get(language, self.data) if language is not None else self.data
        return get_path(data, path, default)

    def targets(self, path: Path, language: Language = None) -> list[Language]:
        """The copies an edit of ``path`` goes to: all for a neutral field, else one."""
        if not self.multilingual or self.is_neutral(tuple(path)):
            return self.languages  # a neutral field is never one language's alone
        return [language if language in self.files else self.primary]

    def edit(self, path: Path, value: Any, merge: bool = True, language: Language = None) -> None:
        """A user edit: pushed on the undo stack unless it changes nothing (or the record
        is verified: then ``edit_refused`` asks for a reopen and nothing changes)."""
        if not self.ensure_editable():
            return
        old = {lang: get_path(self.datas[lang], path, DELETE) for lang in self.targets(path, language)}
        if all(_same(v, value) for v in old.values()):
            return
        self.stack.push(SetFieldCommand(self, tuple(path), old, value, merge))

    def edit_many(self, edits: list[tuple[Path, Any]], text: str) -> None:
        """Several edits as one undo step (e.g. a citation and its evidence)."""
        if not self.ensure_editable():
            return
        self.stack.beginMacro(text)
        try:
            for path, value in edits:
                self.edit(path, value, merge=False)
        finally:
            self.stack.endMacro()

    def apply(self, path: Path, value: Any, language: Language = _PRIMARY) -> None:
        language = self.primary if language is _PRIMARY else language
        set_path(self.datas[language], path, copy.deepcopy(value) if value is not DELETE else DELETE,
                 make_room=True)
        if language == self.primary:
            self.field_changed.emit(tuple(path), value)
        else:
            self.translation_changed.emit(language, tuple(path))
        self.data_changed.emit()

    def end_merge(self) -> None:
        """Start a new undo step for the next edit (called when a field loses focus)."""
        if self.stack.count():
            cmd = self.stack.command(self.stack.index() - 1)
            if isinstance(cmd, SetFieldCommand):
                cmd.merge = False

    # ---- state ---------------------------------------------------------------------------
    def pending_changes(self, language: Language = _PRIMARY) -> list[Change]:
        """The edits not saved yet, of the primary file (or of ``language``'s)."""
        language = self.primary if language is _PRIMARY else language
        return changes_between(self.files[language].data, self.datas[language])

    def pending_by_language(self) -> dict[Language, list[Change]]:
        return {lang: self.pending_changes(lang) for lang in self.files}

    @property
    def dirty(self) -> bool:
        return any(not same(f.data, self.datas[lang]) for lang, f in self.files.items())

    def rebase(self, record: RecordFile) -> None:
        """Our own action rewrote one of the files (a save, a verify): it is that language's
        new base. Edits not in it yet (typed while the save ran) stay in the working copy,
        and the undo history stays usable."""
        language = self.language_of(record.path)
        if language is _PRIMARY:
            return
        self._take(language, record, keep_edits=True)
        if not self.dirty:
            self.stack.setClean()
            if self.locked:  # just verified: undoing into it would edit verified data
                self.stack.clear()
        self.reloaded.emit()
        self.data_changed.emit()

    def merge_from_disk(self, record: RecordFile, data: dict) -> None:
        """A file changed underneath and was merged with our edits (:mod:`merge`): it is
        its language's new base and ``data`` that language's working copy. The undo history
        stays: undoing an edit of ours puts back its value from before we made it."""
        language = self.language_of(record.path)
        if language is _PRIMARY:
            return
        self.files[language] = record
        self.datas[language] = copy.deepcopy(data)
        if not self.dirty:
            self.stack.setClean()
        self.reloaded.emit()
        self.data_changed.emit()

    def replace_from_disk(self, record: RecordFile, keep_edits: bool) -> None:
        """A file changed underneath: take it, optionally re-applying our pending edits.
        Dropping the edits drops them in every language (the undo history goes with them)."""
        language = self.language_of(record.path)
        if language is _PRIMARY:
            return
        self._take(language, record, keep_edits)
        if not keep_edits:
            for lang, f in self.files.items():
                self.datas[lang] = copy.deepcopy(f.data)
            self.stack.clear()
        self.reloaded.emit()
        self.data_changed.emit()

    def _take(self, language: Language, record: RecordFile, keep_edits: bool) -> None:
        pending = self.pending_changes(language) if keep_edits else []
        self.files[language] = record
        self.datas[language] = copy.deepcopy(record.data)
        for change in pending:
            set_path(self.datas[language], change.path, change.value, make_room=True)


def _same(old: Any, new: Any) -> bool:
    if old is DELETE or new is DELETE:
        return old is new
    return same(old, new)
