"""``reviewer stats --html``: the audit as one self-contained HTML document.

No script, no network: inline CSS and inline SVG charts (:mod:`.report_svg`), readable
offline and printable. Its numbers are the JSON's (``AuditStats.to_json(details=True)``),
printed as the JSON prints them. Every element showing a value of the JSON carries its path
in ``data-key``, so a test can read the page back and compare it with the JSON mechanically:

- the path's parts are joined with ``.``; a ``.`` or ``\\`` inside a part (an email, a
  name) is escaped with ``\\``; a list's items by their index (``timeline.0.verified``);
- the value is the element's text (``json.dumps`` of a number, a string as it is); a
  ``<time>`` element's is its ``datetime`` attribute; ``data-null`` marks a null.

Every text is escaped: names, ids and verdicts come from files and commit messages.
"""

from __future__ import annotations

import json
from typing import Any

from reviewer.core.audit.report_svg import citation_bars, esc, pillar_bars, timeline_chart

# The per-pillar measures: (JSON key, column heading, explanation).
MEASURES = (
    ("reviewed", "Reviewed", "pillars the verified version assesses"),
    ("score_changed", "Score changed", "reviewed pillars whose score differs from the draft's"),
    ("mean_abs_score_change", "Mean\u00a0|Δ|", "mean |verified − draft| score over reviewed pillars"),
    ("label_changed", "Label", "label rewritten"),
    ("evidence_changed", "Evidence", "evidence rewritten"),
    ("citation_changed", "Citation", "citation corrected"),
    ("note_added", "Note added", "an audit note the draft had not"),
    ("added", "Added", "pillars the draft lacked"),
    ("removed", "Removed", "pillars of the draft no longer assessed"),
    ("placeholder_replaced", "Placeholder replaced", "migration placeholders assessed for real"),
)
FILTERS = (("author", "Drafted by"), ("auditor", "Verified by"), ("country", "Country"),
           ("year", "Year"), ("since", "Verified since"), ("until", "Verified until"))

CSS = """
:root{--ink:#1f2933;--muted:#61707f;--line:#e3e8ee;--soft:#f5f7fa;--blue:#2b6cb0;
--green:#2f855a;--amber:#b7791f;--red:#c53030}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;color:var(--ink);background:#fff;font:14px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","WenQuanYi Micro Hei",sans-serif}
main{max-width:1120px;margin:0 auto;padding:36px 40px 56px}
header{border-bottom:3px solid var(--ink);padding-bottom:14px;margin-bottom:22px}
h1{font-size:26px;line-height:1.2;margin:0 0 4px;font-weight:700;letter-spacing:-.01em}
h2{font-size:18px;margin:40px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:22px 0 6px}
p{margin:6px 0}.muted,.lede{color:var(--muted)}.lede{margin:0;font-size:15px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin:14px 0}
.cards.tight{grid-template-columns:repeat(auto-fill,minmax(120px,1fr))}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;background:var(--soft)}
.card .value{display:block;font-size:28px;font-weight:650;font-variant-numeric:tabular-nums}
.card .label{color:var(--muted);font-size:11.5px;text-transform:uppercase;letter-spacing:.05em}
.card.verified{border-top:3px solid var(--green)}.card.drafts{border-top:3px solid var(--amber)}
.card.records{border-top:3px solid var(--blue)}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.chip{border:1px solid var(--line);border-radius:999px;padding:2px 12px;background:var(--soft)}
.chip b{font-weight:600;color:var(--muted);margin-right:6px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0 4px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:11.5px;font-weight:600;color:var(--muted);background:var(--soft);
border-bottom:1px solid #cfd6de;vertical-align:bottom}
tbody tr:nth-child(even){background:#fbfcfd}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num,.nw{white-space:nowrap}
table.narrow,div.narrow{width:auto;min-width:420px;max-width:100%}div.narrow{display:inline-block}
table.compact{font-size:12px}table.compact th,table.compact td{padding:5px 6px}
thead th.group{text-align:center;border-bottom:1px solid var(--line)}.wide{overflow-x:auto}
td.na{color:#a0aab4}td.neg{color:var(--red)}td.pos{color:var(--green)}
td.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.scroll{max-height:340px;overflow:auto;border-bottom:1px solid var(--line)}
.scroll table{margin:0}.scroll thead th{position:sticky;top:0}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:28px}
figure{margin:14px 0 6px}figure svg{width:100%;height:auto;display:block}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;background:var(--soft)}
.badge.verified{background:#e6f4ea;color:var(--green)}.badge.draft{background:#fdf3e1;color:var(--amber)}
dl.terms{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;font-size:12.5px}
dl.terms dt{font-weight:600}dl.terms dd{margin:0;color:var(--muted)}
footer{margin-top:44px;padding-top:10px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
@page{size:A4;margin:14mm}
@media print{main{max-width:none;padding:0}h2{break-after:avoid}
figure,.cards,tr,.grid2>section{break-inside:avoid}.scroll,.wide{max-height:none;overflow:visible}
thead{display:table-header-group}body{font-size:12px}}
"""


