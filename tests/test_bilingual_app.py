"""The desktop app on a repository shaped like the website (issue 11): each policy one record
in an English and a Chinese file, prettier's flow YAML, a commitlint commit-msg hook.

Real git repositories in temporary folders, the real window and widgets (pytest-qt,
offscreen), and the website's own prettier and gray-matter reading what the app wrote.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from conftest import git, save
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow
from reviewer.ui.widgets.record_table import LANGUAGES
from site_fixture import POLICIES, make_site

ORDOS, PARKS, MIIT = "cn-ordos-pilot-2024", "cn-zero-carbon-parks", "cn-miit-industrial-plan-2022"
# The site's controlled values in both languages (what reviewer init writes for it).
VOCABULARIES = """
[vocabularies.status]
values = [{ en = "Active", zh = "现行" }, { en = "Superseded", zh = "被取代" },
          { en = "Upcoming", zh = "即将实施" }]

[vocabularies.category]
values = [{ en = "Strategic", zh = "战略引导" }, { en = "Regulatory", zh = "法律监管" }]
"""


def both(record_id: str) -> list[str]:
    return [f"{POLICIES}/{lang}/{record_id}.md" for lang in ("en", "zh")]


def new_window(tmp_path: Path) -> MainWindow:
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    win.resize(1400, 900)
    win.show()
    return win


def close(win: MainWindow) -> None:
    win.workers.wait(5000)
    if win.session is not None and win.session.dirty:
        win.session.replace_from_disk(win.session.record, keep_edits=False)  # no close prompt
    win.close()
    win.deleteLater()


@pytest.fixture
def site(site_workspace: Path) -> Path:
    with open(site_workspace / "reviewer.toml", "a", encoding="utf-8") as config:
        config.write(VOCABULARIES)
    # Only the configuration: Parks's audit notes stay the auditor's, written in this review.
    git(site_workspace, "commit", "-q", "-m", "chore: the site's vocabularies", "--", "reviewer.toml")
    return site_workspace


@pytest.fixture
def app(qtbot, site: Path, tmp_path: Path):
    """The window on the site, its first record (Ordos, a draft) open."""
    win = new_window(tmp_path)
    with qtbot.waitSignal(win.record_loaded, timeout=15000):
        win.open_workspace(Workspace(site))
    yield win
    close(win)


def changed(site: Path) -> list[str]:
    """Files changed in the working tree, besides Parks's (the fixture's audit notes)."""
    return [name for name in git(site, "diff", "--name-only").stdout.split()
            if name not in both(PARKS)]


def select(qtbot, win: MainWindow, record_id: str) -> None:
    if win.session is not None and win.session.record.record_id == record_id:
        return
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        assert win.record_list.select_record_id(record_id)


def type_into(qtbot, field, text: str) -> None:
    """Type over a text field's contents, as the auditor does: Chinese comes from an input
    method, which commits the text it composed (QTest types ASCII keys only)."""
    field.editor.setFocus()
    field.editor.selectAll()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field.editor, event)
    assert field.editor.text() == text


def shown_rows(win: MainWindow) -> list[str]:
    proxy = win.record_list.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


# ---- the list --------------------------------------------------------------------------------
def test_the_list_has_one_row_per_record_with_its_languages(qtbot, app: MainWindow):
    qtbot.waitUntil(lambda: app.index_flow.records_ready, timeout=10000)
    rows = {r.id: r for r in app.record_list.model.rows}
    assert sorted(rows) == sorted([ORDOS, PARKS, MIIT])
    assert all(r.languages == ("en", "zh") for r in rows.values())
    assert rows[ORDOS].title.startswith("National Carbon Peaking Pilot")  # English is primary
    assert rows[ORDOS].path.parts[-2] == "en"
    table = app.record_list.table
    assert not table.isColumnHidden(LANGUAGES)
    assert app.record_list.proxy.index(0, LANGUAGES).data() == "en · zh"
    assert "2 drafts · 1 verified" in app.record_list.counts.text()
    assert app.windowTitle().startswith(f"{ORDOS}[*] — ")   # named by its files, no id field


def test_a_word_only_in_the_chinese_file_finds_the_record(qtbot, app: MainWindow):
    qtbot.waitUntil(lambda: app.index_flow.records_ready, timeout=10000)
    app.record_list.filter.setText("零碳工业园区建设指引")   # Parks' Chinese title
    qtbot.waitUntil(lambda: app.record_list.proxy.searching and shown_rows(app) == [PARKS],
                    timeout=10000)


def test_saving_a_chinese_edit_keeps_one_row(qtbot, app: MainWindow):
    type_into(qtbot, app.form.lang_fields[("zh", ("title",))], "鄂尔多斯碳达峰试点方案")
    assert save(qtbot, app)
    rows = [r for r in app.record_list.model.rows if r.id == ORDOS]
    assert len(rows) == 1 and rows[0].languages == ("en", "zh")
    assert rows[0].title.startswith("National Carbon Peaking Pilot")
    assert len(app.record_list.model.rows) == 3


def test_a_record_added_on_disk_shows_as_one_row(qtbot, app: MainWindow, site: Path):
    qtbot.waitUntil(lambda: app.index_flow.records_ready, timeout=10000)
    for rel in both(ORDOS):
        target = site / rel.replace(ORDOS, "cn-new-pilot-2025")
        target.write_bytes((site / rel).read_bytes())
    qtbot.waitUntil(lambda: len(app.record_list.model.rows) == 4, timeout=10000)
    row = next(r for r in app.record_list.model.rows if r.id == "cn-new-pilot-2025")
    assert row.languages == ("en", "zh") and len(row.files) == 2


# ---- the form ----------------------------------------------------------------------------------
def test_the_form_shows_translated_fields_side_by_side_and_neutral_ones_once(app: MainWindow):
    form = app.form
    assert form.lang_fields[("en", ("title",))].editor.text().startswith("National Carbon Peaking")
    assert form.lang_fields[("zh", ("title",))].editor.text() == "鄂尔多斯市国家碳达峰试点实施方案（2024）"
    assert form.lang_fields[("zh", ("country",))].editor.text() == "中国"
    for translated in (("title",), ("status",), ("category",), ("description",),
                       ("impactAnalysis", "economic"), ("regulatory", "co2_definition")):
        assert translated not in form.fields
    for neutral in (("pubDate",), ("year",), ("url",), ("source",), ("legalWeight",),
                    ("provenance", "author"), ("evolution", "supersedes")):
        assert neutral in form.fields and ("zh", neutral) not in form.lang_fields
    assert form.fields[("year",)].editor.text() == "2024"
    assert "en · zh" in form.header.text()


def test_choice_fields_offer_each_languages_vocabulary(app: MainWindow):
    def offered(language: str, field: str) -> list[str]:
        combo = app.form.lang_fields[(language, (field,))].editor
        return [combo.itemText(i) for i in range(combo.count())]
    assert offered("en", "status") == ["Active", "Superseded", "Upcoming"]
    assert offered("zh", "status") == ["现行", "被取代", "即将实施"]
    assert offered("zh", "category") == ["战略引导", "法律监管"]
    assert app.form.lang_fields[("zh", ("status",))].editor.currentText() == "现行"
    # Each file's value is right for its own language: no vocabulary warning in either.
    assert not app.form.lang_fields[("zh", ("status",))].message.isVisible()


def test_the_body_shows_per_language_in_tabs(app: MainWindow):
    bodies = app.form.bodies
    assert bodies.isVisible() and bodies.tabs.count() == 2
    assert [bodies.tabs.tabText(i) for i in range(2)] == ["English (en)", "Chinese (zh)"]
    assert bodies.body("en") == "The policy in brief, in English."
    assert bodies.body("zh") == "政策概要（中文）。"


def test_languages_that_disagree_are_shown_at_the_field_and_one_edit_mends_both(
        qtbot, site: Path, tmp_path: Path):
    zh = site / both(ORDOS)[1]
    zh.write_text(zh.read_text(encoding="utf-8").replace("'score': 85", "'score': 80"), encoding="utf-8")
    win = new_window(tmp_path)
    with qtbot.waitSignal(win.record_loaded, timeout=15000):
        win.open_workspace(Workspace(site))
    score = win.form.cards["mrv"].fields["score"]
    qtbot.waitUntil(lambda: score.message.isVisible(), timeout=5000)
    assert "differs between the languages (en: 85, zh: 80)" in score.message.text()
    score.spin.setValue(86)   # one edit, written to both files
    qtbot.waitUntil(lambda: not score.message.isVisible(), timeout=5000)
    assert save(qtbot, win)
    assert all("'score': 86" in (site / rel).read_text(encoding="utf-8") for rel in both(ORDOS))
    close(win)


# ---- editing and saving ------------------------------------------------------------------------
def test_a_neutral_score_edited_once_changes_both_files(qtbot, app: MainWindow, site: Path, node_tools):
    app.form.cards["mrv"].fields["score"].spin.setValue(70)
    assert app.session.stack.count() == 1                      # one change, one undo step
    assert all(app.session.datas[lang]["analysis"]["mrv"]["score"] == 70 for lang in ("en", "zh"))
    assert save(qtbot, app)
    assert changed(site) == both(ORDOS)
    numstat = git(site, "diff", "--numstat", "--", *both(ORDOS)).stdout.split("\n")
    assert all(line.startswith("1\t1\t") for line in numstat if line)  # one line in each file
    check = node_tools.prettier_check(site, *both(ORDOS))
    assert check.returncode == 0, check.stdout + check.stderr
    for rel in both(ORDOS):
        assert node_tools.gray_matter(site / rel)["data"]["analysis"]["mrv"]["score"] == 70
    assert not app.session.dirty and not app.isWindowModified()


def test_a_translated_field_in_the_zh_column_changes_only_the_zh_file(qtbot, app: MainWindow, site: Path,
                                                                        node_tools):
    en, zh = (site / rel for rel in both(ORDOS))
    en_before = en.read_bytes()
    type_into(qtbot, app.form.lang_fields[("zh", ("country",))], "中华人民共和国")
    assert app.session.datas["en"]["country"] == "China"
    assert save(qtbot, app)
    assert en.read_bytes() == en_before
    assert changed(site) == [both(ORDOS)[1]]
    assert node_tools.gray_matter(zh)["data"]["country"] == "中华人民共和国"
    check = node_tools.prettier_check(site, *both(ORDOS))
    assert check.returncode == 0, check.stdout + check.stderr


def test_undo_of_a_neutral_edit_restores_both_files(qtbot, app: MainWindow, site: Path):
    en, zh = (site / rel for rel in both(ORDOS))
    before = en.read_bytes(), zh.read_bytes()
    type_into(qtbot, app.form.cards["market"].fields["label"], "Basin Market")
    type_into(qtbot, app.form.lang_fields[("zh", ("title",))], "鄂尔多斯方案")
    assert save(qtbot, app)
    assert (en.read_bytes(), zh.read_bytes()) != before
    app.actions["undo"].trigger()
    app.actions["undo"].trigger()
    assert app.session.dirty
    assert save(qtbot, app)
    assert (en.read_bytes(), zh.read_bytes()) == before
    app.actions["redo"].trigger()   # the neutral label again, in both copies
    assert app.session.datas["zh"]["analysis"]["market"]["label"] == "Basin Market"


def test_a_change_on_disk_to_the_zh_file_is_detected(qtbot, app: MainWindow, site: Path, monkeypatch):
    zh = site / both(ORDOS)[1]
    zh.write_text(zh.read_text(encoding="utf-8").replace("'中国'", "'中国（内蒙古）'"), encoding="utf-8")
    qtbot.waitUntil(lambda: app.session.datas["zh"]["country"] == "中国（内蒙古）", timeout=10000)
    assert app.form.lang_fields[("zh", ("country",))].editor.text() == "中国（内蒙古）"
    # With unsaved edits, a change to another field merges with them by itself (three-way).
    app.form.cards["mrv"].fields["score"].spin.setValue(60)
    zh.write_text(zh.read_text(encoding="utf-8").replace("'中国（内蒙古）'", "'中国'"), encoding="utf-8")
    qtbot.waitUntil(lambda: app.session.datas["zh"]["country"] == "中国", timeout=10000)
    assert "merged with your edits" in app.statusBar().currentMessage()
    assert app.session.datas["zh"]["analysis"]["mrv"]["score"] == 60
    assert save(qtbot, app)
    assert b"'score': 60" in zh.read_bytes() and "'中国'" in zh.read_text(encoding="utf-8")


def test_the_same_field_changed_in_the_zh_file_and_by_me_is_settled_in_the_merge_dialog(
        qtbot, app: MainWindow, site: Path):
    from test_app import answer_merge_dialog
    zh = site / both(ORDOS)[1]
    country = app.form.lang_fields[("zh", ("country",))].editor
    app.session.edit(("country",), "中华人民共和国", language="zh")
    seen = answer_merge_dialog(qtbot, {"country": "theirs"})
    zh.write_text(zh.read_text(encoding="utf-8").replace("'中国'", "'中国（内蒙古）'"), encoding="utf-8")
    qtbot.waitUntil(lambda: app.session.files["zh"].data["country"] == "中国（内蒙古）", timeout=10000)
    assert seen["conflicts"] == [("country", "中国", "中华人民共和国", "中国（内蒙古）")]
    assert app.session.datas["zh"]["country"] == "中国（内蒙古）" and country.text() == "中国（内蒙古）"
    assert app.session.datas["en"]["country"] == "China"      # the other language untouched


def test_a_save_over_a_stale_zh_file_writes_neither_file(qtbot, app: MainWindow, site: Path, monkeypatch):
    en, zh = (site / rel for rel in both(ORDOS))
    app.form.cards["mrv"].fields["score"].spin.setValue(61)
    app.watcher.removePaths(app.watcher.files())   # the change lands before the watcher says
    zh.write_text(zh.read_text(encoding="utf-8") + "\nAdded by a colleague.\n", encoding="utf-8")
    before = en.read_bytes(), zh.read_bytes()
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    assert not save(qtbot, app)
    assert "Nothing was written" in warned[0] and "changed on disk" in warned[0]
    assert (en.read_bytes(), zh.read_bytes()) == before and app.session.dirty


# ---- verify ---------------------------------------------------------------------------------------
def test_verify_from_the_app_commits_both_files_in_one_conventional_commit(qtbot, app: MainWindow,
                                                                            site: Path, node_tools):
    select(qtbot, app, PARKS)
    app.form.cards["mrv"].fields["score"].spin.setValue(72)
    app.actions["verify"].trigger()
    qtbot.waitUntil(lambda: app.review.dialog is not None and app.review.dialog.preview is not None,
                    timeout=15000)
    dialog = app.review.dialog
    assert dialog.ok.isEnabled(), dialog.verdict.text()
    assert f"{both(PARKS)[0]} and {both(PARKS)[1]}" in dialog.verdict.text()
    dialog.name.setText("Jane Auditor")
    dialog.email.setText("jane@example.org")
    with qtbot.waitSignal(app.record_loaded, timeout=20000):   # on to the next draft
        qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    log = git(site, "log", "-1", "--format=%an%n%s%n%b", "--name-only").stdout
    assert log.startswith(f"Jane Auditor\nchore(review): verify {PARKS}\n")   # commitlint let it in
    assert log.strip().endswith("\n".join(both(PARKS)))
    assert "analysis.mrv.score: 85 → 72" in log
    assert git(site, "status", "--porcelain").stdout == ""
    for rel in both(PARKS):
        assert node_tools.gray_matter(site / rel)["data"]["reviewStatus"] == "verified"
    row = next(r for r in app.record_list.model.rows if r.id == PARKS)
    assert row.review_status == "verified" and row.languages == ("en", "zh")
    assert app.session.record.record_id == ORDOS


# ---- the offer to write reviewer.toml -----------------------------------------------------------
@pytest.fixture
def bare_site(tmp_path: Path, git_env: None, node_tools) -> Path:
    """The website's repository as the auditors have it: no reviewer.toml."""
    return make_site(tmp_path / "site", node_tools)


