"""What the auditors changed, over every reviewed pillar: how many scores, labels,
evidence texts and citations they changed, the audit notes they added, the migration
placeholders they replaced and the pillars they added or removed. Clicking a bar asks for
the records with that kind of change (``change_chosen``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal

from reviewer.ui.widgets.bar_chart import BarChart, ChartPanel, Series

# Marked for translation here, translated where shown (context ReviewChangeChart).
KINDS = (("score_changed", QT_TRANSLATE_NOOP("ReviewChangeChart", "Score")),
         ("label_changed", QT_TRANSLATE_NOOP("ReviewChangeChart", "Label")),
         ("evidence_changed", QT_TRANSLATE_NOOP("ReviewChangeChart", "Evidence")),
         ("citation_changed", QT_TRANSLATE_NOOP("ReviewChangeChart", "Citation")),
         ("note_added", QT_TRANSLATE_NOOP("ReviewChangeChart", "Note added")),
         ("placeholder_replaced", QT_TRANSLATE_NOOP("ReviewChangeChart", "Placeholder replaced")),
         ("added", QT_TRANSLATE_NOOP("ReviewChangeChart", "Pillar added")),
         ("removed", QT_TRANSLATE_NOOP("ReviewChangeChart", "Pillar removed")))
# The records behind a bar, in words (the list says it shows them).
ABOUT = {"score_changed": QT_TRANSLATE_NOOP("ReviewChangeChart", "a pillar's score changed"),
         "label_changed": QT_TRANSLATE_NOOP("ReviewChangeChart", "a pillar's label changed"),
         "evidence_changed": QT_TRANSLATE_NOOP("ReviewChangeChart", "a pillar's evidence changed"),
         "citation_changed": QT_TRANSLATE_NOOP("ReviewChangeChart", "a pillar's citation corrected"),
         "note_added": QT_TRANSLATE_NOOP("ReviewChangeChart", "a pillar's audit note added"),
         "placeholder_replaced": QT_TRANSLATE_NOOP("ReviewChangeChart", "a pillar's placeholder replaced"),
         "added": QT_TRANSLATE_NOOP("ReviewChangeChart", "a pillar added"),
         "removed": QT_TRANSLATE_NOOP("ReviewChangeChart", "a pillar removed")}


def about(kind: str) -> str:
    return QCoreApplication.translate("ReviewChangeChart", ABOUT[kind])


class ReviewChangeChart(ChartPanel):
    change_chosen = Signal(str)     # a kind of change: "citation_changed", ...

    def __init__(self, parent=None) -> None:
        super().__init__(QCoreApplication.translate("ReviewChangeChart", "<b>What the auditors changed</b> (reviewed pillars)"),
                         BarChart(QCoreApplication.translate("ReviewChangeChart", "reviewed pillars"),
                                  horizontal=True), parent)   # the kinds are long words
        self.chart.setObjectName("changeChart")
        self.chart.bar_clicked.connect(self._chosen)

    def set_totals(self, totals: dict[str, int], reviewed: int) -> None:
        """``totals``: each kind's count; ``reviewed``: the reviewed pillars they are of."""
        counts = [int(totals.get(kind, 0)) for kind, _ in KINDS]
        tips = [self.tr("{n} of {reviewed} reviewed pillars ({share}%)").format(
                    n=f"{n:,}", reviewed=f"{reviewed:,}", share=f"{100 * n / reviewed:.0f}")
                if reviewed else self.tr("no pillar reviewed yet") for n in counts]
        self.chart.set_bars([QCoreApplication.translate("ReviewChangeChart", name) for _, name in KINDS],
                            [Series("pillars", counts, "info")], tips)

    def _chosen(self, category: int, _series: int) -> None:
        if 0 <= category < len(KINDS):
            self.change_chosen.emit(KINDS[category][0])
