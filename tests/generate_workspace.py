"""Make a realistic workspace of N records, for the index tests and the benchmark.

``generate(folder, n, seed)`` writes ``records/`` and ``sources/`` shaped like the bundled
seeds: about a third JSON frontmatter (sorted keys, as the legacy export writes it), the
rest YAML; Chinese and English titles, evidence and citations; drafts and verified records
from several authors, countries and years; a few files in a subfolder; a handful of
unusual but valid YAML (unquoted dates, ``yes``, anchors) that the fast reader must hand to
the record engine; and about 0.5 % unreadable files. Source texts are the seed plan and
article with the place, year and paragraphs varied. Everything comes from one seeded
``random.Random``, so a seed always gives the same bytes; with ``git=True`` it is committed
in one commit with fixed dates, so it also gives the same commit. With ``history=True`` it
is committed instead through six months of review history, about three commits a record
(imports by the drafting authors, auditors' verify and reopen commits as the app writes
them, redrafts and edits; see :func:`_history`), again the same commits for a seed.

Run: ``python tests/generate_workspace.py DIR N [--seed S] [--no-sources] [--no-git] [--history]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ZH_PLAN = SEEDS / "sources" / "cn-ordos-pilot-2024" / "ordos-carbon-peaking-plan-2024.zh.txt"
EN_ARTICLE = SEEDS / "sources" / "cn-ordos-pilot-2024" / "ndrc-100-cities-pilot-2023.en.txt"
PILLARS = ("incentive", "statutory", "liability", "mrv", "market", "strategic", "technical")

REGIONS = [("鄂尔多斯", "Ordos", "ordos"), ("上海", "Shanghai", "shanghai"),
           ("广东", "Guangdong", "guangdong"), ("内蒙古", "Inner Mongolia", "nmg"),
           ("山西", "Shanxi", "shanxi"), ("陕西", "Shaanxi", "shaanxi"),
           ("新疆", "Xinjiang", "xinjiang"), ("江苏", "Jiangsu", "jiangsu"),
           ("浙江", "Zhejiang", "zhejiang"), ("天津", "Tianjin", "tianjin"),
           ("宁夏", "Ningxia", "ningxia"), ("吉林", "Jilin", "jilin"),
           ("山东", "Shandong", "shandong"), ("四川", "Sichuan", "sichuan")]
TOPICS = [("碳达峰", "Carbon Peaking", "peaking"), ("碳中和", "Carbon Neutrality", "neutral"),
          ("零碳园区", "Zero Carbon Parks", "parks"), ("CCUS 示范", "CCUS Demonstration", "ccus"),
          ("绿色制造", "Green Manufacturing", "green-mfg"), ("碳排放权交易", "Emissions Trading", "ets"),
          ("氢能产业", "Hydrogen Industry", "hydrogen"), ("碳捕集与封存", "Carbon Capture and Storage", "ccs"),
          ("甲烷排放控制", "Methane Emission Control", "methane")]
DOC_TYPES = [("实施方案", "Implementation Plan"), ("行动计划", "Action Plan"),
             ("指导意见", "Guiding Opinions"), ("管理办法", "Administrative Measures"),
             ("试点方案", "Pilot Programme")]
ABROAD = [("United States", "us", ["45Q Tax Credit Enhancement", "Class VI Well Permitting Rule",
                                   "Regional DAC Hubs Programme"]),
          ("European Union", "eu", ["Net-Zero Industry Act", "CO2 Storage Directive Review",
                                    "Innovation Fund Call"]),
          ("Norway", "no", ["Longship CCS Funding Agreement", "Offshore Storage Licensing"]),
          ("United Kingdom", "uk", ["Track-1 Cluster Sequencing", "CCUS Business Models"]),
          ("Japan", "jp", ["CCS Business Act", "GX Transition Bonds"]),
          ("Canada", "ca", ["CCUS Investment Tax Credit", "Clean Fuel Regulations"])]
AUTHORS = ["Gemini Intelligence", "Legacy System", "GPT Drafting Pipeline", "Policy Desk (Li Wei)",
           "张伟", "Ann Auditor"]
REVIEWERS = ["Ann Auditor", "Bo Chen", "王芳", "Carla Diaz"]
LABELS = ["Grant-heavy Support", "Industrial Mandates", "Standardized Reporting", "Digital Platform",
          "Supply Chain Pull", "National Pilot Mandate", "Project-level Oversight", "Initial Assessment",
          "Regulatory Flexibilities", "Local Standards Base", "Real-time Auditing", "财政补贴支持",
          "强制性目标", "监测平台建设"]
EN_EVIDENCE = ["Encourages financial institutions to support industrial CCUS demonstration via green finance.",
               "Mandates the establishment of carbon emission management systems in key enterprises.",
               "Sets specific efficiency and emission reduction targets for key sectors (Steel, Cement).",
               "Allocates special pilot funds for advanced green technology demonstration.",
               "Site care is managed via existing environmental safety protocols for industrial parks.",
               "Leverages the massive concentration of emission sources and storage sinks in the basin.",
               "Selected parks receive exemptions from strict energy intensity caps.",
               "Requires third-party verification of stored volumes every reporting year."]
STATUSES = ["Active", "现行", "Draft", "Superseded"]
CATEGORIES = ["Strategic", "Regulatory", "战略引导", "Fiscal", "Market"]
WEIGHTS = ["Administrative Regulation", "Departmental Rules", "Guideline/Policy", "Law"]
_PLAIN = re.compile(r"[A-Za-z\u4e00-\u9fff][^:#\n'\"\[\]{},&*!|>%@`\t]*")
_SPECIAL = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}


def _q(text: str) -> str:
    """A YAML scalar for ``text``: plain when that is unambiguous, else single-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _SPECIAL and not text.endswith(" "):
        return text
    return "'" + text.replace("'", "''") + "'"


