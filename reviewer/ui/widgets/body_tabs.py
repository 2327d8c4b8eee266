"""The body of a record in several language files: one tab per language.

The body is the Markdown under the frontmatter; each language file has its own. The tabs
show them as they are in the files (the review edits the frontmatter, never the body), so
an auditor can read what the site will show in each language beside the fields.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from reviewer.ui.widgets.field_sections import language_name

BODY_LINES = 12   # a tab's height: a short body shows whole, a long one scrolls


class BodyTabs(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("BodyTabs", "Body (as in each language's file)"), parent)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("bodyTabs")
        self.tabs.setDocumentMode(True)
        QVBoxLayout(self).addWidget(self.tabs)

    def show_bodies(self, bodies: dict[str, str]) -> None:
        """``bodies``: language -> the file's body, in the record's language order."""
        current = self.tabs.currentIndex()
        self.tabs.clear()
        for language, body in bodies.items():
            view = QPlainTextEdit(readOnly=True)
            view.setObjectName(f"body@{language}")
            view.setPlainText(body.strip("\n") or self.tr("(this file has no body)"))
            view.setFixedHeight(view.fontMetrics().lineSpacing() * BODY_LINES + 14)
            index = self.tabs.addTab(view, language_name(language))
            self.tabs.setTabToolTip(index, self.tr("The body of the {language} file (read only)").format(language=language))
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)

    def body(self, language: str) -> str:
        """The text shown for ``language`` (tests, and what a screen reader gets)."""
        for i in range(self.tabs.count()):
            view = self.tabs.widget(i)
            if view.objectName() == f"body@{language}":
                return view.toPlainText()
        return ""
