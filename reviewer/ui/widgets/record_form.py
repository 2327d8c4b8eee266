"""The record form: a card per pillar, then every other field, with validation at the field.

The form never writes files: it turns user input into ``edit(path, value)`` requests on the
session and redraws single fields when the session reports a change (undo, redo, reload).
"""

from __future__ import annotations

import html
import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.errors import EditRefused
from reviewer.core.record import vocabulary
from reviewer.core.record.datapath import get_path
from reviewer.core.record.nodes import Path, format_path
from reviewer.core.record.schema import coerce_text
from reviewer.core.review.validate import unknown_fields
from reviewer.core.terms import PILLARS, UNBACKED_STATUSES
from reviewer.ui import icons
from reviewer.ui.widgets.choice_field import ChoiceField
from reviewer.ui.widgets.field_editor import FieldEditor
from reviewer.ui.widgets.list_field import ListField
from reviewer.ui.widgets.multiline_field import MultiLineField
from reviewer.ui.widgets.pillar_card import PillarCard
from reviewer.ui.widgets.text_field import TextField

# (group, [(path, label, kind)]) for everything outside the pillars.
SECTIONS: list[tuple[str, list[tuple[Path, str, str]]]] = [
    ("Policy", [(("title",), "Title", "text"), (("status",), "Status", "choice"),
                (("category",), "Category", "choice"), (("legalWeight",), "Legal weight", "choice"),
                (("pubDate",), "Published", "text"), (("year",), "Year", "number"),
                (("country",), "Country", "text"), (("scope",), "Scope", "choice"),
                (("region",), "Region", "text"), (("source",), "Issuer", "text"),
                (("url",), "URL", "text"), (("tags",), "Tags", "list"),
                (("sectors",), "Sectors", "list"), (("description",), "Description", "multi")]),
    ("Impact analysis", [(("impactAnalysis", k), k.capitalize(), "multi")
                         for k in ("economic", "technical", "environmental")]),
    ("Implementation", [(("implementationDetails", k), label, "text") for k, label in
                        (("authority", "Authority"), ("mechanism", "Mechanism"),
                         ("fundingScale", "Funding scale"))]),
    ("Evolution", [(("evolution", "supersedes"), "Supersedes", "list"),
                   (("evolution", "supersededBy"), "Superseded by", "text"),
                   (("evolution", "clusters"), "Clusters", "list")]),
    ("Regulatory", [(("regulatory", k), k.replace("_", " ").capitalize(), "text") for k in
                    ("co2_definition", "cross_border_rules", "financial_assurance",
                     "liability_period", "liability_transfer", "permitting_lead_time",
                     "pore_space_rights")]),
    ("Provenance", [(("provenance", "author"), "Author", "text"),
                    (("provenance", "reviewer"), "Reviewer", "text"),
                    (("provenance", "lastAuditDate"), "Last audit", "text")]),
]