class _Corpus:
    """Sentences and headings taken from the seed sources, to vary."""

    def __init__(self) -> None:
        plan = ZH_PLAN.read_text(encoding="utf-8")
        self.plan = plan
        self.article = EN_ARTICLE.read_text(encoding="utf-8")
        self.zh_sentences = [s.strip() + "。" for s in re.split(r"[。\n]", plan) if 12 <= len(s.strip()) <= 70]
        self.headings = [h.strip() for h in re.findall(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)[^\n]{2,30}$",
                                                      plan, re.MULTILINE)]
        self.paragraphs = [p for p in plan.split("\n") if p.strip()]


def _record(rng: random.Random, i: int, corpus: _Corpus) -> tuple[str, dict, str]:
    """(record id, data, body) for record number ``i``."""
    year = rng.randint(2015, 2025)
    chinese = rng.random() < 0.75
    if chinese:
        region, topic, (doc_zh, doc_en) = rng.choice(REGIONS), rng.choice(TOPICS), rng.choice(DOC_TYPES)
        rid = f"cn-{region[2]}-{topic[2]}-{year}-{i:05d}"
        title = (f"{region[0]}{topic[0]}{doc_zh}（{year}年）" if rng.random() < 0.5
                 else f"{region[1]} {topic[1]} {doc_en} ({year})")
        country = "中国" if rng.random() < 0.9 else "China"
        source, extra = f"{region[0]}人民政府", {"region": region[1], "scope": "Sub-national"}
    else:
        country, code, names = rng.choice(ABROAD)
        name = rng.choice(names)
        rid = f"{code}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}-{year}-{i:05d}"
        title, source, extra = f"{name} ({year})", f"{country} government", {"scope": "National"}
    draft = rng.random() < 0.65
    analysis: dict = {"frameworkVersion": "5.0"} if rng.random() < 0.5 else {}
    for name in rng.sample(PILLARS, rng.randint(3, 7)):
        pillar = {"score": rng.randrange(0, 101, 5), "label": rng.choice(LABELS),
                  "evidence": rng.choice(corpus.zh_sentences if chinese and rng.random() < 0.5
                                         else EN_EVIDENCE)}
        roll = rng.random()
        pillar["citation"] = ("" if roll < 0.1 else
                              f"第{rng.randint(1, 7)}章：{rng.choice(corpus.headings)}" if chinese and roll < 0.6
                              else rng.choice(corpus.headings) if chinese and roll < 0.8
                              else f"Section {rng.randint(1, 9)}: {rng.choice(LABELS)}")
        if rng.random() < 0.2:
            pillar["auditNote"] = rng.choice(["Check against the published text.", "引用章节需核对。",
                                              "Strong policy-led pillar."])
        analysis[name] = pillar
    description = " ".join(rng.sample(corpus.zh_sentences, 2)) if chinese and rng.random() < 0.5 \
        else " ".join(rng.sample(EN_EVIDENCE, 2))
    data = {"id": rid, "country": country, "year": year, "status": rng.choice(STATUSES),
            "category": rng.choice(CATEGORIES), "pubDate": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "reviewStatus": "draft" if draft else "verified", "legalWeight": rng.choice(WEIGHTS),
            "sectors": rng.sample(["Steel", "Cement", "Power", "Chemicals"], rng.randint(0, 2)),
            "analysis": analysis,
            "impactAnalysis": {"economic": rng.choice(corpus.zh_sentences) if chinese else "",
                               "technical": "", "environmental": ""},
            "evolution": {"supersedes": [], "supersededBy": "", "clusters": []},
            "relatedFacilities": [], "url": f"https://example.gov/{rid}", "source": source,
            "provenance": {"author": rng.choice(AUTHORS),
                           "reviewer": "Human Audit Pending" if draft else rng.choice(REVIEWERS),
                           "lastAuditDate": f"2026-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"},
            "title": title, **extra, "tags": rng.sample(["CCUS", "Energy Hub", "Pilot", "碳市场"], 2),
            "description": description}
    return rid, data, description + "\n"


