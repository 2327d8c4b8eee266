"""One source text in a tab: its outline of headings beside the text, find and highlights."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QTextEdit, QTreeWidget, QTreeWidgetItem, QWidget

from reviewer.core.sources.outline import distinct_labels, heading_at
from reviewer.core.sources.reading import SourceText
from reviewer.ui import icons


class SourceTab(QSplitter):
    def __init__(self, source: SourceText, parent: QWidget | None = None,
                 labels: list[str] | None = None) -> None:
        super().__init__(Qt.Horizontal, parent)
        self.source: SourceText | None = None
        self.is_record_body = False   # the record's own text, shown when it has no sources
        self.outline = QTreeWidget()
        self.outline.setHeaderHidden(True)
        self.outline.setObjectName("outline")
        # A narrow pane: a label already puts what tells it apart right after its number
        # (distinct_labels), so its end is what gives way.
        self.outline.setTextElideMode(Qt.ElideRight)
        self.text = QPlainTextEdit(readOnly=True)
        self.text.setObjectName("sourceText")
        self.text.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.outline.itemActivated.connect(self._jump)
        self.outline.itemClicked.connect(self._jump)
        self.addWidget(self.outline)
        self.addWidget(self.text)
        # The outline gives a quarter of any change in width: in a narrow pane (a small
        # window, 200 % scale) it no longer keeps its 200 pixels and leaves the text none.
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 3)
        self.setSizes([200, 450])
        # The outline follows the reading: the section at the top of the text is current.
        self.text.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self._items: dict[int, QTreeWidgetItem] = {}
        self.show_source(source, labels)

    def show_source(self, source: SourceText, labels: list[str] | None = None) -> None:
        """Show ``source`` in this tab (tabs are reused from record to record: building a
        new text view, outline and splitter per record costs more than a frame). The same
        file with the same text again (the record re-read) keeps its place; ``labels``: its
        outline's, computed already."""
        shown = _shown_text(source)
        same_text = (self.source is not None and self.source.path == source.path
                     and _shown_text(self.source) == shown)
        self.source = source
        self.is_record_body = False
        self.text.setAccessibleName(self.tr("Source text {name}").format(name=source.name))
        self.outline.setAccessibleName(self.tr("Outline of {name}").format(name=source.name))
        self.matches: list[QTextCursor] = []
        self.current = -1
        self.section: list[QTextEdit.ExtraSelection] = []
        if not same_text:
            self.text.setPlainText(shown)
        self._paint()
        self._fill_outline(labels)
        self.outline.setVisible(bool(source.outline))

    def _fill_outline(self, labels: list[str] | None) -> None:
        self.outline.clear()
        parents: list[tuple[int, QTreeWidgetItem]] = []
        self._items = {}
        outline = self.source.outline
        if labels is None or len(labels) != len(outline):
            labels = distinct_labels(outline)   # not prepared in a worker: computed here
        tops: list[QTreeWidgetItem] = []
        for heading, label in zip(outline, labels):
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            item = QTreeWidgetItem([label])
            self._items[heading.line] = item
            item.setData(0, Qt.UserRole, heading.line)
            item.setToolTip(0, self.tr("line {line}: {heading}").format(line=heading.line, heading=heading.label))
            (parents[-1][1].addChild(item) if parents else tops.append(item))
            parents.append((heading.level, item))
        # The tree built apart, then added at once: one model change, not one per heading.
        self.outline.addTopLevelItems(tops)
        self.outline.expandToDepth(0)

    def _jump(self, item: QTreeWidgetItem) -> None:
        self.scroll_to_line(int(item.data(0, Qt.UserRole)))

    def scroll_to_line(self, line: int, highlight_until: int | None = None) -> None:
        block = self.text.document().findBlockByNumber(max(0, line - 1))
        cursor = QTextCursor(block)
        self.text.setTextCursor(cursor)
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.maximum())  # then back, so the heading lands at the top
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()
        self.section = []
        if highlight_until:
            end = self.text.document().findBlockByNumber(max(0, highlight_until - 1))
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(block)
            cur.setPosition(end.position() + end.length() - 1, QTextCursor.KeepAnchor)
            sel.cursor = cur
            sel.format.setBackground(icons.highlight("section"))
            self.section = [sel]
            self._select_heading(line)
        self._paint()

    def _select_heading(self, line: int) -> None:
        """Show the heading at ``line`` selected in the outline, its parents expanded."""
        item = self._items.get(line)
        if item is not None and self.outline.currentItem() is not item:
            self.outline.setCurrentItem(item)
            self.outline.scrollToItem(item)

    def _follow_scroll(self) -> None:
        top_line = self.text.cursorForPosition(self.text.viewport().rect().topLeft()).blockNumber() + 1
        heading = heading_at(self.source.outline, top_line)
        if heading is not None:
            self._select_heading(heading.line)

    # ---- find -------------------------------------------------------------------------------
    def find_all(self, needle: str) -> int:
        self.matches, self.current = [], -1
        if needle:
            doc = self.text.document()
            cursor = doc.find(needle, 0)
            while not cursor.isNull() and len(self.matches) < 10000:
                self.matches.append(cursor)
                cursor = doc.find(needle, cursor)
        self._paint()
        return len(self.matches)

    def step(self, forward: bool) -> int:
        if not self.matches:
            return -1
        self.current = (self.current + (1 if forward else -1)) % len(self.matches)
        self.text.setTextCursor(self.matches[self.current])
        self.text.ensureCursorVisible()
        self._paint()
        return self.current

    def follow_palette(self) -> None:
        """The palette changed (the desktop turned dark or light): the cited section and the
        matches again, on the highlights of the palette now, under its text colour."""
        for selection in self.section:
            selection.format.setBackground(icons.highlight("section"))
        self._paint()

    def _paint(self) -> None:
        selections = list(self.section)
        match, current = icons.highlight("match"), icons.highlight("current")
        for i, cursor in enumerate(self.matches):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(current if i == self.current else match)
            sel.format = fmt
            selections.append(sel)
        self.text.setExtraSelections(selections)


def _shown_text(source: SourceText) -> str:
    return source.text if source.error is None else f"{source.name}: {source.error}"
