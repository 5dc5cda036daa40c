"""Two OpsDesk processes on one register (a SQLite file, or a PostgreSQL database): both save, codes stay unique, the same record gives a conflict."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from sqlmodel import func, select

from opsdesk.domain.errors import ConflictError
from opsdesk.services import common, risks, settings
from opsdesk.store import database as store_database
from opsdesk.store.audit_chain import verify_audit_chain
from opsdesk.store.database import BusyDatabaseError, Database, open_database
from opsdesk.store.models import AuditEntry, Risk
from opsdesk.store.server_audit import HEAD_TABLE
from tests.postgres import full_url

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 3, 16)
PER_WRITER = 50

WRITER = """
    import sys
    from datetime import date
    from opsdesk.services import risks, settings
    from opsdesk.store.database import open_database

    database = open_database({db!r}, user={user!r})
    with database.session() as session:
        data = dict(
            category_id=settings.category_id(session=session, code_or_name="operational"),
            department_id=settings.department_id(session=session, name="Operations"),
            identified_on=date(2026, 1, 5),
        )
    print("ready", flush=True)
    sys.stdin.readline()  # both writers start together
    for number in range(1, {count} + 1):
        with database.{session}() as session:
            created = risks.create_risk(
                session=session, data=risks.RiskInput(title=f"{user} risk {{number}}", **data),
                today=date(2026, 3, 16),
            )
        print(created.code, flush=True)
    database.dispose()
"""


def child_env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(tmp_path / "home")}


def start(tmp_path: Path, script: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=child_env(tmp_path), cwd=tmp_path,
    )  # fmt: skip


def risk_input(session, **changes) -> risks.RiskInput:
    values = dict(
        title="Warehouse flooding",
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 1, 5),
        owner="Mia Chen",
    )
    values.update(changes)
    return risks.RiskInput(**values)


@pytest.mark.parametrize("session_kind", ["session", "write_session"])
def test_two_processes_create_risks_at_the_same_time(
    database: Database, tmp_path: Path, session_kind: str
) -> None:
    db = full_url(database)
    writers = [
        start(tmp_path, WRITER.format(db=db, user=user, count=PER_WRITER, session=session_kind))
        for user in ("anna", "ben")
    ]
    try:
        for writer in writers:
            assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        for writer in writers:
            writer.stdin.write("go\n")
            writer.stdin.flush()
        outputs = [writer.communicate(timeout=300) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()

    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err and "busy" not in err
        assert err == ""
    codes = [code for out, _ in outputs for code in out.split()]
    assert len(codes) == 2 * PER_WRITER
    assert sorted(codes) == [f"R-{n:04d}" for n in range(1, 2 * PER_WRITER + 1)]
    with database.session() as session:
        stored = session.exec(select(Risk.code, Risk.title)).all()
        assert len(stored) == 2 * PER_WRITER
        titles = {title for _, title in stored}
        assert {f"anna risk {n}" for n in range(1, PER_WRITER + 1)} <= titles
        assert {f"ben risk {n}" for n in range(1, PER_WRITER + 1)} <= titles
        # Both writers appended to one unbroken hash chain.
        check = verify_audit_chain(session)
        assert (check.ok, check.first_bad_id) == (True, None)
        assert check.entries == session.exec(select(func.count()).select_from(AuditEntry)).one()
        users = set(session.exec(select(AuditEntry.user).where(AuditEntry.entity == "risk")).all())
        # A server records the login that saved (both writers signed in as the same one here).
        assert users == ({make_url(db).username} if database.is_server else {"anna", "ben"})


EDITOR = """
    import sys
    from datetime import date
    from opsdesk.domain.errors import ConflictError
    from opsdesk.services import risks
    from opsdesk.store.database import open_database

    database = open_database({db!r}, user="anna")
    with database.session() as session:
        opened = risks.get_risk(session=session, risk_id={risk_id}, today=date(2026, 3, 16))
    print("opened", opened.version, flush=True)
    sys.stdin.readline()  # the other process saves now
    data = risks.RiskInput(
        title="Anna's title", category_id=opened.category_id, department_id=opened.department_id,
        identified_on=opened.identified_on, owner=opened.owner,
    )
    try:
        with database.session() as session:
            risks.update_risk(session=session, risk_id={risk_id}, data=data, expected_version=opened.version,
                              today=date(2026, 3, 16))
        print("saved")
    except ConflictError as exc:
        print("conflict:", exc)
    database.dispose()