def _yaml(data: dict, oddity: str | None, comment_day: int | None = None) -> str:
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            for sub, inner in value.items():
                if isinstance(inner, dict):
                    lines.append(f"  {sub}:")
                    lines.extend(f"    {k}: {v if isinstance(v, int) else _q(str(v))}" for k, v in inner.items())
                elif isinstance(inner, list):
                    lines.append(f"  {sub}: [{', '.join(_q(x) for x in inner)}]")
                else:
                    lines.append(f"  {sub}: {_q(str(inner))}")
        elif isinstance(value, list):
            lines.append(f"{key}: []" if not value else f"{key}:")
            lines.extend(f"  - {_q(x)}" for x in value)
        elif isinstance(value, int):
            lines.append(f"{key}: {value}")
        elif key == "pubDate" and oddity != "date":
            lines.append(f"{key}: '{value}'")
        else:
            lines.append(f"{key}: {value if key == 'pubDate' else _q(value)}")
    if oddity == "yes":
        lines.insert(3, "featured: yes")
    elif oddity == "anchor":
        lines.append("keywords: &kw [CCUS, Pilot]")
        lines.append("searchTerms: *kw")
    elif oddity == "comment":
        lines.insert(1, f"# drafted {comment_day} Jan by the pipeline")
    return "\n".join(lines) + "\n"


def _style(rng: random.Random, broken: str | None) -> tuple[str, str | None, int | None]:
    """How a record's frontmatter is written: ("json", None, None) or ("yaml", oddity, day of
    the comment line); kept for every version of the record when a history is made."""
    if rng.random() < 0.33 and broken != "yaml":
        return "json", None, None
    roll = rng.random()
    oddity = "date" if roll < 0.02 else "yes" if roll < 0.03 else "anchor" if roll < 0.035 \
        else "comment" if roll < 0.1 else None
    return "yaml", oddity, rng.randint(1, 28) if oddity == "comment" else None


def _render(data: dict, body: str, style: tuple[str, str | None, int | None],
            broken: str | None = None) -> bytes:
    fmt, oddity, comment_day = style
    if fmt == "json":
        front = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if broken == "json":
            front = front.replace('"id"', '"id": "x",\n  "id"', 1)  # duplicate key
        text = f"---\n{front}---\n\n{body}"
    else:
        front = _yaml(data, oddity, comment_day)
        if broken == "yaml":
            front = front.replace("\ntitle:", "\n  title:", 1).replace("\nanalysis:", "\nanalysis: [", 1)
        text = f"---\n{front}---\n\n{body}"
    raw = text.encode("utf-8")
    if broken == "unclosed":
        raw = raw.replace(b"\n---\n\n", b"\n\n", 1)
    elif broken == "bytes":
        raw = raw.replace(b"title", b"ti\xfftle", 1)
    return raw


