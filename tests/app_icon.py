"""The application icon's PNG sizes, rendered from its SVG with Qt's own SVG renderer.

The PNGs are committed (the wheel and the desktop entry carry them, and a desktop without an
SVG loader still shows them); ``tests/test_desktop_entry.py`` checks they match the SVG.
After changing the SVG, run ``python tests/app_icon.py`` and commit what it rewrote.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))   # run as a script: the checkout's reviewer, not an installed one

from reviewer.core import bundled


def render(size: int) -> QImage:
    """The SVG drawn at ``size`` x ``size`` pixels on a transparent ground."""
    renderer = QSvgRenderer(str(bundled.scalable_icon()))
    if not renderer.isValid():
        raise ValueError(f"{bundled.scalable_icon()}: Qt cannot read this SVG")
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(["app_icon", "-platform", "offscreen"])
    for size in bundled.ICON_SIZES:
        target = bundled.png_icon(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(target)):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        print(f"wrote {target.relative_to(ROOT)}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
