"""Team mode holds against its own users: each test re-runs a finding of issue #12 with psql's
means (plain SQL as the same login, no OpsDesk code in between) on the real PostgreSQL server."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.pool import NullPool
from sqlmodel import select

from opsdesk import cli
from opsdesk.domain.access import Access
from opsdesk.domain.errors import DatabaseError, ValidationError
from opsdesk.services import kris, risks, settings, team
from opsdesk.services.register_check import check_register
from opsdesk.store import database as store_database
from opsdesk.store.audit_chain import GENESIS, entry_hash, verify_audit_chain
from opsdesk.store.database import BusyDatabaseError, Database, open_database
from opsdesk.store.models import AuditEntry
from opsdesk.store.server_roles import group_roles, init_roles
from tests.postgres import (
    TEST_PASSWORD,
    admin_connection,
    database_url,
    drop_database,
    ensure_login,
    fresh_postgres_database,
    full_url,
    login_name,
    outside_opsdesk,
    sign_in_as,
)
from tests.services.test_team import risk_input

TODAY = date(2026, 3, 16)


@pytest.fixture
def register() -> Iterator[Database]:
    """A server register with one risk and one KRI, opened by its owner."""
    with fresh_postgres_database() as database:
        with database.session() as session:
            risks.create_risk(session=session, data=risk_input(session), today=TODAY)
            kris.create_kri(session=session, data=kris.KriInput(
                name="Late deliveries", department_id=settings.department_id(session=session, name="Operations"),
                warning=5, alarm=10,
            ))  # fmt: skip
        yield database


def as_login(database: Database, name: str) -> str:
    return (
        make_url(database.url)
        .set(username=name, password=TEST_PASSWORD)
        .render_as_string(hide_password=False)
    )


def sql_as(url: str, *statements: str) -> None:
    """Statements sent straight to the server in one transaction, as psql would send them."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def refused(url: str, statement: str) -> str:
    """The SQLSTATE the server answers a statement with (it must refuse it)."""
    with pytest.raises(DBAPIError) as caught:
        sql_as(url, statement)
    return caught.value.orig.sqlstate


def trail(database: Database, after: int = 0) -> list[AuditEntry]:
    with database.session() as session:
        return list(session.exec(select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id)))


def newest_id(database: Database) -> int:
    rows = trail(database)
    return rows[-1].id if rows else 0


# 1. The server writes the audit trail ---------------------------------------------------------


def test_an_editors_direct_update_is_in_the_trail_under_the_editors_login(register: Database) -> None:
    sign_in_as(register, Access.EDITOR).dispose()
    mark = newest_id(register)
    # Tricky text on purpose: the server's canonical JSON must match the app's byte for byte.
    title = 'Flood "north" \\ 倉庫\n\t\x01 ☔'
    sql_as(
        as_login(register, login_name(Access.EDITOR)),
        f"UPDATE risk SET title = '{title.replace(chr(39), chr(39) * 2)}', owner = 'Tom Baker' WHERE code = 'R-0001'",
    )
    entries = trail(register, mark)
    assert [(e.entity, e.action, e.field, e.old_value, e.new_value, e.user) for e in entries] == [
        ("risk", "update", "title", "Warehouse flooding", title, login_name(Access.EDITOR)),
        ("risk", "update", "owner", "Mia Chen", "Tom Baker", login_name(Access.EDITOR)),
    ]
    with register.session() as session:
        check = verify_audit_chain(session)
    assert check.ok and check.entries == newest_id(register)
    assert check_register(register).ok


def test_values_are_written_as_the_app_writes_them(register: Database) -> None:
    sign_in_as(register, Access.EDITOR).dispose()
    mark = newest_id(register)
    sql_as(as_login(register, login_name(Access.EDITOR)),
           "UPDATE kri SET warning = 6, archived = true WHERE name = 'Late deliveries'",
           "UPDATE risk SET next_review = '2026-05-01' WHERE code = 'R-0001'")  # fmt: skip
    assert [(e.action, e.field, e.old_value, e.new_value) for e in trail(register, mark)] == [
        ("update", "warning", "5.0", "6.0"),
        ("archive", "archived", "False", "True"),
        ("update", "next_review", "2026-04-05", "2026-05-01"),
    ]


@pytest.mark.parametrize("access", [Access.VIEWER, Access.EDITOR, Access.ADMIN])
def test_a_forged_entry_is_refused_for_every_role(register: Database, access: Access) -> None:
    sign_in_as(register, access).dispose()
    newest = trail(register)[-1]
    forged = dict(entity="risk", entity_id="1", action="update", field="owner", old_value="Mia Chen",
                  new_value="Nobody", user="mia.chen", at=newest.at)  # fmt: skip
    sealed = entry_hash(newest.hash, forged)
    statement = (
        'INSERT INTO auditentry (id, entity, entity_id, action, field, old_value, new_value, "user", at, prev_hash, hash) '
        f"VALUES (1000000, 'risk', '1', 'update', 'owner', 'Mia Chen', 'Nobody', 'mia.chen', '{newest.at.isoformat()}', "
        f"'{newest.hash}', '{sealed}')"
    )
    assert refused(as_login(register, login_name(access)), statement) == "42501"
    assert trail(register)[-1].id == newest.id


