"""Per pillar, how far the auditors changed the drafts' scores: the share of reviewed
pillars whose score changed (by more than the threshold, when one is set), and the mean
absolute change in points, the threshold drawn across it. Clicking a pillar's bar in
either chart asks for the records behind it (``pillar_chosen``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from reviewer.ui import i18n, icons
from reviewer.ui.widgets.bar_chart import BarChart, Series


@dataclass
class PillarRow:
    pillar: str
    reviewed: int          # reviewed pillars of this name
    changed: int           # ...whose score changed (by more than the threshold)
    mean: float | None     # mean |verified - draft| over the reviewed ones, in points


class PillarChangeChart(QWidget):
    pillar_chosen = Signal(str)
    threshold_changed = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("<b>Scores the auditors changed, per pillar</b>"))
        self.threshold = QSpinBox()
        self.threshold.setObjectName("thresholdBox")
        self.threshold.setAccessibleName(self.tr("Threshold of a changed score, in points"))
        self.threshold.setRange(0, 100)
        self.threshold.setPrefix(self.tr("changed by more than "))
        self.threshold.setSuffix(self.tr(" points"))
        self.threshold.setSpecialValueText(self.tr("changed by any amount"))   # 0
        self.threshold.setToolTip(self.tr("Count a score as changed only when it moved by more than this "
                                          "many points (0: any change); a click on a bar lists those records"))
        self.threshold.valueChanged.connect(self.threshold_changed)
        self.share_title = QLabel()
        self.share = BarChart(self.tr("% of reviewed pillars"))
        self.share.setObjectName("pillarShareChart")
        self.mean_title = QLabel(self.tr("Mean absolute score change, in points"))
        self.mean = BarChart(self.tr("points"))
        self.mean.setObjectName("pillarMeanChart")
        self._line = pg.InfiniteLine(angle=0, movable=False, pen=_threshold_pen())
        self.mean.getPlotItem().addItem(self._line)
        self.rows: list[PillarRow] = []
        for chart in (self.share, self.mean):
            chart.bar_clicked.connect(lambda category, _series: self._chosen(category))
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(QLabel(self.tr("Scores")))
        head.addWidget(self.threshold)
        charts = QHBoxLayout()
        for label, chart in ((self.share_title, self.share), (self.mean_title, self.mean)):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(chart, 1)
            charts.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addLayout(charts, 1)
        self._titles()

    def set_rows(self, rows: list[PillarRow]) -> None:
        self.rows = list(rows)
        names = [i18n.pillar_name(r.pillar) for r in rows]
        shares = [100 * r.changed / r.reviewed if r.reviewed else 0 for r in rows]
        tips = [self.tr("{changed} of {reviewed} reviewed pillars").format(changed=r.changed, reviewed=r.reviewed)
                for r in rows]
        self.share.set_bars(names, [Series(self.tr("score changed"), shares, "info",
                                           [f"{s:.0f}%" if r.reviewed else "" for s, r in
                                            zip(shares, rows)])],
                            tips, top=max(10.0, max(shares, default=0) * 1.18))
        means = [r.mean or 0 for r in rows]
        self.mean.set_bars(names, [Series(self.tr("mean |Δ|"), means, "chart",
                                          [f"{m:.1f}" if r.mean is not None else "" for m, r in
                                           zip(means, rows)])],
                           tips, top=max(5.0, max(means, default=0), self.threshold.value()) * 1.18)
        self._titles()

    def follow_palette(self) -> None:
        """The palette changed: both charts and the threshold's line in its colours now."""
        self.share.follow_palette()
        self.mean.follow_palette()
        self._line.setPen(_threshold_pen())

    def _titles(self) -> None:
        n = self.threshold.value()
        self.share_title.setText(self.tr("Reviewed pillars whose score changed") if not n else
                                 self.tr("Reviewed pillars whose score changed by more than {points} points")
                                 .format(points=n))
        self._line.setPos(n)
        self._line.setVisible(n > 0)

    def _chosen(self, category: int) -> None:
        if 0 <= category < len(self.rows):
            self.pillar_chosen.emit(self.rows[category].pillar)


def _threshold_pen() -> QPen:
    """The threshold across the mean changes: dashed, in the error colour of the palette now."""
    return pg.mkPen(QColor(icons.COLORS["error"]), width=1, style=Qt.DashLine)
