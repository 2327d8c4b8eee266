"""The desktop app, driven through its real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

import subprocess
import pytest
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from conftest import save
from reviewer.core.workspace import Workspace
from reviewer.ui.main_window import MainWindow

ORDOS, PARKS, MIIT = "cn-ordos-pilot-2024", "cn-zero-carbon-parks", "cn-miit-industrial-plan-2022"


def git(ws: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=ws, check=True, capture_output=True, text=True).stdout


# The fixtures ``repo`` (the seeds in git) and ``window`` (the app on it) are in conftest.py.


def select(qtbot, win: MainWindow, record_id: str) -> None:
    if win.session is not None and win.session.data.get("id") == record_id:
        return
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        assert win.record_list.select_record_id(record_id)


def test_list_puts_drafts_first_with_counts(window: MainWindow):
    ids = [window.record_list.proxy.index(r, 0).data() for r in range(window.record_list.proxy.rowCount())]
    assert ids == [ORDOS, PARKS, MIIT]
    assert "2 drafts · 1 verified" in window.record_list.counts.text()
    window.record_list.filter.setText("工信部")
    assert window.record_list.proxy.rowCount() == 1
    assert "showing 1 of 3" in window.record_list.counts.text()


def test_unreadable_record_is_listed_with_its_error(qtbot, repo: Path, tmp_path: Path):
    (repo / "records" / "broken.md").write_text("---\nid: broken\ntitle: [oops\n---\n", encoding="utf-8")
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    with qtbot.waitSignal(win.list_loaded, timeout=10000):
        win.open_workspace(Workspace(repo))
    rows = {r.file: r for r in win.record_list.model.rows}
    assert "YAML syntax error" in rows["records/broken.md"].error
    assert "1 unreadable" in win.record_list.counts.text()
    win.workers.wait(5000)
    win.close()


def test_form_and_sources_show_the_record(window: MainWindow):
    card = window.form.cards["mrv"]
    assert card.fields["score"].spin.value() == 85
    assert card.fields["citation"].editor.text() == "第三章：基础能力建设"
    assert not window.form.cards["technical"].body.isVisible()
    assert "placeholder" in window.form.cards["strategic"].badge.text()
    tabs = window.source_view.tabs
    assert tabs.count() == 2 and tabs.tabText(0).startswith("ordos-carbon-peaking-plan")
    outline = window.source_view.current_tab().outline
    assert [outline.topLevelItem(i).text(0) for i in range(outline.topLevelItemCount())][-1] == "七、保障措施"


def test_edit_undo_redo_and_save_writes_only_that_line(qtbot, window: MainWindow, repo: Path):
    path = repo / "records" / f"{ORDOS}.md"
    before = path.read_text(encoding="utf-8")
    spin = window.form.cards["mrv"].fields["score"].spin
    spin.setValue(70)
    assert window.session.dirty and window.isWindowModified()
    assert window.actions["undo"].text() == "&Undo Edit MRV · Score"   # as the form names it
    window.actions["undo"].trigger()
    assert spin.value() == 85 and not window.session.dirty
    window.actions["redo"].trigger()
    assert spin.value() == 70
    label = window.form.cards["mrv"].fields["label"].editor
    qtbot.keyClick(label, Qt.Key_End)
    qtbot.keyClicks(label, " v2")
    with qtbot.waitSignal(window.records.saved, timeout=10000):
        window.actions["save"].trigger()
    assert not window.session.dirty
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("score: 85", "score: 70").replace("label: Digital Platform",
                                                                     "label: Digital Platform v2")


def test_invalid_input_is_shown_at_the_field_and_refused_on_save(qtbot, window: MainWindow, repo: Path, monkeypatch):
    year = window.form.fields[("year",)]
    year.editor.setFocus()
    year.editor.selectAll()
    qtbot.keyClicks(year.editor, "20x4")
    qtbot.waitUntil(lambda: year.message.isVisible(), timeout=3000)
    assert "whole number" in year.message.text()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    before = (repo / "records" / f"{ORDOS}.md").read_bytes()
    assert save(qtbot, window) is False
    assert "year" in shown[0] and "Nothing was written" in shown[0]
    assert (repo / "records" / f"{ORDOS}.md").read_bytes() == before
    assert window.session.dirty  # the edits stay in the form


def test_switching_with_unsaved_edits_asks_first(qtbot, window: MainWindow, monkeypatch):
    window.form.cards["mrv"].fields["score"].spin.setValue(60)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
    window.record_list.select_record_id(PARKS)
    qtbot.wait(200)
    assert window.session.data["id"] == ORDOS and window.session.dirty
    assert window.record_list.current_path().name == f"{ORDOS}.md"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    select(qtbot, window, PARKS)
    assert window.session.data["id"] == PARKS


def test_external_change_reloads_a_clean_record(qtbot, window: MainWindow, repo: Path):
    path = repo / "records" / f"{ORDOS}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("score: 85", "score: 11"), encoding="utf-8")
    spin = window.form.cards["mrv"].fields["score"].spin
    qtbot.waitUntil(lambda: spin.value() == 11, timeout=5000)
    assert not window.session.dirty


def test_external_change_to_other_fields_merges_with_my_edits_by_itself(qtbot, window: MainWindow, repo: Path):
    window.form.cards["market"].fields["score"].spin.setValue(33)
    path = repo / "records" / f"{ORDOS}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("score: 85", "score: 11"), encoding="utf-8")
    qtbot.waitUntil(lambda: window.session.record.data["analysis"]["mrv"]["score"] == 11, timeout=5000)
    assert window.session.data["analysis"]["market"]["score"] == 33 and window.session.dirty
    assert window.form.cards["mrv"].fields["score"].spin.value() == 11
    assert "merged with your edits" in window.statusBar().currentMessage()
    save(qtbot, window)
    text = path.read_text(encoding="utf-8")
    assert "score: 11" in text and "score: 33" in text


def answer_merge_dialog(qtbot, pick: dict[str, str] | None = None, discard: bool = False):
    """Wait for the merge dialog, pick "mine"/"theirs" per field label, press a button;
    returns what the dialog showed (its conflicts' labels and values)."""
    from PySide6.QtWidgets import QApplication, QPushButton, QRadioButton

    from reviewer.ui.dialogs.merge_dialog import MergeDialog
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MergeDialog):
            QTimer.singleShot(50, answer)
            return
        seen["conflicts"] = [(c.label, c.base, c.mine, c.theirs) for c in dialog.merge.conflicts]
        seen["buttons"] = [b.text() for b in dialog.findChildren(QPushButton)]
        for label, side in (pick or {}).items():
            dialog.findChild(QRadioButton, f"{side}:{label}").click()
        dialog.findChild(QPushButton, "discardButton" if discard else "mergeButton").click()
    QTimer.singleShot(50, answer)
    return seen


