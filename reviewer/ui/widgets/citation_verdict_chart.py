"""The reviewed records' citation verdicts (checked against their sources as they are now)
in the draft and after review, side by side: how many citations the review resolved and
how many mismatches it left. Clicking a bar asks for the records with such a citation
(``verdict_chosen(verdict, "before" | "after")``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal

from reviewer.core.terms import CITATION_STATUSES
from reviewer.ui import icons
from reviewer.ui.widgets.bar_chart import BarChart, ChartPanel, Series

ORDER = CITATION_STATUSES
WHEN = ("before", "after")


class CitationVerdictChart(ChartPanel):
    verdict_chosen = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(_title(), BarChart(QCoreApplication.translate("CitationVerdictChart", "citations"),
                                            horizontal=True), parent)
        self.chart.setObjectName("verdictChart")
        self.chart.bar_clicked.connect(self._chosen)
        self.verdicts: list[str] = []

    def set_verdicts(self, citations: dict) -> None:
        """``citations``: the JSON's ``{"before": {verdict: n}, "after": {...}, "corrected": n}``."""
        before, after = citations.get("before", {}), citations.get("after", {})
        present = set(before) | set(after)
        self.verdicts = [v for v in ORDER if v in present] + sorted(present - set(ORDER))
        tips = [self.tr("{before} in the drafts, {after} after review").format(
                    before=f"{before.get(v, 0):,}", after=f"{after.get(v, 0):,}")
                for v in self.verdicts]
        self.chart.set_bars(self.verdicts,
                            [Series(self.tr("in the draft"), [before.get(v, 0) for v in self.verdicts], "muted"),
                             Series(self.tr("after review"), [after.get(v, 0) for v in self.verdicts], "info")],
                            tips)
        corrected = int(citations.get("corrected", 0))
        self.title.setToolTip(self.tr("%n citation(s) corrected by the auditors", "", corrected))

    def follow_palette(self) -> None:
        """The palette changed: the title's coloured words and the chart in its colours now."""
        self.title.setText(_title())
        super().follow_palette()

    def _chosen(self, category: int, series: int) -> None:
        if 0 <= category < len(self.verdicts):
            self.verdict_chosen.emit(self.verdicts[category], WHEN[series])


def _title() -> str:
    """The title, its words in the colours of their bars (the legend)."""
    return QCoreApplication.translate(
        "CitationVerdictChart", "<b>Citations</b>: <span style='color:{draft_color}'>in the draft</span> and "
        "<span style='color:{review_color}'>after review</span>").format(
            draft_color=icons.COLORS["muted"], review_color=icons.COLORS["info"])
