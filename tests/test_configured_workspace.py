"""The team's real repository as it is (issue 11): a site-shaped repository built from the
seeds (en/zh folders, prettier's flow YAML, a commitlint hook), set up with ``reviewer init``,
then listed, validated and edited; prettier and gray-matter (from npm) check what we write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import git
from node_tools import find_node_tools
from site_fixture import POLICIES, make_site
from test_cli import assert_no_traceback, run

ORDOS = "cn-ordos-pilot-2024"


@pytest.fixture(scope="module")
def node():
    tools = find_node_tools()
    if tools is None:
        pytest.skip("node and npm are needed for the website's tools")
    return tools


@pytest.fixture(scope="module")
def pristine_site(node, tmp_path_factory) -> Path:
    return make_site(tmp_path_factory.mktemp("site") / "repo", node)


@pytest.fixture
def site(pristine_site: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(pristine_site, dest, symlinks=True)
    return dest


@pytest.fixture
def initialised(site: Path) -> Path:
    result = run(None, "init", str(site))
    assert result.returncode == 0, result.stderr
    return site


def files(site: Path, record: str = ORDOS) -> tuple[Path, Path]:
    return tuple(site / POLICIES / lang / f"{record}.md" for lang in ("en", "zh"))


def test_init_finds_the_layout_the_vocabularies_and_the_conventions(site: Path):
    result = run(None, "init", str(site), "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["layout"], found["languages"]) == ("folder", ["en", "zh"])
    assert found["paths"] == [f"{POLICIES}/*/*.md"] and found["records"] == 6
    assert {"en": "Active", "zh": "现行"} in found["vocabularies"]["status"]
    assert {"en": "Strategic", "zh": "战略引导"} in found["vocabularies"]["category"]
    assert {"prettier", "gray-matter", "commitlint"} <= set(found["tools"]) and found["conventional"]
    text = (site / "reviewer.toml").read_text(encoding="utf-8")
    assert 'subject = "chore(review): {action} {id}"' in text
    # The record files go to the field-level merge, and this clone knows the driver.
    assert f"{POLICIES}/*/*.md merge=reviewer" in (site / ".gitattributes").read_text(encoding="utf-8")
    assert len(found["merge"]) == 2 and found["merge"][0].startswith(".gitattributes: ")
    assert git(site, "config", "merge.reviewer.driver").stdout.strip() == "reviewer merge-file %O %A %B %P"
    again = run(None, "init", str(site))
    assert again.returncode == 1 and "--force" in again.stderr
    assert run(None, "init", str(site), "--force").returncode == 0
    attributes = (site / ".gitattributes").read_text(encoding="utf-8")
    assert attributes.count("merge=reviewer") == 1          # not added twice


def test_list_gives_one_entry_per_record_with_its_languages(initialised: Path):
    result = run(initialised, "list", "--json")
    records = json.loads(result.stdout)["records"]
    assert len(records) == 3
    ordos = next(r for r in records if r["id"] == ORDOS)
    assert ordos["languages"] == ["en", "zh"]
    assert ordos["files"] == [f"{POLICIES}/en/{ORDOS}.md", f"{POLICIES}/zh/{ORDOS}.md"]
    assert ordos["title"].startswith("National Carbon Peaking")  # the primary language's


def test_validate_has_no_false_vocabulary_warnings_and_catches_parity(initialised: Path):
    result = run(initialised, "validate", "--json")
    assert result.returncode == 0, result.stdout
    issues = json.loads(result.stdout)["issues"]
    assert not [i for i in issues if i["code"] == "vocabulary"], "现行 is right in a zh file"
    assert not [i for i in issues if i["code"] in ("unknown-field", "schema")]
    placeholder = [i for i in issues if i["code"] == "placeholder" and ORDOS in i["file"]]
    assert len(placeholder) == 1, "a neutral field's finding is the record's: reported once"
    en, zh = files(initialised)
    zh.write_text(zh.read_text(encoding="utf-8").replace("'score': 85,", "'score': 72,"),
                  encoding="utf-8")
    result = run(initialised, "validate", "--json")
    assert result.returncode == 1
    parity = [i for i in json.loads(result.stdout)["issues"] if i["code"] == "parity"]
    assert [(i["path"], i["severity"]) for i in parity] == [("analysis.mrv.score", "error")]
    assert "en: 85, zh: 72" in parity[0]["message"]


def test_a_wrong_language_value_is_named_with_its_counterpart(initialised: Path):
    en, _ = files(initialised)
    en.write_text(en.read_text(encoding="utf-8").replace("'status': 'Active'", "'status': '现行'"),
                  encoding="utf-8")
    issues = json.loads(run(initialised, "validate", "--json").stdout)["issues"]
    vocab = [i for i in issues if i["code"] == "vocabulary"]
    assert len(vocab) == 1 and vocab[0]["file"].endswith(f"en/{ORDOS}.md")
    assert "'现行' is status 'Active' in zh; in this en file write 'Active'" in vocab[0]["message"]


def test_set_writes_a_neutral_field_to_every_file_and_a_translated_one_to_its_language(
        initialised: Path, node):
    en, zh = files(initialised)
    result = run(initialised, "set", ORDOS, "analysis.mrv.score=70",
                 "analysis.mrv.auditNote=Checked against the plan's monitoring chapter.")
    assert result.returncode == 0, result.stderr
    for path in (en, zh):
        assert "'score': 70," in path.read_text(encoding="utf-8")
        mrv = node.gray_matter(path)["data"]["analysis"]["mrv"]
        assert (mrv["score"], mrv["auditNote"]) == (70, "Checked against the plan's monitoring chapter.")
    refused = run(initialised, "set", ORDOS, "title=A new title")
    assert refused.returncode == 1 and "--lang en" in refused.stderr
    assert_no_traceback(refused)
    assert run(initialised, "set", ORDOS, "title=鄂尔多斯方案", "--lang", "zh").returncode == 0
    assert node.gray_matter(zh)["data"]["title"] == "鄂尔多斯方案"
    assert node.gray_matter(en)["data"]["title"].startswith("National Carbon Peaking")
    check = node.prettier_check(initialised, f"{POLICIES}/**/*.md")
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("edit", [
    "analysis.strategic.auditNote=Placeholder kept on purpose.",  # a first-sorted new key
    "evolution.milestones:=[\"2024 pilot approved\", \"2025 first CCUS hub\"]",  # grows a line
    "provenance.reviewer=Jane Doe",                                # an inline map that no longer fits
    "analysis.technical:={\"score\": 50, \"label\": \"L\", \"evidence\": \"E\", \"citation\": \"C\"}",
    "tags:=[\"CCUS\", \"pilot\", \"coal\", \"Inner Mongolia\", \"carbon peaking\", \"hydrogen\"]",
])
def test_edits_leave_prettier_clean_files_prettier_clean(initialised: Path, node, edit: str):
    lang = ["--lang", "en"] if edit.startswith(("evolution.milestones", "tags")) else []
    result = run(initialised, "set", ORDOS, edit, *lang)
    assert result.returncode == 0, result.stderr
    check = node.prettier_check(initialised, f"{POLICIES}/**/*.md")
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_bad_reviewer_toml_names_the_file_line_and_key(initialised: Path):
    config = initialised / "reviewer.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('layout = "folder"',
                                                                 'layout = "folders"'), encoding="utf-8")
    result = run(initialised, "list")
    assert result.returncode == 1
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if "layout" in text
                and "=" in text)
    assert f"reviewer.toml:{line}: records.layout: 'folders' is not one of none, folder, suffix" \
        in result.stderr
    assert_no_traceback(result)
    config.write_text("[records\npaths = 1\n", encoding="utf-8")
    broken = run(initialised, "list")
    assert broken.returncode == 1 and "reviewer.toml:1" in broken.stderr and "not valid TOML" in broken.stderr


def test_the_readmes_reviewer_toml_example_works_on_the_site(site: Path):
    """The README's complete example is a real configuration: it loads, names every key the
    reader knows, and on the site gives one record per pair with no errors."""
    import re

    from reviewer.core.config import load_config

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(.*?)```", readme, re.S).group(1)
    (site / "reviewer.toml").write_text(example, encoding="utf-8")
    config = load_config(site)
    assert (config.layout, config.languages) == ("folder", ("en", "zh"))
    assert config.pillar_name("mrv", "zh") == "监测核查"
    assert config.vocabularies["status"].allowed("zh")[0] == "现行"
    assert config.commit_subject == "chore(review): {action} {id}"
    listed = run(site, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    entries = entries["records"] if isinstance(entries, dict) else entries
    assert len(entries) == 3 and all(e["languages"] == ["en", "zh"] for e in entries)
    validated = run(site, "validate", "--json")
    assert_no_traceback(validated)
    assert validated.returncode == 0, validated.stdout


def test_two_auditors_edits_of_a_bilingual_record_merge_by_field(initialised: Path, node):
    """init routes the policies to the field-level merge; a branch's neutral and Chinese edits
    merge with ours in both language files, and prettier stays clean."""
    site = initialised
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "chore: describe the workspace")
    git(site, "checkout", "-q", "-b", "colleague")
    assert run(site, "set", ORDOS, "analysis.market.score=35").returncode == 0
    assert run(site, "set", ORDOS, "title=鄂尔多斯碳达峰试点方案", "--lang", "zh").returncode == 0
    git(site, "commit", "-q", "-am", "chore: the colleague's edits")
    git(site, "checkout", "-q", "main")
    assert run(site, "set", ORDOS, "analysis.mrv.score=70").returncode == 0
    git(site, "commit", "-q", "-am", "chore: my edit")
    merged = git(site, "merge", "--no-edit", "colleague", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert (site / ".git" / "reviewer" / "conflicts.json").is_file()    # the driver ran
    en, zh = files(site)
    for path in (en, zh):
        analysis = node.gray_matter(path)["data"]["analysis"]
        assert (analysis["mrv"]["score"], analysis["market"]["score"]) == (70, 35)
    assert node.gray_matter(zh)["data"]["title"] == "鄂尔多斯碳达峰试点方案"
    assert node.gray_matter(en)["data"]["title"].startswith("National Carbon Peaking")
    check = node.prettier_check(site, f"{POLICIES}/**/*.md")
    assert check.returncode == 0, check.stdout + check.stderr
