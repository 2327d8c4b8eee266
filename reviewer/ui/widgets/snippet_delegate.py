"""Draws a search snippet in a table cell with the matched words in bold on a highlight.

The index marks matches as «like this»; the text around them is escaped, so a snippet can
never inject markup into the list.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reviewer.core.index.search import CLOSE, OPEN

_MARK = "<b style='background-color:#fff59d; color:#000'>"


def snippet_html(snippet: str) -> str:
    out, rest = [], snippet
    while OPEN in rest:
        before, _, after = rest.partition(OPEN)
        match, _, rest = after.partition(CLOSE)
        out.append(html.escape(before) + _MARK + html.escape(match) + "</b>")
    out.append(html.escape(rest))
    return "".join(out)


class SnippetDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDocumentMargin(2)
        doc.setDefaultFont(opt.font)
        doc.setHtml(snippet_html(text))
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.State_Selected)
        context.palette.setColor(QPalette.Text, opt.palette.color(
            QPalette.HighlightedText if selected else QPalette.Text))
        painter.save()
        rect = opt.rect
        painter.translate(rect.left(), rect.top() + max(0, (rect.height() - doc.size().height()) / 2))
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(min(size.width(), 600), size.height())
