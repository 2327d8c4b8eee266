"""What ships inside the package, and the names the desktop knows the app by.

Everything lives in ``reviewer/resources/`` so the wheel carries it (``package-data`` in
pyproject.toml): the application icon, in the hicolor theme's own layout so that it is
installed as it stands; the desktop entry and the AppStream metainfo; and the demo seeds
(a link to the checkout's top-level ``seeds/``, which the wheel build copies in as files).
"""

from __future__ import annotations

from pathlib import Path

# The reverse-DNS id that names the desktop entry, the metainfo, the icon and the app's
# Wayland app id, so the desktop can tell they belong together.
APP_ID = "io.github.policy_reviewer.Reviewer"
# The hicolor theme's usual sizes: 16-32 for menus and lists, 48-64 for docks and the
# task switcher, 128-256 for software centres.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICONS = RESOURCES / "icons"
DESKTOP = RESOURCES / "desktop"


def seeds() -> Path:
    """The demo workspace's records and sources."""
    return RESOURCES / "seeds"


def scalable_icon() -> Path:
    return ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def png_icon(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def icon_files() -> list[Path]:
    """Every icon file, the PNGs then the SVG."""
    return [png_icon(size) for size in ICON_SIZES] + [scalable_icon()]


def desktop_file() -> Path:
    return DESKTOP / f"{APP_ID}.desktop"


def metainfo_file() -> Path:
    return DESKTOP / f"{APP_ID}.metainfo.xml"
