"""Cut-backs of the audit trail: entries removed from its end leave a whole but shorter chain, so
each computer keeps the newest entry it saw, outside the register, and `opsdesk check` compares."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.domain.access import Access
from opsdesk.services import backups
from opsdesk.services.register_check import accept_audit_trail, check_register, compare_with_witness
from opsdesk.store import migrations
from opsdesk.store.audit_witness import WITNESS_FILE, read_witness, register_key
from opsdesk.store.database import Database
from tests.postgres import (
    drop_trigger,
    fresh_postgres_database,
    full_url,
    login_name,
    outside_opsdesk,
    recreate_trigger,
    sign_in_as,
)
from tests.store.test_audit_chain import add_risks, entries


@pytest.fixture
def server_database():
    with fresh_postgres_database() as database:
        yield database


def cut_back(database: Database, keep_through: int) -> None:
    """Delete the newest entries behind OpsDesk's back, as someone covering their tracks would:
    the append-only trigger is dropped, and put back as it was afterwards."""
    outside_opsdesk(database, drop_trigger(database, "auditentry_append_only_delete"),
                    f"DELETE FROM auditentry WHERE id > {keep_through}",
                    recreate_trigger(database, "auditentry_append_only_delete"))  # fmt: skip


def test_a_healthy_check_remembers_the_newest_entry_outside_the_register(
    database: Database, isolated_home: Path
) -> None:
    add_risks(database, "Warehouse flooding")
    newest = entries(database)[-1]

    result = check_register(database)

    assert result.ok and result.witness_problem is None
    witness = read_witness(register_key(database.url))
    assert (witness.entry_id, witness.hash) == (newest.id, newest.hash)
    stored = json.loads((isolated_home / WITNESS_FILE).read_text(encoding="utf-8"))
    assert stored[register_key(database.url)]["id"] == newest.id
    if os.name == "posix":  # Windows keeps no permission bits: the data folder's access list applies
        assert stat.S_IMODE((isolated_home / WITNESS_FILE).stat().st_mode) == 0o600


def test_entries_cut_from_the_end_are_found_although_the_chain_is_whole(database: Database) -> None:
    add_risks(database, "Warehouse flooding")
    check_register(database)
    seen = entries(database)[-1]
    add_risks(database, "Key supplier fails")  # nobody has looked since: not witnessed yet
    cut_back(database, keep_through=seen.id - 3)

    result = check_register(database)

    assert result.audit.ok  # what is left still links up
    assert not result.ok
    assert result.witness_problem.startswith(f"entry #{seen.id}, which this computer saw on ")
    assert result.witness_problem.endswith(
        "is gone: entries were deleted from the end of the audit trail, or the register was replaced by an older copy"
    )
    assert result.findings()[-2:] == [
        f"audit trail cut back: {result.witness_problem}",
        f"{database.display_name}: the audit trail was changed outside OpsDesk.",
    ]
    # The witness is kept: the next check says it again.
    assert read_witness(register_key(database.url)).entry_id == seen.id
    assert check_register(database).witness_problem == result.witness_problem


def test_accepting_the_trail_as_it_is_makes_it_the_new_witness(database: Database) -> None:
    add_risks(database, "Warehouse flooding")
    check_register(database)
    rows = entries(database)
    cut_back(database, keep_through=rows[-4].id)

    accept_audit_trail(database)

    assert read_witness(register_key(database.url)).entry_id == rows[-4].id
    assert check_register(database).ok


def test_opening_compares_only_the_witnessed_entry_and_moves_it_forward(database: Database) -> None:
    add_risks(database, "Warehouse flooding")
    assert compare_with_witness(database) is None  # first look: now witnessed
    first = read_witness(register_key(database.url))
    add_risks(database, "Key supplier fails")
    assert compare_with_witness(database) is None
    second = read_witness(register_key(database.url))
    assert second.entry_id == entries(database)[-1].id > first.entry_id

    cut_back(database, keep_through=first.entry_id)
    problem = compare_with_witness(database)
    assert problem is not None and problem.startswith(f"entry #{second.entry_id}, ")
    assert read_witness(register_key(database.url)) == second  # kept for `opsdesk check`


def test_on_a_server_everyone_who_signs_in_shares_this_computers_witness(server_database: Database) -> None:
    add_risks(server_database, "Warehouse flooding")
    viewer = sign_in_as(server_database, Access.VIEWER)
    try:
        assert register_key(viewer.url) == register_key(server_database.url)
        assert login_name(Access.VIEWER) not in register_key(viewer.url)
        assert compare_with_witness(viewer) is None  # the viewer's look witnesses the trail...
        cut_back(server_database, keep_through=entries(server_database)[-3].id)
        assert compare_with_witness(server_database) is not None  # ...for the owner's session too
    finally:
        viewer.dispose()


@pytest.mark.sqlite_only
def test_a_restore_from_an_older_backup_is_not_reported_as_a_cut_back(database: Database) -> None:
    add_risks(database, "Warehouse flooding")
    older = backups.backup_now(database)
    add_risks(database, "Key supplier fails")
    assert check_register(database).ok  # witnesses the newer entries
    database.dispose()

    backups.restore_database(database.path, older)

    assert read_witness(register_key(database.url)) is None
    assert check_register(database).ok


def test_check_command_reports_a_cut_back_and_accept_clears_it(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    add_risks(database, "Warehouse flooding")
    command = ["--db", full_url(database), "check"]
    assert main(command) == 0
    seen = entries(database)[-1]
    cut_back(database, keep_through=seen.id - 2)
    capsys.readouterr()

    assert main(command) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("audit trail intact")
    assert lines[1].startswith(f"audit trail cut back: entry #{seen.id}, which this computer saw on ")
    assert captured.err.splitlines() == [
        f"{database.display_name}: the audit trail was changed outside OpsDesk.",
        "If you know why (the register was restored from an older copy, say), accept it with: opsdesk check --accept",
    ]

    assert main([*command, "--accept"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{database.display_name}: its audit trail as it is now is accepted; later checks compare with it."
    )
    assert main(command) == 0
    assert (
        capsys.readouterr().out.splitlines()[-1]
        == f"{database.display_name}: healthy (schema {migrations.head_revision()})."
    )


def test_accept_does_not_cover_a_broken_chain(database: Database, capsys: pytest.CaptureFixture[str]) -> None:
    add_risks(database, "Warehouse flooding", "Key supplier fails")
    command = ["--db", full_url(database), "check"]
    assert main(command) == 0
    rows = entries(database)
    outside_opsdesk(database, drop_trigger(database, "auditentry_append_only_delete"),
                    f"DELETE FROM auditentry WHERE id = {rows[3].id}")  # fmt: skip

    assert main([*command, "--accept"]) == 1
    assert "audit trail altered at entry" in capsys.readouterr().out