def test_insert_only_history_cannot_be_rewritten(register: Database) -> None:
    editor = sign_in_as(register, Access.EDITOR)
    with editor.session() as session:
        kris.record_reading(session=session, kri_id=1, data=kris.ReadingInput(TODAY, 7.0), today=TODAY)
    editor.dispose()
    url = as_login(register, login_name(Access.EDITOR))
    for statement in ("UPDATE krireading SET value = 1", "UPDATE assessment SET likelihood = 1",
                      "UPDATE riskacceptance SET approver = 'x'", "DELETE FROM krireading"):  # fmt: skip
        assert refused(url, statement) == "42501"
    # Not even the owner rewrites history: a trigger refuses it.
    with pytest.raises(IntegrityError, match="krireading rows are never changed once written"):
        outside_opsdesk(register, "UPDATE krireading SET value = 1")


# 2. Roles belong to one register --------------------------------------------------------------


@contextmanager
def second_register() -> Iterator[Database]:
    with fresh_postgres_database() as other:
        yield other


def test_a_viewer_of_one_register_cannot_open_another(register: Database) -> None:
    viewer = sign_in_as(register, Access.VIEWER)
    viewer.dispose()
    with second_register() as other:
        with other.engine.begin() as connection:
            init_roles(connection)  # B is a team register too: PUBLIC no longer connects
        with pytest.raises(DatabaseError) as caught:
            open_database(as_login(other, login_name(Access.VIEWER)))
        assert str(caught.value) == (
            f"The server does not let {login_name(Access.VIEWER)} open the register {make_url(other.url).database}: "
            "that login is not one of its people. Ask the register's administrator to add you (opsdesk admin add-user)."
        )


def test_an_editor_of_one_register_cannot_write_another(register: Database) -> None:
    sign_in_as(register, Access.EDITOR).dispose()
    with second_register() as other:
        # B was prepared before this change: its tables are open to no one but its groups.
        with other.engine.begin() as connection:
            init_roles(connection)
            connection.exec_driver_sql(
                f'GRANT CONNECT ON DATABASE "{make_url(other.url).database}" TO PUBLIC'
            )
        url = as_login(other, login_name(Access.EDITOR))
        assert refused(url, "UPDATE risk SET title = 'x'") == "42501"
        assert refused(url, "SELECT count(*) FROM risk") == "42501"


def make_owner(name: str) -> None:
    """A login that may create roles and owns a database: what another team's owner has."""
    ensure_login(name)
    with admin_connection() as connection:
        connection.exec_driver_sql(f'ALTER ROLE "{name}" NOSUPERUSER CREATEROLE')


@contextmanager
def register_owned_by(owner: str) -> Iterator[Database]:
    name = f"opsdesk_test_{owner}_{os.getpid()}"
    with admin_connection() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" OWNER "{owner}"')
    url = (
        make_url(database_url(name))
        .set(username=owner, password=TEST_PASSWORD)
        .render_as_string(hide_password=False)
    )
    database = open_database(url)
    try:
        with database.session() as session:
            settings.ensure_defaults(session=session)
        team.prepare_roles(database)
        yield database
    finally:
        database.dispose()
        drop_database(name)


@pytest.fixture
def two_owners() -> Iterator[tuple[Database, Database]]:
    make_owner("opsdesk_test_alice")
    make_owner("opsdesk_test_mallory")
    try:
        with (
            register_owned_by("opsdesk_test_alice") as ours,
            register_owned_by("opsdesk_test_mallory") as theirs,
        ):
            yield ours, theirs
    finally:
        with admin_connection() as connection:
            for name in ("opsdesk_test_alice", "opsdesk_test_mallory", "opsdesk_test_ann"):
                connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{name}"')


def add_user(
    database: Database, name: str, role: str, monkeypatch, capsys, *, password: str = "Sesame-42"
) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    code = cli.main(
        ["--db", full_url(database), "admin", "add-user", name, "--role", role, "--password-stdin"]
    )
    return code, capsys.readouterr().err