@pytest.mark.parametrize("side, kept", [("mine", 60), ("theirs", 72)])
def test_a_field_changed_on_both_sides_is_shown_and_the_auditor_picks(
        qtbot, window: MainWindow, repo: Path, side: str, kept: int):
    spin = window.form.cards["mrv"].fields["score"].spin
    base = spin.value()
    spin.setValue(60)
    window.form.cards["market"].fields["score"].spin.setValue(33)
    path = repo / "records" / f"{ORDOS}.md"
    seen = answer_merge_dialog(qtbot, {"analysis.mrv.score": side})
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"score: {base}", "score: 72").replace(
        "title: ", "title: Renamed ", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: window.session.record.data["analysis"]["mrv"]["score"] == 72, timeout=5000)
    assert seen["conflicts"] == [("analysis.mrv.score", base, 60, 72)]
    assert seen["buttons"] == ["Merge with these choices", "Discard my edits, take the file"]
    assert window.session.data["analysis"]["mrv"]["score"] == kept
    assert window.session.data["analysis"]["market"]["score"] == 33        # merged by itself
    assert window.session.data["title"].startswith("Renamed ")             # theirs, by itself
    assert spin.value() == kept
    assert save(qtbot, window)
    saved = path.read_text(encoding="utf-8")
    assert f"score: {kept}" in saved and "score: 33" in saved and "title: Renamed " in saved


def test_discarding_my_edits_takes_the_file(qtbot, window: MainWindow, repo: Path):
    spin = window.form.cards["mrv"].fields["score"].spin
    base = spin.value()
    spin.setValue(60)
    answer_merge_dialog(qtbot, discard=True)
    path = repo / "records" / f"{ORDOS}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(f"score: {base}", "score: 72"),
                    encoding="utf-8")
    qtbot.waitUntil(lambda: spin.value() == 72, timeout=5000)
    assert not window.session.dirty