def _zh_source(rng: random.Random, corpus: _Corpus, region: str, year: int) -> str:
    paragraphs = list(corpus.paragraphs)
    for _ in range(6):  # swap body paragraphs (not headings) so each plan differs
        a, b = rng.randrange(len(paragraphs)), rng.randrange(len(paragraphs))
        if len(paragraphs[a]) > 40 and len(paragraphs[b]) > 40:
            paragraphs[a], paragraphs[b] = paragraphs[b], paragraphs[a]
    return "\n".join(paragraphs).replace("鄂尔多斯", region).replace("2024", str(year)) + "\n"


def _en_source(rng: random.Random, corpus: _Corpus, region: str, year: int) -> str:
    return corpus.article.replace("2023", str(year)).replace("15 key provincial regions",
                                                             f"{rng.randint(5, 30)} regions including {region}")


# ---- a review history (generate(..., history=True)) ---------------------------------------
# Who commits, with the emails their commits carry. The drafting authors are the
# provenance.author values above: each drafted record is committed by its author.
DRAFTERS = {"Gemini Intelligence": "gemini@drafts.example", "Legacy System": "legacy@drafts.example",
            "GPT Drafting Pipeline": "gpt-pipeline@drafts.example",
            "Policy Desk (Li Wei)": "li.wei@policy-desk.example", "张伟": "zhang.wei@policy-desk.example",
            "Ann Auditor": "ann@audit.example"}
BOTS = ("Gemini Intelligence", "Legacy System", "GPT Drafting Pipeline")
AUDITORS = (("Ann Auditor", "ann@audit.example"), ("Bo Chen", "bo.chen@audit.example"),
            ("王芳", "wang.fang@audit.example"), ("Carla Diaz", "carla.diaz@audit.example"),
            ("Dmitri Volkov", "dmitri.volkov@audit.example"))
SCORE_STEPS = (-20, -15, -10, -5, 5, 10, 15, 20)   # every score change is one of these
AUDIT_NOTES = ["Score lowered: the plan sets no binding target.", "Citation checked against the gazette text.",
               "Evidence reworded to match the article cited.", "引用章节已核对原文。",
               "Label follows the framework's definition.", "Mandate is conditional; score reflects that."]
VERIFY_NOTES = ["Checked against the published text.", "Scores aligned with the 5.0 framework.",
                "Sources re-read; scores adjusted where the text is weaker."]
REOPEN_REASONS = ["The cited section was renumbered in the final text.", "Scores disagree with the sector review.",
                  "A newer version of the plan supersedes the evidence.", "Second opinion requested on MRV."]
TEMPLATE, TEMPLATE_TEXT = "records/.template.md", "---\nid: template\n---\n"   # hidden: skipped
TZ, TZ_SECONDS = "+0800", 8 * 3600
HISTORY_START = 1751331600            # 2025-07-01 09:00 +0800
DAY = 86400
HISTORY_DAYS, IMPORT_DAYS = 183, 120  # imports over four months, audits until the end of the year


@dataclass
class _Draft:
    """A record as its drafting author commits it, and what it becomes."""
    rid: str
    path: str
    data: dict
    body: str
    style: tuple
    texts: dict                       # its source files, committed with it
    verifier: tuple | None = None     # the auditor of its last verify