def test_another_registers_owner_cannot_take_over_our_people(two_owners, monkeypatch, capsys) -> None:
    ours, theirs = two_owners
    assert add_user(ours, "opsdesk_test_ann", "editor", monkeypatch, capsys)[0] == 0  # ann is one of ours
    # Mallory, owner of another register on the same server, tries to re-password our owner and ann.
    code, err = add_user(theirs, "opsdesk_test_alice", "admin", monkeypatch, capsys, password="taken-over")
    assert code == 1
    assert err == ("opsdesk: error: opsdesk_test_alice owns a database on this server; an owner is not added "
                   "as a person of a register. Nothing was changed.\n")  # fmt: skip
    code, err = add_user(theirs, "opsdesk_test_ann", "admin", monkeypatch, capsys, password="taken-over")
    assert code == 1
    ann_group = group_roles(make_url(ours.url).database)[Access.EDITOR]
    assert (
        err
        == f"opsdesk: error: opsdesk_test_ann belongs to another register ({ann_group}). Nothing was changed.\n"
    )
    # Both still sign in with their own passwords, and ann is still only ours.
    open_database(as_login(ours, "opsdesk_test_alice")).dispose()
    ann = open_database(make_url(ours.url).set(username="opsdesk_test_ann", password="Sesame-42")
                        .render_as_string(hide_password=False))  # fmt: skip
    assert ann.access is Access.EDITOR
    ann.dispose()
    # Nor can she add anyone to our register: she may not even connect to it.
    with pytest.raises(DatabaseError, match="does not let opsdesk_test_mallory open the register"):
        open_database(make_url(ours.url).set(username="opsdesk_test_mallory", password=TEST_PASSWORD)
                      .render_as_string(hide_password=False))  # fmt: skip


def test_a_superuser_is_never_added_as_a_person(register: Database) -> None:
    team.prepare_roles(register)
    superuser = make_url(full_url(register)).username
    with pytest.raises(ValidationError, match=f"{superuser} is a superuser of the server"):
        team.sign_up_user(register, name=superuser, access=Access.VIEWER, password=None)


def test_an_existing_login_of_no_register_keeps_its_password(register: Database) -> None:
    team.prepare_roles(register)
    ensure_login("opsdesk_test_stranger")
    try:
        with pytest.raises(
            ValidationError, match="already exists on the server and is not one of this register's people"
        ):
            team.sign_up_user(
                register, name="opsdesk_test_stranger", access=Access.VIEWER, password="new-one"
            )
        assert (
            team.sign_up_user(register, name="opsdesk_test_stranger", access=Access.VIEWER, password=None)
            is False
        )
        opened = open_database(as_login(register, "opsdesk_test_stranger"))  # the old password still opens it
        assert opened.access is Access.VIEWER
        opened.dispose()
    finally:
        with admin_connection() as connection:
            for group in group_roles(make_url(register.url).database).values():
                connection.exec_driver_sql(f'REVOKE "{group}" FROM opsdesk_test_stranger')
            connection.exec_driver_sql("DROP ROLE opsdesk_test_stranger")


def test_init_roles_refuses_a_group_someone_else_prepared(register: Database, capsys) -> None:
    groups = group_roles(make_url(register.url).database)
    with admin_connection() as connection:
        connection.exec_driver_sql(f"CREATE ROLE \"{groups[Access.ADMIN]}\" LOGIN PASSWORD 'mallorys-own'")
    try:
        assert cli.main(["--db", full_url(register), "admin", "init-roles"]) == 1
        err = capsys.readouterr().err
        assert err == (
            f"opsdesk: error: The roles were not prepared, because {groups[Access.ADMIN]} can log in, so it is not a "
            f"group OpsDesk made; {groups[Access.ADMIN]} has a password, so someone meant to sign in with it. Remove or "
            "repair those roles (DROP ROLE, REVOKE), then run init-roles again.\n"
        )
    finally:
        with admin_connection() as connection:
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{groups[Access.ADMIN]}"')


def test_init_roles_refuses_members_the_owner_did_not_grant(two_owners, monkeypatch, capsys) -> None:
    ours, _ = two_owners
    editor_group = group_roles(make_url(ours.url).database)[Access.EDITOR]
    # On PostgreSQL 15 any role with CREATEROLE may grant any non-superuser role: mallory joins our editors.
    sql_as(make_url(full_url(ours)).set(username="opsdesk_test_mallory", password=TEST_PASSWORD, database="postgres")
           .render_as_string(hide_password=False), f'GRANT "{editor_group}" TO opsdesk_test_mallory')  # fmt: skip
    assert cli.main(["--db", full_url(ours), "admin", "init-roles"]) == 1
    assert capsys.readouterr().err == (
        f"opsdesk: error: The roles were not prepared, because opsdesk_test_mallory was made a member of {editor_group} "
        "by opsdesk_test_mallory, not by the register's owner. Remove or repair those roles (DROP ROLE, REVOKE), then "
        "run init-roles again.\n"
    )