def key(*parts: object) -> str:
    """A value's ``data-key``: its JSON path, dots in a part escaped."""
    return ".".join(str(p).replace("\\", "\\\\").replace(".", "\\.") for p in parts)


def value(v: Any, *path: object, tag: str = "td", cls: str = "") -> str:
    """An element showing the JSON value ``v`` at ``path``, as the JSON prints it."""
    classes = cls.split()
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        classes.append("num")
    if v is None:
        classes.append("na")
    classes = list(dict.fromkeys(classes))
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    attrs += f' data-key="{esc(key(*path))}"'
    if v is None:
        return f"<{tag}{attrs} data-null>—</{tag}>"
    text = v if isinstance(v, str) else json.dumps(v)
    return f"<{tag}{attrs}>{esc(text)}</{tag}>"


def when(v: str | None, *path: object) -> str:
    """A date and time cell: the JSON's text in ``datetime`` (and on hover), its day shown."""
    if not v:
        return value(v, *path)
    return (f'<td class="num"><time datetime="{esc(v)}" title="{esc(v)}" '
            f'data-key="{esc(key(*path))}">{esc(v[:10])}</time></td>')


def _head(cells: list[tuple[str, str]]) -> str:
    return "<thead><tr>" + "".join(f'<th class="{c}">{esc(t)}</th>' for t, c in cells) + "</tr></thead>"


def _card(v: Any, label: str, *path: object, cls: str = "") -> str:
    return (f'<div class="card {cls}">' + value(v, *path, tag="span", cls="value")
            + f'<span class="label">{esc(label)}</span></div>')


def pillar_table(pillars: dict[str, dict], *prefix: object) -> str:
    """The per-pillar measures of ``pillars`` (the JSON at ``prefix``), plus the share of
    reviewed pillars whose score changed (derived, so it has no ``data-key``)."""
    if not pillars:
        return '<p class="muted">No reviewed record.</p>'
    cells = [("Pillar", "")] + [(h, "num") for _, h, _ in MEASURES[:2]] + [("Share changed", "num")]
    cells += [(h, "num nw" if "|" in h else "num") for _, h, _ in MEASURES[2:]]
    rows = []
    for name, row in pillars.items():
        share = (f"{100 * row['score_changed'] / row['reviewed']:.0f}%"
                 if row.get("reviewed") else "—")
        tds = [value(row.get(k), *prefix, name, k, cls="num") for k, _, _ in MEASURES]
        tds.insert(2, f'<td class="num muted">{share}</td>')
        rows.append(f"<tr><th>{esc(name)}</th>" + "".join(tds) + "</tr>")
    return f"<table>{_head(cells)}<tbody>{''.join(rows)}</tbody></table>"


def _filters(filters: dict) -> str:
    chosen = [(k, label) for k, label in FILTERS if filters.get(k) is not None]
    chosen += [(k, k) for k, v in filters.items() if v is not None and k not in dict(FILTERS)]
    if not chosen:
        return '<p class="muted">Filters: none; every record the history knows.</p>'
    chips = "".join(f'<span class="chip"><b>{esc(label)}</b>'
                    + value(filters[k], "filters", k, tag="span") + "</span>" for k, label in chosen)
    return f'<div class="chips">{chips}</div>'