def open_review(qtbot, window: MainWindow, action: str = "verify"):
    window.actions[action].trigger()
    qtbot.waitUntil(lambda: window.review.dialog is not None and window.review.dialog.preview is not None,
                    timeout=10000)
    return window.review.dialog


def test_verify_commits_only_the_record_and_moves_to_the_next_draft(qtbot, window: MainWindow, repo: Path):
    select(qtbot, window, PARKS)
    window.form.cards["mrv"].fields["score"].spin.setValue(70)
    (repo / "unrelated.txt").write_text("not mine\n")
    dialog = open_review(qtbot, window)
    assert dialog.ok.isEnabled() and "Ready to verify" in dialog.verdict.text()
    assert any("analysis.mrv.score" in dialog.changes.topLevelItem(i).text(0)
               for i in range(dialog.changes.topLevelItemCount()))
    dialog.name.setText("Jane Auditor")
    dialog.email.setText("jane@example.org")
    dialog.note.setPlainText("Checked against the guidance.")
    with qtbot.waitSignal(window.record_loaded, timeout=15000):
        qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    assert window.session.data["id"] == ORDOS  # moved on to the next draft
    log = git(repo, "log", "-1", "--format=%an <%ae>%n%s%n%b", "--name-only")
    assert log.startswith("Jane Auditor <jane@example.org>\nVerify cn-zero-carbon-parks: ")
    assert "analysis.mrv.score: 85 → 70" in log and "Reviewed-by: Jane Auditor" in log
    assert log.strip().endswith("records/cn-zero-carbon-parks.md")
    assert "?? unrelated.txt" in git(repo, "status", "--porcelain")
    assert window.settings.value("review/name") == "Jane Auditor"


def test_verify_is_blocked_by_the_gate_with_reasons(qtbot, window: MainWindow):
    dialog = open_review(qtbot, window)
    assert not dialog.ok.isEnabled()
    reasons = [dialog.reasons.topLevelItem(i).text(0) for i in range(dialog.reasons.topLevelItemCount())]
    assert "strategic" in reasons
    dialog.reject()


def test_git_refusal_is_shown_and_edits_stay(qtbot, window: MainWindow, repo: Path):
    select(qtbot, window, PARKS)
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'policy lint failed: missing source' >&2\nexit 1\n")
    hook.chmod(0o755)
    path = repo / "records" / f"{PARKS}.md"
    window.form.cards["mrv"].fields["score"].spin.setValue(71)
    dialog = open_review(qtbot, window)
    dialog.name.setText("Jane")
    dialog.email.setText("jane@example.org")
    saved = path.read_bytes()  # the auditor's edit was saved before the review
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=15000)
    assert "policy lint failed" in dialog.error.text()
    assert path.read_bytes() == saved and b"score: 71" in saved
    assert git(repo, "log", "-1", "--format=%s").strip() == "seed"
    dialog.reject()


def test_shortcuts_are_listed_and_jump_to_pillars(qtbot, window: MainWindow):
    from reviewer.ui.dialogs.shortcuts_dialog import ShortcutsDialog
    from reviewer.ui.shortcuts import SHORTCUTS
    dialog = ShortcutsDialog(window)
    descriptions = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert descriptions == {s.description for s in SHORTCUTS.values()}
    window.activateWindow()
    window.actions["pillar_4"].trigger()
    assert window.focusWidget() is window.form.cards["mrv"].fields["score"].spin


def test_find_in_source_counts_and_steps(qtbot, window: MainWindow):
    window.actions["find"].trigger()
    window.source_view.find_edit.setText("碳达峰")
    tab = window.source_view.current_tab()
    assert len(tab.matches) == tab.source.text.count("碳达峰") == 17
    assert window.source_view.find_count.text() == "17 found"
    window.actions["find_next"].trigger()
    assert tab.current == 1 and window.source_view.find_count.text() == "2 of 17"
    line = tab.text.textCursor().block().text()
    assert "碳达峰" in line


def test_absent_pillar_can_be_added_and_the_add_undone(qtbot, window: MainWindow):
    card = window.form.cards["technical"]
    assert card.add_button.isVisible() and "not assessed" in card.badge.text()
    qtbot.mouseClick(card.add_button, Qt.LeftButton)
    dialog = window.records.add_dialog      # a score is asked for, never a made-up 0
    assert dialog is not None and not dialog.ok.isEnabled() and dialog.ok.text() == "Add pillar"
    assert "technical" not in window.session.data["analysis"]
    dialog.score.setValue(55)
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    assert card.body.isVisible() and window.session.data["analysis"]["technical"]["score"] == 55
    assert list(window.session.data["analysis"]["technical"])[0] == "score"
    window.actions["undo"].trigger()
    assert not card.body.isVisible() and "technical" not in window.session.data["analysis"]
    assert not window.session.dirty


