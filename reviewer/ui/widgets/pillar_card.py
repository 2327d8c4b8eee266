"""One pillar of the analysis: score, label, evidence, citation and audit note.

A pillar the record does not assess shows as "not assessed" with an Add button; adding it
is an undoable edit like any other. Placeholders left by the V5.0 migration are flagged on
the card's title line so an auditor cannot miss them.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.record.editor import DELETE
from reviewer.core.review.gate import is_placeholder
from reviewer.ui import i18n, icons
from reviewer.ui.field_names import PILLAR_FIELDS
from reviewer.ui.widgets.field_editor import FieldEditor, restyle
from reviewer.ui.widgets.multiline_field import MultiLineField
from reviewer.ui.widgets.score_field import ScoreField
from reviewer.ui.widgets.text_field import TextField
from reviewer.ui.core_text import translated

FIELDS = tuple(PILLAR_FIELDS)   # score, label, evidence, citation, auditNote
NEW_PILLAR = {"label": "", "evidence": "", "citation": ""}     # with the score asked for


# How each citation status looks on the card: (symbol, colour).
CITATION_LOOK = {"resolved": ("✓", "verified"), "mismatch": ("≠", "error"),
                 "ambiguous": ("?", "warning"), "unresolved": ("✗", "error"),
                 "external": ("↗", "info"), "missing": ("–", "muted")}


class PillarCard(QFrame):
    """Emits ``edited(path, value, merge)``; paths are ``("analysis", pillar, field)``.
    ``citation_clicked(pillar)`` asks the window to show the cited heading."""

    edited = Signal(tuple, object, bool)
    finished = Signal()
    citation_clicked = Signal(str)
    add_requested = Signal(str)      # "Add pillar": the window asks for its score first

    def __init__(self, number: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.number = number
        self.setObjectName(f"pillar_{name}")
        self.setFrameShape(QFrame.StyledPanel)
        self.title = QLabel()
        self.badge = QLabel()
        self.badge.setObjectName("pillarBadge")
        self.badge.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.badge.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add pillar"))
        self.add_button.setToolTip(self.tr("Start assessing {pillar}").format(pillar=i18n.pillar_name(name)))
        self.add_button.clicked.connect(lambda: self.add_requested.emit(name))
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.badge, 1)
        head.addWidget(self.add_button)
        self.fields: dict[str, FieldEditor] = {
            "score": ScoreField(),
            "label": TextField(self.tr("short label")),
            "evidence": MultiLineField(3, self.tr("what the policy text says")),
            "citation": TextField(self.tr("where in the source, e.g. 七、保障措施（二）")),
            "auditNote": MultiLineField(4, self.tr("why this stands (required to verify over a warning)")),
        }
        self.citation_badge = QToolButton()
        self.citation_badge.setObjectName("citationBadge")
        self.citation_badge.setAutoRaise(True)
        self.citation_badge.setVisible(False)
        self.citation_badge.clicked.connect(lambda: self.citation_clicked.emit(self.name))
        head.insertWidget(1, self.citation_badge)
        self.head = head
        self.wrapped = QHBoxLayout()   # the citation badge, on a line of its own in a narrow card
        self.wrapped.addStretch(1)
        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)   # a narrow card: each label over its field
        for field in FIELDS:
            label = QCoreApplication.translate("PillarCard", PILLAR_FIELDS[field])
            editor = self.fields[field]
            editor.setObjectName(f"{name}.{field}")
            form.addRow(label, editor)
            editor.value_changed.connect(lambda value, f=field: self._edited(f, value))
            editor.finished.connect(self.finished)
        # The validator's word on the whole pillar, across the card's width (in the title
        # line it was squeezed into a narrow column).
        self.problems = QLabel()
        self.problems.setObjectName("pillarProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.problems.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(self.wrapped)
        layout.addWidget(self.problems)
        layout.addWidget(self.body)
        self._pillar: dict | None = None   # what the card shows, to judge it after each edit
        self._own: list = []                # the validator's findings about the whole pillar
        self._citation_kind = "muted"       # the colour of the citation badge's verdict
        self.set_config(None)

    def set_config(self, config) -> None:
        """The workspace configuration: the title takes its name for the pillar, if any, and
        so do the names a screen reader gives the card's controls."""
        title = i18n.pillar_title(self.name, config)
        self.title.setText(f"<b>{self.number} · {html.escape(title)}</b>")
        self.title_text = title
        for field, name in (("score", self.tr("Score of the {pillar} pillar")),
                            ("label", self.tr("Label of the {pillar} pillar")),
                            ("evidence", self.tr("Evidence of the {pillar} pillar")),
                            ("citation", self.tr("Citation of the {pillar} pillar")),
                            ("auditNote", self.tr("Audit note of the {pillar} pillar"))):
            self.fields[field].set_accessible_name(name.format(pillar=title))
        self.add_button.setAccessibleName(self.tr("Add the {pillar} pillar").format(pillar=title))

    def _edited(self, field: str, value: Any) -> None:
        if field == "auditNote" and value == "":
            value = DELETE  # an emptied note goes away rather than staying as ''
        self.edited.emit(("analysis", self.name, field), value, True)

    def show_pillar(self, pillar: Any) -> None:
        assessed = isinstance(pillar, dict)
        self._pillar = dict(pillar) if assessed else None
        self.body.setVisible(assessed)
        self.add_button.setVisible(not assessed)
        if assessed:
            for field, editor in self.fields.items():
                editor.set_value(pillar.get(field))
        self._show_badge()

    def show_field(self, field: str, value: Any) -> None:
        if self._pillar is not None:  # the badge follows every edit, not only a save
            if value is DELETE:
                self._pillar.pop(field, None)
            else:
                self._pillar[field] = value
        if field in self.fields:
            self.fields[field].set_value(None if value is DELETE else value)
        self._show_badge()

    def set_findings(self, by_field: dict[str, list], own: list) -> None:
        for field, editor in self.fields.items():
            editor.set_findings(by_field.get(field, []))
        self._own = list(own)
        self._show_badge()

    def _show_badge(self) -> None:
        """The title line's verdict on the pillar as it is now."""
        own = self._own if self._pillar is not None else []
        if own:
            worst = "error" if any(f.severity == "error" for f in own) else "warning"
            self.problems.setText("\n".join(translated(f.message) for f in own))
            restyle(self.problems, f"color: {icons.COLORS[worst]};")
        self.problems.setVisible(bool(own))
        if self._pillar is None:
            self._badge(self.tr("not assessed"), "muted")
        elif is_placeholder(self._pillar):
            self._badge(self.tr("migration placeholder: not an assessment yet"), "warning")
        else:
            self._badge("", "muted")

    def _badge(self, text: str, kind: str) -> None:
        self.badge.setText(text)
        restyle(self.badge, f"color: {icons.COLORS[kind]};")

    def set_citation(self, result) -> None:
        """Show a citation check result (or hide the badge with None)."""
        if result is None or not self.body.isVisible():
            self.citation_badge.setVisible(False)
            return
        symbol, colour = CITATION_LOOK.get(result.status, ("?", "muted"))
        status = i18n.citation_status_name(result.status)
        self.citation_badge.setText(self.tr("{symbol} citation {status}").format(symbol=symbol,
                                                                                 status=status))
        self.citation_badge.setAccessibleName(self.tr("Citation check of the {pillar} pillar: {status}")
                                              .format(pillar=self.title_text, status=status))
        self._citation_kind = colour
        self._colour_citation_badge()
        tip = [translated(result.detail)]
        if result.heading:
            tip.append(f"{result.source}:{result.line}  {result.heading}")
        if result.suggestion and result.suggestion != result.citation:
            tip.append(self.tr("As the document writes it: {citation}").format(citation=result.suggestion))
        self.citation_badge.setToolTip("\n".join(t for t in tip if t))
        if result.candidates:
            tip.append(self.tr("Could be: {headings}").format(headings="; ".join(
                self.tr("{heading} (line {line})").format(heading=c["heading"], line=c["line"])
                for c in result.candidates)))
            self.citation_badge.setToolTip("\n".join(t for t in tip if t))
        self.citation_badge.setEnabled(bool(result.line or result.candidates))
        self.citation_badge.setVisible(True)

    def _colour_citation_badge(self) -> None:
        restyle(self.citation_badge, f"color: {icons.COLORS[self._citation_kind]}; font-weight: bold;")

    def follow_palette(self) -> None:
        """The palette changed (the desktop turned dark or light): the badges, the pillar's
        problems and its fields' findings again, in the colour set of the palette now."""
        self._show_badge()
        self._colour_citation_badge()
        for editor in self.fields.values():
            editor.follow_palette()

    # ---- a narrow card (a small window, 200 % scale): the citation badge on a line of its own ----
    def minimumSizeHint(self) -> QSize:
        """As narrow as the card can be with the citation badge under the title: the form's
        scroll area makes the cards no narrower than this, so none is cut off at the right."""
        hint = super().minimumSizeHint()
        if self.citation_badge.isHidden():
            return hint
        spacing, margins = self.head.spacing(), self.layout().contentsMargins()
        first = [self.title.minimumSizeHint().width(), self.badge.minimumSizeHint().width()]
        if not self.add_button.isHidden():
            first.append(self.add_button.minimumSizeHint().width())
        rows = [sum(first) + spacing * (len(first) - 1), self.citation_badge.minimumSizeHint().width()]
        rows += [w.minimumSizeHint().width() for w in (self.body, self.problems) if not w.isHidden()]
        return QSize(min(hint.width(), max(rows) + margins.left() + margins.right()), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_citation_badge(event.size().width())

    def _place_citation_badge(self, width: int) -> None:
        """Beside the title while the whole title line fits, else under it."""
        parts = [w.sizeHint().width() for w in (self.title, self.citation_badge, self.add_button)
                 if not w.isHidden()] + [self.badge.minimumSizeHint().width()]
        margins = self.layout().contentsMargins()
        one_line = sum(parts) + self.head.spacing() * (len(parts) - 1) + margins.left() + margins.right()
        target, other = (self.wrapped, self.head) if width < one_line else (self.head, self.wrapped)
        if target.indexOf(self.citation_badge) < 0:
            other.removeWidget(self.citation_badge)
            target.insertWidget(1 if target is self.head else 0, self.citation_badge)

    def focus_first(self) -> None:
        target = self.fields["score"].spin if self.body.isVisible() else self.add_button
        target.setFocus(Qt.ShortcutFocusReason)
