"""A chart's time axis that names days and months in the interface language.

pyqtgraph's DateAxisItem writes its ticks with ``strftime`` ("Thu 03", "Dec"), in English
whatever the interface speaks. In English it is left as it is; in another language the
ticks are written by QLocale ("12月4日", "2026年12月"), with the same spacing.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QDateTime, QLocale, QTimeZone

from reviewer.ui import i18n

DAY = 86400
# (the smallest tick spacing, in seconds, from which a format applies, the format)
CHINESE_FORMATS = ((365 * DAY, "yyyy年"), (28 * DAY, "yyyy年M月"), (DAY, "M月d日"),
                   (60, "HH:mm"), (0, "HH:mm:ss"))


class LocalDateAxis(pg.DateAxisItem):
    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        if i18n.current() == i18n.ENGLISH:
            return super().tickStrings(values, scale, spacing)
        return [local_tick(value, spacing) for value in values]


def local_tick(seconds: float, spacing: float, language: str = i18n.CHINESE) -> str:
    """``seconds`` (since the epoch, UTC) as a tick ``spacing`` seconds from the next."""
    moment = QDateTime.fromSecsSinceEpoch(int(seconds), QTimeZone.utc())
    fmt = next(f for least, f in CHINESE_FORMATS if spacing >= least)
    return QLocale(language).toString(moment, fmt)