def _authors(authors: dict[str, dict]) -> str:
    if not authors:
        return '<p class="muted">No record.</p>'
    rows = "".join(f"<tr><th>{esc(a)}</th>" + value(b.get("records"), "authors", a, "records")
                   + value(b.get("reviewed"), "authors", a, "reviewed") + "</tr>"
                   for a, b in authors.items())
    head = _head([("Drafting author", ""), ("Records", "num"), ("Reviewed", "num")])
    out = [f'<table class="narrow">{head}<tbody>{rows}</tbody></table>']
    for author, block in authors.items():
        out.append(f"<h3>{esc(author)}</h3>" + pillar_table(block.get("pillars", {}),
                                                             "authors", author, "pillars"))
    return "".join(out)


def _auditors(auditors: dict[str, dict]) -> str:
    if not auditors:
        return '<p class="muted">No verify or reopen in the history.</p>'
    rows = "".join(f"<tr><td>{esc(who)}</td>" + value(c.get("verified"), "auditors", who, "verified")
                   + value(c.get("reopened"), "auditors", who, "reopened") + "</tr>"
                   for who, c in auditors.items())
    return f"<table>{_head([('Auditor', ''), ('Verified', 'num'), ('Reopened', 'num')])}<tbody>{rows}</tbody></table>"


def _timeline(rows: list[dict]) -> str:
    if not rows:
        return '<p class="muted">No record changed in this period.</p>'
    body = "".join("<tr>" + value(r.get("date"), "timeline", i, "date")
                   + value(r.get("verified"), "timeline", i, "verified")
                   + value(r.get("drafts"), "timeline", i, "drafts") + "</tr>"
                   for i, r in enumerate(rows))
    table = (f'<div class="scroll narrow"><table>{_head([("Date", ""), ("Verified", "num"), ("Drafts", "num")])}'
             f"<tbody>{body}</tbody></table></div>")
    return f"<figure>{timeline_chart(rows)}</figure>{table}"


def _citations(citations: dict) -> str:
    before, after = citations.get("before", {}), citations.get("after", {})
    out = ['<div class="cards">' + _card(citations.get("corrected"), "citations corrected",
                                         "citations", "corrected") + "</div>"]
    verdicts = sorted(set(before) | set(after))
    if not verdicts:
        return out[0] + '<p class="muted">No citation was checked.</p>'
    out.append(f"<figure>{citation_bars(before, after)}</figure>")
    rows = "".join(f"<tr><td>{esc(v)}</td>"
                   + (value(before[v], "citations", "before", v) if v in before else '<td class="num na">0</td>')
                   + (value(after[v], "citations", "after", v) if v in after else '<td class="num na">0</td>')
                   + "</tr>" for v in verdicts)
    out.append(f"<table class=\"narrow\">{_head([('Verdict', ''), ('Before (draft)', 'num'), ('After (verified)', 'num')])}"
               f"<tbody>{rows}</tbody></table>")
    return "".join(out)


def _agreement(agreement: dict) -> str:
    alpha = agreement.get("alpha")
    shown = (value(alpha, "agreement", "alpha", tag="span", cls="value") if alpha is not None else
             '<span class="value">—</span>')
    note = ("" if alpha is not None else
            '<p class="muted">Not enough data: alpha needs records verified by two different '
            "auditors, with scores that vary.</p>")
    return (f'<div class="cards tight"><div class="card">{shown}<span class="label">Krippendorff’s alpha '
            "(interval)</span></div>"
            + _card(agreement.get("records"), "records verified by 2+ auditors", "agreement", "records")
            + _card(agreement.get("units"), "pillar scores compared", "agreement", "units")
            + f"</div>{note}")


MAX_DETAILS = 2000


