"""Citations in the app: badges on the cards, jump to the cited heading, cite by selecting,
and attaching the source files they are checked against.

Selecting text in a source and choosing "Cite for <pillar>" (context menu, or Ctrl+Shift+C
for the pillar being edited) writes the section path as the document writes it, e.g.
``七、保障措施（二）推进重点工程``, and optionally the selection as evidence: one undo step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from reviewer.core.schema import PILLARS
from reviewer.ui import operations as ops
from reviewer.ui.pillar_card import NEW_PILLAR, PillarCard

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow


class CitationFlow(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.current_pillar = PILLARS[0]  # the pillar card that last had the focus
        window.form.citation_clicked.connect(self._show_citation)
        window.source_view.cite_requested.connect(self._cite)
        window.source_view.files_dropped.connect(self.attach)
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old, new) -> None:
        widget = new
        while widget is not None:
            if isinstance(widget, PillarCard):
                self.current_pillar = widget.name
                return
            widget = widget.parentWidget()

    def _show_citation(self, pillar: str) -> None:
        w = self.window
        result = next((r for r in w.citations if r.pillar == pillar), None)
        if result is None:
            return
        if result.source and result.line:
            source, line, end = result.source, result.line, result.end_line
        elif result.candidates:  # ambiguous: show the first; the tooltip lists them all
            first = result.candidates[0]
            source, line, end = first["source"], first["line"], first.get("end_line")
        else:
            return
        if w.source_view.show_heading(source, line, end):
            w.statusBar().showMessage(f"{pillar}: {result.detail}", 8000)

    def _cite(self, pillar: str, citation: str, selection: str) -> None:
        """Fill the pillar's citation from the source (and optionally its evidence), one undo step."""
        w = self.window
        s = w.session
        if s is None:
            return
        edits: list[tuple[tuple, object]] = []
        if not isinstance(s.value(("analysis", pillar)), dict):
            edits.append((("analysis", pillar), dict(NEW_PILLAR)))
        edits.append((("analysis", pillar, "citation"), citation))
        if selection:
            evidence = s.value(("analysis", pillar, "evidence")) or ""
            joined = f"{evidence.rstrip()} {selection}".strip() if isinstance(evidence, str) else selection
            edits.append((("analysis", pillar, "evidence"), joined))
        s.edit_many(edits, f"Cite for {pillar}")
        w.statusBar().showMessage(f"{pillar}: citation set to {citation}", 6000)


    # ---- attaching sources ------------------------------------------------------------------
    def attach(self, files: list[str] | None = None) -> None:
        """Copy files into the record's ``sources/<id>/`` (asking before replacing one), then
        show them and check the citations again. The copy runs in a worker."""
        w = self.window
        s = w.session
        record_id = s.record.record_id if s is not None else None
        if s is None or w.workspace is None or not record_id:
            w.statusBar().showMessage("Select a record with an id to attach sources to it", 5000)
            return
        if files is None:
            files, _ = QFileDialog.getOpenFileNames(
                w, f"Attach sources to {record_id}", str(Path.home()),
                "Policy texts (*.txt *.md *.html *.htm *.pdf);;All files (*)")
        if not files:
            return
        paths = [Path(f) for f in files]
        folder = w.workspace.sources_dir(record_id)
        taken = [p.name for p in paths if (folder / p.name).exists()]
        overwrite = False
        if taken:
            answer = QMessageBox.question(
                w, "Replace sources?",
                f"{', '.join(taken)} {'is' if len(taken) == 1 else 'are'} already attached to "
                f"{record_id}. Replace {'it' if len(taken) == 1 else 'them'}?",
                QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
            if answer != QMessageBox.Yes:
                return
            overwrite = True
        ws = w.workspace
        w.statusBar().showMessage(f"Attaching {len(paths)} file(s)…")
        w.workers.submit("attach", lambda: ops.attach_sources(ws, record_id, paths, overwrite),
                         self._attached, self._attach_failed)

    def _attached(self, result: ops.Attached) -> None:
        w = self.window
        names = ", ".join(p.name for p in result.paths)
        s = w.session
        if s is None or s.record.record_id != result.record_id:  # the auditor moved on
            w.statusBar().showMessage(f"Attached {names} to {result.record_id}", 6000)
            return
        w.sources = result.sources
        w.source_view.show_sources(result.sources, s.record.split.body, s.data.get("url"),
                                   w._sources_folder(result.record_id))
        w.refresh_citations()
        w.statusBar().showMessage(f"Attached {names}; citations checked again", 6000)

    def _attach_failed(self, message: str) -> None:
        QMessageBox.warning(self.window, "Could not attach", message)