def offer(qtbot, win: MainWindow, folder: Path, refused=None):
    win.open_folder(folder, None, refused)
    qtbot.waitUntil(lambda: win.setup.box is not None, timeout=15000)
    box = win.setup.box
    assert "src/content/policies/en, src/content/policies/zh" in box.informativeText()
    assert "en · zh" in box.informativeText() and "commitlint" in box.informativeText()
    return box


def test_opening_the_site_offers_init_and_accepting_writes_it_and_lists_the_records(
        qtbot, bare_site: Path, tmp_path: Path):
    win = new_window(tmp_path)
    box = offer(qtbot, win, bare_site)
    with qtbot.waitSignal(win.record_loaded, timeout=20000):
        box.create.click()
    config = (bare_site / "reviewer.toml").read_text(encoding="utf-8")
    assert 'layout = "folder"' in config and 'languages = ["en", "zh"]' in config
    assert win.workspace.config.multilingual
    qtbot.waitUntil(lambda: win.index_flow.records_ready, timeout=10000)
    assert sorted(r.id for r in win.record_list.model.rows) == sorted([ORDOS, PARKS, MIIT])
    assert win.form.lang_fields[("zh", ("status",))].editor.currentText() == "现行"
    close(win)


def test_declining_the_offer_keeps_todays_behaviour(qtbot, bare_site: Path, tmp_path: Path):
    win = new_window(tmp_path)
    refused = []
    box = offer(qtbot, win, bare_site, refused.append)
    box.later.click()
    qtbot.waitUntil(lambda: bool(refused), timeout=10000)
    assert "not a reviewer workspace" in refused[0]
    assert not (bare_site / "reviewer.toml").exists() and win.workspace is None
    close(win)