def test_users_are_listed_to_administrators_only(register: Database, capsys) -> None:
    for access in Access:
        sign_in_as(register, access).dispose()
    for access in (Access.VIEWER, Access.EDITOR):
        assert cli.main(["--db", as_login(register, login_name(access)), "admin", "users"]) == 1
        assert (
            capsys.readouterr().err
            == "opsdesk: error: Only this register's administrators may list its people.\n"
        )
    assert cli.main(["--db", as_login(register, login_name(Access.ADMIN)), "admin", "users"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{login_name(access):<32} {access}" for access in sorted(Access, key=lambda a: login_name(a))
    ]


# 3. The lowest roles cannot stop the team -----------------------------------------------------


def test_a_viewers_advisory_lock_stops_nobody(register: Database) -> None:
    sign_in_as(register, Access.VIEWER).dispose()
    editor = sign_in_as(register, Access.EDITOR)
    holder = create_engine(as_login(register, login_name(Access.VIEWER)), poolclass=NullPool)
    try:
        with holder.connect() as viewer:
            assert viewer.exec_driver_sql(
                "SELECT pg_advisory_lock(14016092)"
            ).all()  # the old chain lock's number
            with editor.session() as session:
                assert (
                    risks.create_risk(
                        session=session, data=risk_input(session, "Saved anyway"), today=TODAY
                    ).code
                    == "R-0002"
                )
    finally:
        holder.dispose()
        editor.dispose()


def test_junk_audit_ids_are_refused_and_saves_and_polling_go_on(register: Database) -> None:
    editor = sign_in_as(register, Access.EDITOR)
    try:
        state = refused(as_login(register, login_name(Access.EDITOR)),
                        'INSERT INTO auditentry (id, entity, entity_id, action, "user", at) '
                        "VALUES (2147483000, 'risk', '1', 'update', 'x', now())")  # fmt: skip
        assert state == "42501"
        assert (
            refused(as_login(register, login_name(Access.EDITOR)), "SELECT nextval('auditentry_id_seq')")
            == "42501"
        )
        with editor.session() as session:
            before = team.latest_change(session=session)
            risks.create_risk(session=session, data=risk_input(session, "Next one"), today=TODAY)
            assert team.latest_change(session=session) > before
    finally:
        editor.dispose()


def test_the_code_counter_cannot_be_turned_back(register: Database) -> None:
    editor = sign_in_as(register, Access.EDITOR)
    try:
        url = as_login(register, login_name(Access.EDITOR))
        assert refused(url, "UPDATE codesequence SET last = 0") == "42501"
        assert refused(url, "DELETE FROM codesequence") == "42501"
        with pytest.raises(IntegrityError, match="a code counter never goes back"):
            outside_opsdesk(register, "UPDATE codesequence SET last = 0")  # not even by the owner
        with editor.session() as session:
            assert (
                risks.create_risk(session=session, data=risk_input(session, "Numbered"), today=TODAY).code
                == "R-0002"
            )
    finally:
        editor.dispose()


def test_a_lock_table_holds_others_for_seconds_at_most_with_a_clear_message(
    register: Database, monkeypatch
) -> None:
    sign_in_as(register, Access.EDITOR).dispose()
    monkeypatch.setattr(store_database, "BUSY_TIMEOUT_MS", 300)
    other = sign_in_as(register, Access.ADMIN)
    holder = create_engine(as_login(register, login_name(Access.EDITOR)), poolclass=NullPool)
    try:
        with holder.connect() as editor:
            editor.exec_driver_sql("LOCK TABLE risk IN ACCESS EXCLUSIVE MODE")
            with other.session() as session, pytest.raises(BusyDatabaseError) as caught:
                risks.create_risk(session=session, data=risk_input(session, "Waits"), today=TODAY)
            editor.rollback()
        assert str(caught.value) == "The register is busy (another OpsDesk is saving); try again."
        with other.session() as session:
            assert risks.create_risk(
                session=session, data=risk_input(session, "Goes through"), today=TODAY
            ).code
    finally:
        holder.dispose()
        other.dispose()


def test_app_sessions_carry_a_lock_and_a_statement_timeout(register: Database) -> None:
    with register.engine.connect() as connection:
        lock, statement = connection.execute(text("SELECT current_setting('lock_timeout'), "
                                                  "current_setting('statement_timeout')")).one()  # fmt: skip
    assert (lock, statement) == ("10s", "1min")


# Both halves of the chain agree -----------------------------------------------------------------


def test_the_server_chain_starts_at_genesis_and_its_head_follows_the_newest_entry(register: Database) -> None:
    from opsdesk.store.server_audit import HEAD_TABLE

    entries = trail(register)
    assert entries[0].prev_hash == GENESIS
    with register.engine.connect() as connection:
        head = connection.exec_driver_sql(f"SELECT last_hash FROM {HEAD_TABLE}").scalar_one()
    assert head == entries[-1].hash
