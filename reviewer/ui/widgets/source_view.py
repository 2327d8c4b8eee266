"""The source pane: the record's source texts in tabs, with an outline and find.

Each tab shows a clickable outline of the document's headings beside the text. Find
(Ctrl+F) highlights every match in the current tab and steps through them. With no source
files, the pane shows the record's body and its URL so the auditor still has context.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.sources.outline import citation_text, section_path
from reviewer.core.sources.reading import SourceText
from reviewer.core.terms import PILLARS
from reviewer.ui import i18n
from reviewer.ui.widgets.source_tab import SourceTab

ADD_PILLAR = ""   # cite_requested's pillar for "Add pillar…": which one is asked


class SourceView(QWidget):
    """Tabs of sources plus a find bar; ``status(str)`` reports find results.
    ``cite_requested(pillar, citation, selection)``: the auditor chose "Cite for <pillar>"."""

    status = Signal(str)
    cite_requested = Signal(str, str, str)
    files_dropped = Signal(list)   # local files dropped on the pane: attach them

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(lambda _: self._refind())
        self.find_edit = QLineEdit(placeholderText=self.tr("Find in source (Enter: next, Shift+Enter: previous)"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.textChanged.connect(self._refind)
        self.find_edit.returnPressed.connect(lambda: self.find_step(True))
        self.find_count = QLabel()
        self.find_edit.setAccessibleName(self.tr("Find in source"))
        prev_btn, next_btn, close_btn = QToolButton(text="▲"), QToolButton(text="▼"), QToolButton(text="✕")
        for button, name in ((prev_btn, self.tr("Previous match")), (next_btn, self.tr("Next match")),
                             (close_btn, self.tr("Close find"))):
            button.setAccessibleName(name)   # a screen reader would say "black up-pointing triangle"
            button.setToolTip(name)
        prev_btn.clicked.connect(lambda: self.find_step(False))
        next_btn.clicked.connect(lambda: self.find_step(True))
        close_btn.clicked.connect(self.hide_find)
        self.find_bar = QWidget()
        bar = QHBoxLayout(self.find_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.find_edit, self.find_count, prev_btn, next_btn, close_btn):
            bar.addWidget(w)
        self.find_bar.setVisible(False)
        self.add_to_evidence = QAction(self.tr("Also add the selected text to the evidence"), self)
        self.add_to_evidence.setCheckable(True)
        self.pillars: list[str] = list(PILLARS)   # the open record's pillars (set_pillars)
        self.config = None                        # the workspace configuration (its pillar names)
        self.text_font: QFont | None = None       # the texts' font (Preferences); None: the interface's
        self.setAcceptDrops(True)  # drop policy texts here to attach them to the record
        self.placeholder = QLabel(self.tr("No record selected"))
        self.placeholder.setAlignment(Qt.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.find_bar)

    def show_sources(self, sources: list[SourceText], body: str, url: str | None,
                     folder: str = "sources/<id>/", labels: list[list[str]] | None = None) -> None:
        """The record's sources in tabs; without any, its body, and where to put them.
        ``labels``: each source's outline labels, when a worker computed them already."""
        shown = list(sources)
        if not sources:
            shown = [SourceText(path=Path("record body"),
                                text=self.tr("No source texts in {folder} for this record: put the "
                                             "policy text there (File > Attach source…) to check "
                                             "citations and cite by selecting.\nURL: {url}").format(
                                    folder=folder, url=url or self.tr("(none)")) + f"\n\n{body.strip()}")]
        if labels is None or len(labels) != len(shown):   # the record body has none prepared
            labels = [None] * len(shown)
        self.tabs.setUpdatesEnabled(False)   # one repaint for the whole change, not one per tab
        try:
            while self.tabs.count() > len(shown):
                old = self.tabs.widget(self.tabs.count() - 1)
                self.tabs.removeTab(self.tabs.count() - 1)
                old.deleteLater()
            for index, (source, outline) in enumerate(zip(shown, labels)):
                self._show_tab(index, source, outline)
            if not sources:
                self.tabs.widget(0).is_record_body = True  # nothing to cite: the record's own text
                self.tabs.widget(0).text.setAccessibleName(self.tr("Record body"))
                self.tabs.setTabText(0, self.tr("Record body"))
                self.tabs.setTabToolTip(0, "")
            self.tabs.setCurrentIndex(0)   # as a new record's tabs always opened
        finally:
            self.tabs.setUpdatesEnabled(True)
        self._refind()

    def _show_tab(self, index: int, source: SourceText, labels: list[str] | None) -> None:
        """Tab ``index`` shows ``source``: the tab there reused (switching records then
        rebuilds no widget), or a new one."""
        if index < self.tabs.count():
            tab = self.tabs.widget(index)
            tab.show_source(source, labels)
            self.tabs.setTabText(index, source.name)
        else:
            tab = SourceTab(source, labels=labels)
            if self.text_font is not None:
                tab.text.setFont(self.text_font)
            tab.text.setContextMenuPolicy(Qt.CustomContextMenu)
            tab.text.customContextMenuRequested.connect(lambda pos, t=tab: self._context_menu(t, pos))
            self.tabs.addTab(tab, source.name)
        self.tabs.setTabToolTip(index, str(source.path) + (f"\n{source.error}" if source.error else ""))

    def set_text_font(self, font: QFont) -> None:
        """The font of the source texts (Preferences): every tab now, and those made later."""
        self.text_font = QFont(font)
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, SourceTab):
                tab.text.setFont(self.text_font)

    def follow_palette(self) -> None:
        """The palette changed: every tab's highlights again, in the palette's colours now."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, SourceTab):
                tab.follow_palette()

    # ---- citing -------------------------------------------------------------------------------
    def _context_menu(self, tab: SourceTab, pos) -> None:
        menu = self.context_menu(tab)
        menu.exec(tab.text.mapToGlobal(pos))
        menu.deleteLater()

    def set_pillars(self, pillars: list[str]) -> None:
        """The pillars the open record assesses: the ones "Cite for" offers."""
        self.pillars = list(pillars)

    def context_menu(self, tab: SourceTab) -> QMenu:
        """The text's own menu (copy, select all), "Cite for <pillar>" for each pillar the
        record has, and "Add pillar…" (a new pillar needs a score, asked for)."""
        menu = tab.text.createStandardContextMenu()
        menu.addSeparator()
        has_selection = (tab.text.textCursor().hasSelection()
                         and not tab.is_record_body and not tab.source.error)
        for pillar in self.pillars:
            action = menu.addAction(self.tr("Cite for {pillar}").format(pillar=i18n.pillar_name(pillar, self.config)))
            action.setEnabled(has_selection)
            action.triggered.connect(lambda checked=False, p=pillar: self.cite(p, tab))
        add = menu.addAction(self.tr("Add pillar…"))
        add.setEnabled(has_selection and len(self.pillars) < len(PILLARS))
        add.triggered.connect(lambda: self.cite(ADD_PILLAR, tab))
        menu.addAction(self.add_to_evidence)
        return menu

    def selection_citation(self, tab: SourceTab | None = None) -> tuple[str, str] | None:
        """(the section path as the document writes it, the selected text) or None. The
        path is "" for a selection before the first heading: there is no section to cite
        (a file name would be no citation, and would later read as "another document")."""
        tab = tab or self.current_tab()
        if tab is None or tab.source.error or not tab.text.textCursor().hasSelection():
            return None
        cursor = tab.text.textCursor()
        line = tab.text.document().findBlock(cursor.selectionStart()).blockNumber() + 1
        chain = section_path(tab.source.outline, line)
        citation = citation_text(chain) if chain else ""
        selected = cursor.selectedText().replace("\u2029", "\n").strip()
        return citation, selected

    def cite(self, pillar: str, tab: SourceTab | None = None) -> bool:
        tab = tab or self.current_tab()
        if tab is not None and tab.is_record_body:
            self.status.emit(self.tr("This record has no source texts to cite: attach the policy text "
                                     "first (File > Attach source…)"))
            return False
        found = self.selection_citation(tab)
        if found is None:
            self.status.emit(self.tr("Select the passage to cite in the source text first"))
            return False
        citation, selected = found
        if not citation:
            self.status.emit(self.tr("Select text under a heading: this passage comes before the "
                                     "document's first heading, so there is no section to cite"))
            return False
        self.cite_requested.emit(pillar, citation,
                                 selected if self.add_to_evidence.isChecked() else "")
        return True

    def show_heading(self, source: str, line: int, end_line: int | None) -> bool:
        """Bring the tab of ``source`` (a workspace-relative or absolute path) forward and
        scroll to ``line``, highlighting the section down to ``end_line``."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, SourceTab) and (str(tab.source.path) == source
                                               or tab.source.path.as_posix().endswith("/" + source)
                                               or tab.source.name == source):
                self.tabs.setCurrentIndex(index)
                tab.scroll_to_line(line, end_line)
                return True
        return False

    # ---- dropping files to attach --------------------------------------------------------------
    @staticmethod
    def _local_files(event) -> list[str]:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        return [u.toLocalFile() for u in urls if u.isLocalFile() and Path(u.toLocalFile()).is_file()]

    def dragEnterEvent(self, event) -> None:
        if self._local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        files = self._local_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)

    def reveal(self, needle: str, source: str | None = None) -> bool:
        """Show where a search matched: bring ``source``'s tab forward (if given) and find
        ``needle`` in it, highlighted, the first match in view."""
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if source and isinstance(tab, SourceTab) and \
                    tab.source.path.as_posix().endswith("/" + source):
                self.tabs.setCurrentIndex(index)
        self.find_bar.setVisible(True)
        if self.find_edit.text() == needle:
            self._refind()
        else:
            self.find_edit.setText(needle)  # finds through textChanged
        tab = self.current_tab()
        return bool(tab and tab.matches)

    def current_tab(self) -> SourceTab | None:
        tab = self.tabs.currentWidget()
        return tab if isinstance(tab, SourceTab) else None

    def show_find(self) -> None:
        self.find_bar.setVisible(True)
        tab = self.current_tab()
        if tab and tab.text.textCursor().hasSelection():
            self.find_edit.setText(tab.text.textCursor().selectedText())
        self.find_edit.setFocus(Qt.ShortcutFocusReason)
        self.find_edit.selectAll()

    def hide_find(self) -> None:
        self.find_edit.clear()
        self.find_bar.setVisible(False)

    def _refind(self, *args) -> None:
        tab = self.current_tab()
        needle = self.find_edit.text()
        count = tab.find_all(needle) if tab else 0
        self.find_count.setText(self.tr("%n found", "", count) if needle else "")
        if needle and count:
            tab.step(True)

    def find_step(self, forward: bool) -> None:
        tab = self.current_tab()
        if tab is None or not tab.matches:
            self.status.emit(self.tr("'{text}' not found").format(text=self.find_edit.text())
                             if self.find_edit.text() else "")
            return
        index = tab.step(forward)
        self.find_count.setText(self.tr("{index} of {count}").format(index=index + 1, count=len(tab.matches)))
