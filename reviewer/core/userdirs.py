"""Where reviewer keeps its own files for this user: one Qt-free place for the CLI and the app.

platformdirs follows each platform's rules (XDG on Linux, read when asked, so a changed
``XDG_CACHE_HOME`` takes effect at once; Library folders on macOS; AppData on Windows).
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

ORGANIZATION = APP_NAME = "reviewer"   # as the app tells Qt (QSettings' folder too)


def cache_dir() -> Path:
    """Caches that are always safe to delete (the workspace index)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Data worth keeping (the demo workspace): ``<user data>/reviewer/reviewer``, the
    folder Qt's ``AppDataLocation`` names for this organisation and application on every
    platform (roaming on Windows), so what earlier versions wrote there is found."""
    return Path(platformdirs.user_data_dir(ORGANIZATION, appauthor=False, roaming=True)) / APP_NAME