class RecordForm(QScrollArea):
    """Emits ``edited(path, value, merge)`` and ``finished()`` (a field lost focus)."""

    edited = Signal(tuple, object, bool)
    finished = Signal()
    citation_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        inner = QWidget()
        self.setWidget(inner)
        layout = QVBoxLayout(inner)
        self.header = QLabel("No record selected")
        self.header.setObjectName("formHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self._findings_parts: list[str] = []   # the summary: findings, then citations
        self._unchecked = 0
        layout.addWidget(self.header)
        layout.addWidget(self.summary)
        self.cards: dict[str, PillarCard] = {}
        for number, name in enumerate(PILLARS, start=1):
            card = PillarCard(number, name)
            card.edited.connect(self.edited)
            card.finished.connect(self.finished)
            card.citation_clicked.connect(self.citation_clicked)
            self.cards[name] = card
            layout.addWidget(card)
        self.fields: dict[Path, FieldEditor] = {}
        for title, rows in SECTIONS:
            box = QGroupBox(title)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
            for path, label, kind in rows:
                editor = self._make(path, kind)
                editor.setObjectName(format_path(path))
                form.addRow(label, editor)
                self.fields[path] = editor
            layout.addWidget(box)
        self.unknown_box = QGroupBox("Fields this version does not know (kept as they are)")
        self.unknown_view = QPlainTextEdit(readOnly=True)
        QVBoxLayout(self.unknown_box).addWidget(self.unknown_view)
        layout.addWidget(self.unknown_box)
        layout.addStretch(1)
        self.setEnabled(False)

    def _make(self, path: Path, kind: str) -> FieldEditor:
        if kind == "choice":
            editor: FieldEditor = ChoiceField(vocabulary.CONTROLLED.get(path[-1], ()))
        elif kind == "list":
            editor = ListField()
        elif kind == "multi":
            editor = MultiLineField(3)
        else:
            editor = TextField(numeric=kind == "number")
        editor.value_changed.connect(lambda value, p=path: self._field_edited(p, value))
        editor.finished.connect(self.finished)
        return editor

    def _field_edited(self, path: Path, value: Any) -> None:
        if isinstance(value, str):
            try:
                value = coerce_text(path, value) if value.strip() else value
            except EditRefused:
                pass  # keep the text; validation shows the problem at the field
        self.edited.emit(path, value, True)

    # ---- showing data --------------------------------------------------------------------
    @staticmethod
    def header_html(data: dict, file: str, fmt: str) -> str:
        """The record's title line: title, then id, status, file and format."""
        title = html.escape(str(data.get("title", "(untitled)")))
        status = html.escape(str(data.get("reviewStatus", "?")))
        return (f"<b style='font-size:14pt'>{title}</b><br>"
                f"<code>{html.escape(str(data.get('id', '')))}</code> · {status} · "
                f"{html.escape(file)} ({fmt})")

    def show_record(self, data: dict, title: str) -> None:
        self.setEnabled(True)
        self.header.setText(title)
        analysis = data.get("analysis") if isinstance(data.get("analysis"), dict) else {}
        for name, card in self.cards.items():
            card.show_pillar(analysis.get(name))
        for path, editor in self.fields.items():
            editor.set_value(get_path(data, path))
        self._show_unknown(data)

    def show_field(self, data: dict, path: Path, value: Any) -> None:
        """Redraw what one change at ``path`` affects (undo/redo or a programmatic edit)."""
        if len(path) >= 2 and path[0] == "analysis" and path[1] in self.cards:
            card = self.cards[path[1]]
            if len(path) == 3:
                card.show_field(path[2], value)
            else:
                card.show_pillar(get_path(data, path[:2]))
        for field_path, editor in self.fields.items():
            if field_path[: len(path)] == path or path[: len(field_path)] == field_path:
                editor.set_value(get_path(data, field_path))
        self._show_unknown(data)

    def _show_unknown(self, data: dict) -> None:
        paths = unknown_fields(data)
        self.unknown_box.setVisible(bool(paths))
        lines = [f"{format_path(p)}: {json.dumps(get_path(data, p), ensure_ascii=False, default=str)}"
                 for p in paths]
        self.unknown_view.setPlainText("\n".join(lines))

    def show_findings(self, findings: list) -> None:
        by_path: dict[Path, list] = {}
        for f in findings:
            by_path.setdefault(tuple(f.path), []).append(f)
        for name, card in self.cards.items():
            fields = {k[2]: v for k, v in by_path.items() if len(k) == 3 and k[:2] == ("analysis", name)}
            card.set_findings(fields, by_path.get(("analysis", name), []))
        for path, editor in self.fields.items():
            editor.set_findings(by_path.get(path, []))
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = len(findings) - errors
        parts = []
        if errors:
            parts.append(f"<span style='color:{icons.COLORS['error']}'>{errors} error(s)</span>")
        if warnings:
            parts.append(f"<span style='color:{icons.COLORS['warning']}'>{warnings} warning(s)</span>")
        self._findings_parts = parts
        self._show_summary()

    def show_citations(self, results: list) -> None:
        by_pillar = {r.pillar: r for r in results}
        for name, card in self.cards.items():
            card.set_citation(by_pillar.get(name))
        # Citations the sources do not back: each needs a fix or an audit note to verify.
        self._unchecked = sum(1 for r in results if r.status in UNBACKED_STATUSES)
        self._show_summary()

    def _show_summary(self) -> None:
        parts, unchecked = list(self._findings_parts), self._unchecked
        if unchecked:
            parts.append(f"<span style='color:{icons.COLORS['warning']}'>{unchecked} citation(s) "
                         "not backed by the sources</span>")
        self.summary.setText(" · ".join(parts) if parts else
                             f"<span style='color:{icons.COLORS['verified']}'>No problems found</span>")

    def scroll_to_pillar(self, index: int) -> None:
        card = self.cards[PILLARS[index]]
        self.ensureWidgetVisible(card, 0, 0)
        self.verticalScrollBar().setValue(card.y())
        card.focus_first()

    def clear(self, message: str) -> None:
        self.header.setText(message)
        self._findings_parts, self._unchecked = [], 0
        self.summary.setText("")
        self.setEnabled(False)

