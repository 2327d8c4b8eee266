"""The dashboard's filters: the drafting author, the auditor, the record's country and
year, and the days verified (``Filters`` of :mod:`reviewer.core.audit.measures`). A change
is reported once the auditor pauses (``changed``), so stepping through dates runs the
numbers once.

The names offered are every author, auditor, country and year the dashboard has seen in
this workspace, so filtering by one author does not hide the others from the list.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from reviewer.core.audit.measures import Filters
from reviewer.ui.widgets.flow_layout import FlowLayout

ANY_DAY = QDate(2000, 1, 1)     # the date boxes' minimum, shown as "any"
DEBOUNCE_MS = 250


class AuditFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.author = QComboBox()
        self.author.setObjectName("authorFilter")
        self.auditor = QComboBox()
        self.auditor.setObjectName("auditorFilter")
        self.country = QComboBox()
        self.country.setObjectName("countryFilter")
        self.year = QComboBox()
        self.year.setObjectName("yearFilter")
        self.boxes = (self.author, self.auditor, self.country, self.year)
        for box, anyone in zip(self.boxes, (self.tr("Any author"), self.tr("Any auditor"), self.tr("Any country"),
                                            self.tr("Any year"))):
            box.addItem(anyone, None)
            box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
            box.currentIndexChanged.connect(self._soon)
        self.since, self.until = QDateEdit(), QDateEdit()
        for box in (self.since, self.until):
            box.setCalendarPopup(True)
            box.setDisplayFormat("yyyy-MM-dd")
            box.setMinimumDate(ANY_DAY)
            box.setSpecialValueText(self.tr("any"))
            box.setDate(ANY_DAY)
            box.dateChanged.connect(self._soon)
        self.since.setObjectName("sinceFilter")
        self.until.setObjectName("untilFilter")
        self.reset = QPushButton(self.tr("All"))
        self.reset.setToolTip(self.tr("Every author, auditor, country, year and day"))
        self.reset.clicked.connect(self.clear)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        # Read as a sentence ("Drafted by … verified by … in … from … to …"); a screen
        # reader hears each box by its own name.
        for box, name in ((self.author, self.tr("Drafted by")), (self.auditor, self.tr("Verified by")),
                          (self.country, self.tr("Country")), (self.year, self.tr("Year")),
                          (self.since, self.tr("Verified from")), (self.until, self.tr("Verified until"))):
            box.setAccessibleName(name)
        # One line when it fits, else as many as it takes (a narrow window, 200 % scale);
        # each box stays with the words before it.
        layout = FlowLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for words, boxes in ((self.tr("Drafted by"), (self.author,)),
                             (self.tr("verified by"), (self.auditor,)),
                             (self.tr("in"), (self.country, self.year)), (self.tr("from"), (self.since,)),
                             (self.tr("to"), (self.until,)), ("", (self.reset,))):
            group = QWidget()
            line = QHBoxLayout(group)
            line.setContentsMargins(0, 0, 0, 0)
            if words:
                line.addWidget(QLabel(words))
            for box in boxes:
                line.addWidget(box)
            layout.addWidget(group)

    def filters(self) -> Filters:
        return Filters(author=self.author.currentData(), auditor=self.auditor.currentData(),
                       country=self.country.currentData(), year=self.year.currentData(),
                       since=_day(self.since.date()), until=_day(self.until.date()))

    def add_names(self, authors: list[str], auditors: list[str], countries: list[str] = (),
                  years: list[str] = ()) -> None:
        """Offer these too (the ones already offered stay, and so does the choice)."""
        for box, names in zip(self.boxes, (authors, auditors, countries, years)):
            have = {box.itemData(i) for i in range(1, box.count())}
            new = sorted(set(names) - have - {None, ""})
            if not new:
                continue
            box.blockSignals(True)
            chosen = box.currentData()
            everyone = sorted(have | set(new), key=str.casefold)
            while box.count() > 1:
                box.removeItem(1)
            for name in everyone:
                box.addItem(name.partition(" <")[0] if box is self.auditor else name, name)
                box.setItemData(box.count() - 1, name, Qt.ToolTipRole)   # the tooltip: "Name <email>"
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen else 0)
            box.blockSignals(False)

    def clear(self) -> None:
        """Every author, auditor, country, year and day (one ``changed``)."""
        for box in self.boxes:
            box.setCurrentIndex(0)
        for box in (self.since, self.until):
            box.setDate(ANY_DAY)

    def _soon(self, *args) -> None:
        self._timer.start()


def _day(date: QDate) -> dt.date | None:
    return None if date == ANY_DAY else dt.date(date.year(), date.month(), date.day())