def test_a_configuration_that_cannot_be_written_is_said_plainly(qtbot, bare_site: Path, tmp_path: Path,
                                                                monkeypatch):
    def read_only(path, data):   # what a read-only folder does (root ignores chmod)
        raise PermissionError(13, "Permission denied", str(path))
    monkeypatch.setattr("reviewer.core.services.setup.write_atomic", read_only)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[1:3]))
    win = new_window(tmp_path)
    refused = []
    offer(qtbot, win, bare_site, refused.append).create.click()
    qtbot.waitUntil(lambda: bool(refused), timeout=10000)
    title, text = warned[0]
    assert title == "Configuration not written"
    assert "cannot write" in text and "Permission denied" in text and "nothing was changed" in text
    assert "Traceback" not in text and not (bare_site / "reviewer.toml").exists()
    close(win)


def test_a_seeds_like_folder_opens_at_once_without_an_offer(qtbot, seed_workspace: Path, tmp_path: Path):
    win = new_window(tmp_path)
    with qtbot.waitSignal(win.record_loaded, timeout=15000):
        win.open_folder(seed_workspace)
    assert win.setup.box is None and not (seed_workspace / "reviewer.toml").exists()
    close(win)


# ---- one language, as ever ---------------------------------------------------------------------
def test_the_seeds_still_show_the_single_language_form(window: MainWindow):
    form = window.form
    assert form.lang_fields == {} and not form.bodies.isVisible()
    assert ("title",) in form.fields and ("status",) in form.fields
    combo = form.fields[("status",)].editor
    assert [combo.itemText(i) for i in range(combo.count())] == \
        ["Active", "Proposed", "Superseded", "Repealed", "Expired"]
    assert window.record_list.table.isColumnHidden(LANGUAGES)
    assert not window.session.multilingual and window.session.languages == [None]
    assert os.path.basename(window.session.path.parent) == "records"
