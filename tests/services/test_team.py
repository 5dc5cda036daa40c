"""Team mode on a real PostgreSQL server: each role signs in, and the server itself refuses
what the role may not do (the app's disabled buttons are only a courtesy)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import func, select

from opsdesk import cli
from opsdesk.domain.access import Access
from opsdesk.domain.errors import DatabaseError, PasswordRequiredError, PermissionDeniedError, ValidationError
from opsdesk.services import kris, risks, settings, team
from opsdesk.store import credentials, migrations
from opsdesk.store.database import Database, open_database
from opsdesk.store.models import AuditEntry, Department, KriReading, Risk, Setting
from opsdesk.store.server_roles import group_role, group_roles, scram_verifier
from tests.postgres import (
    TEST_PASSWORD,
    admin_connection,
    fresh_postgres_database,
    full_url,
    login_name,
    sign_in_as,
)

TODAY = date(2026, 3, 16)


@pytest.fixture
def register() -> Iterator[Database]:
    """A server register with one risk and one KRI, opened by its owner."""
    with fresh_postgres_database() as database:
        with database.session() as session:
            risks.create_risk(session=session, data=risk_input(session), today=TODAY)
            kris.create_kri(session=session, data=kris.KriInput(
                name="Late deliveries", department_id=operations(session), warning=5, alarm=10,
            ))  # fmt: skip
        yield database


@pytest.fixture(params=list(Access))
def signed_in(request: pytest.FixtureRequest, register: Database) -> Iterator[Database]:
    database = sign_in_as(register, request.param)
    yield database
    database.dispose()


def operations(session) -> int:
    return settings.department_id(session=session, name="Operations")


def risk_input(session, title: str = "Warehouse flooding") -> risks.RiskInput:
    return risks.RiskInput(
        title=title, category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=operations(session), identified_on=date(2026, 1, 5), owner="Mia Chen",
    )  # fmt: skip


def counts(database: Database) -> tuple[int, ...]:
    with database.session() as session:
        return tuple(
            session.exec(select(func.count()).select_from(model)).one()
            for model in (Risk, KriReading, Department, Setting, AuditEntry)
        )


def server_refuses(database: Database, statement: str) -> None:
    """The statement, sent straight to the server as this login (no OpsDesk code in between), is refused."""
    engine = create_engine(full_url(database), poolclass=NullPool)
    try:
        with engine.begin() as connection, pytest.raises(DBAPIError) as caught:
            connection.exec_driver_sql(statement)
    finally:
        engine.dispose()
    assert caught.value.orig.sqlstate == "42501", caught.value  # insufficient_privilege


def test_each_login_opens_with_the_access_its_group_grants(signed_in: Database) -> None:
    expected = {login_name(access): access for access in Access}[make_url(signed_in.url).username]
    assert signed_in.access is expected
    assert signed_in.user == login_name(expected)
    assert signed_in.read_only is (expected is Access.VIEWER)
    with signed_in.session() as session:  # every role reads the register
        assert [r.code for r in risks.list_risks(session=session, today=TODAY)] == ["R-0001"]


def test_a_viewer_reads_but_the_server_refuses_every_write(register: Database) -> None:
    viewer = sign_in_as(register, Access.VIEWER)
    try:
        before = counts(register)
        with viewer.session() as session, pytest.raises(PermissionDeniedError) as caught:
            risks.create_risk(session=session, data=risk_input(session, "Viewer's risk"), today=TODAY)
        assert (
            str(caught.value)
            == "The server refused this change: your role may not make it. Nothing was saved."
        )
        with viewer.session() as session, pytest.raises(PermissionDeniedError):
            kris.record_reading(session=session, kri_id=1, data=kris.ReadingInput(TODAY, 7.0), today=TODAY)
        assert counts(register) == before
        server_refuses(viewer, "UPDATE risk SET title = 'changed'")
        server_refuses(viewer, "INSERT INTO krireading (kri_id, read_on, value, state, note, recorded_by, created_at) "
                               "VALUES (1, '2026-03-16', 1, 'normal', '', 'x', now())")  # fmt: skip
    finally:
        viewer.dispose()


def test_an_editor_records_risks_and_readings_but_not_settings(register: Database) -> None:
    editor = sign_in_as(register, Access.EDITOR)
    try:
        with editor.session() as session:
            created = risks.create_risk(
                session=session, data=risk_input(session, "Supplier fails"), today=TODAY
            )
            outcome = kris.record_reading(
                session=session, kri_id=1, data=kris.ReadingInput(TODAY, 12.0), today=TODAY
            )
        assert created.code == "R-0002"
        assert outcome.reading.state == "alarm"
        before = counts(register)
        with editor.session() as session, pytest.raises(PermissionDeniedError):
            settings.add_department(session=session, name="Legal")
        with editor.session() as session, pytest.raises(PermissionDeniedError):
            settings.set_company_name(session=session, name="Mallory Ltd")
        assert counts(register) == before
        server_refuses(editor, "UPDATE setting SET value = '{}'")
        server_refuses(editor, "DELETE FROM risk")  # archive, never delete
        server_refuses(editor, "UPDATE auditentry SET new_value = 'forged'")
        # The audit trail names the login that made each change (the server writes it).
        with register.session() as session:
            users = set(session.exec(select(AuditEntry.user).where(AuditEntry.entity == "risk")).all())
        assert users == {make_url(full_url(register)).username, login_name(Access.EDITOR)}
    finally:
        editor.dispose()


def test_an_administrator_changes_settings_but_cannot_delete_or_rewrite_history(register: Database) -> None:
    admin = sign_in_as(register, Access.ADMIN)
    try:
        with admin.session() as session:
            settings.add_department(session=session, name="Legal")
            settings.set_company_name(session=session, name="Acme Components")
        with register.session() as session:
            assert settings.get_company_name(session=session) == "Acme Components"
            assert "Legal" in [d.name for d in settings.list_departments(session=session)]
        server_refuses(admin, "DELETE FROM risk")
        server_refuses(admin, "DELETE FROM auditentry")
        server_refuses(admin, "DROP TRIGGER auditentry_append_only_update ON auditentry")
    finally:
        admin.dispose()


def test_init_roles_is_idempotent_and_users_are_listed_with_their_role(register: Database) -> None:
    for access in Access:
        sign_in_as(register, access).dispose()
    team.prepare_roles(register)  # again: nothing breaks, nothing is lost
    users = {user.name: user.access for user in team.server_users(register)}
    assert {login_name(a): a for a in Access}.items() <= users.items()
    # Moving a login to another group takes it out of the old one.
    team.sign_up_user(register, name=login_name(Access.VIEWER), access=Access.EDITOR, password=None)
    try:
        moved = {user.name: user.access for user in team.server_users(register)}
        assert moved[login_name(Access.VIEWER)] is Access.EDITOR
        reopened = open_database(_as_login(register, login_name(Access.VIEWER)))
        assert reopened.access is Access.EDITOR
        reopened.dispose()
    finally:
        team.sign_up_user(register, name=login_name(Access.VIEWER), access=Access.VIEWER, password=None)


def _as_login(database: Database, name: str) -> str:
    return (
        make_url(database.url)
        .set(username=name, password=TEST_PASSWORD)
        .render_as_string(hide_password=False)
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad name; drop", "A login name has letters"),
        ("opsdesk_admin", "is one of OpsDesk's group roles"),
        ("opsdesk_postgres_editor", "is one of OpsDesk's group roles"),
    ],
)
def test_a_bad_login_name_is_refused_before_the_server_sees_it(
    register: Database, name: str, message: str
) -> None:
    team.prepare_roles(register)
    with pytest.raises(ValidationError, match=message):
        team.sign_up_user(register, name=name, access=Access.VIEWER, password="x")


def test_a_new_login_needs_a_password(register: Database) -> None:
    team.prepare_roles(register)
    with pytest.raises(ValidationError, match="A new login needs a password"):
        team.sign_up_user(register, name="opsdesk_test_nopassword", access=Access.VIEWER, password=None)


def test_the_password_is_sent_as_a_scram_verifier_that_the_server_accepts() -> None:
    verifier = scram_verifier("pencil", salt=b"0123456789abcdef")
    assert verifier.startswith("SCRAM-SHA-256$4096:MDEyMzQ1Njc4OWFiY2RlZg==$")
    assert "pencil" not in verifier
    with admin_connection() as connection:  # a login of an earlier run is not this register's to re-password
        connection.exec_driver_sql("DROP ROLE IF EXISTS opsdesk_test_unicode")
    with fresh_postgres_database() as database:
        team.prepare_roles(database)
        team.sign_up_user(
            database, name="opsdesk_test_unicode", access=Access.VIEWER, password="Pässwörd-ü 1"
        )
        login = (
            make_url(database.url).set(username="opsdesk_test_unicode").render_as_string(hide_password=False)
        )
        opened = open_database(login, password="Pässwörd-ü 1")
        assert opened.access is Access.VIEWER
        opened.dispose()
        with pytest.raises(PasswordRequiredError) as caught:
            open_database(login, password="wrong")
        assert caught.value.wrong


def test_team_commands_refuse_a_sqlite_register(tmp_path) -> None:
    database = open_database(tmp_path / "register.db")
    try:
        with pytest.raises(ValidationError, match="Roles are for a register on a PostgreSQL server"):
            team.prepare_roles(database)
    finally:
        database.dispose()


def test_an_editor_cannot_upgrade_the_schema_and_is_told_who_can(register: Database) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    editor = sign_in_as(register, Access.EDITOR)
    editor.dispose()
    head = migrations.head_revision()
    previous = ScriptDirectory.from_config(migrations.alembic_config()).get_revision(head).down_revision
    with register.engine.begin() as connection:  # the owner steps the schema back one revision
        command.downgrade(migrations.alembic_config(connection), previous)
    with pytest.raises(DatabaseError) as caught:
        open_database(_as_login(register, login_name(Access.EDITOR)))
    assert str(caught.value).endswith(
        f"must be upgraded from schema {previous} to {head}, and only the owner of the database may do that: "
        "ask your OpsDesk administrator to open it once."
    )
    # The owner opening it upgrades it, and the editor's grants cover the upgraded schema.
    open_database(full_url(register)).dispose()
    reopened = open_database(_as_login(register, login_name(Access.EDITOR)))
    assert reopened.access is Access.EDITOR
    reopened.dispose()


# Passwords ---------------------------------------------------------------------------------


class MemoryKeyring:
    """A stand-in for the system keyring."""

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, name: str) -> str | None:
        return self.saved.get((service, name))

    def set_password(self, service: str, name: str, password: str) -> None:
        self.saved[(service, name)] = password

    def delete_password(self, service: str, name: str) -> None:
        del self.saved[(service, name)]


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    import keyring

    store = MemoryKeyring()
    for name in ("get_password", "set_password", "delete_password"):
        monkeypatch.setattr(keyring, name, getattr(store, name))
    return store


def test_the_keyring_password_opens_the_register_and_nothing_is_asked(
    register: Database, memory_keyring
) -> None:
    sign_in_as(register, Access.EDITOR).dispose()
    url = make_url(register.url).set(username=login_name(Access.EDITOR)).render_as_string(hide_password=False)
    assert credentials.save_password(url, TEST_PASSWORD)
    parsed = make_url(url)
    entry = f"{login_name(Access.EDITOR)}@{parsed.host}:{parsed.port or 5432}/{parsed.database}"
    assert memory_keyring.saved == {("OpsDesk", entry): TEST_PASSWORD}

    def never(url: str, reason: str) -> str | None:
        raise AssertionError("asked for a password the keyring has")

    opened = credentials.open_with_password(url, ask=never)
    assert (opened.access, opened.url) == (Access.EDITOR, url)
    opened.dispose()


def test_a_wrong_password_is_asked_again_and_giving_up_is_a_clear_error(
    register: Database, memory_keyring
) -> None:
    sign_in_as(register, Access.VIEWER).dispose()
    url = make_url(register.url).set(username=login_name(Access.VIEWER)).render_as_string(hide_password=False)
    answers = iter(["wrong", TEST_PASSWORD])
    reasons: list[str] = []

    def ask(asked_url: str, reason: str) -> str | None:
        assert asked_url == url
        reasons.append(reason)
        return next(answers)

    opened = credentials.open_with_password(url, ask=ask)
    opened.dispose()
    assert reasons == [
        "The server asks for a password.",
        f"The server refused the password for {login_name(Access.VIEWER)}.",
    ]
    with pytest.raises(PasswordRequiredError, match="The server asks for a password"):
        credentials.open_with_password(url, ask=lambda u, r: None)
    assert memory_keyring.saved == {}  # asked passwords are not kept unless the user says so


# Command line ------------------------------------------------------------------------------


def test_admin_commands_create_roles_and_users(register: Database, monkeypatch, capsys) -> None:
    url = full_url(register)
    name = f"opsdesk_test_cli_{os.getpid()}"  # login roles belong to the whole server: one per run
    assert cli.main(["--db", url, "admin", "init-roles"]) == 0
    groups = group_roles(make_url(register.url).database)
    assert capsys.readouterr().out == (
        f"Roles ready on {register.display_name}: {groups[Access.VIEWER]} (viewer), {groups[Access.EDITOR]} (editor), "
        f"{groups[Access.ADMIN]} (admin)\n"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("Sesame-42\n"))
    try:
        assert cli.main(["--db", url, "admin", "add-user", name, "--role", "editor", "--password-stdin"]) == 0
        assert capsys.readouterr().out == f"Created {name} as editor on {register.display_name}.\n"
        assert cli.main(["--db", url, "admin", "users"]) == 0
        assert f"{name:<32} editor\n" in capsys.readouterr().out
        login = make_url(register.url).set(username=name, password="Sesame-42")
        opened = open_database(login.render_as_string(hide_password=False))
        assert opened.access is Access.EDITOR
        opened.dispose()
    finally:
        with admin_connection() as connection:
            connection.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")


def test_a_password_nobody_can_type_is_one_line_with_the_ways_to_give_it(
    register: Database, monkeypatch, capsys
) -> None:
    sign_in_as(register, Access.VIEWER).dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: nobody to ask
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    url = make_url(register.url).set(username=login_name(Access.VIEWER)).render_as_string(hide_password=False)
    assert cli.main(["--db", url, "check"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(
        "opsdesk: error: The server asks for a password. Type it at a terminal, set PGPASSWORD"
    )
    assert f"opsdesk --db {url} login" in err


def test_admin_commands_refuse_a_sqlite_file(tmp_path, capsys) -> None:
    open_database(tmp_path / "r.db").dispose()
    assert cli.main(["--db", str(tmp_path / "r.db"), "admin", "init-roles"]) == 1
    assert capsys.readouterr().err == (
        "opsdesk: error: Roles are for a register on a PostgreSQL server (--db postgresql+psycopg://...).\n"
    )


def test_the_group_roles_are_named_for_their_register() -> None:
    assert group_roles("opsdesk") == {
        Access.VIEWER: "opsdesk_opsdesk_viewer", Access.EDITOR: "opsdesk_opsdesk_editor", Access.ADMIN: "opsdesk_opsdesk_admin",
    }  # fmt: skip
    # A long name is cut, but a hash of the whole name keeps two long registers apart, within 63 bytes.
    long_a, long_b = (
        "risk_register_of_the_northern_production_sites_2027_a",
        "risk_register_of_the_northern_production_sites_2027_b",
    )
    assert group_role(long_a, Access.EDITOR) != group_role(long_b, Access.EDITOR)
    assert (
        max(
            len(group_role(name, access).encode())
            for name in (long_a, long_b, "风险登记册" * 8)
            for access in Access
        )
        <= 63
    )
