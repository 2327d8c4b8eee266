"""What the auditors changed, over every reviewed pillar: how many scores, labels,
evidence texts and citations they changed, the audit notes they added, the migration
placeholders they replaced and the pillars they added or removed. Clicking a bar asks for
the records with that kind of change (``change_chosen``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal

from reviewer.ui import icons
from reviewer.ui.widgets.bar_chart import BarChart, ChartPanel, Series

KINDS = (("score_changed", "Score"), ("label_changed", "Label"),
         ("evidence_changed", "Evidence"), ("citation_changed", "Citation"),
         ("note_added", "Note added"), ("placeholder_replaced", "Placeholder replaced"),
         ("added", "Pillar added"), ("removed", "Pillar removed"))
WORDS = {"score_changed": "score changed", "label_changed": "label changed",
         "evidence_changed": "evidence changed", "citation_changed": "citation corrected",
         "note_added": "audit note added", "placeholder_replaced": "placeholder replaced",
         "added": "pillar added", "removed": "pillar removed"}


class ReviewChangeChart(ChartPanel):
    change_chosen = Signal(str)     # a kind of change: "citation_changed", ...

    def __init__(self, parent=None) -> None:
        super().__init__("<b>What the auditors changed</b> (reviewed pillars)",
                         BarChart("pillars", horizontal=True), parent)   # the kinds are long words
        self.chart.setObjectName("changeChart")
        self.chart.bar_clicked.connect(self._chosen)

    def set_totals(self, totals: dict[str, int], reviewed: int) -> None:
        """``totals``: each kind's count; ``reviewed``: the reviewed pillars they are of."""
        counts = [int(totals.get(kind, 0)) for kind, _ in KINDS]
        tips = [f"{n:,} of {reviewed:,} reviewed pillars ({100 * n / reviewed:.0f}%)"
                if reviewed else "no pillar reviewed yet" for n in counts]
        self.chart.set_bars([name for _, name in KINDS],
                            [Series("pillars", counts, icons.COLORS["info"])], tips)

    def _chosen(self, category: int, _series: int) -> None:
        if 0 <= category < len(KINDS):
            self.change_chosen.emit(KINDS[category][0])
