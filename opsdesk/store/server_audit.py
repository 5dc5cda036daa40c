"""On PostgreSQL the server writes the audit trail, not the app.

An AFTER trigger on every audited table calls `opsdesk_audit()`, a SECURITY DEFINER function
owned by the register's owner. It appends one entry per created, changed or deleted row,
names `session_user` (the login that made the change, whatever program it used) and seals
the entry into the hash chain with the server's own `sha256()`, in the same canonical form
as store/audit_chain.py, so `opsdesk check` verifies both backends alike.

The chain's head (the newest hash) lives in one row of `auditchainhead`, a table no app role
may read or write: only the function locks that row, so appends queue there and nobody else
can hold them up. Risk, nonconformity and suggestion numbers come from `opsdesk_next_code()`,
another SECURITY DEFINER function, so editors need no write on `codesequence`.

The SQL is kept here, in one place, because the migrations create it and `opsdesk check`
compares the server's functions and triggers with it (store/guards.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from opsdesk.store.audit_chain import GENESIS

HEAD_TABLE = "auditchainhead"
AUDIT_FUNCTION = "opsdesk_audit"
NEXT_CODE_FUNCTION = "opsdesk_next_code"
INSERT_ONLY_FUNCTION = "opsdesk_insert_only"
CODE_COUNTER_FUNCTION = "opsdesk_code_counter_forward"
#: rows written once and never changed: history the register keeps as evidence
INSERT_ONLY_TABLES = ("assessment", "krireading", "riskacceptance")
#: tables whose rows are not audited: the trail itself, bookkeeping, and the schema version
UNAUDITED_TABLES = ("auditentry", "codesequence", HEAD_TABLE, "alembic_version")
#: columns that change on every write and say nothing to an auditor (as in store/audit.py)
SILENT_COLUMNS = ("version", "updated_at", "created_at")

# The entry's canonical JSON is built by hand, keys sorted, no spaces: exactly what Python's
# json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":")) makes, since to_json()
# escapes a string as json does. Values are written as the app writes them (True/False, ISO
# times in UTC, 7.0 for a whole float), so both backends' trails read the same.
AUDIT_SOURCE = r"""
DECLARE
    key_columns text[] := string_to_array(TG_ARGV[0], ',');
    float_columns text[] := string_to_array(TG_ARGV[1], ',');
    old_row jsonb;
    new_row jsonb;
    subject jsonb;
    identity text;
    label text;
    column_name text;
    old_value jsonb;
    new_value jsonb;
    entries jsonb[] := '{}';
    entry jsonb;
    previous text;
    sealed text;
    at_text text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00';
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
    subject := coalesce(new_row, old_row);
    SELECT string_agg(subject ->> k.name, ',' ORDER BY k.position) INTO identity
        FROM unnest(key_columns) WITH ORDINALITY AS k(name, position);
    IF TG_OP = 'UPDATE' THEN
        FOR column_name IN
            SELECT attname FROM pg_catalog.pg_attribute
            WHERE attrelid = TG_RELID AND attnum > 0 AND NOT attisdropped ORDER BY attnum
        LOOP
            CONTINUE WHEN column_name IN ('version', 'updated_at', 'created_at');
            old_value := old_row -> column_name;
            new_value := new_row -> column_name;
            CONTINUE WHEN old_value IS NOT DISTINCT FROM new_value;
            entries := entries || jsonb_build_object(
                'action', CASE WHEN column_name <> 'archived' THEN 'update'
                               WHEN new_value = 'true'::jsonb THEN 'archive' ELSE 'restore' END,
                'field', column_name,
                'old_value', CASE jsonb_typeof(old_value)
                    WHEN 'boolean' THEN CASE WHEN old_value = 'true'::jsonb THEN 'True' ELSE 'False' END
                    WHEN 'number' THEN CASE WHEN column_name = ANY (float_columns) AND old_value::text ~ '^-?[0-9]+$'
                                            THEN old_value::text || '.0' ELSE old_value::text END
                    ELSE old_value #>> '{}' END,
                'new_value', CASE jsonb_typeof(new_value)
                    WHEN 'boolean' THEN CASE WHEN new_value = 'true'::jsonb THEN 'True' ELSE 'False' END
                    WHEN 'number' THEN CASE WHEN column_name = ANY (float_columns) AND new_value::text ~ '^-?[0-9]+$'
                                            THEN new_value::text || '.0' ELSE new_value::text END
                    ELSE new_value #>> '{}' END);
        END LOOP;
    ELSE
        label := coalesce(nullif(subject ->> 'code', ''), nullif(subject ->> 'name', ''),
                          nullif(subject ->> 'title', ''), nullif(subject ->> 'key', ''));
        entries := ARRAY[jsonb_build_object(
            'action', CASE TG_OP WHEN 'INSERT' THEN 'create' ELSE 'delete' END, 'field', NULL,
            'old_value', CASE TG_OP WHEN 'DELETE' THEN label END,
            'new_value', CASE TG_OP WHEN 'INSERT' THEN label END)];
    END IF;
    IF cardinality(entries) = 0 THEN
        RETURN NULL;
    END IF;
    -- The head row: only this function may lock it, and it stays locked to the commit.
    SELECT last_hash INTO previous FROM auditchainhead WHERE id = 1 FOR UPDATE;
    FOREACH entry IN ARRAY entries LOOP
        sealed := encode(sha256(convert_to(previous
            || '{"action":' || to_json(entry ->> 'action')::text
            || ',"at":' || to_json(at_text)::text
            || ',"entity":' || to_json(TG_TABLE_NAME::text)::text
            || ',"entity_id":' || coalesce(to_json(identity)::text, 'null')
            || ',"field":' || coalesce(to_json(entry ->> 'field')::text, 'null')
            || ',"new_value":' || coalesce(to_json(entry ->> 'new_value')::text, 'null')
            || ',"old_value":' || coalesce(to_json(entry ->> 'old_value')::text, 'null')
            || ',"user":' || to_json(session_user::text)::text || '}', 'UTF8')), 'hex');
        INSERT INTO auditentry (entity, entity_id, action, field, old_value, new_value, "user", at, prev_hash, hash)
        VALUES (TG_TABLE_NAME, identity, entry ->> 'action', entry ->> 'field', entry ->> 'old_value',
                entry ->> 'new_value', session_user, now(), previous, sealed);
        previous := sealed;
    END LOOP;
    UPDATE auditchainhead SET last_hash = previous WHERE id = 1;
    RETURN NULL;
END
"""

NEXT_CODE_SOURCE = r"""
DECLARE
    number integer;
BEGIN
    IF code_prefix IS NULL OR code_prefix !~ '^[A-Z]{1,4}$' THEN
        RAISE EXCEPTION 'not a code prefix: %', code_prefix USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO codesequence (prefix, last) VALUES (code_prefix, 1)
    ON CONFLICT (prefix) DO UPDATE SET last = codesequence.last + 1
    RETURNING last INTO number;
    RETURN number;
END
"""

INSERT_ONLY_SOURCE = r"""
BEGIN
    RAISE EXCEPTION '% rows are never changed once written', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
"""

CODE_COUNTER_SOURCE = r"""
BEGIN
    IF TG_OP = 'DELETE' OR NEW.prefix IS DISTINCT FROM OLD.prefix OR NEW.last < OLD.last THEN
        RAISE EXCEPTION 'a code counter never goes back' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
"""


@dataclass(frozen=True, slots=True)
class ServerFunction:
    """One function OpsDesk keeps in a server register, as `opsdesk check` expects to find it."""

    name: str
    arguments: str  # as in CREATE FUNCTION, e.g. "code_prefix text"
    returns: str
    source: str
    definer: bool
    #: settings fixed for every call (SET ... in CREATE FUNCTION): {name: value}
    settings: tuple[tuple[str, str], ...] = ()


def functions(schema: str) -> tuple[ServerFunction, ...]:
    """The functions of a register at the newest schema, with a definer's search_path in `schema`."""
    fixed_path = (("search_path", f"{_quote(schema)}, pg_temp"),)
    return (
        ServerFunction(AUDIT_FUNCTION, "", "trigger", AUDIT_SOURCE, True, (*fixed_path, ("TimeZone", "UTC"))),
        ServerFunction(NEXT_CODE_FUNCTION, "code_prefix text", "integer", NEXT_CODE_SOURCE, True, fixed_path),
        ServerFunction(INSERT_ONLY_FUNCTION, "", "trigger", INSERT_ONLY_SOURCE, False),
        ServerFunction(CODE_COUNTER_FUNCTION, "", "trigger", CODE_COUNTER_SOURCE, False),
    )


def _quote(name: str) -> str:
    # A schema name as PostgreSQL writes it back in a function's settings.
    return name if name.isidentifier() and name == name.lower() else '"' + name.replace('"', '""') + '"'


def create_function(connection: Connection, function: ServerFunction) -> None:
    """CREATE OR REPLACE one function; nobody but the owner may call it directly."""
    settings = "".join(f" SET {name} = {value if name == 'search_path' else repr(value)}"
                       for name, value in function.settings)  # fmt: skip
    security = "SECURITY DEFINER" if function.definer else "SECURITY INVOKER"
    statement = (
        f"CREATE OR REPLACE FUNCTION {function.name}({function.arguments}) RETURNS {function.returns} "
        f"LANGUAGE plpgsql {security}{settings} AS $opsdesk${function.source}$opsdesk$"
    )
    connection.exec_driver_sql(statement.replace("%", "%%"))  # psycopg reads % as a placeholder
    # PUBLIC may execute a new function by default: a definer function must not be callable by all.
    connection.exec_driver_sql(
        f"REVOKE ALL ON FUNCTION {function.name}({_argument_types(function)}) FROM PUBLIC"
    )


def _argument_types(function: ServerFunction) -> str:
    return ", ".join(part.split()[-1] for part in function.arguments.split(",") if part.strip())


def create_head(connection: Connection) -> None:
    """The one-row table holding the chain's newest hash, started from the trail as it is."""
    connection.exec_driver_sql(
        f"CREATE TABLE {HEAD_TABLE} (id integer PRIMARY KEY CHECK (id = 1), last_hash varchar(64) NOT NULL)"
    )
    connection.exec_driver_sql(f"REVOKE ALL ON {HEAD_TABLE} FROM PUBLIC")
    newest = connection.exec_driver_sql("SELECT hash FROM auditentry ORDER BY id DESC LIMIT 1").scalar()
    connection.execute(
        text(f"INSERT INTO {HEAD_TABLE} (id, last_hash) VALUES (1, :hash)"), {"hash": newest or GENESIS}
    )


@dataclass(frozen=True, slots=True)
class ServerTrigger:
    """One trigger OpsDesk keeps on a server table."""

    table: str
    name: str
    timing: str  # BEFORE / AFTER
    events: tuple[str, ...]  # INSERT, UPDATE, DELETE, TRUNCATE
    row_level: bool
    function: str
    arguments: tuple[str, ...] = ()

    def ddl(self) -> str:
        level = "ROW" if self.row_level else "STATEMENT"
        arguments = ", ".join("'" + argument.replace("'", "''") + "'" for argument in self.arguments)
        return (
            f"CREATE TRIGGER {self.name} {self.timing} {' OR '.join(self.events)} ON {self.table} "
            f"FOR EACH {level} EXECUTE FUNCTION {self.function}({arguments})"
        )


def audited_tables(connection: Connection) -> list[str]:
    """The register's tables whose rows the audit trail follows (every table but the unaudited)."""
    rows = connection.exec_driver_sql(
        "SELECT relname FROM pg_catalog.pg_class WHERE relnamespace = current_schema()::regnamespace "
        "AND relkind IN ('r', 'p') ORDER BY relname"
    ).scalars()
    return [name for name in rows if name not in UNAUDITED_TABLES]


def audit_trigger(connection: Connection, table: str) -> ServerTrigger:
    """The audit trigger a table needs: its primary key columns and float columns as arguments."""
    keys = connection.execute(
        text(
            "SELECT a.attname FROM pg_catalog.pg_index i "
            "JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
            "WHERE i.indrelid = CAST(:table AS regclass) AND i.indisprimary "
            "ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)"
        ),
        {"table": table},
    ).scalars().all()  # fmt: skip
    floats = connection.execute(
        text(
            "SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = CAST(:table AS regclass) "
            "AND attnum > 0 AND NOT attisdropped AND atttypid IN ('float4'::regtype, 'float8'::regtype) "
            "ORDER BY attnum"
        ),
        {"table": table},
    ).scalars().all()  # fmt: skip
    return ServerTrigger(table, f"{table}_audit", "AFTER", ("INSERT", "UPDATE", "DELETE"), True, AUDIT_FUNCTION,
                         (",".join(keys), ",".join(floats)))  # fmt: skip


def guard_triggers() -> tuple[ServerTrigger, ...]:
    """The triggers that refuse changes: the append-only trail (0003), insert-only history, code counters."""
    append_only = "auditentry_append_only"
    return (
        ServerTrigger("auditentry", "auditentry_append_only_update", "BEFORE", ("UPDATE",), True, append_only),
        ServerTrigger("auditentry", "auditentry_append_only_delete", "BEFORE", ("DELETE",), True, append_only),
        ServerTrigger("auditentry", "auditentry_append_only_truncate", "BEFORE", ("TRUNCATE",), False, append_only),
        *(
            ServerTrigger(table, f"{table}_insert_only", "BEFORE", ("UPDATE", "DELETE"), True, INSERT_ONLY_FUNCTION)
            for table in INSERT_ONLY_TABLES
        ),
        ServerTrigger("codesequence", "codesequence_forward", "BEFORE", ("UPDATE", "DELETE"), True,
                      CODE_COUNTER_FUNCTION),
    )  # fmt: skip


def install_audit_triggers(connection: Connection) -> list[str]:
    """Give every audited table its audit trigger (tables a later migration adds too); idempotent.

    A trigger whose arguments no longer fit its table (a column added or retyped) is made
    again. Returns the tables that got one.
    """
    if connection.exec_driver_sql(f"SELECT to_regprocedure('{AUDIT_FUNCTION}()') IS NULL").scalar_one():
        return []  # a schema older than the server-written trail
    existing = {(table, name): arguments for table, name, arguments in trigger_rows(connection)}
    installed = []
    for table in audited_tables(connection):
        trigger = audit_trigger(connection, table)
        found = existing.get((table, trigger.name))
        if found == trigger.arguments:
            continue
        if found is not None:
            connection.exec_driver_sql(f"DROP TRIGGER {trigger.name} ON {table}")
        connection.exec_driver_sql(trigger.ddl())
        installed.append(table)
    return installed


def trigger_arguments(raw: bytes | memoryview | None) -> tuple[str, ...]:
    """pg_trigger.tgargs: each argument ends with a NUL byte."""
    data = bytes(raw or b"")
    return tuple(part.decode("utf-8") for part in data.split(b"\0")[:-1])


def trigger_rows(connection: Connection) -> list[tuple[str, str, tuple[str, ...]]]:
    """(table, trigger, arguments) of every user trigger in the register's schema."""
    rows = connection.exec_driver_sql(
        "SELECT c.relname, t.tgname, t.tgargs FROM pg_catalog.pg_trigger t "
        "JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal"
    )
    return [(table, name, trigger_arguments(arguments)) for table, name, arguments in rows]
