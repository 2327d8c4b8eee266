"""The Dashboard window: how the AI drafts held up under review, from the git history.

Headline numbers, per pillar the scores the auditors changed (with a threshold), what else
they changed (labels, evidence, citations, notes, placeholders), the citation verdicts
before and after review, per drafting author, per auditor and over time, and filters that
run the numbers again. It only shows the
:class:`~reviewer.core.services.audit_numbers.AuditNumbers` it is given (the
:class:`~reviewer.ui.flows.dashboard_flow.DashboardFlow` computes them in a worker); a
click on a bar becomes ``records_chosen(files, about)``: the records behind it, for the
record list to show.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.services.audit_numbers import UNKNOWN, AuditNumbers
from reviewer.ui import i18n, icons
from reviewer.ui.screen_fit import resize_within_screen
from reviewer.ui.widgets.audit_filter_bar import AuditFilterBar
from reviewer.ui.widgets.audit_headline import AuditHeadline
from reviewer.ui.widgets.auditor_count_chart import AuditorCountChart
from reviewer.ui.widgets.author_change_chart import AuthorChangeChart, AuthorRow
from reviewer.ui.widgets.citation_verdict_chart import CitationVerdictChart
from reviewer.ui.widgets.pillar_change_chart import PillarChangeChart, PillarRow
from reviewer.ui.widgets.review_change_chart import ReviewChangeChart, about as change_about
from reviewer.ui.widgets.review_timeline_chart import ReviewTimelineChart


class AuditDashboard(QWidget):
    filters_changed = Signal()
    refresh_asked = Signal()
    records_chosen = Signal(object, str)     # workspace-relative files, what they are

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.setObjectName("auditDashboard")
        self.setWindowTitle(self.tr("Dashboard — reviewer"))
        self.stats: AuditNumbers | None = None
        self._choice: tuple[str, str] | None = None   # the last bar clicked: (kind, name)
        self.filter_bar = AuditFilterBar()
        self.filter_bar.changed.connect(self.filters_changed)
        self.state = QLabel()
        self.state.setObjectName("dashboardState")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.setToolTip(self.tr("Read the history again (it is read again by itself after each commit "
                                   "and sync)"))
        refresh.clicked.connect(self.refresh_asked)
        self.headline = AuditHeadline()
        self.pillars = PillarChangeChart()
        self.pillars.pillar_chosen.connect(lambda p: self.choose("pillar", p))
        self.pillars.threshold_changed.connect(lambda _n: self._draw_pillars())
        self.authors = AuthorChangeChart()
        self.authors.author_chosen.connect(lambda a: self.choose("author", a))
        self.auditors = AuditorCountChart()
        self.auditors.auditor_chosen.connect(lambda a: self.choose("auditor", a))
        self.timeline = ReviewTimelineChart()
        self.changes = ReviewChangeChart()
        self.changes.change_chosen.connect(lambda k: self.choose("change", k))
        self.verdicts = CitationVerdictChart()
        self.verdicts.verdict_chosen.connect(lambda v, when: self.choose(f"verdict-{when}", v))
        self.problem = QLabel()
        self.problem.setObjectName("dashboardProblem")
        self.problem.setWordWrap(True)
        self.problem.setAlignment(Qt.AlignCenter)
        self.problem.setStyleSheet("font-size: 13pt;")
        charts = QWidget()
        grid = QGridLayout(charts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.headline, 0, 0, 1, 3)
        grid.addWidget(self.pillars, 1, 0, 1, 2)
        grid.addWidget(self.changes, 1, 2)
        grid.addWidget(self.authors, 2, 0)
        grid.addWidget(self.auditors, 2, 1)
        grid.addWidget(self.verdicts, 2, 2)
        grid.addWidget(self.timeline, 3, 0, 1, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)
        grid.setRowStretch(3, 2)
        # On a screen with less room than the charts need (a laptop, 200 % scale) they scroll.
        scroll = QScrollArea()
        scroll.setObjectName("dashboardCharts")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(charts)
        self.pages = QStackedWidget()
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.problem)
        top = QHBoxLayout()
        top.addWidget(self.filter_bar, 1)
        top.addWidget(self.state)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        resize_within_screen(self, 1400, 900)
        self.follow_palette()

    def follow_palette(self) -> None:
        """The palette in use now (called again when the desktop turned dark or light): the
        state line, the headline's numbers and every chart, drawn in its colours."""
        self.state.setStyleSheet(f"color: {icons.COLORS['muted']};")
        self.headline.follow_palette()
        for chart in (self.pillars, self.changes, self.authors, self.auditors, self.verdicts, self.timeline):
            chart.follow_palette()

    # ---- what the flow shows ----------------------------------------------------------------
    def show_reading(self) -> None:
        """The numbers are being read (the last ones stay until the new ones come)."""
        self.state.setText(self.tr("Reading the history…"))

    def show_stats(self, stats: AuditNumbers) -> None:
        self.stats = stats
        if not stats.records:
            self.show_problem(self.tr("No record is in this workspace's git history yet: once the drafts "
                                      "are committed and reviewed, this shows how they held up."))
            return
        self.pages.setCurrentIndex(0)
        self.headline.set_numbers(stats.records, stats.verified, stats.drafts, stats.reviewed,
                                  stats.agreement, stats.placeholders.get("left", 0))
        self._draw_pillars()
        self.changes.set_totals(stats.change_totals(),
                                sum(int(p.get("reviewed", 0)) for p in stats.pillars.values()))
        self.verdicts.set_verdicts(stats.citations)
        self.authors.set_rows(author_rows(stats))
        self.auditors.set_counts(stats.auditors)
        self.timeline.set_timeline(stats.timeline)
        self.filter_bar.add_names([a for a in stats.authors if a != UNKNOWN], list(stats.auditors),
                                  stats.values("country"), stats.values("year"))
        new = stats.read.get("commits_read", 0)
        now = f"{dt.datetime.now():%H:%M:%S}"
        self.state.setText(self.tr("Updated {time} · %n new commit(s) read", "", new).format(time=now) if new
                           else self.tr("Updated {time}").format(time=now))

    def show_problem(self, message: str) -> None:
        """Nothing to chart (no history, not a git repository): say so in place of the charts."""
        self.problem.setText(message)
        self.pages.setCurrentIndex(1)
        self.state.setText("")

    @property
    def showing_problem(self) -> str | None:
        return self.problem.text() if self.pages.currentIndex() == 1 else None

    # ---- drill-down -----------------------------------------------------------------------------
    def choose(self, kind: str, name: str) -> None:
        """A bar was clicked: ``kind`` "pillar", "change", "author", "auditor",
        "verdict-before" or "verdict-after"; ``name`` its name."""
        self._choice = (kind, name)
        chosen = self.chosen()
        if chosen is not None:
            self.records_chosen.emit(*chosen)

    def clear_choice(self) -> None:
        """The list shows every record again: no bar is followed any more."""
        self._choice = None

    def chosen(self) -> tuple[set[str], str] | None:
        """The files behind the last bar clicked, in the numbers shown now, and what they are."""
        if self._choice is None or self.stats is None:
            return None
        return records_behind(self.stats, *self._choice, self.pillars.threshold.value())

    def _draw_pillars(self) -> None:
        if self.stats is not None:
            self.pillars.set_rows(pillar_rows(self.stats, self.pillars.threshold.value()))


