"""The offer to describe a repository with a ``reviewer.toml`` (what ``reviewer init`` does).

Shown when a folder opened in the app holds records that today's defaults would misread:
records outside ``records/``, or one record in several language files. It says what was
found, so the auditor knows what the configuration will say before it is written.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.core.config import CONFIG_NAME
from reviewer.core.services.setup import Findings

SHOWN_VALUES = 4   # controlled values shown per vocabulary (the file holds them all)


def findings_html(found: Findings) -> str:
    """What ``reviewer init`` found, one line per fact, as the command line prints it."""
    lines = [f"<b>{found.records}</b> record files in {html.escape(', '.join(found.folders))}"]
    if found.layout != "none":
        where = "&lt;lang&gt;/&lt;id&gt;.md" if found.layout == "folder" else "&lt;id&gt;.&lt;lang&gt;.md"
        lines.append(f"languages <b>{html.escape(' · '.join(found.languages))}</b>: one record in "
                     f"each language's file ({where}); the first is the primary language")
    if found.pillars:
        lines.append(f"pillars: {html.escape(', '.join(found.pillars))}")
    for name, rows in found.vocabularies.items():
        shown = "; ".join(" / ".join(dict.fromkeys(row.values())) for row in rows[:SHOWN_VALUES])
        more = " …" if len(rows) > SHOWN_VALUES else ""
        lines.append(f"{html.escape(name)}: {html.escape(shown)}{more}")
    if found.tools:
        tail = "; commits get a conventional subject" if found.conventional else ""
        lines.append(f"tools: {html.escape(', '.join(found.tools))}{tail}")
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


class InitOffer(QMessageBox):
    """Yes: write the configuration and open the folder with it; No: open it as it is."""

    def __init__(self, found: Findings, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Question, "Describe this repository?",
                         f"{found.root.name} has records but no {CONFIG_NAME}, and they are not "
                         "laid out the way reviewer reads a folder by default.", parent=parent)
        self.setObjectName("initOffer")
        self.setInformativeText(
            f"reviewer found:{findings_html(found)}"
            f"Create {CONFIG_NAME} with this (the same as <code>reviewer init</code>; nothing "
            "else in the repository changes, and you can edit the file later)?")
        self.create = self.addButton(f"Create {CONFIG_NAME}", QMessageBox.AcceptRole)
        self.later = self.addButton("Open without it", QMessageBox.RejectRole)
        self.setDefaultButton(self.create)
