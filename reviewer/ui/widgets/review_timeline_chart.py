"""Over time: how many records were verified and how many were drafts at the end of each
day the records changed (the audit's ``timeline``), as steps: a count holds until the next
day something changed.
"""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reviewer.ui import icons
from reviewer.ui.widgets.bar_chart import ChartPanel, colour_chart, style_chart
from reviewer.ui.widgets.local_date_axis import LocalDateAxis

DAY = 86400
CURVES = (("verified", "verified"), ("drafts", "draft"))   # (the timeline's count, its colour)


class ReviewTimelineChart(ChartPanel):
    def __init__(self, parent=None) -> None:
        super().__init__(QCoreApplication.translate("ReviewTimelineChart", "<b>Over time</b>: verified records and drafts"),
                         pg.PlotWidget(axisItems={"bottom": LocalDateAxis(utcOffset=0)}), parent)
        self.plot = self.chart
        self.plot.setObjectName("timelineChart")
        item = style_chart(self.plot, grid_x=False, grid_y=True, alpha=0.25)
        item.setLabel("left", self.tr("records"))
        self.legend = item.addLegend(offset=(-10, 10))
        names = {"verified": self.tr("verified"), "drafts": self.tr("drafts")}
        self.curves = {key: item.plot([], [], name=names[key], symbol="o", symbolSize=5, symbolPen=None)
                       for key, _ in CURVES}
        self.rows: list[dict] = []
        self._colour_curves()

    def follow_palette(self) -> None:
        """The palette changed (the desktop turned dark or light): background, axes, legend
        and lines again, in the palette's colours now."""
        colour_chart(self.plot)
        self._colour_curves()

    def _colour_curves(self) -> None:
        self.legend.setLabelTextColor(QApplication.palette().color(QPalette.WindowText))
        for _sample, label in self.legend.items:   # a label takes its colour when its text is set
            label.setText(label.text)
        for key, kind in CURVES:
            colour = QColor(icons.COLORS[kind])
            self.curves[key].setPen(pg.mkPen(colour, width=2))
            self.curves[key].setSymbolBrush(colour)

    def set_timeline(self, rows: list[dict]) -> None:
        """``[{"date": "YYYY-MM-DD", "verified": n, "drafts": m}, ...]``, oldest first."""
        self.rows = list(rows)
        days = [_seconds(r["date"]) for r in rows]
        for key, curve in self.curves.items():
            xs, ys = _steps(days, [r[key] for r in rows])
            curve.setData(xs, ys)
            curve.setSymbol("o" if len(rows) < 3 else None)   # a lone day is a dot, not nothing
        item = self.plot.getPlotItem()
        top = max((max(r["verified"], r["drafts"]) for r in rows), default=0)
        item.setYRange(0, max(1, top) * 1.15, padding=0)
        if days:
            first, last = min(days), max(days)
            span = max(last - first, 2 * DAY)
            item.setXRange(first - span * 0.03, first + span * 1.03, padding=0)


def _seconds(day: str) -> float:
    return dt.datetime.fromisoformat(day).replace(tzinfo=dt.timezone.utc).timestamp()


def _steps(xs: list[float], ys: list[float]) -> tuple[list[float], list[float]]:
    """A step line through the points: each value held until the next point's day."""
    out_x: list[float] = []
    out_y: list[float] = []
    for i, (x, y) in enumerate(zip(xs, ys)):
        if i:
            out_x.append(x)
            out_y.append(ys[i - 1])
        out_x.append(x)
        out_y.append(y)
    return out_x, out_y
