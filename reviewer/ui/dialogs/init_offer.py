"""The offer to describe a repository with a ``reviewer.toml`` (what ``reviewer init`` does).

Shown when a folder opened in the app holds records that today's defaults would misread:
records outside ``records/``, or one record in several language files. It says what was
found, so the auditor knows what the configuration will say before it is written.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.core.config import CONFIG_NAME
from reviewer.core.services.setup import Findings

SHOWN_VALUES = 4   # controlled values shown per vocabulary (the file holds them all)


def findings_html(found: Findings) -> str:
    """What ``reviewer init`` found, one line per fact, as the command line prints it."""
    count = found.records   # (lupdate reads the count only as a plain name)
    lines = [QCoreApplication.translate("InitOffer", "<b>%n</b> record file(s) in {folders}", "",
                                        count).format(folders=html.escape(', '.join(found.folders)))]
    if found.layout != "none":
        where = "&lt;lang&gt;/&lt;id&gt;.md" if found.layout == "folder" else "&lt;id&gt;.&lt;lang&gt;.md"
        lines.append(QCoreApplication.translate(
            "InitOffer", "languages <b>{languages}</b>: one record in each language's file ({where}); "
            "the first is the primary language").format(
                languages=html.escape(' · '.join(found.languages)), where=where))
    if found.pillars:
        lines.append(QCoreApplication.translate("InitOffer", "pillars: {pillars}").format(
            pillars=html.escape(', '.join(found.pillars))))
    for name, rows in found.vocabularies.items():
        shown = "; ".join(" / ".join(dict.fromkeys(row.values())) for row in rows[:SHOWN_VALUES])
        more = " …" if len(rows) > SHOWN_VALUES else ""
        lines.append(f"{html.escape(name)}: {html.escape(shown)}{more}")
    if found.tools:
        tools = html.escape(', '.join(found.tools))
        lines.append(QCoreApplication.translate("InitOffer", "tools: {tools}; commits get a conventional subject")
                     .format(tools=tools) if found.conventional else
                     QCoreApplication.translate("InitOffer", "tools: {tools}").format(tools=tools))
    return "<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>"


class InitOffer(QMessageBox):
    """Yes: write the configuration and open the folder with it; No: open it as it is."""

    def __init__(self, found: Findings, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Question, QCoreApplication.translate("InitOffer", "Describe this repository?"),
                         QCoreApplication.translate(
                             "InitOffer", "{folder} has records but no {config}, and they are not laid "
                             "out the way reviewer reads a folder by default.").format(
                                 folder=found.root.name, config=CONFIG_NAME), parent=parent)
        self.setObjectName("initOffer")
        self.setInformativeText(self.tr(
            "reviewer found:{findings}Create {config} with this (the same as <code>reviewer init</code>; "
            "nothing else in the repository changes, and you can edit the file later)?").format(
                findings=findings_html(found), config=CONFIG_NAME))
        self.create = self.addButton(self.tr("Create {config}").format(config=CONFIG_NAME),
                                     QMessageBox.AcceptRole)
        self.later = self.addButton(self.tr("Open without it"), QMessageBox.RejectRole)
        self.setDefaultButton(self.create)
