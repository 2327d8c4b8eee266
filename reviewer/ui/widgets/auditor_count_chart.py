"""Per auditor (the ``Reviewed-by`` of a review commit, else its author): how many
records they verified and how many they reopened. Clicking an auditor's verified bar asks
for the records they verified last (``auditor_chosen``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal

from reviewer.ui import icons
from reviewer.ui.widgets.bar_chart import BarChart, ChartPanel, Series


class AuditorCountChart(ChartPanel):
    auditor_chosen = Signal(str)    # "Name <email>"

    def __init__(self, parent=None) -> None:
        super().__init__(_title(), BarChart(QCoreApplication.translate("AuditorCountChart", "records"),
                                            horizontal=True), parent)
        self.chart.setObjectName("auditorChart")
        self.chart.bar_clicked.connect(self._chosen)
        self.auditors: list[str] = []

    def set_counts(self, counts: dict[str, dict[str, int]]) -> None:
        """``{"Name <email>": {"verified": n, "reopened": m}}``, most verified first."""
        self.auditors = sorted(counts, key=lambda who: (-counts[who].get("verified", 0), who))
        names = [who.partition(" <")[0] for who in self.auditors]
        verified = [counts[who].get("verified", 0) for who in self.auditors]
        reopened = [counts[who].get("reopened", 0) for who in self.auditors]
        self.chart.set_bars(names, [Series(self.tr("verified"), verified, "verified"),
                                    Series(self.tr("reopened"), reopened, "draft",
                                           clickable=False)],
                            self.auditors, top=max(1, *verified, *reopened, 1) * 1.12)

    def follow_palette(self) -> None:
        """The palette changed: the title's coloured words and the chart in its colours now."""
        self.title.setText(_title())
        super().follow_palette()

    def _chosen(self, category: int, series: int) -> None:
        if series == 0 and 0 <= category < len(self.auditors):
            self.auditor_chosen.emit(self.auditors[category])


def _title() -> str:
    """The title, its words in the colours of their bars (the legend)."""
    return QCoreApplication.translate(
        "AuditorCountChart", "<b>Per auditor</b>: <span style='color:{verified_color}'>verified</span> and "
        "<span style='color:{reopened_color}'>reopened</span>").format(
            verified_color=icons.COLORS["verified"], reopened_color=icons.COLORS["draft"])