"""


def test_the_same_risk_edited_in_two_processes_gives_the_second_a_conflict(
    database: Database, tmp_path: Path
) -> None:
    with database.session() as session:
        created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)
    editor = start(tmp_path, EDITOR.format(db=full_url(database), risk_id=created.id))
    try:
        assert editor.stdout.readline().split() == ["opened", str(created.version)]
        # Ben, in this process with its own engine, saves first.
        other = open_database(full_url(database), user="ben")
        try:
            with other.session() as session:
                risks.update_risk(session=session, risk_id=created.id, data=risk_input(session, owner="Ben Ode"),
                                  expected_version=created.version, today=TODAY)  # fmt: skip
        finally:
            other.dispose()
        out, err = editor.communicate("go\n", timeout=120)
    finally:
        if editor.poll() is None:
            editor.kill()

    assert editor.returncode == 0, err
    assert out == (
        f"conflict: This risk was changed by someone else since you opened it (version {created.version}, "
        f"now {created.version + 1}). Your input is kept; reload to see their change.\n"
    )
    with database.session() as session:
        stored = session.get(Risk, created.id)
        # Ben's change stands; Anna's title was not written over it.
        assert (stored.title, stored.owner, stored.version) == (
            "Warehouse flooding",
            "Ben Ode",
            created.version + 1,
        )
        titles = session.exec(
            select(AuditEntry.new_value).where(AuditEntry.entity == "risk", AuditEntry.field == "title")
        ).all()
        assert titles == []


def test_a_stale_copy_in_another_engine_is_refused_at_commit(database: Database) -> None:
    with database.session() as session:
        created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)
    other = open_database(full_url(database), user="ben")
    try:
        with database.session() as mine:
            stale = mine.get(Risk, created.id)
            with other.session() as theirs:
                fresh = theirs.get(Risk, created.id)
                fresh.owner = "Ben Ode"
                theirs.commit()
            stale.title = "Anna's title"
            with pytest.raises(ConflictError) as caught:
                common.flush(mine, "risk")
    finally:
        other.dispose()
    assert str(caught.value) == (
        "This risk was changed by someone else since you opened it. Your changes were not saved; reload to see theirs."
    )
    with database.session() as session:
        stored = session.get(Risk, created.id)
        assert (stored.title, stored.owner) == ("Warehouse flooding", "Ben Ode")


class WriteLockHolder:
    """Another OpsDesk in the middle of a save: SQLite's write lock, or the server's audit chain head."""

    def __init__(self, database: Database) -> None:
        self.database = database
        if database.is_server:
            self.engine = create_engine(full_url(database), poolclass=NullPool)
            self.connection = self.engine.connect()
        else:
            self.connection = sqlite3.connect(str(database.path), isolation_level=None)

    def hold(self) -> None:
        if self.database.is_server:
            # The audit chain's head row, as the server's audit function locks it for a save.
            self.connection.exec_driver_sql(f"SELECT last_hash FROM {HEAD_TABLE} WHERE id = 1 FOR UPDATE")
        else:
            self.connection.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.database.is_server:
            self.connection.rollback()
        else:
            self.connection.execute("ROLLBACK")

    def close(self) -> None:
        self.connection.close()
        if self.database.is_server:
            self.engine.dispose()


def test_a_write_lock_held_past_the_busy_timeout_is_a_clear_message(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with database.session() as session:
        before = session.exec(select(func.count()).select_from(AuditEntry)).one()
    monkeypatch.setattr(store_database, "BUSY_TIMEOUT_MS", 50)
    impatient = open_database(full_url(database), user="anna")
    holder = WriteLockHolder(database)
    try:
        holder.hold()
        with impatient.session() as session:
            with pytest.raises(BusyDatabaseError) as caught:
                risks.create_risk(session=session, data=risk_input(session), today=TODAY)
        holder.release()
        assert str(caught.value) == "The register is busy (another OpsDesk is saving); try again."
        # Once the other save is over, the same save goes through.
        with impatient.session() as session:
            assert risks.create_risk(session=session, data=risk_input(session), today=TODAY).code == "R-0001"
    finally:
        holder.close()
        impatient.dispose()
    with database.session() as session:
        assert session.exec(select(func.count()).select_from(Risk)).one() == 1
        assert session.exec(select(func.count()).select_from(AuditEntry)).one() > before


@pytest.mark.sqlite_only
def test_write_sessions_begin_immediate_and_plain_sessions_do_not_lock_for_reading(
    database: Database,
) -> None:
    path = database.path
    probe = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        with database.write_session() as session:
            session.exec(select(Risk)).all()
            # The write lock is held from the first read on.
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                probe.execute("BEGIN IMMEDIATE")
        with database.session() as session:
            session.exec(select(Risk)).all()
            probe.execute("BEGIN IMMEDIATE")  # a reader holds no lock another writer waits for
            probe.execute("ROLLBACK")
    finally:
        probe.close()