# ---- from the numbers to the charts ------------------------------------------------------------
def pillar_rows(stats: AuditNumbers, threshold: int = 0) -> list[PillarRow]:
    """Every pillar of the workspace (and any other the history reviewed), in display order."""
    names = list(stats.order) + [p for p in stats.pillars if p not in stats.order]
    rows = []
    for name in names:
        slot = stats.pillars.get(name, {})
        reviewed = int(slot.get("reviewed", 0))
        changed = int(slot.get("score_changed", 0)) if not threshold else \
            len(stats.records_where(name, "abs_score_change", threshold))
        rows.append(PillarRow(name, reviewed, changed, slot.get("mean_abs_score_change")))
    return rows


def author_rows(stats: AuditNumbers) -> list[AuthorRow]:
    rows = []
    for author, slot in stats.authors.items():
        blocks = slot.get("pillars", {}).values()
        pillars = sum(int(b.get("reviewed", 0)) for b in blocks)
        changed = sum(int(b.get("score_changed", 0)) for b in blocks)
        total = sum((b.get("mean_abs_score_change") or 0) * int(b.get("reviewed", 0)) for b in blocks)
        rows.append(AuthorRow(author, slot.get("records", 0), slot.get("reviewed", 0),
                              pillars, changed, total / pillars if pillars else None))
    return sorted(rows, key=lambda r: (-r.records, r.author.casefold()))


def records_behind(stats: AuditNumbers, kind: str, name: str,
                   threshold: int = 0) -> tuple[set[str], str]:
    """The files of the records behind a bar, and what they are in words."""
    if kind == "pillar":
        ids = stats.records_where(name, "score_changed") if not threshold else \
            stats.records_where(name, "abs_score_change", threshold)
        pillar = i18n.pillar_name(name)
        about = (QCoreApplication.translate("AuditDashboard", "{pillar} score changed by more than {points} points")
                 .format(pillar=pillar, points=threshold) if threshold else
                 QCoreApplication.translate("AuditDashboard", "{pillar} score changed").format(pillar=pillar))
    elif kind == "change":
        ids = stats.records_where(None, name)
        about = change_about(name)
    elif kind.startswith("verdict-"):
        when = kind.removeprefix("verdict-")
        ids = stats.records_with_verdict(name, when)
        verdict = i18n.citation_status_name(name)
        about = (QCoreApplication.translate("AuditDashboard", "a citation {verdict} in the draft") if when == "before"
                 else QCoreApplication.translate("AuditDashboard", "a citation {verdict} after review")
                 ).format(verdict=verdict)
    elif kind == "author":
        ids = [d["record"] for d in stats.details if (d["author"] or UNKNOWN) == name
               and any(p.get("score_changed") for p in d["pillars"].values())]
        about = QCoreApplication.translate("AuditDashboard", "drafts by {author} whose scores the auditors changed"
                                           ).format(author=name)
    elif kind == "auditor":
        ids = [d["record"] for d in stats.details if d["auditor"] == name]
        about = QCoreApplication.translate("AuditDashboard", "records last verified by {auditor}").format(
            auditor=name.partition(' <')[0])
    else:
        raise ValueError(kind)
    return stats.files(ids), about
