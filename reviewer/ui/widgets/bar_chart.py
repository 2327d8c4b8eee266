"""A bar chart the dashboard's charts are made of: named bars (one or more series side by
side), each bar's value written on it, and a click on a bar reported as ``bar_clicked``.

Drawn with pyqtgraph on a ``QGraphicsView``. The plot does not pan or zoom: it is a chart
to read and click, not data to explore. A click anywhere in a bar's column, up to a little
above its top, counts as a click on the bar, so a bar of 2 % is as easy to hit as one of
90 %. Horizontal bars suit long names (authors, auditors), vertical ones short names
(pillars).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QVBoxLayout, QWidget

from reviewer.ui import icons

BAR_SPAN = 0.72          # the part of a category's band its bars fill
HIT_MARGIN = 0.08        # of the value axis: a click this far above a bar's top still hits it
TICK_GAP = 6             # pixels between two categories' names under vertical bars


@dataclass
class Series:
    name: str
    values: list[float]
    color: str                         # a kind of ``icons.COLORS`` ("info"): looked up at each draw
    text: list[str] | None = None      # written on each bar (default: the value, rounded; none on 0)
    clickable: bool = True


class BarChart(pg.PlotWidget):
    """``set_bars(categories, series)``; emits ``bar_clicked(category, series)`` (indexes)."""

    bar_clicked = Signal(int, int)

    def __init__(self, value_label: str = "", horizontal: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.horizontal = horizontal
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.tooltips: list[str] = []       # per category, shown on hover
        self._items: list = []
        self._max = 1.0
        plot = style_chart(self, grid_x=horizontal, grid_y=not horizontal, alpha=0.18)
        plot.getAxis("left" if horizontal else "bottom").setStyle(tickLength=0)
        plot.setLabel("bottom" if horizontal else "left", value_label)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.scene().sigMouseMoved.connect(self._hovered)

    # ---- data -------------------------------------------------------------------------------------
    def set_bars(self, categories: list[str], series: list[Series],
                 tooltips: list[str] | None = None, top: float | None = None) -> None:
        """Draw ``series`` over ``categories``; ``top``: the value axis' end (default: a
        little above the highest bar)."""
        plot = self.getPlotItem()
        for item in self._items:
            plot.removeItem(item)
        self._items = []
        self.categories, self.series = list(categories), list(series)
        self.tooltips = list(tooltips or [""] * len(categories))
        highest = max((v for s in series for v in s.values), default=0)
        self._max = top if top is not None else (highest * 1.18 or 1.0)
        width = BAR_SPAN / max(1, len(series))
        text_color = QApplication.palette().color(QPalette.WindowText)
        for n, s in enumerate(series):
            where = [i - BAR_SPAN / 2 + width * (n + 0.5) for i in range(len(categories))]
            if self.horizontal:
                bars = pg.BarGraphItem(x0=0, y=where, width=s.values, height=width * 0.9,
                                       brush=QColor(icons.COLORS[s.color]), pen=pg.mkPen(None))
            else:
                bars = pg.BarGraphItem(x=where, y0=0, height=s.values, width=width * 0.9,
                                       brush=QColor(icons.COLORS[s.color]), pen=pg.mkPen(None))
            plot.addItem(bars)
            self._items.append(bars)
            for i, (pos, value) in enumerate(zip(where, s.values)):
                label = s.text[i] if s.text else (_number(value) if value else "")
                if not label:
                    continue
                item = pg.TextItem(label, color=text_color,
                                   anchor=(0, 0.5) if self.horizontal else (0.5, 1))
                item.setPos(value, pos) if self.horizontal else item.setPos(pos, value)
                plot.addItem(item)
                self._items.append(item)
        ticks = [[(i, name) for i, name in enumerate(categories)]]
        axis = plot.getAxis("left" if self.horizontal else "bottom")
        axis.setTicks(ticks)
        if not self.horizontal:   # each name under its bar, never over the next one's
            widest = max((QFontMetrics(axis.style["tickFont"] or self.font()).horizontalAdvance(name)
                          for name in categories), default=0)
            values = plot.getAxis("left").width()
            self.setMinimumWidth(len(categories) * (widest + TICK_GAP) + values + TICK_GAP)
        count = max(1, len(categories))
        if self.horizontal:
            plot.setYRange(-0.6, count - 0.4, padding=0)
            plot.setXRange(0, self._max * 1.12, padding=0)   # room for the value written after
            plot.getViewBox().invertY(True)                   # the first category on top
        else:
            plot.setXRange(-0.6, count - 0.4, padding=0)
            plot.setYRange(0, self._max, padding=0)

    def follow_palette(self) -> None:
        """The palette changed (the desktop turned dark or light): background, axes, bars and
        the numbers on them again, in the palette's colours now."""
        colour_chart(self)
        if self.series:
            self.set_bars(self.categories, self.series, self.tooltips, top=self._max)

    def value(self, category: str, series: int = 0) -> float:
        """The drawn value of a bar (tests)."""
        return self.series[series].values[self.categories.index(category)]

    # ---- clicks ------------------------------------------------------------------------------------
    def bar_center(self, category: int, series: int = 0) -> QPoint:
        """Where bar ``category`` of ``series`` is, in the view's viewport (to click it)."""
        width = BAR_SPAN / max(1, len(self.series))
        pos = category - BAR_SPAN / 2 + width * (series + 0.5)
        value = max(self.series[series].values[category], self._max * 0.02)
        point = QPointF(value / 2, pos) if self.horizontal else QPointF(pos, value / 2)
        scene = self.getPlotItem().getViewBox().mapViewToScene(point)
        return self.mapFromScene(scene)

    def bar_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """(category, series) of the bar at ``scene_pos``, or None."""
        box = self.getPlotItem().getViewBox()
        if not self.categories or not box.sceneBoundingRect().contains(scene_pos):
            return None
        view = box.mapSceneToView(scene_pos)
        along, value = (view.y(), view.x()) if self.horizontal else (view.x(), view.y())
        category = round(along)
        offset = along - category + BAR_SPAN / 2
        if not 0 <= category < len(self.categories) or not 0 <= offset <= BAR_SPAN:
            return None
        series = min(len(self.series) - 1, int(offset / (BAR_SPAN / len(self.series))))
        top = self.series[series].values[category]
        if not top or value < 0 or value > top + self._max * HIT_MARGIN:
            return None
        return category, series

    def _clicked(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        hit = self.bar_at(event.scenePos())
        if hit is not None and self.series[hit[1]].clickable:
            event.accept()
            self.bar_clicked.emit(*hit)

    def _hovered(self, scene_pos: QPointF) -> None:
        hit = self.bar_at(scene_pos)
        clickable = hit is not None and self.series[hit[1]].clickable
        self.viewport().setCursor(Qt.PointingHandCursor if clickable else Qt.ArrowCursor)
        if hit is None:
            QToolTip.hideText()
            return
        category, series = hit
        s = self.series[series]
        text = f"{self.categories[category]} — {s.name}: {_number(s.values[category])}"
        extra = self.tooltips[category] if category < len(self.tooltips) else ""
        if extra:
            text += f"\n{extra}"
        if clickable:
            text += "\n" + QCoreApplication.translate("BarChart", "Click to list these records")
        QToolTip.showText(self.mapToGlobal(self.mapFromScene(scene_pos)), text, self)


def style_chart(widget: pg.PlotWidget, grid_x: bool, grid_y: bool, alpha: float) -> pg.PlotItem:
    """The dashboard's look for a plot: no menu, buttons, pan or zoom (a chart to read and
    click, so a stray wheel changes nothing), axes in the palette's text colour."""
    plot = widget.getPlotItem()
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(False, False)
    plot.showGrid(x=grid_x, y=grid_y, alpha=alpha)
    colour_chart(widget)
    widget.setMinimumHeight(widget.fontMetrics().lineSpacing() * 12)   # its names, ticks and bars
    return plot


def colour_chart(widget: pg.PlotWidget) -> None:
    """The plot's background and axes in the palette's colours: when it is made, and again
    when the palette changed (pyqtgraph keeps the colours it was given)."""
    palette = QApplication.palette()
    widget.setBackground(palette.color(QPalette.Base))
    text = palette.color(QPalette.WindowText)
    for name in ("left", "bottom"):
        axis = widget.getPlotItem().getAxis(name)
        axis.setTextPen(text)
        axis.setPen(QColor(text.red(), text.green(), text.blue(), 120))


class ChartPanel(QWidget):
    """A chart under its title: one of the dashboard's panels (``title``, ``chart``)."""

    def __init__(self, title: str, chart: QWidget, parent=None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.chart = chart
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.chart, 1)

    def follow_palette(self) -> None:
        """The palette changed: the chart again in its colours now."""
        self.chart.follow_palette()


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
