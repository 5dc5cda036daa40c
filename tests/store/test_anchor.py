"""An anchor outside the file: a report prints the audit chain's newest entry, and
`opsdesk check --against REPORT.xlsx` proves history up to it unchanged, even when someone who
could write the SQLite file rebuilt the whole (unkeyed) chain."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from opsdesk.cli import main
from opsdesk.store import migrations
from opsdesk.store.audit_chain import GENESIS, anchor_text, entry_hash, find_anchor, verify_audit_chain
from opsdesk.store.database import Database
from opsdesk.store.guards import sqlite_triggers
from tests.postgres import full_url
from tests.store.test_audit_chain import add_risks, entries

HASH = "3d329f28374c3039a1dbdc5cc40e5fb8022faeb418fb33ca286c8f198f6784dd"


def test_the_anchor_line_is_made_and_found_in_one_place() -> None:
    line = anchor_text(1234, HASH)
    assert line == f"History up to entry #1234, hash {HASH}"
    assert find_anchor(line) == (1234, HASH)
    assert find_anchor(f"Audit trail\n{line}\nPrinted 2026-04-01") == (1234, HASH)
    assert find_anchor("History up to entry #12, hash " + "A" * 64) is None  # the app writes lower-case hex
    assert find_anchor("History up to entry #12, hash abc") is None
    assert find_anchor("") is None


def write_report(path: Path, line: str) -> Path:
    """A closed quarter's workbook as the export will print it: the anchor on the summary sheet."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Summary"
    summary["A1"] = "Quarterly risk report 2026-Q1"
    summary["A40"] = line
    workbook.create_sheet("Risk register")["B3"] = "R-0001"
    workbook.save(path)
    return path


def test_check_against_a_report_confirms_history_up_to_its_anchor(database: Database, tmp_path: Path,
                                                                  capsys) -> None:  # fmt: skip
    add_risks(database, "Warehouse flooding")
    newest = entries(database)[-1]
    report = write_report(tmp_path / "report-2026-Q1.xlsx", anchor_text(newest.id, newest.hash))
    add_risks(database, "Key supplier fails")  # history after the anchor grows freely

    assert main(["--db", full_url(database), "check", "--against", str(report)]) == 0

    out = capsys.readouterr().out.splitlines()
    assert f"anchor in report-2026-Q1.xlsx: history up to entry #{newest.id} is unchanged" in out
    assert out[-1].endswith(f"healthy (schema {migrations.head_revision()}).")


def rebuild_chain(path: Path, change: str) -> None:
    """Rewrite an entry and re-seal the whole chain, as anyone who can write the file and read
    OpsDesk's source can: the append-only triggers are dropped and put back afterwards."""
    connection = sqlite3.connect(str(path))
    connection.execute("DROP TRIGGER auditentry_append_only_update")
    connection.execute(change)
    columns = ("id", "entity", "entity_id", "action", "field", "old_value", "new_value", "user", "at")
    previous = GENESIS
    for row in connection.execute(f"SELECT {', '.join(columns)} FROM auditentry ORDER BY id").fetchall():
        entry = dict(zip(columns, row, strict=True))
        sealed = entry_hash(previous, entry)
        connection.execute(
            "UPDATE auditentry SET prev_hash = ?, hash = ? WHERE id = ?", (previous, sealed, entry["id"])
        )
        previous = sealed
    connection.execute(next(t.sql for t in sqlite_triggers() if t.name == "auditentry_append_only_update"))
    connection.commit()
    connection.close()


@pytest.mark.sqlite_only
def test_a_rebuilt_chain_passes_the_chain_check_but_not_the_printed_anchor(database: Database, tmp_path: Path,
                                                                            capsys) -> None:  # fmt: skip
    add_risks(database, "Warehouse flooding", "Key supplier fails")
    rows = entries(database)
    anchored = rows[-1]
    report = write_report(tmp_path / "report.xlsx", anchor_text(anchored.id, anchored.hash))
    target = next(r for r in rows if r.entity == "risk" and r.action == "create")
    path = database.path
    database.dispose()

    rebuild_chain(path, f"UPDATE auditentry SET user = 'someone else' WHERE id = {target.id}")

    with database.session() as session:
        assert verify_audit_chain(session).ok  # the chain alone cannot tell: it is whole again
    capsys.readouterr()
    assert main(["--db", str(path), "check"]) == 0
    capsys.readouterr()
    assert main(["--db", str(path), "check", "--against", str(report)]) == 1
    captured = capsys.readouterr()
    assert (f"anchor in report.xlsx: entry #{anchored.id} no longer has the hash printed in the report: history "
            "up to it was rewritten") in captured.out.splitlines()  # fmt: skip
    assert captured.err == f"{path}: the audit trail was changed outside OpsDesk.\n"


def test_an_anchor_beyond_the_trail_means_it_was_cut_back(database: Database, tmp_path: Path, capsys) -> None:
    add_risks(database, "Warehouse flooding")
    report = write_report(tmp_path / "report.xlsx", anchor_text(entries(database)[-1].id + 50, HASH))

    assert main(["--db", full_url(database), "check", "--against", str(report)]) == 1
    assert any(line.startswith(f"anchor in report.xlsx: entry #{entries(database)[-1].id + 50} is gone")
               for line in capsys.readouterr().out.splitlines())  # fmt: skip


def test_a_report_without_an_anchor_is_one_clear_line(database: Database, tmp_path: Path, capsys) -> None:
    report = write_report(tmp_path / "old-report.xlsx", "Printed before reports carried an anchor")

    assert main(["--db", full_url(database), "check", "--against", str(report)]) == 1
    assert capsys.readouterr().err == (
        f'opsdesk: error: {report} holds no audit anchor (a line "History up to entry #N, hash ..." '
        "in a closed quarter's report).\n"
    )
