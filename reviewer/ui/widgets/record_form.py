"""The record form: a card per pillar, then every other field, with validation at the field.

The form never writes files: it turns user input into ``edit(path, value)`` requests on the
session and redraws single fields when the session reports a change (undo, redo, reload).
"""

from __future__ import annotations

import html
import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from reviewer.core.config import DEFAULT, WorkspaceConfig
from reviewer.core.record import vocabulary
from reviewer.core.record.datapath import get_path
from reviewer.core.record.nodes import Path, format_path
from reviewer.core.review.validate import unknown_fields
from reviewer.core.terms import PILLARS, UNBACKED_STATUSES
from reviewer.ui import i18n, icons
from reviewer.ui.widgets.body_tabs import BodyTabs
from reviewer.ui.widgets.field_editor import FieldEditor
from reviewer.ui.widgets.field_sections import FieldSections
from reviewer.ui.widgets.pillar_card import PillarCard

PIN_MS = 600    # how long a card scrolled to stays on top while the record is laid out


class RecordForm(QScrollArea):
    """Emits ``edited(path, value, merge)``, ``edited_in(language, path, value, merge)`` (a
    translated field of one language's file) and ``finished()`` (a field lost focus)."""

    edited = Signal(tuple, object, bool)
    edited_in = Signal(str, tuple, object, bool)
    finished = Signal()
    columns_changed = Signal(int)    # the language columns now shown (0: one file, as ever)
    citation_clicked = Signal(str)
    pillar_add_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # A card scrolled to stays on top while the record just shown is laid out (wrapped
        # labels settle their height after the first pass), then scrolling is the user's.
        self._pinned: QWidget | None = None
        self._unpin = QTimer(self, singleShot=True, interval=PIN_MS)
        self._unpin.timeout.connect(lambda: setattr(self, "_pinned", None))
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self._keep_pinned())
        inner = QWidget()
        self.setWidget(inner)
        layout = QVBoxLayout(inner)
        self.header = QLabel(self.tr("No record selected"))
        self.header.setObjectName("formHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._errors = self._warnings = self._unchecked = 0   # the summary's counts
        layout.addWidget(self.header)
        layout.addWidget(self.summary)
        self.cards: dict[str, PillarCard] = {}
        for number, name in enumerate(PILLARS, start=1):
            card = PillarCard(number, name)
            card.edited.connect(self.edited)
            card.finished.connect(self.finished)
            card.citation_clicked.connect(self.citation_clicked)
            card.add_requested.connect(self.pillar_add_requested)
            self.cards[name] = card
            layout.addWidget(card)
        self.config: WorkspaceConfig = DEFAULT
        self.sections = FieldSections(self._choices)
        self.sections.edited.connect(self.edited)
        self.sections.edited_in.connect(self.edited_in)
        self.sections.finished.connect(self.finished)
        layout.addWidget(self.sections)
        self.bodies = BodyTabs()
        self.bodies.setVisible(False)
        layout.addWidget(self.bodies)
        self.unknown_box = QGroupBox(self.tr("Fields this version does not know (kept as they are)"))
        self.unknown_view = QPlainTextEdit(readOnly=True)
        QVBoxLayout(self.unknown_box).addWidget(self.unknown_view)
        layout.addWidget(self.unknown_box)
        layout.addStretch(1)
        self.setEnabled(False)

    @property
    def fields(self) -> dict[Path, FieldEditor]:
        """The editors of fields that every file shares (all of them, for one file)."""
        return self.sections.fields

    @property
    def lang_fields(self) -> dict[tuple[str, Path], FieldEditor]:
        return self.sections.lang_fields

    def _choices(self, field: str, language: str | None) -> tuple[str, ...]:
        return vocabulary.choices(self.config, field, language)

    def configure(self, config: WorkspaceConfig, languages: tuple[str, ...]) -> None:
        """Lay the form out for the workspace and for a record in ``languages`` (none or one:
        a record in one file, laid out as ever). Rebuilt only when that changes."""
        languages = tuple(languages) if len(languages) > 1 else ()
        if config is self.config and languages == self.sections.languages:
            return
        self.config = config
        for card in self.cards.values():
            card.set_config(config)
        self.sections.configure(languages, config.is_neutral, self._choices)
        self.bodies.setVisible(bool(languages))
        self.columns_changed.emit(len(languages))

    # ---- showing data --------------------------------------------------------------------
    @staticmethod
    def header_html(data: dict, file: str, fmt: str, record_id: str | None = None,
                    languages: tuple[str, ...] = ()) -> str:
        """The record's title line: title, then id, status, file(s) and format, and the
        languages of a record in several files."""
        title = html.escape(str(data.get("title", QCoreApplication.translate("RecordForm", "(untitled)"))))
        status = html.escape(i18n.review_status_name(data.get("reviewStatus", "?")))
        shown_id = record_id if record_id is not None else data.get("id", "")
        tail = f" · {' · '.join(languages)}" if len(languages) > 1 else ""
        return (f"<b style='font-size:14pt'>{title}</b><br>"
                f"<code>{html.escape(str(shown_id or ''))}</code> · {status}{html.escape(tail)} · "
                f"{html.escape(file)} ({fmt})")

    def show_record(self, data: dict, title: str, languages: dict[str, dict] | None = None,
                    bodies: dict[str, str] | None = None) -> None:
        """The record (its primary file's ``data``); for a record in several files, each
        language's data and body too (see :meth:`configure`)."""
        self.setEnabled(True)
        self.header.setText(title)
        analysis = data.get("analysis") if isinstance(data.get("analysis"), dict) else {}
        for name, card in self.cards.items():
            card.show_pillar(analysis.get(name))
        self.sections.show_data(data)
        for language, language_data in (languages or {}).items():
            if language in self.sections.languages:
                self.sections.show_language(language, language_data)
        if bodies and self.sections.languages:
            self.bodies.show_bodies(bodies)
        self._show_unknown(data)

    def show_field(self, data: dict, path: Path, value: Any) -> None:
        """Redraw what one change at ``path`` affects (undo/redo or a programmatic edit)."""
        if len(path) >= 2 and path[0] == "analysis" and path[1] in self.cards:
            card = self.cards[path[1]]
            if len(path) == 3:
                card.show_field(path[2], value)
            else:
                card.show_pillar(get_path(data, path[:2]))
        self.sections.show_field(data, path)
        self._show_unknown(data)

    def show_translation(self, language: str, data: dict, path: Path) -> None:
        """Redraw what a change at ``path`` in ``language``'s file affects."""
        self.sections.show_field(data, path, language)

    def _show_unknown(self, data: dict) -> None:
        paths = unknown_fields(data, self.config)
        self.unknown_box.setVisible(bool(paths))
        lines = [f"{format_path(p)}: {json.dumps(get_path(data, p), ensure_ascii=False, default=str)}"
                 for p in paths]
        self.unknown_view.setPlainText("\n".join(lines))

    def show_findings(self, findings: list, by_language: dict[str, list] | None = None) -> None:
        """``findings`` of the record (its primary file); ``by_language``: each language
        file's, shown at its own column's editors."""
        by_path = _by_path(findings)
        for name, card in self.cards.items():
            fields = {k[2]: v for k, v in by_path.items() if len(k) == 3 and k[:2] == ("analysis", name)}
            card.set_findings(fields, by_path.get(("analysis", name), []))
        by_language = by_language or {}
        self.sections.set_findings(by_path, {lang: _by_path(f) for lang, f in by_language.items()})
        # Each file's findings on translated fields count once; the rest are the record's.
        shown = list(findings) + [f for lang, found in list(by_language.items())[1:] for f in found
                                  if not self.config.is_neutral(tuple(f.path))]
        self._errors = sum(1 for f in shown if f.severity == "error")
        self._warnings = len(shown) - self._errors
        self._show_summary()

    def show_citations(self, results: list) -> None:
        by_pillar = {r.pillar: r for r in results}
        for name, card in self.cards.items():
            card.set_citation(by_pillar.get(name))
        # Citations the sources do not back: each needs a fix or an audit note to verify.
        self._unchecked = sum(1 for r in results if r.status in UNBACKED_STATUSES)
        self._show_summary()

    def _show_summary(self) -> None:
        """Findings, then citations, each count in its colour (in the palette's set of now)."""
        errors, warnings, unchecked = self._errors, self._warnings, self._unchecked
        parts = []
        if errors:
            parts.append(_coloured("error", self.tr("%n error(s)", "", errors)))
        if warnings:
            parts.append(_coloured("warning", self.tr("%n warning(s)", "", warnings)))
        if unchecked:
            parts.append(_coloured("warning", self.tr("%n citation(s) not backed by the sources", "", unchecked)))
        self.summary.setText(" · ".join(parts) if parts else _coloured("verified", self.tr("No problems found")))

    def follow_palette(self) -> None:
        """The palette changed (the desktop turned dark or light): the summary, the cards and
        the fields' findings again, in the colour set of the palette now."""
        if self.summary.text():   # a record is shown (cleared, the summary stays empty)
            self._show_summary()
        for card in self.cards.values():
            card.follow_palette()
        self.sections.follow_palette()

    def scroll_to_pillar(self, index: int) -> None:
        card = self.cards[PILLARS[index]]
        card.focus_first()   # first: focusing scrolls the field into view by itself
        self._pinned = card
        self._unpin.start()
        self._keep_pinned()

    def _keep_pinned(self) -> None:
        if self._pinned is not None:  # its top in the scrolled content (inside a group)
            self.verticalScrollBar().setValue(self._pinned.mapTo(self.widget(), QPoint(0, 0)).y())

    def clear(self, message: str) -> None:
        self.header.setText(message)
        self._errors = self._warnings = self._unchecked = 0
        self.summary.setText("")
        self.setEnabled(False)


def _coloured(kind: str, text: str) -> str:
    return f"<span style='color:{icons.COLORS[kind]}'>{text}</span>"


def _by_path(findings: list) -> dict[Path, list]:
    out: dict[Path, list] = {}
    for f in findings:
        out.setdefault(tuple(f.path), []).append(f)
    return out