def _history(folder: Path, drafts: list[_Draft], rng: random.Random, corpus: _Corpus) -> None:
    """Commit the drafts through a review history, written as one pack (:mod:`gitpack`: git
    fast-import took minutes for 30,000 commits over a 10,000-entry folder), and check out.

    Over six months (fixed timezone, every commit a second or more after the last): the
    drafting authors import their drafts in batches (bots 40-160 a commit, people a few);
    then, record by record, an auditor verifies most of them (``Verify <id>: <title>``,
    the field changes, a ``Reviewed-by`` trailer, as the app writes it), changing some
    pillars' scores (by :data:`SCORE_STEPS`), labels, evidence, citations and audit notes;
    many are reopened (``Reopen <id>: <title>`` with a reason), some redrafted by their
    author, and verified again by another auditor with other scores; a few verified records
    get an edit-only commit. What would fall after the six months is left undone."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from gitpack import History

    from reviewer.core.record.fielddiff import field_changes
    from reviewer.core.review.gitrepo import Identity
    from reviewer.core.review.message import change_line, commit_message

    events = _schedule(drafts, rng)
    _run(["init", "-q", "-b", "main"], folder)
    history = History(folder / ".git")
    first = True
    for when, kind, who, which in events:
        identity = Identity(*who)
        if kind == "import":
            files = {TEMPLATE: TEMPLATE_TEXT.encode()} if first else {}
            first = False
            for d in which:
                d.data["provenance"]["lastAuditDate"] = _day(when)
                files[d.path] = _render(d.data, d.body, d.style)
                files.update((name, text.encode("utf-8")) for name, text in d.texts.items())
            ids = "\n".join(d.rid for d in which)
            message = (f"Import {len(which)} draft{'s' if len(which) > 1 else ''} from {who[0]}"
                       f"\n\n{ids}\n")
            history.commit(str(identity), when, TZ, message, files)
            continue
        d = which
        old = _changeable(d.data)
        note = ""
        if kind == "verify":
            note = _audit(d, rng, corpus, rescore=d.verifier is not None)
            d.data["reviewStatus"] = "verified"
            d.data["provenance"]["reviewer"] = who[0]
            d.data["provenance"]["lastAuditDate"] = _day(when)
            d.verifier = who
        elif kind == "reopen":
            d.data["reviewStatus"] = "draft"
            note = rng.choice(REOPEN_REASONS)
        else:  # "redraft" by the record's author, "edit" by an auditor: no review
            _touch(d, rng, corpus, score=kind == "redraft")
        changes = field_changes(old, _changeable(d.data))
        title = d.data["title"]
        if kind in ("verify", "reopen"):
            message = commit_message(kind, d.rid, title, changes, identity, note)[1]
        else:
            subject = f"{'Redraft' if kind == 'redraft' else 'Edit'} {d.rid}: {title}"[:100]
            message = f"{subject}\n\n" + "\n".join(change_line(c) for c in changes) + "\n"
        history.commit(str(identity), when, TZ, message, {d.path: _render(d.data, d.body, d.style)})
    _run(["update-ref", "refs/heads/main", history.close()], folder)
    _run(["reset", "-q", "--hard"], folder)


def _changeable(data: dict) -> dict:
    """A copy of the fields a commit of the history may change, in the record's order:
    their field changes are the whole record's, for a fraction of the time."""
    return json.loads(json.dumps({k: v for k, v in data.items()
                                  if k in ("reviewStatus", "analysis", "provenance")}))


def _schedule(drafts: list[_Draft], rng: random.Random) -> list[tuple[int, str, tuple, Any]]:
    """(time, kind, (name, email), drafts or draft) for every commit, in time order."""
    open_batches: dict[str, list[_Draft]] = {}
    wanted: dict[str, int] = {}
    batches: list[tuple[str, list[_Draft]]] = []
    for d in drafts:
        d.data["reviewStatus"] = "draft"
        d.data["provenance"]["reviewer"] = "Human Audit Pending"
        author = d.data["provenance"]["author"]
        batch = open_batches.setdefault(author, [])
        batch.append(d)
        if len(batch) >= wanted.setdefault(author, _batch_size(rng, author)):
            batches.append((author, batch))
            open_batches[author], wanted[author] = [], _batch_size(rng, author)
    batches.extend((author, batch) for author, batch in open_batches.items() if batch)
    end = HISTORY_START + HISTORY_DAYS * DAY
    order = {d.rid: i for i, d in enumerate(drafts)}   # a tie-break for equal times
    events: list[tuple[float, int, int, str, tuple, Any]] = []
    for k, (author, batch) in enumerate(batches):
        start = HISTORY_START + (k + rng.random() / 2) / len(batches) * IMPORT_DAYS * DAY
        events.append((start, k, 0, "import", (author, DRAFTERS[author]), batch))
        for d in batch:
            plan = _record_plan(rng, author)
            when = start
            for step, (kind, who, delay) in enumerate(plan, 1):
                when += delay
                if when >= end:
                    break
                events.append((when, len(batches) + order[d.rid], step, kind, who, d))
    events.sort(key=lambda e: e[:3])
    timed, last = [], HISTORY_START - 1
    for when, _, _, kind, who, which in events:
        last = max(int(when), last + 1)
        timed.append((last, kind, who, which))
    return timed


