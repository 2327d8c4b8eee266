"""Citations in the app: badges on the cards, jump to the cited heading, cite by selecting,
and attaching the source files they are checked against.

Selecting text in a source and choosing "Cite for <pillar>" (context menu, or Ctrl+Shift+C
for the pillar being edited) writes the section path as the document writes it, e.g.
``七、保障措施（二）推进重点工程``, and optionally the selection as evidence: one undo step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from reviewer.core.errors import SourceError
from reviewer.core.services import sources as source_services
from reviewer.core.sources.citations import CitationResult
from reviewer.core.sources.reading import source_folder
from reviewer.core.terms import PILLARS
from reviewer.ui import i18n
from reviewer.ui.context import AppContext
from reviewer.ui.dialogs.add_pillar_dialog import AddPillarDialog
from reviewer.ui.widgets.pillar_card import NEW_PILLAR, PillarCard
from reviewer.ui.core_text import translated


class CitationFlow(QObject):
    def __init__(self, ctx: AppContext, citations: Callable[[], list[CitationResult]],
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.ctx = ctx
        self.citations = citations          # the open record's current verdicts
        self.dialog_parent = dialog_parent
        self.current_pillar = PILLARS[0]  # the pillar card that last had the focus
        self.add_dialog: AddPillarDialog | None = None   # open while a new pillar is asked for
        ctx.views.form.citation_clicked.connect(self._show_citation)
        ctx.views.source_view.cite_requested.connect(self._cite)
        ctx.views.source_view.files_dropped.connect(self.attach)
        remember = ctx.views.source_view.add_to_evidence  # the auditor's choice, kept
        remember.setChecked(ctx.settings.value("cite/addToEvidence", False, type=bool))
        remember.toggled.connect(lambda on: ctx.settings.setValue("cite/addToEvidence", on))
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old, new) -> None:
        widget = new
        while widget is not None:
            if isinstance(widget, PillarCard):
                self.current_pillar = widget.name
                return
            widget = widget.parentWidget()

    def _show_citation(self, pillar: str) -> None:
        result = next((r for r in self.citations() if r.pillar == pillar), None)
        if result is None:
            return
        if result.source and result.line:
            source, line, end = result.source, result.line, result.end_line
        elif result.candidates:  # ambiguous: show the first; the tooltip lists them all
            first = result.candidates[0]
            source, line, end = first["source"], first["line"], first.get("end_line")
        else:
            return
        if self.ctx.views.source_view.show_heading(source, line, end):
            self.ctx.status(self.tr("{pillar}: {detail}").format(
                pillar=i18n.pillar_name(pillar, self._config()), detail=translated(result.detail)), 8000)

    def record_changed(self) -> None:
        """The open record or its data changed: "Cite for" offers the pillars it has."""
        s = self.ctx.session
        analysis = s.value(("analysis",)) if s is not None else None
        has = [p for p in PILLARS if isinstance(analysis, dict) and isinstance(analysis.get(p), dict)]
        self.ctx.views.source_view.config = self._config()
        self.ctx.views.source_view.set_pillars(has)

    def _config(self):
        return self.ctx.workspace.config if self.ctx.workspace is not None else None

    def _cite(self, pillar: str, citation: str, selection: str) -> None:
        """Fill the pillar's citation from the source (and optionally its evidence), one undo
        step. A pillar the record lacks is added only with the score the auditor gives it."""
        s = self.ctx.session
        if s is None:
            return
        if not isinstance(s.value(("analysis", pillar)), dict):
            self._ask_new_pillar(pillar, citation, selection)
            return
        self._write_cite(pillar, citation, selection, [])

    def _ask_new_pillar(self, pillar: str, citation: str, selection: str) -> None:
        s = self.ctx.session
        if self.add_dialog is not None:
            self.add_dialog.raise_()
            return
        if not s.ensure_editable():
            return  # a verified record: the usual offer to reopen it
        analysis = s.value(("analysis",))
        absent = [p for p in PILLARS if not (isinstance(analysis, dict) and isinstance(analysis.get(p), dict))]
        dialog = AddPillarDialog(absent, citation, pillar or None, self.dialog_parent, config=self._config())
        self.add_dialog = dialog
        dialog.chosen.connect(lambda name, score: self._write_cite(
            name, citation, selection, [(("analysis", name), {"score": score, **NEW_PILLAR})]))
        dialog.finished.connect(lambda _: setattr(self, "add_dialog", None))
        dialog.open()

    def _write_cite(self, pillar: str, citation: str, selection: str, edits: list) -> None:
        s = self.ctx.session
        if s is None or not s.ensure_editable():
            return
        edits = list(edits)
        edits.append((("analysis", pillar, "citation"), citation))
        if selection:
            evidence = s.value(("analysis", pillar, "evidence")) or ""
            joined = f"{evidence.rstrip()} {selection}".strip() if isinstance(evidence, str) else selection
            edits.append((("analysis", pillar, "evidence"), joined))
        name = i18n.pillar_name(pillar, self._config())
        s.edit_many(edits, self.tr("Cite for {pillar}").format(pillar=name))
        self.ctx.status(self.tr("{pillar}: citation set to {citation}").format(pillar=name, citation=citation), 6000)

    # ---- attaching sources ------------------------------------------------------------------
    def attach(self, files: list[str] | None = None) -> None:
        """Copy files into the record's ``sources/<id>/`` (asking before replacing one); the
        report shows them and checks the citations again. The copy runs in a worker."""
        s, ws = self.ctx.session, self.ctx.workspace
        record_id = s.record.record_id if s is not None else None
        if s is None or ws is None or not record_id:
            self.ctx.status(self.tr("Select a record with an id to attach sources to it"), 5000)
            return
        if files is None:
            files, _ = QFileDialog.getOpenFileNames(
                self.dialog_parent, self.tr("Attach sources to {id}").format(id=record_id), str(Path.home()),
                self.tr("Policy texts (*.txt *.md *.html *.htm *.pdf);;All files (*)"))
        if not files:
            return
        paths = [Path(f) for f in files]
        try:
            folder = source_folder(ws, record_id)
        except SourceError as exc:  # an id like ../../x: nothing may be written for it
            self._attach_failed(exc.message)
            return
        taken = [p.name for p in paths if (folder / p.name).exists()]
        overwrite = False
        if taken:
            answer = QMessageBox.question(
                self.dialog_parent, self.tr("Replace sources?"),
                self.tr("{files} is already attached to {id}. Replace it?").format(
                    files=", ".join(taken), id=record_id) if len(taken) == 1 else
                self.tr("{files} are already attached to {id}. Replace them?").format(
                    files=", ".join(taken), id=record_id),
                QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Yes:
                return
            overwrite = True
        self.ctx.status(self.tr("Attaching %n file(s)…", "", len(paths)))
        self.ctx.run("attach", lambda: source_services.attach(ws, record_id, paths, overwrite=overwrite),
                     None, self._attach_failed)

    def _attach_failed(self, message: str) -> None:
        QMessageBox.warning(self.dialog_parent, self.tr("Could not attach"), message)