def test_unknown_fields_are_shown_read_only_and_kept(qtbot, repo: Path, tmp_path: Path):
    path = repo / "records" / "cn-ordos-pilot-2024.md"
    path.write_text(path.read_text(encoding="utf-8").replace("scope: Sub-national\n",
                    "scope: Sub-national\nlegacyScore: 7\n"), encoding="utf-8")
    win = MainWindow(QSettings(str(tmp_path / "u.ini"), QSettings.IniFormat))
    win.show()
    with qtbot.waitSignal(win.record_loaded, timeout=10000):
        win.open_workspace(Workspace(repo), select=ORDOS)
    assert win.form.unknown_box.isVisible()
    assert win.form.unknown_view.isReadOnly() and "legacyScore: 7" in win.form.unknown_view.toPlainText()
    win.form.cards["mrv"].fields["score"].spin.setValue(60)
    assert save(qtbot, win)
    assert "legacyScore: 7\n" in path.read_text(encoding="utf-8")
    win.workers.wait(5000)
    win.close()


def test_next_and_previous_record_shortcuts(qtbot, window: MainWindow):
    with qtbot.waitSignal(window.record_loaded, timeout=10000):
        window.actions["next_record"].trigger()
    assert window.session.data["id"] == PARKS
    with qtbot.waitSignal(window.record_loaded, timeout=10000):
        window.actions["prev_record"].trigger()
    assert window.session.data["id"] == ORDOS


def test_reopen_asks_for_a_reason_and_commits(qtbot, window: MainWindow, repo: Path):
    select(qtbot, window, MIIT)
    dialog = open_review(qtbot, window, "reopen")
    dialog.name.setText("Jane")
    dialog.email.setText("jane@example.org")
    assert not dialog.ok.isEnabled()  # a reason is required
    dialog.note.setPlainText("Strategic pillar is still the migration placeholder.")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.LeftButton)
    # The file watcher may reload the draft before git has committed: wait for the dialog
    # to close, which happens only once the commit worker reported back.
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.review.dialog is None, timeout=15000)
    assert window.session.data.get("reviewStatus") == "draft"
    assert git(repo, "log", "-1", "--format=%s").startswith("Reopen cn-miit-industrial-plan-2022")
    assert '"reviewStatus": "draft"' in (repo / "records" / f"{MIIT}.md").read_text(encoding="utf-8")


def test_window_layout_is_remembered(qtbot, repo: Path, tmp_path: Path):
    ini = str(tmp_path / "layout.ini")
    first = MainWindow(QSettings(ini, QSettings.IniFormat))
    first.show()
    first.splitter.setSizes([300, 700, 500])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(QSettings(ini, QSettings.IniFormat))
    second.show()
    restored = second.splitter.sizes()
    # The window may come back at another size; the panes keep their proportions.
    assert [round(s / sum(restored), 2) for s in restored] == [round(s / sum(sizes), 2) for s in sizes]
    second.close()


def test_the_verify_dialog_names_the_drafts_notes_and_a_tick_confirms_one(qtbot, window: MainWindow):
    from PySide6.QtWidgets import QCheckBox
    assert window.session.record.record_id == ORDOS
    dialog = open_review(qtbot, window)
    box = dialog.findChild(QCheckBox, "keepNote:statutory")
    assert box is not None and dialog.drafted.isVisible() and not box.isChecked()
    assert "Strong policy-led statutory pillar." in box.text()
    statutory = [r for r in dialog.preview.plan.reasons if r.pillar == "statutory"]
    assert statutory and all("is the draft's" in r.message for r in statutory)
    first = dialog.preview
    box.click()
    qtbot.waitUntil(lambda: dialog.preview is not first, timeout=10000)
    assert dialog.preview.plan.kept_notes == frozenset({"statutory"})
    assert not [r for r in dialog.preview.plan.reasons if r.pillar == "statutory"]
    assert dialog.findChild(QCheckBox, "keepNote:statutory").isChecked()
    dialog.reject()
