"""The outline beside a source text (issue 12): labels that tell headings apart, and the
current heading follows the scroll position."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from reviewer.core.sources.reading import read_source
from reviewer.ui.widgets.source_tab import SourceTab


def plan_text() -> str:
    parts = []
    for n, topic in zip("一二三四五", ("能源", "交通", "建筑", "工业", "农业")):
        parts.append(f"{n}、第{n}部分\n" + "正文。\n" * 40)
        parts.append(f"（一）努力构建清洁低碳{topic}体系\n" + "正文。\n" * 40)
    return "".join(parts)


def tab_on(qtbot, tmp_path: Path) -> SourceTab:
    path = tmp_path / "plan.txt"
    path.write_text(plan_text(), encoding="utf-8")
    tab = SourceTab(read_source(path))
    qtbot.addWidget(tab)
    tab.resize(900, 400)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_outline_labels_differ_and_keep_the_full_heading_as_tooltip(qtbot, tmp_path: Path):
    tab = tab_on(qtbot, tmp_path)
    top = tab.outline.topLevelItem(2)              # 三、
    child = top.child(0)
    assert child.text(0) == "（一）努力…建筑体系"
    assert "（一）努力构建清洁低碳建筑体系" in child.toolTip(0)
    assert tab.outline.textElideMode() == Qt.ElideRight


def test_the_current_heading_follows_the_scroll_position(qtbot, tmp_path: Path):
    tab = tab_on(qtbot, tmp_path)
    heading = next(h for h in tab.source.outline if h.label == "（一）努力构建清洁低碳工业体系")
    block = tab.text.document().findBlockByNumber(heading.line + 5)
    bar = tab.text.verticalScrollBar()
    bar.setValue(block.firstLineNumber())          # plain text: one scroll step per line
    qtbot.waitUntil(lambda: tab.outline.currentItem() is not None
                    and tab.outline.currentItem().data(0, Qt.UserRole) == heading.line, timeout=3000)
    bar.setValue(0)
    qtbot.waitUntil(lambda: tab.outline.currentItem().data(0, Qt.UserRole) == 1, timeout=3000)


def test_tabs_reused_from_record_to_record_show_each_records_texts(qtbot, tmp_path: Path) -> None:
    """The pane keeps its tab widgets between records: each record still shows its own
    sources, outline and labels, and a record without sources its body (issue 15)."""
    from reviewer.core.sources.outline import distinct_labels
    from reviewer.ui.widgets.source_view import SourceView
    plan, other = tmp_path / "plan.txt", tmp_path / "other.txt"
    plan.write_text(plan_text(), encoding="utf-8")
    other.write_text("一、别的文件\n内容。\n", encoding="utf-8")
    view = SourceView()
    qtbot.addWidget(view)
    first = [read_source(plan), read_source(other)]
    view.show_sources(first, "", None, labels=[distinct_labels(s.outline) for s in first])
    view.tabs.setCurrentIndex(1)
    reused = view.tabs.widget(0)
    view.show_sources([read_source(other)], "", None)
    assert view.tabs.count() == 1 and view.tabs.widget(0) is reused
    assert view.current_tab().text.toPlainText().startswith("一、别的文件")
    assert view.current_tab().outline.topLevelItem(0).text(0).startswith("一、")
    view.show_sources([], "The record's own body", None, "sources/x/", labels=[])
    tab = view.current_tab()
    assert tab.is_record_body and view.tabs.tabText(0) == "Record body"
    assert "sources/x/" in tab.text.toPlainText() and "own body" in tab.text.toPlainText()
    assert tab.outline.topLevelItemCount() == 0
