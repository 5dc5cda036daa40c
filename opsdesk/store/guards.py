"""The register's guards, its triggers and functions, and the check that they are exactly OpsDesk's.

A guard dropped (the trail's append-only trigger, say) lets someone change history unseen; a
guard added (a trigger of someone else's) can change what every save does. So `opsdesk
check` compares the schema's triggers and functions with the ones OpsDesk made, on both
backends, and names every one that is missing, extra, disabled or different; `restore`
refuses a backup that fails this. The SQLite triggers are defined here, once, for the
migrations that make them and for this check; the server's are in store/server_audit.py.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from sqlalchemy import Connection

from opsdesk.store import server_audit
from opsdesk.store.server_audit import INSERT_ONLY_TABLES, ServerFunction, ServerTrigger

APPEND_ONLY = "the audit trail is append-only"
#: the revision that added the CHECK constraints (store/constraints.py)
CONSTRAINTS_SINCE = "0006"
CODE_COUNTER_NEVER_BACK = "a code counter never goes back"
#: the function migration 0003 made; its body is kept byte for byte as that migration wrote it
APPEND_ONLY_FUNCTION = ServerFunction(
    "auditentry_append_only", "", "trigger",
    f" BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'integrity_constraint_violation'; END ", False,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SqliteTrigger:
    """One trigger OpsDesk keeps in a SQLite register, and the revision that made it."""

    name: str
    table: str
    sql: str
    since: str


def _refuse(name: str, table: str, event: str, message: str, since: str, when: str = "") -> SqliteTrigger:
    condition = f" WHEN {when}" if when else ""
    return SqliteTrigger(
        name, table, f"CREATE TRIGGER {name} BEFORE {event} ON {table}{condition} BEGIN SELECT RAISE(ABORT, '{message}'); END",
        since,
    )  # fmt: skip


def sqlite_triggers() -> tuple[SqliteTrigger, ...]:
    """Every trigger of a SQLite register at the newest schema, each with the revision that made it."""
    insert_only = tuple(
        _refuse(f"{table}_insert_only_{event.lower()}", table, event, f"{table} rows are never changed once written", "0005")
        for table in INSERT_ONLY_TABLES
        for event in ("UPDATE", "DELETE")
    )  # fmt: skip
    return (
        _refuse("auditentry_append_only_update", "auditentry", "UPDATE", APPEND_ONLY, "0002"),
        _refuse("auditentry_append_only_delete", "auditentry", "DELETE", APPEND_ONLY, "0002"),
        *insert_only,
        _refuse("codesequence_forward_update", "codesequence", "UPDATE", CODE_COUNTER_NEVER_BACK, "0005",
                when="NEW.last < OLD.last OR NEW.prefix IS NOT OLD.prefix"),
        _refuse("codesequence_forward_delete", "codesequence", "DELETE", CODE_COUNTER_NEVER_BACK, "0005"),
    )  # fmt: skip


def create_sqlite_triggers(
    connection: Connection, tables: tuple[str, ...] | None = None, *, since: str
) -> None:
    """(Re)create the SQLite triggers made by revision `since` (on `tables` only, if given).

    A migration that rebuilds a table (SQLite's way to add a constraint) loses its triggers:
    it calls this again for the tables it rebuilt.
    """
    for trigger in sqlite_triggers():
        if trigger.since == since and (tables is None or trigger.table in tables):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger.name}")
            connection.exec_driver_sql(trigger.sql)


def _normal(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def rows(connection: sqlite3.Connection | Connection, sql: str) -> list[tuple]:
    """A plain query's rows, on a sqlite3 connection (restore checks a file) or an SQLAlchemy one."""
    if isinstance(connection, Connection):
        return [tuple(row) for row in connection.exec_driver_sql(sql)]
    return connection.execute(sql).fetchall()  # sqlite3, or sqlcipher3 for an encrypted file


def sqlite_guard_problems(connection: sqlite3.Connection | Connection, reached: set[str]) -> list[str]:
    """What differs between a SQLite file's triggers and OpsDesk's at a schema whose revisions are `reached`.

    From revision 0006 on, a CHECK constraint the file no longer has is named too.
    """
    from opsdesk.store.constraints import missing_constraints

    expected = {t.name: t for t in sqlite_triggers() if t.since in reached}
    found = {
        name: (table, sql)
        for name, table, sql in rows(connection, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    }  # fmt: skip
    problems = []
    for name, trigger in expected.items():
        if name not in found:
            problems.append(f"trigger {name} on {trigger.table} is missing")
        elif _normal(found[name][1]) != _normal(trigger.sql):
            problems.append(f"trigger {name} on {found[name][0]} differs from OpsDesk's")
    problems += [
        f"trigger {name} on {table} is not OpsDesk's"
        for name, (table, _) in found.items()
        if name not in expected
    ]
    if CONSTRAINTS_SINCE in reached:
        problems += [f"constraint {name} is missing" for name in missing_constraints(connection)]
    return sorted(problems)


# PostgreSQL -----------------------------------------------------------------------------------

_ROW, _BEFORE, _INSERT, _DELETE, _UPDATE, _TRUNCATE = 1, 2, 4, 8, 16, 32
_EVENT_BITS = {"INSERT": _INSERT, "DELETE": _DELETE, "UPDATE": _UPDATE, "TRUNCATE": _TRUNCATE}


def _tgtype(trigger: ServerTrigger) -> int:
    bits = (_ROW if trigger.row_level else 0) | (_BEFORE if trigger.timing == "BEFORE" else 0)
    for event in trigger.events:
        bits |= _EVENT_BITS[event]
    return bits


def expected_server_functions(schema: str) -> tuple[ServerFunction, ...]:
    return (APPEND_ONLY_FUNCTION, *server_audit.functions(schema))


def expected_server_triggers(connection: Connection) -> tuple[ServerTrigger, ...]:
    audit = tuple(
        server_audit.audit_trigger(connection, table) for table in server_audit.audited_tables(connection)
    )
    return (*server_audit.guard_triggers(), *audit)


def server_guard_problems(connection: Connection) -> list[str]:
    """What differs between a server register's triggers, functions and rules and OpsDesk's (newest schema)."""
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    problems = _function_problems(connection, schema) + _trigger_problems(connection)
    rules = connection.exec_driver_sql(
        "SELECT rulename, tablename FROM pg_catalog.pg_rules WHERE schemaname = current_schema() ORDER BY 1"
    ).all()
    problems += [f"rule {name} on {table} is not OpsDesk's" for name, table in rules]
    events = connection.exec_driver_sql(
        "SELECT evtname FROM pg_catalog.pg_event_trigger ORDER BY 1"
    ).scalars()
    problems += [f"event trigger {name} is not OpsDesk's" for name in events]
    from opsdesk.store.constraints import missing_constraints

    problems += [f"constraint {name} is missing" for name in missing_constraints(connection)]
    return sorted(problems)


def _function_problems(connection: Connection, schema: str) -> list[str]:
    # Functions an extension installed in the schema are the extension's, not a stranger's.
    rows = connection.exec_driver_sql(
        "SELECT p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid), "
        "pg_catalog.pg_get_function_result(p.oid), p.prosrc, p.prosecdef, p.proconfig, l.lanname "
        "FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_language l ON l.oid = p.prolang "
        "WHERE p.pronamespace = current_schema()::regnamespace AND NOT EXISTS ("
        "  SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass "
        "  AND d.objid = p.oid AND d.deptype = 'e')"
    ).all()
    expected = {function.name: function for function in expected_server_functions(schema)}
    problems = []
    seen = set()
    for name, arguments, returns, source, definer, config, language in rows:
        function = expected.get(name)
        if function is None or arguments != function.arguments:
            problems.append(f"function {name}({arguments}) is not OpsDesk's")
            continue
        seen.add(name)
        settings = sorted(config or [])
        wanted = sorted(f"{key}={value}" for key, value in function.settings)
        if (returns, source, definer, settings, language) != (function.returns, function.source, function.definer,
                                                              wanted, "plpgsql"):  # fmt: skip
            problems.append(f"function {name}({arguments}) differs from OpsDesk's")
    problems += [
        f"function {name}({f.arguments}) is missing" for name, f in expected.items() if name not in seen
    ]
    return problems


def _trigger_problems(connection: Connection) -> list[str]:
    rows = connection.exec_driver_sql(
        "SELECT c.relname, t.tgname, t.tgtype, p.proname, t.tgargs, t.tgenabled, t.tgqual IS NULL, "
        "cardinality(CAST(t.tgattr AS int2[])) "
        "FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal"
    ).all()
    expected = {(t.table, t.name): t for t in expected_server_triggers(connection)}
    problems = []
    seen = set()
    for table, name, tgtype, function, arguments, enabled, no_condition, columns in rows:
        trigger = expected.get((table, name))
        if trigger is None:
            problems.append(f"trigger {name} on {table} is not OpsDesk's")
            continue
        seen.add((table, name))
        found = (tgtype, function, server_audit.trigger_arguments(arguments), no_condition, columns)
        if found != (_tgtype(trigger), trigger.function, trigger.arguments, True, 0):
            problems.append(f"trigger {name} on {table} differs from OpsDesk's")
        elif enabled != "O":  # D: disabled; R and A fire only in replication sessions
            problems.append(f"trigger {name} on {table} is disabled")
    problems += [
        f"trigger {t.name} on {t.table} is missing" for key, t in expected.items() if key not in seen
    ]
    return problems
