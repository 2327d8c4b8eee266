"""Make a realistic workspace of N records, for the index tests and the benchmark.

``generate(folder, n, seed)`` writes ``records/`` and ``sources/`` shaped like the bundled
seeds: about a third JSON frontmatter (sorted keys, as the legacy export writes it), the
rest YAML; Chinese and English titles, evidence and citations; drafts and verified records
from several authors, countries and years; a few files in a subfolder; a handful of
unusual but valid YAML (unquoted dates, ``yes``, anchors) that the fast reader must hand to
the record engine; and about 0.5 % unreadable files. Source texts are the seed plan and
article with the place, year and paragraphs varied. Everything comes from one seeded
``random.Random``, so a seed always gives the same bytes; with ``git=True`` it is committed
in one commit with fixed dates, so it also gives the same commit.

Run: ``python tests/generate_workspace.py DIR N [--seed S] [--no-sources] [--no-git]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
from pathlib import Path

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


def generate(folder: Path, n: int, seed: int = 0, sources: bool = True, git: bool = True) -> Path:
    """Write a workspace of ``n`` record files into ``folder`` (created) and return it."""
    folder = Path(folder)
    records, source_root = folder / "records", folder / "sources"
    (records / "archive").mkdir(parents=True, exist_ok=True)
    rng, corpus = random.Random(seed), _Corpus()
    for i in range(n):
        rid, data, body = _record(rng, i, corpus)
        roll = rng.random()
        broken = (None if roll > 0.005 else
                  rng.choice(["json", "yaml", "unclosed", "bytes"]))
        where = records / "archive" if rng.random() < 0.05 else records
        (where / f"{rid}.md").write_bytes(_render(data, body, _style(rng, broken), broken))
        if not sources or broken:
            continue
        region = data.get("region") or data["country"]
        roll = rng.random()
        if roll < 0.05:
            zh = next((r[0] for r in REGIONS if r[1] == region), "鄂尔多斯")
            _write(source_root / rid / f"{rid}-plan.zh.txt", _zh_source(rng, corpus, zh, data["year"]))
        if 0.03 < roll < 0.08:
            _write(source_root / rid / "news.en.txt", _en_source(rng, corpus, region, data["year"]))
    (records / ".template.md").write_text("---\nid: template\n---\n", encoding="utf-8")  # hidden: skipped
    if git:
        _commit(folder)
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
    args = parser.parse_args()
    generate(args.folder, args.n, args.seed, sources=not args.no_sources, git=not args.no_git)
    print(f"{args.folder}: {args.n} records")


if __name__ == "__main__":
    main()
