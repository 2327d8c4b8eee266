"""The CLI contract other tools rely on: commands, JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def run(ws: Path | None, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "reviewer", *(["-w", str(ws)] if ws else []), *args]
    env_path = {"PYTHONPATH": str(ROOT)}
    import os
    env = {**os.environ, **env_path}
    env.pop("REVIEWER_DEBUG", None)
    return subprocess.run(cmd, cwd=cwd or ROOT, capture_output=True, text=True, env=env)


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_list_json_puts_drafts_first_and_filters_by_status(seed_workspace):
    result = run(seed_workspace, "list", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)["records"]
    assert [r["id"] for r in records] == ["cn-ordos-pilot-2024", "cn-zero-carbon-parks",
                                          "cn-miit-industrial-plan-2022"]
    verified = json.loads(run(seed_workspace, "list", "--status", "verified", "--json").stdout)
    assert [r["id"] for r in verified["records"]] == ["cn-miit-industrial-plan-2022"]


def test_list_text_and_workspace_discovery_from_a_subfolder(seed_workspace):
    result = run(None, "list", cwd=seed_workspace / "sources")
    assert result.returncode == 0, result.stderr
    assert "cn-zero-carbon-parks" in result.stdout
    assert "3 records (2 draft" in result.stderr


def test_show_json_has_data_body_and_issues(seed_workspace):
    result = run(seed_workspace, "show", "cn-miit-industrial-plan-2022", "--json")
    shown = json.loads(result.stdout)
    assert shown["format"] == "json" and shown["data"]["status"] == "现行"
    assert shown["body"].startswith("\n中国工信部")
    codes = {(i["code"], i["path"]) for i in shown["issues"]}
    assert ("vocabulary", "status") in codes and ("placeholder", "analysis.strategic") in codes


def test_show_by_file_path_and_human_output(seed_workspace):
    result = run(seed_workspace, "show", str(seed_workspace / "records" / "cn-ordos-pilot-2024.md"))
    assert result.returncode == 0
    assert "mrv" in result.stdout and "第三章：基础能力建设" in result.stdout
    assert "technical" in result.stdout and "not assessed" in result.stdout


def test_validate_exit_codes_and_located_messages(seed_workspace):
    ok = run(seed_workspace, "validate")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "cn-miit-industrial-plan-2022.md:71:3: warning: status:" in ok.stdout
    bad = seed_workspace / "records" / "broken.md"
    bad.write_text("---\nid: broken\ntitle: [unclosed\n---\n", encoding="utf-8")
    (seed_workspace / "records" / "typed.md").write_text(
        "---\nid: typed\ntitle: T\nreviewStatus: draft\nyear: '2024'\n---\n", encoding="utf-8")
    result = run(seed_workspace, "validate", "--json")
    assert result.returncode == 1
    issues = json.loads(result.stdout)["issues"]
    errors = {(Path(i["file"]).name, i["line"], i["code"]) for i in issues if i["severity"] == "error"}
    assert ("broken.md", 4, "read") in errors
    assert ("typed.md", 5, "schema") in errors
    only_one = run(seed_workspace, "validate", str(seed_workspace / "records" / "cn-zero-carbon-parks.md"))
    assert only_one.returncode == 0 and "1 files" in only_one.stderr


def test_validate_warns_of_a_frontmatter_other_readers_end_elsewhere(seed_workspace):
    # YAML allows '...' to end a document; gray-matter and python-frontmatter look for '---'
    # and here run on into the body, so the website would not read this record.
    path = seed_workspace / "records" / "cn-zero-carbon-parks.md"
    text = path.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    path.write_text(head + "\n...\n" + body + "\n---\n\nA rule, then more text.\n",
                    encoding="utf-8")
    result = run(seed_workspace, "validate", "--json", str(path))
    assert_no_traceback(result)
    readers = [i for i in json.loads(result.stdout)["issues"] if i["code"] == "reader"]
    assert len(readers) == 1 and readers[0]["severity"] == "warning"
    assert "ends with a '...' line" in readers[0]["message"] and "make it '---'" in readers[0]["message"]
    path.write_text(text, encoding="utf-8")
    clean = run(seed_workspace, "validate", "--json", str(path))
    assert not [i for i in json.loads(clean.stdout)["issues"] if i["code"] == "reader"]


def test_set_coerces_by_schema_and_writes_minimal_diff(seed_workspace):
    path = seed_workspace / "records" / "cn-ordos-pilot-2024.md"
    before = path.read_text(encoding="utf-8")
    result = run(seed_workspace, "set", "cn-ordos-pilot-2024", "analysis.mrv.score=70",
                 "tags.1=2024", 'relatedFacilities:=["Plant A"]')
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert after.replace("score: 70", "score: 85", 1).replace("- '2024'", "- Energy Hub") \
        .replace("relatedFacilities:\n  - Plant A\n", "relatedFacilities: []\n") == before
    shown = json.loads(run(seed_workspace, "show", "cn-ordos-pilot-2024", "--json").stdout)
    assert shown["data"]["analysis"]["mrv"]["score"] == 70
    assert shown["data"]["tags"][1] == "2024"


@pytest.mark.parametrize("args,code,message", [
    (["set", "cn-ordos-pilot-2024", "analysis.mrv.score=high"], 1, "must be a whole number"),
    (["set", "cn-ordos-pilot-2024", "analysis.mrv.score=150"], 1, "out of range"),
    (["set", "cn-ordos-pilot-2024", "title.sub=x"], 1, "single value"),
    (["set", "cn-ordos-pilot-2024", "reviewStatus=done"], 1, "must be one of"),
    (["set", "no-such-record", "title=x"], 1, "no record with id 'no-such-record'"),
    (["set", "cn-ordos-pilot-2024", "tags:=[1,"], 2, "invalid JSON"),
    (["set", "cn-ordos-pilot-2024", "justtext"], 2, "PATH=TEXT"),
    (["set", "cn-ordos-pilot-2024", "a..b=1"], 2, "bad field path"),
    (["frobnicate"], 2, "invalid choice"),
])
def test_bad_input_gets_one_clear_line_and_leaves_files_alone(seed_workspace, args, code, message):
    before = {p: p.read_bytes() for p in (seed_workspace / "records").iterdir()}
    result = run(seed_workspace, *args)
    assert result.returncode == code
    assert message in result.stderr
    assert_no_traceback(result)
    assert {p: p.read_bytes() for p in (seed_workspace / "records").iterdir()} == before


def test_not_a_workspace_is_reported(tmp_path):
    result = run(tmp_path, "list")
    assert result.returncode == 1
    assert "not a reviewer workspace" in result.stderr
    assert_no_traceback(result)


def test_refusal_names_file_line_and_column(seed_workspace):
    result = run(seed_workspace, "set", "cn-ordos-pilot-2024", "analysis.mrv.score=150")
    assert "records/cn-ordos-pilot-2024.md:30:5: analysis.mrv.score" in result.stderr


def test_console_entry_point_and_module_agree(seed_workspace):
    from reviewer.__main__ import main
    assert main(["-w", str(seed_workspace), "list", "--json"]) == 0


def test_the_parser_loads_no_service_or_heavy_library():
    """--version, --help and the app's start build the parser: the services behind the
    commands (and pydantic, GitPython, ruamel, PyYAML, even json and dataclasses) load only
    when a command runs."""
    probe = (
        "import sys, types\n"
        "from reviewer.cli.parser import build_parser\n"
        "build_parser()\n"
        "loaded = [n for n, m in sys.modules.items() if isinstance(m, types.ModuleType)\n"
        "          and type(m).__name__ != '_LazyModule']\n"
        "print('\\n'.join(loaded))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    light = {"reviewer.core.services"}          # the package itself: its docstring
    heavy = sorted(n for n in loaded - light
                   if n.startswith(("reviewer.core.services", "reviewer.core.record.",
                                    "reviewer.core.review.", "reviewer.core.index.",
                                    "reviewer.core.atomic", "pydantic", "git", "ruamel", "yaml",
                                    "platformdirs"))
                   or n in ("dataclasses", "inspect", "json", "hashlib", "datetime"))
    assert heavy == [] and "reviewer.cli.records" in loaded
    version = subprocess.run([sys.executable, "-m", "reviewer", "--version"], capture_output=True,
                             text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert version.returncode == 0 and version.stdout.startswith("reviewer ")
