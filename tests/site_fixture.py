"""A repository shaped like the policy tracker's website, built from the seeds (issue 11).

``src/content/policies/en/<id>.md`` and ``…/zh/<id>.md``: each seed record as one policy
in two language files. Language-neutral fields (analysis, reviewStatus, provenance, dates,
url, source, legal weight...) are identical; translated fields (title, description,
country, status, category, impact analysis, the body) are each language's. Frontmatter is
written the way the site writes it: keys sorted, then formatted by the real prettier with
the site's ``.prettierrc`` (flow mappings over many lines, single quotes, trailing commas).
Commits pass a husky ``commit-msg`` hook running commitlint (conventional commits).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from node_tools import NodeTools

from reviewer.core.record.document import RecordFile

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
POLICIES = "src/content/policies"
# Translated fields per seed: (English, Chinese). The MIIT seed is a Chinese-language file.
TRANSLATED: dict[str, dict[str, tuple[Any, Any]]] = {
    "cn-ordos-pilot-2024": {
        "title": ("National Carbon Peaking Pilot (Ordos) Implementation Plan (2024)",
                  "鄂尔多斯市国家碳达峰试点实施方案（2024）"),
        "country": ("China", "中国"), "status": ("Active", "现行"),
        "category": ("Strategic", "战略引导"),
        "description": ("A flagship national pilot roadmap positioning Ordos as a global leader "
                        "in large-scale CCUS applications for coal-based industries.",
                        "国家级旗舰试点路线图，将鄂尔多斯定位为煤基产业大规模 CCUS 应用的全球引领者。"),
    },
    "cn-zero-carbon-parks": {
        "title": ("China Zero Carbon Industrial Parks Guidance", "中国零碳工业园区建设指引"),
        "country": ("China", "中国"), "status": ("Active", "现行"),
        "category": ("Regulatory", "法律监管"),
        "description": ("National guidance for zero-carbon industrial parks: renewable energy, "
                        "systemic efficiency and terminal carbon abatement.",
                        "国家零碳工业园区指引：可再生能源、系统能效与末端碳减排。"),
    },
    "cn-miit-industrial-plan-2022": {
        "title": ("MIIT Industrial Sector Carbon Peaking Implementation Plan",
                  "中国工信部工业领域碳达峰实施方案"),
        "country": ("China", "中国"), "status": ("Active", "现行"),
        "category": ("Strategic", "战略引导"),
    },
}
BODIES = {"en": "\nThe policy in brief, in English.\n", "zh": "\n政策概要（中文）。\n"}
PRETTIERRC = {"singleQuote": True, "trailingComma": "all"}


def site_data(record_id: str, language: str) -> dict:
    """A seed record's data as the site's file in ``language`` holds it."""
    data = dict(RecordFile.load(SEEDS / "records" / f"{record_id}.md").data)
    data.pop("id", None)  # the site names records by their file
    for field, (en, zh) in TRANSLATED[record_id].items():
        data[field] = en if language == "en" else zh
    return _sorted(data)


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted(v) for v in value]
    return value


def flow_yaml(value: Any) -> str:
    """YAML in flow style with single quotes (prettier then lays it out as the site has it)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_quote(k)}: {flow_yaml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(flow_yaml(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return repr(value)
    return _quote(str(value))


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def make_site(dest: Path, node: NodeTools, git: bool = True) -> Path:
    """Build the site-shaped repository at ``dest`` (a git repository unless ``git=False``)."""
    dest.mkdir(parents=True)
    for record_id in TRANSLATED:
        for language in ("en", "zh"):
            path = dest / POLICIES / language / f"{record_id}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            text = f"---\n{flow_yaml(site_data(record_id, language))}\n---\n{BODIES[language]}"
            path.write_text(text, encoding="utf-8")
    if (SEEDS / "sources").is_dir():
        shutil.copytree(SEEDS / "sources", dest / "sources")
    (dest / ".prettierrc").write_text(json.dumps(PRETTIERRC, indent=2) + "\n", encoding="utf-8")
    (dest / "package.json").write_text(json.dumps({
        "name": "policy-tracker", "private": True,
        "dependencies": {"gray-matter": "^4.0.3", "astro": "^4.0.0"},
        "devDependencies": {"prettier": "^3", "@commitlint/cli": "^19",
                            "@commitlint/config-conventional": "^19", "husky": "^9"}},
        indent=2) + "\n", encoding="utf-8")
    (dest / "commitlint.config.js").write_text(
        "module.exports = { extends: ['@commitlint/config-conventional'] };\n", encoding="utf-8")
    node.prettier_write(dest, f"{POLICIES}/**/*.md")
    if git:
        _init_git(dest, node)
    return dest


def _init_git(dest: Path, node: NodeTools) -> None:
    def run(*args: str) -> None:
        subprocess.run(["git", *args], cwd=dest, check=True, capture_output=True, text=True)
    run("init", "-q", "-b", "main")
    run("config", "user.name", "Site Bot")
    run("config", "user.email", "bot@example.org")
    run("config", "commit.gpgsign", "false")
    run("add", "-A")
    run("commit", "-q", "-m", "chore: import the policies")
    hooks = dest / ".husky"
    hooks.mkdir()
    (hooks / "commit-msg").write_text(node.commitlint_hook(), encoding="utf-8")
    (hooks / "commit-msg").chmod(0o755)
    (node_link := dest / "node_modules").symlink_to(node.prefix / "node_modules")
    (dest / ".gitignore").write_text("node_modules\n", encoding="utf-8")
    run("config", "core.hooksPath", ".husky")
    run("add", ".husky", ".gitignore")
    run("commit", "-q", "-m", "chore: add the commit-msg hook")
    assert node_link.is_symlink()
