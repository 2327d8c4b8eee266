"""Per drafting author (``provenance.author``): the share of the reviewed pillars of their
drafts whose score the auditors changed, to compare the drafting pipelines. Clicking an
author's bar asks for their reviewed records with a changed score (``author_chosen``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal

from reviewer.ui.widgets.bar_chart import BarChart, ChartPanel, Series


@dataclass
class AuthorRow:
    author: str
    records: int           # their drafts in the (filtered) workspace
    reviewed: int          # ...of which verified here since
    pillars: int           # reviewed pillars of those
    changed: int           # ...whose score changed
    mean: float | None     # mean |verified - draft| over those pillars


class AuthorChangeChart(ChartPanel):
    author_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(QCoreApplication.translate(
            "AuthorChangeChart", "<b>Per drafting author</b> (reviewed/drafted): pillars whose score changed"),
            BarChart(QCoreApplication.translate("AuthorChangeChart", "% of reviewed pillars"), horizontal=True),
            parent)
        self.chart.setObjectName("authorChart")
        self.chart.bar_clicked.connect(self._chosen)
        self.rows: list[AuthorRow] = []

    def set_rows(self, rows: list[AuthorRow]) -> None:
        self.rows = list(rows)
        shares = [100 * r.changed / r.pillars if r.pillars else 0 for r in rows]
        names = [f"{r.author} ({r.reviewed}/{r.records})" for r in rows]
        tips = [self.tr("{reviewed} of {records} drafts reviewed; {changed} of {pillars} reviewed pillars "
                        "changed score").format(reviewed=r.reviewed, records=r.records, changed=r.changed,
                                                pillars=r.pillars)
                + ("" if r.mean is None else self.tr("; mean |Δ| {mean} points").format(mean=f"{r.mean:.1f}"))
                for r in rows]
        text = [f"{s:.0f}%" if r.pillars else self.tr("not reviewed") for s, r in zip(shares, rows)]
        self.chart.set_bars(names, [Series(self.tr("score changed"), shares, "info", text)],
                            tips, top=max(10.0, max(shares, default=0) * 1.12))

    def _chosen(self, category: int, _series: int) -> None:
        if 0 <= category < len(self.rows):
            self.author_chosen.emit(self.rows[category].author)