def _batch_size(rng: random.Random, author: str) -> int:
    return rng.randint(40, 160) if author in BOTS else rng.randint(1, 6)


def _record_plan(rng: random.Random, author: str) -> list[tuple[str, tuple, float]]:
    """What happens to one record after its import: (kind, who, seconds after the last)."""
    def hours(lo: float, hi: float) -> float:
        return rng.uniform(lo, hi) * 3600

    auditors = [a for a in AUDITORS if a[0] != author]     # nobody verifies their own draft
    if rng.random() >= 0.93:
        return []                                           # still waiting for an auditor
    verifier = rng.choice(auditors)
    plan = [("verify", verifier, hours(2, 24 * 21))]
    cycles = 0 if rng.random() < 0.3 else 1 if rng.random() < 0.72 else 2
    for _ in range(cycles):
        plan.append(("reopen", rng.choice(AUDITORS), hours(24, 24 * 30)))
        if rng.random() < 0.45:
            plan.append(("redraft", (author, DRAFTERS[author]), hours(4, 24 * 5)))
        if rng.random() < 0.06:
            break                                           # reopened, not verified again
        verifier = rng.choice([a for a in auditors if a != verifier])
        plan.append(("verify", verifier, hours(6, 24 * 12)))
    if plan[-1][0] == "verify" and rng.random() < 0.12:
        plan.append(("edit", rng.choice(AUDITORS), hours(24, 24 * 20)))
    return plan


def _pillars(d: _Draft) -> list[str]:
    return [k for k, v in d.data["analysis"].items() if isinstance(v, dict)]


def _rescore(pillar: dict, rng: random.Random) -> None:
    step = rng.choice(SCORE_STEPS)
    if not 0 <= pillar["score"] + step <= 100:
        step = -step
    pillar["score"] += step


def _audit(d: _Draft, rng: random.Random, corpus: _Corpus, rescore: bool) -> str:
    """An auditor's changes before verifying; the verify note (often none). A second
    verification always changes a score; every pillar leaves with a citation."""
    names = _pillars(d)
    count = min(len(names), rng.choices((0, 1, 2, 3), (15, 35, 30, 20))[0])
    if rescore:
        _rescore(d.data["analysis"][rng.choice(names)], rng)
    for name in rng.sample(names, count):
        _change(d.data["analysis"][name], rng, corpus, rng.choices(
            ("score", "label", "evidence", "citation", "auditNote"), (50, 15, 12, 13, 10))[0])
    for name in names:
        if not d.data["analysis"][name]["citation"]:
            _change(d.data["analysis"][name], rng, corpus, "citation")
    return rng.choice(VERIFY_NOTES) if rng.random() < 0.3 else ""


def _touch(d: _Draft, rng: random.Random, corpus: _Corpus, score: bool) -> None:
    """An edit outside a review: a redraft rescores a pillar and rewrites its evidence; an
    auditor's edit fixes one label, citation or evidence."""
    pillar = d.data["analysis"][rng.choice(_pillars(d))]
    if score:
        _rescore(pillar, rng)
        _change(pillar, rng, corpus, "evidence")
    else:
        _change(pillar, rng, corpus, rng.choice(("label", "citation", "evidence")))


