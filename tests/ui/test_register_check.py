"""File > Check register, and the warning when a register's audit trail is shorter than this computer saw."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from opsdesk.services.register_check import check_register
from opsdesk.store import migrations
from opsdesk.store.audit_witness import read_witness, register_key
from tests.store.test_audit_chain import entries
from tests.store.test_audit_witness import cut_back


def test_check_register_runs_in_the_background_and_reports_a_healthy_register(
    qtbot, main_window, answer_messages
) -> None:
    main_window.check_action.trigger()
    assert not main_window.check_action.isEnabled()  # one check at a time
    qtbot.waitUntil(lambda: bool(answer_messages.shown), timeout=20_000)
    kind, title, text = answer_messages.shown[0]
    assert (kind, title) == ("info", "Register checked")
    entries_line, summary = text.splitlines()
    assert entries_line.startswith("audit trail intact (") and entries_line.endswith(" entries)")
    database = main_window.context.database
    assert summary == f"{database.display_name}: healthy (schema {migrations.head_revision()})."
    assert main_window.check_action.isEnabled()


def test_a_cut_back_trail_is_named_when_the_register_opens_and_by_check(
    qtbot, main_window, answer_messages
) -> None:
    database = main_window.context.database
    assert main_window.look_for_cut_back_history() is False  # the first look witnesses the trail
    seen = read_witness(register_key(database.url))
    cut_back(database, keep_through=seen.entry_id - 5)

    # Opened again (here: the same register through File > Open recent).
    assert main_window.switch_database(str(database.path))
    kind, title, text = answer_messages.shown[-1]
    assert (kind, title) == ("warning", "Audit trail shorter than before")
    assert text.startswith(f"In {database.path}, entry #{seen.entry_id}, which this computer saw on ")
    assert "history was removed outside OpsDesk" in text
    # Not accepted: the witness stays, and the full check says it too.
    assert read_witness(register_key(database.url)) == seen
    main_window.check_action.trigger()
    qtbot.waitUntil(lambda: answer_messages.shown[-1][0] == "error", timeout=20_000)
    kind, title, text = answer_messages.shown[-1]
    assert title == "Problems found"
    assert f"audit trail cut back: entry #{seen.entry_id}, which this computer saw on " in text
    assert text.endswith("the audit trail was changed outside OpsDesk.")


def test_accepting_the_shorter_trail_stops_the_warning(qtbot, main_window, answer_messages) -> None:
    database = main_window.context.database
    main_window.look_for_cut_back_history()
    keep = entries(database)[-6].id
    cut_back(database, keep_through=keep)
    answer_messages.answers["accept_warning"] = True

    assert main_window.look_for_cut_back_history() is True
    assert read_witness(register_key(database.url)).entry_id == keep
    assert main_window.look_for_cut_back_history() is False
    assert check_register(main_window.context.database).ok


def test_the_warning_box_defaults_to_keeping_the_warning(qtbot, main_window, monkeypatch) -> None:
    database = main_window.context.database
    main_window.look_for_cut_back_history()
    seen = read_witness(register_key(database.url))
    cut_back(database, keep_through=seen.entry_id - 5)
    shown: list[QMessageBox] = []

    def press_enter(box: QMessageBox) -> int:
        shown.append(box)
        box.show()
        qtbot.waitExposed(box)
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", press_enter)
    assert main_window.look_for_cut_back_history() is True
    box = shown[0]
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.defaultButton().text() == "Keep the warning"
    assert sorted(button.text() for button in box.buttons()) == ["Accept this history", "Keep the warning"]
    assert read_witness(register_key(database.url)) == seen