def _details(details: list[dict], order: list[str]) -> str:
    names = order + [p for d in details for p in d.get("pillars", {}) if p not in order]
    names = list(dict.fromkeys(names))
    fixed = [("Record", ""), ("Status", ""), ("Country", ""), ("Year", ""), ("Author", ""),
             ("Auditor", ""), ("Verified", "num"), ("Days as draft", "num")]
    head = ("<thead><tr>" + "".join(f'<th rowspan="2" class="{c}">{esc(t)}</th>' for t, c in fixed)
            + f'<th colspan="{len(names)}" class="group">Score change (verified − draft)</th></tr>'
            + "<tr>" + "".join(f'<th class="num">{esc(n)}</th>' for n in names) + "</tr></thead>")
    rows = []
    for i, d in enumerate(details):
        path = ("details", i)
        status = d.get("status") or ""
        tds = [value(d.get("record"), *path, "record", cls="id"),
               (f'<td><span class="badge {esc(status)}" data-key="{esc(key(*path, "status"))}">'
                f"{esc(status)}</span></td>"),
               value(d.get("country"), *path, "country"), value(d.get("year"), *path, "year"),
               value(d.get("author"), *path, "author"), value(d.get("auditor"), *path, "auditor"),
               when(d.get("verified_at"), *path, "verified_at"),
               value(d.get("days_as_draft"), *path, "days_as_draft", cls="num")]
        pillars = d.get("pillars", {})
        for n in names:
            if n not in pillars:
                tds.append("<td></td>")
                continue
            change = pillars[n].get("score_change")
            tone = "" if not change else ("neg" if change < 0 else "pos")
            tds.append(value(change, *path, "pillars", n, "score_change", cls=f"num {tone}"))
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return f'<div class="wide"><table class="compact">{head}<tbody>{"".join(rows)}</tbody></table></div>'


def _terms() -> str:
    items = "".join(f"<dt>{esc(h)}</dt><dd>{esc(t)}</dd>" for _, h, t in MEASURES)
    return f'<dl class="terms">{items}</dl>'


def render_html(stats: dict, *, title: str = "Review audit of the AI drafts",
                generated: str | None = None) -> str:
    """The report of ``stats`` (``AuditStats.to_json(details=True)``) as one HTML page."""
    pillars = stats.get("pillars", {})
    placeholders = stats.get("placeholders", {})
    sub = ("How each record's draft as authored compares with its latest verified version, "
           "from the git history.")
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>",
        f'<header><h1>{esc(title)}</h1><p class="lede">{esc(sub)}</p>',
        f'<p class="muted">Generated {esc(generated)}</p>' if generated else "", "</header>",
        '<div class="cards">', _card(stats.get("records"), "records", "records", cls="records"),
        _card(stats.get("verified"), "verified", "verified", cls="verified"),
        _card(stats.get("drafts"), "drafts", "drafts", cls="drafts"),
        _card(stats.get("unreadable"), "unreadable files", "unreadable"),
        _card(placeholders.get("replaced"), "placeholders replaced", "placeholders", "replaced"),
        _card(placeholders.get("left"), "placeholders left", "placeholders", "left"), "</div>",
        _filters(stats.get("filters", {})),
        "<h2>Pillars</h2>",
        f"<figure>{pillar_bars(pillars)}</figure>" if pillars else "",
        pillar_table(pillars, "pillars"),
        "<h2>Drafting authors</h2>", _authors(stats.get("authors", {})),
        '<div class="grid2"><section><h2>Auditors</h2>', _auditors(stats.get("auditors", {})),
        "</section><section><h2>Agreement between auditors</h2>",
        _agreement(stats.get("agreement", {})), "</section></div>",
        "<h2>Timeline</h2>", _timeline(stats.get("timeline", [])),
        "<h2>Citations</h2>", _citations(stats.get("citations", {})),
    ]
    if "details" in stats:
        details = stats["details"]
        shown = details[:MAX_DETAILS]   # a page a browser still opens at 10,000 records
        note = "" if len(shown) == len(details) else (
            f"<p class=\"lede\">The first {len(shown):,} of {len(details):,} records; "
            "<code>reviewer stats --json --details</code> has every one.</p>")
        parts += [f"<h2>Records ({len(details)})</h2>", note, _details(shown, list(pillars))]
    parts += ["<h2>What the measures mean</h2>", _terms(),
              ("<footer>reviewer stats: every number here is the JSON's "
               "(<code>reviewer stats --json --details</code>).</footer></main></body></html>")]
    return "\n".join(p for p in parts if p)