def _change(pillar: dict, rng: random.Random, corpus: _Corpus, what: str) -> None:
    if what == "score":
        _rescore(pillar, rng)
    elif what == "label":
        pillar["label"] = rng.choice([x for x in LABELS if x != pillar["label"]])
    elif what == "evidence":
        pool = corpus.zh_sentences if rng.random() < 0.4 else EN_EVIDENCE
        pillar["evidence"] = rng.choice([x for x in pool if x != pillar["evidence"]])
    elif what == "citation":
        pillar["citation"] = rng.choice([f"第{rng.randint(1, 7)}章：{rng.choice(corpus.headings)}",
                                         f"Section {rng.randint(1, 9)}.{rng.randint(1, 6)}: {rng.choice(LABELS)}"])
    else:
        pillar["auditNote"] = rng.choice([x for x in AUDIT_NOTES if x != pillar.get("auditNote")])


def _day(when: int) -> str:
    return dt.datetime.fromtimestamp(when + TZ_SECONDS, dt.UTC).date().isoformat()


def _run(args: list[str], folder: Path) -> None:
    result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"git {args[0]} failed: {result.stderr.strip()}")


def generate(folder: Path, n: int, seed: int = 0, sources: bool = True, git: bool = True,
             history: bool = False) -> Path:
    """Write a workspace of ``n`` record files into ``folder`` (created) and return it. With
    ``history=True`` the records are not committed at once but through a review history of
    about three commits a record (see :func:`_history`); none of them is then unreadable."""
    if history and not git:
        raise ValueError("history=True makes a git history: it needs git=True")
    folder = Path(folder)
    (folder / "records" / "archive").mkdir(parents=True, exist_ok=True)
    rng, corpus = random.Random(seed), _Corpus()
    drafts: list[_Draft] = []
    for i in range(n):
        rid, data, body = _record(rng, i, corpus)
        roll = rng.random()
        broken = (None if roll > 0.005 or history else
                  rng.choice(["json", "yaml", "unclosed", "bytes"]))
        path = f"records/archive/{rid}.md" if rng.random() < 0.05 else f"records/{rid}.md"
        style = _style(rng, broken)
        if not history:
            (folder / path).write_bytes(_render(data, body, style, broken))
        texts: dict[str, str] = {}
        if sources and not broken:
            region = data.get("region") or data["country"]
            roll = rng.random()
            if roll < 0.05:
                zh = next((r[0] for r in REGIONS if r[1] == region), "鄂尔多斯")
                texts[f"sources/{rid}/{rid}-plan.zh.txt"] = _zh_source(rng, corpus, zh, data["year"])
            if 0.03 < roll < 0.08:
                texts[f"sources/{rid}/news.en.txt"] = _en_source(rng, corpus, region, data["year"])
        if history:
            drafts.append(_Draft(rid, path, data, body, style, texts))
        else:
            for name, text in texts.items():
                _write(folder / name, text)
    if history:
        _history(folder, drafts, rng, corpus)
        return folder
    (folder / TEMPLATE).write_text(TEMPLATE_TEXT, encoding="utf-8")
    if git:
        _commit(folder)
    return folder


def aged_copy(source: Path, dest: Path) -> Path:
    """A private copy of a generated workspace, its files an hour old (see :func:`age`)."""
    shutil.copytree(source, dest, symlinks=True)
    return age(dest)


def age(folder: Path) -> Path:
    """Make every file under ``folder`` an hour old: outside the racily-clean window, so
    the caches trust their stat (a test then sees exactly what a change makes them read)."""
    old = time.time_ns() - 3600 * 10**9
    for here, _, files in os.walk(folder):
        for name in files:
            os.utime(os.path.join(here, name), ns=(old, old), follow_symlinks=False)
    return folder


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _commit(folder: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
           "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"}
    config = ["-c", "user.name=Workspace Generator", "-c", "user.email=generator@example.org",
              "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"],
                 ["commit", "-q", "--no-verify", "-m", "Generated workspace"]):
        result = subprocess.run(["git", *config, *args], cwd=folder, env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"git {args[0]} failed: {result.stderr.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-sources", action="store_true")
    parser.add_argument("--no-git", action="store_true")
    parser.add_argument("--history", action="store_true",
                        help="commit a review history of about 3 commits a record, not one commit")
    args = parser.parse_args()
    generate(args.folder, args.n, args.seed, sources=not args.no_sources, git=not args.no_git,
             history=args.history)
    print(f"{args.folder}: {args.n} records")


if __name__ == "__main__":
    main()
