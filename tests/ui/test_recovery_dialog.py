"""Restore from backup, recovery of a damaged register, the read-only banner, a newer schema at start."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from opsdesk.services import backups, risks, settings
from opsdesk.store import migrations
from opsdesk.store.backup import backup_folder, backup_sqlite, list_backups
from opsdesk.store.database import DamagedDatabaseError, open_database
from opsdesk.ui.dialogs import recovery
from opsdesk.ui.dialogs.recovery import RecoveryDialog, RestoreDialog


def stamped(database_path: Path, reason: str, when: datetime) -> Path:
    target = backup_folder(database_path) / f"{database_path.stem}-{reason}-{when:%Y%m%d-%H%M%S-%f}.db"
    return backup_sqlite(database_path, target)


def garble(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(2 * 4096)
        handle.write(random.Random(8).randbytes(4 * 4096))  # the same bytes every run


def risk_count(path: Path) -> int:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM risk").fetchone()[0]
    finally:
        connection.close()


def add_risk(database, title: str) -> None:
    with database.session() as session:
        risks.create_risk(
            session=session,
            data=risks.RiskInput(
                title=title,
                category_id=settings.category_id(session=session, code_or_name="operational"),
                department_id=settings.department_id(session=session, name="Operations"),
                identified_on=date(2026, 1, 5),
            ),
        )


@pytest.fixture(autouse=True)
def fresh_run() -> None:
    backups.forget_automatic_backups()


def test_restore_dialog_lists_backups_newest_first_and_returns_the_chosen_one(qtbot, demo_database) -> None:
    path = demo_database.path
    older = stamped(path, "auto", datetime(2026, 3, 1, 9, 0))
    newer = stamped(path, "backup", datetime(2026, 3, 2, 17, 30))
    dialog = RestoreDialog(path)
    qtbot.addWidget(dialog)
    dialog.resize(760, 420)
    dialog.show()
    qtbot.waitExposed(dialog)

    rows = dialog.model.rows()
    assert [r.path for r in rows] == [newer, older]
    assert [dialog.model.index(0, c).data() for c in range(4)] == [
        "2026-03-02 17:30:00",
        "on request",
        f"{round(newer.stat().st_size / 1024)} KB",
        newer.name,
    ]
    assert dialog.empty_label.isHidden()

    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == older


def test_restore_dialog_without_backups_offers_a_file(qtbot, demo_database, monkeypatch, tmp_path) -> None:
    elsewhere = tmp_path / "usb" / "copy.db"
    elsewhere.parent.mkdir()
    backup_sqlite(demo_database.path, elsewhere)
    monkeypatch.setattr(recovery, "_pick_backup_file", lambda parent, folder: str(elsewhere))
    dialog = RestoreDialog(demo_database.path)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()
    assert not dialog.empty_label.isHidden()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen == elsewhere


def test_file_restore_from_backup_replaces_and_reopens_the_register(
    main_window, demo_database, answer_messages, monkeypatch, qtbot
) -> None:
    path = demo_database.path
    copy = backups.backup_now(demo_database)
    before = risk_count(path)
    add_risk(main_window.context.database, "Added after the backup")
    assert risk_count(path) == before + 1
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, database_path: copy))
    old_database = main_window.context.database

    with qtbot.waitSignal(main_window.context.databaseChanged):
        assert main_window.restore_from_backup()

    assert main_window.context.database is not old_database
    assert main_window.context.database.path == path
    assert risk_count(path) == before
    safety = [info for info in list_backups(path) if info.reason == "before-restore"]
    assert len(safety) == 1 and risk_count(safety[0].path) == before + 1
    kinds = [(kind, title) for kind, title, _ in answer_messages.shown]
    assert kinds == [("confirm", "Restore from backup"), ("info", "Register restored")]
    assert str(safety[0].path) in answer_messages.shown[1][2]


def test_file_restore_cancelled_at_the_confirmation_changes_nothing(
    main_window, demo_database, answer_messages, monkeypatch
) -> None:
    copy = backups.backup_now(demo_database)
    add_risk(main_window.context.database, "Kept")
    before = risk_count(demo_database.path)
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, database_path: copy))
    answer_messages.answers["confirm"] = False
    assert not main_window.restore_from_backup()
    assert risk_count(demo_database.path) == before
    assert [info.reason for info in list_backups(demo_database.path)] == ["backup"]


def test_recovery_dialog_explains_and_offers_the_newest_good_backup(qtbot, demo_database) -> None:
    path = demo_database.path
    good = stamped(path, "auto", datetime(2026, 3, 1, 9, 0))
    demo_database.dispose()
    garble(path)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(path)
    newest = backups.newest_good_backup(path)
    dialog = RecoveryDialog(caught.value, newest)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    assert f"{path} is damaged" in dialog.problem_label.text()
    assert "2026-03-01 09:00" in dialog.offer_label.text()
    assert dialog.restore_button.isEnabled() and dialog.quit_button.text() == "Quit"
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen == good


def test_recovery_dialog_without_backup_only_offers_another_file_or_quit(qtbot, tmp_path) -> None:
    path = tmp_path / "register.db"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(9).randbytes(8192))
    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(path)
    dialog = RecoveryDialog(caught.value, None, at_start=False)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert dialog.quit_button.text() == "Cancel"
    assert "No good backup" in dialog.offer_label.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen is None and dialog.result() == dialog.DialogCode.Rejected


def test_opening_a_damaged_register_restores_the_chosen_backup_and_keeps_the_broken_file(
    main_window, demo_database, tmp_path, answer_messages, monkeypatch, qtbot
) -> None:
    other = tmp_path / "other" / "register.db"
    other.parent.mkdir()
    backup_sqlite(demo_database.path, other)
    good = stamped(other, "auto", datetime(2026, 3, 1, 9, 0))
    garble(other)
    broken = other.read_bytes()
    asked = []
    monkeypatch.setattr(
        RecoveryDialog, "ask",
        classmethod(lambda cls, parent, error, at_start=True: asked.append((error.path, at_start)) or good),
    )  # fmt: skip

    with qtbot.waitSignal(main_window.context.databaseChanged):
        assert main_window.switch_database(str(other))

    assert asked == [(other, False)]
    assert main_window.context.database.path == other
    aside = [p for p in other.parent.iterdir() if p.name.startswith("register.db.broken-") and p.suffix != ""]
    kept = [p for p in aside if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == broken
    assert risk_count(other) == risk_count(demo_database.path)
    assert answer_messages.shown[0][:2] == ("info", "Register restored")


def test_a_newer_schema_at_start_is_refused_naming_both_versions(tmp_path, answer_messages) -> None:
    from opsdesk.ui.app import run_gui

    path = tmp_path / "future.db"
    database = open_database(path)
    database.dispose()
    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()

    assert run_gui(str(path)) == 1

    assert answer_messages.shown == [(
        "error", "OpsDesk",
        f"This database has schema version 9999, newer than this OpsDesk (schema {migrations.head_revision()}). "
        "Open it with a newer OpsDesk.",
    )]  # fmt: skip


def test_a_read_only_register_shows_the_yellow_banner(qtbot, make_context, demo_database) -> None:
    from opsdesk.ui.main_window import MainWindow

    path = demo_database.path
    demo_database.dispose()
    read_only = open_database(path, user="tester", read_only=True)
    window = MainWindow(make_context(read_only))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)

    banner = window.read_only_banner
    assert banner.isVisible()
    assert banner.text() == (
        "This register is read-only: opened read-only on request. You can look at everything, but nothing can be saved."
    )
    assert banner.mapTo(window, banner.rect().topLeft()).y() <= window.menuBar().height() + 2  # at the top
    read_only.dispose()


def test_the_banner_is_hidden_for_a_writable_register(main_window) -> None:
    assert main_window.read_only_banner.isHidden()


def test_the_automatic_backup_is_taken_once_when_the_window_opens(qtbot, demo_database) -> None:
    from opsdesk.ui.app import build_main_window

    window = build_main_window(demo_database)
    qtbot.addWidget(window)
    # Taken on a worker: the window does not wait for the copy, the status bar says where it went.
    qtbot.waitUntil(
        lambda: "Automatic backup written to" in window.statusBar().currentMessage(), timeout=30_000
    )
    assert [info.reason for info in list_backups(demo_database.path)] == ["auto"]
    window.statusBar().clearMessage()
    window.take_automatic_backup()  # once per app start: this one copies nothing
    assert QThreadPool.globalInstance().waitForDone(30_000)
    QApplication.processEvents()  # its report
    assert window.statusBar().currentMessage() == ""
    assert len(list_backups(demo_database.path)) == 1
