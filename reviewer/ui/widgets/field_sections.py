"""The record's fields outside the pillars, in groups: one editor per field, or, for a record
in several language files, one editor per language side by side for each translated field.

A language-neutral field (the dates, the URL, the legal weight, provenance...) is the same
in every file, so it has one editor, and an edit of it goes to every file. A translated
field (title, status, country, description...) has a column per language, each editing
that language's file and offering that language's controlled values.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reviewer.core.errors import EditRefused
from reviewer.core.record.datapath import get_path
from reviewer.core.record.nodes import Path, format_path
from reviewer.core.record.schema import coerce_text
from reviewer.ui import i18n
from reviewer.ui.field_names import SECTIONS
from reviewer.ui.widgets.choice_field import ChoiceField
from reviewer.ui.widgets.field_editor import FieldEditor
from reviewer.ui.widgets.list_field import ListField
from reviewer.ui.widgets.multiline_field import MultiLineField
from reviewer.ui.widgets.text_field import TextField

Choices = Callable[[str, "str | None"], tuple[str, ...]]


def language_name(code: str) -> str:
    """``English (en)``, ``Chinese (zh)``: the code as auditors see it in the files."""
    locale = QLocale(code)
    if i18n.current() == i18n.ENGLISH:
        name = QLocale.languageToString(locale.language())
    else:  # each language by its own name (中文, English): no translation needed
        name = locale.nativeLanguageName() if locale.language() != QLocale.C else ""
    return f"{name} ({code})" if name and name not in ("C", "Default") else code


class FieldSections(QWidget):
    """Emits ``edited(path, value, merge)`` for a field of every file (or of the only one),
    ``edited_in(language, path, value, merge)`` for a translated field of one language's
    file, and ``finished()`` when a field loses focus (the end of one undo step)."""

    edited = Signal(tuple, object, bool)
    edited_in = Signal(str, tuple, object, bool)
    finished = Signal()

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.languages: tuple[str, ...] = ()
        self.fields: dict[Path, FieldEditor] = {}                     # one editor for every file
        self.lang_fields: dict[tuple[str, Path], FieldEditor] = {}    # (language, path) -> editor
        self._boxes: list[QGroupBox] = []
        self.configure((), lambda path: True, choices)

    def configure(self, languages: tuple[str, ...], is_neutral: Callable[[Path], bool],
                  choices: Choices) -> None:
        """Lay the fields out for a record in ``languages`` (none: one file, as always)."""
        for box in self._boxes:
            self.layout_.removeWidget(box)
            box.deleteLater()
        self._boxes, self.fields, self.lang_fields = [], {}, {}
        self.languages = tuple(languages)
        labels: list[QLabel] = []
        for title, rows in SECTIONS:
            box = QGroupBox(QCoreApplication.translate("FieldSections", title))
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.WrapLongRows)   # a narrow form: labels over their fields
            translated = [r for r in rows if self.languages and not is_neutral(r[0])]
            if translated:  # the languages' columns first, under their names
                form.addRow(_label("", labels), self._header())
                for path, label, kind in translated:
                    label = QCoreApplication.translate("FieldSections", label)
                    form.addRow(_label(label, labels), self._columns(path, label, kind, choices))
            for path, label, kind in rows:
                if (path, label, kind) not in translated:
                    label = QCoreApplication.translate("FieldSections", label)
                    editor = self._make(path, label, kind, choices(path[-1], self._first), None)
                    self.fields[path] = editor
                    form.addRow(_label(label, labels), editor)
            self.layout_.addWidget(box)
            self._boxes.append(box)
        if self.languages:  # one label width in every group: the columns line up down the form
            width = max(label.sizeHint().width() for label in labels)
            for label in labels:
                label.setMinimumWidth(width)

    @property
    def _first(self) -> str | None:
        return self.languages[0] if self.languages else None

    def _header(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for language in self.languages:
            label = QLabel(f"<b>{language_name(language)}</b>")
            label.setObjectName(f"languageHeader@{language}")
            layout.addWidget(label, 1)
        return row

    def _columns(self, path: Path, label: str, kind: str, choices: Choices) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for language in self.languages:
            editor = self._make(path, label, kind, choices(path[-1], language), language)
            self.lang_fields[(language, path)] = editor
            layout.addWidget(editor, 1)  # equal columns, whatever their content
        return row

    def _make(self, path: Path, label: str, kind: str, offered: tuple[str, ...],
              language: str | None) -> FieldEditor:
        if kind == "choice":
            editor: FieldEditor = ChoiceField(offered)
        elif kind == "list":
            editor = ListField()
        elif kind == "multi":
            editor = MultiLineField(3)
        else:
            editor = TextField(numeric=kind == "number")
        editor.setObjectName(format_path(path) + (f"@{language}" if language else ""))
        # A screen reader says the label of the row (not beside the editor, for Qt to find),
        # and in a language column which language's file the box edits.
        editor.set_accessible_name(self.tr("{field} in {language}").format(
            field=label, language=language_name(language)) if language else label)
        editor.value_changed.connect(lambda value, p=path: self._field_edited(p, value, language))
        editor.finished.connect(self.finished)
        return editor

    def _field_edited(self, path: Path, value: Any, language: str | None) -> None:
        if isinstance(value, str):
            try:
                value = coerce_text(path, value) if value.strip() else value
            except EditRefused:
                pass  # keep the text; validation shows the problem at the field
        if language is None:
            self.edited.emit(path, value, True)
        else:
            self.edited_in.emit(language, path, value, True)

    # ---- showing data --------------------------------------------------------------------
    def show_data(self, data: dict) -> None:
        """The record's (primary file's) data: every field of every file, or the neutral
        fields and the primary language's column."""
        for path, editor in self.fields.items():
            editor.set_value(get_path(data, path))
        if self._first:
            self.show_language(self._first, data)

    def show_language(self, language: str, data: dict) -> None:
        for (lang, path), editor in self.lang_fields.items():
            if lang == language:
                editor.set_value(get_path(data, path))

    def show_field(self, data: dict, path: Path, language: str | None = None) -> None:
        """Redraw the editors that a change at ``path`` affects: in ``language``'s column,
        or (None) in the primary file, which holds every neutral field."""
        language = language or self._first
        targets = [(p, e) for (lang, p), e in self.lang_fields.items() if lang == language]
        if language == self._first:
            targets += list(self.fields.items())
        for field_path, editor in targets:
            if field_path[: len(path)] == path or path[: len(field_path)] == field_path:
                editor.set_value(get_path(data, field_path))

    def set_findings(self, by_path: dict[Path, list], by_language: dict[str, dict[Path, list]]) -> None:
        """``by_path``: the primary file's findings; ``by_language``: each file's."""
        for path, editor in self.fields.items():
            editor.set_findings(by_path.get(path, []))
        for (language, path), editor in self.lang_fields.items():
            editor.set_findings(by_language.get(language, {}).get(path, []))

    def follow_palette(self) -> None:
        """The palette changed: each field's findings again, in the colours of the palette now."""
        for editor in [*self.fields.values(), *self.lang_fields.values()]:
            editor.follow_palette()


def _label(text: str, made: list[QLabel]) -> QLabel:
    label = QLabel(text)
    made.append(label)
    return label
