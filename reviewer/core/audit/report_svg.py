"""The HTML report's charts, as inline SVG drawn here: horizontal bars per pillar, the
timeline of verified and draft records, the citation verdicts before and after review.

No plotting library and no script: each chart is a string of SVG elements in a viewBox,
scaled to the page's width by CSS, readable as it is printed. Every text in a chart comes
from files (pillar names, verdicts), so it is escaped like any other text of the report.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

WIDTH = 1040
INK, MUTED, GRID = "#1f2933", "#61707f", "#e3e8ee"
BLUE, TEAL, GREEN, AMBER, GREY = "#2b6cb0", "#2c7a7b", "#2f855a", "#c27c0e", "#a0aab4"
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"'


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def nice_scale(top: float, ticks: int = 5) -> tuple[float, float]:
    """An axis maximum at or above ``top`` and its tick step, both round (1, 2, 2.5 or 5
    times a power of ten)."""
    if top <= 0:
        return 1.0, 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return float(f"{math.ceil(top / step - 1e-9) * step:.12g}"), float(step)


def _svg(height: float, body: list[str], label: str) -> str:
    # Inline in HTML, an <svg> needs no namespace (and the report names no URL at all).
    return (f'<svg viewBox="0 0 {WIDTH} {height:.0f}" '
            f'role="img" aria-label="{esc(label)}" {FONT}>' + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12,
          fill: str = INK, weight: str = "normal") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{fill}" font-weight="{weight}">{esc(text)}</text>')


def _short(name: str, room: int) -> str:
    return name if len(name) <= room else name[:room - 1] + "…"


def _tick(value: float) -> str:
    return f"{value:g}"


def _bar_panel(x0: float, width: float, top: float, rows: list[tuple[str, float | None]],
               title: str, color: str, percent: bool, row_h: float) -> list[str]:
    """One panel of horizontal bars, from ``x0`` over ``width``: its title, its grid and
    axis labels, one bar per row with its value at the end ("no data" for None)."""
    values = [v for _, v in rows if v is not None]
    limit, step = (100.0, 25.0) if percent else nice_scale(max(values, default=0) or 1)
    out = [_text(x0, top - 26, title, size=13, weight="600")]
    bottom = top + row_h * len(rows)
    n = round(limit / step)
    for i in range(n + 1):
        x = x0 + width * i / n
        out.append(f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        label = _tick(step * i) + ("%" if percent else "")
        out.append(_text(x, bottom + 16, label, "middle", 11, MUTED))
    for i, (name, value) in enumerate(rows):
        y = top + row_h * i
        if value is None:
            out.append(_text(x0 + 6, y + row_h / 2 + 4, "no data", size=11, fill=GREY))
            continue
        length = width * min(value, limit) / limit
        shown = f"{value:.0f}%" if percent else f"{value:.2f}".rstrip("0").rstrip(".")
        out.append(f'<rect x="{x0:.1f}" y="{y + 5:.1f}" width="{max(length, 1.5):.1f}" '
                   f'height="{row_h - 10:.1f}" rx="2" fill="{color}"><title>{esc(name)}: '
                   f'{esc(shown)}</title></rect>')
        inside = length > 52
        out.append(_text(x0 + length + (-6 if inside else 6), y + row_h / 2 + 4, shown,
                         "end" if inside else "start", 11, "#fff" if inside else INK,
                         "600" if inside else "normal"))
    return out


def pillar_bars(pillars: dict[str, dict]) -> str:
    """Per pillar, side by side: the share of reviewed pillars whose score changed, and the
    mean absolute score change."""
    names = list(pillars)
    row_h, top = 30.0, 44.0
    label_w = min(max((len(n) for n in names), default=6) * 7.5 + 16, 190)
    panel_w = (WIDTH - label_w - 70) / 2
    share = [(n, 100 * p["score_changed"] / p["reviewed"] if p.get("reviewed") else None)
             for n, p in pillars.items()]
    mean = [(n, p.get("mean_abs_score_change")) for n, p in pillars.items()]
    body: list[str] = []
    for i, name in enumerate(names):
        y = top + row_h * i + row_h / 2 + 4
        body.append(_text(label_w - 12, y, _short(name, int((label_w - 16) / 7.5)), "end", 12))
    body += _bar_panel(label_w, panel_w, top, share, "Score changed, % of reviewed pillars",
                       BLUE, True, row_h)
    body += _bar_panel(label_w + panel_w + 50, panel_w, top, mean,
                       "Mean absolute score change (points)", TEAL, False, row_h)
    height = top + row_h * max(len(names), 1) + 28
    return _svg(height, body, "Score changes per pillar")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text[:10])


def timeline_chart(rows: list[dict]) -> str:
    """Verified and draft records at the end of each day, as steps (a count holds until the
    next day the records changed), each line over a light area."""
    if not rows:
        return ""
    left, right, top, height = 56.0, 44.0, 40.0, 220.0
    bottom = top + height
    first, last = _day(rows[0]["date"]), _day(rows[-1]["date"]) + dt.timedelta(days=1)
    span = max((last - first).days, 1)
    limit, step = nice_scale(max(max(r["verified"], r["drafts"]) for r in rows) or 1)
    limit, step = max(limit, 1.0), max(step, 1.0)

    def x_of(day: dt.date) -> float:
        return left + (WIDTH - left - right) * (day - first).days / span

    def y_of(value: float) -> float:
        return bottom - height * value / limit

    body = [_text(left, 18, "Records at the end of each day", size=13, weight="600")]
    for i in range(round(limit / step) + 1):
        y = y_of(step * i)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
                    f'stroke="{GRID}"/>')
        body.append(_text(left - 8, y + 4, _tick(step * i), "end", 11, MUTED))
    for day, label in _date_ticks(first, last):
        x = x_of(day)
        body.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 5}" '
                    f'stroke="{MUTED}"/>')
        body.append(_text(x, bottom + 19, label, "middle", 11, MUTED))
    for key, color in (("drafts", AMBER), ("verified", GREEN)):
        points: list[tuple[float, float]] = []
        for i, row in enumerate(rows):
            end = _day(rows[i + 1]["date"]) if i + 1 < len(rows) else last
            y = y_of(row[key])
            points += [(x_of(_day(row["date"])), y), (x_of(end), y)]
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        area = f"{points[0][0]:.1f},{bottom} {line} {points[-1][0]:.1f},{bottom}"
        if key == "verified":   # one area only: two overlapping ones muddy each other
            body.append(f'<polygon points="{area}" fill="{color}" fill-opacity="0.13"/>')
        body.append(f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="2.2" '
                    'stroke-linejoin="round"/>')
        body.append(_text(points[-1][0] + 5, points[-1][1] + 4, str(rows[-1][key]), size=11,
                          fill=color, weight="600"))
    body.append(f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - right}" y2="{bottom}" '
                f'stroke="{MUTED}"/>')
    for i, (label, color) in enumerate((("verified", GREEN), ("drafts", AMBER))):
        x = WIDTH - right - 200 + i * 100
        body.append(f'<rect x="{x}" y="8" width="14" height="4" rx="1" fill="{color}"/>')
        body.append(_text(x + 20, 15, label, size=12, fill=MUTED))
    return _svg(bottom + 30, body, "Verified and draft records over time")


def _date_ticks(first: dt.date, last: dt.date, most: int = 7) -> list[tuple[dt.date, str]]:
    """At most ``most`` dates to mark on the axis, with their labels: days over a short
    span, the first of every 1, 2, 3, 6... months (as YYYY-MM) over a long one."""
    days = (last - first).days
    if days <= 90:
        step = max(1, math.ceil(days / (most - 1)))
        return [(d, d.isoformat()) for d in
                (first + dt.timedelta(days=n) for n in range(0, max(days, 0) + 1, step))]
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next(m for m in (1, 2, 3, 6, 12, 24, 60, 120, 1200) if months / m <= most - 1)
    index = first.year * 12 + first.month          # the month after ``first``, counted from 0
    index += -index % step
    ticks = []
    while (day := dt.date(index // 12, index % 12 + 1, 1)) <= last:
        ticks.append((day, day.isoformat()[:7]))
        index += step
    return ticks


def citation_bars(before: dict[str, int], after: dict[str, int]) -> str:
    """Per verdict of the citation check, a grey bar for the drafts and a blue one for the
    verified versions."""
    verdicts = sorted(set(before) | set(after))
    if not verdicts:
        return ""
    row_h, top, label_w = 40.0, 40.0, 130.0
    width = WIDTH - label_w - 90
    limit, step = nice_scale(max(max(before.values(), default=0), max(after.values(), default=0)))
    limit, step = max(limit, 1.0), max(step, 1.0)
    bottom = top + row_h * len(verdicts)
    body = [_text(label_w, 18, "Citations by verdict, before and after review", size=13,
                  weight="600")]
    for i in range(round(limit / step) + 1):
        x = label_w + width * i / (limit / step)
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom:.1f}" '
                    f'stroke="{GRID}"/>')
        body.append(_text(x, bottom + 16, _tick(step * i), "middle", 11, MUTED))
    for i, verdict in enumerate(verdicts):
        y = top + row_h * i
        body.append(_text(label_w - 12, y + row_h / 2 + 4, _short(verdict, 16), "end"))
        for j, (counts, color, word) in enumerate(((before, GREY, "before"), (after, BLUE, "after"))):
            value = counts.get(verdict, 0)
            length = width * value / limit
            yy = y + 5 + j * 15
            body.append(f'<rect x="{label_w}" y="{yy:.1f}" width="{max(length, 1):.1f}" '
                        f'height="13" rx="2" fill="{color}"><title>{esc(verdict)} {word}: '
                        f'{value}</title></rect>')
            body.append(_text(label_w + length + 6, yy + 11, str(value), size=11, fill=MUTED))
    for i, (label, color) in enumerate((("before (draft)", GREY), ("after (verified)", BLUE))):
        x = WIDTH - 290 + i * 140
        body.append(f'<rect x="{x}" y="8" width="12" height="10" rx="2" fill="{color}"/>')
        body.append(_text(x + 18, 17, label, size=12, fill=MUTED))
    return _svg(bottom + 28, body, "Citation verdicts before and after review")
