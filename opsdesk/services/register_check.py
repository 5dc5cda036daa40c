"""Is the register whole? Its file, its schema, and an audit trail nobody altered outside OpsDesk."""

from __future__ import annotations

from dataclasses import dataclass, field

from opsdesk.store import migrations
from opsdesk.store.audit_chain import AuditCheck, verify_audit_chain
from opsdesk.store.audit_witness import (
    newest_entry,
    read_witness,
    register_key,
    witness_problem,
    write_witness,
)
from opsdesk.store.database import Database, integrity_problems


@dataclass(frozen=True, slots=True)
class RegisterCheck:
    """What `opsdesk check` and File > Check register found."""

    name: str
    on_server: bool
    schema: str | None
    head: str
    pending: list[str] = field(default_factory=list)
    integrity_problems: list[str] = field(default_factory=list)
    audit: AuditCheck | None = None
    #: the newest entry this computer saw is gone or changed (see store.audit_witness)
    witness_problem: str | None = None

    @property
    def ok(self) -> bool:
        return (
            self.schema is not None
            and not self.pending
            and not self.integrity_problems
            and (self.audit is None or self.audit.ok)
            and self.witness_problem is None
        )

    def findings(self) -> list[str]:
        """One line per thing found, worst first; a last line that sums it up."""
        lines = [f"problem: {problem}" for problem in self.integrity_problems]
        if self.schema is None:
            return [*lines, f"{self.name}: not an OpsDesk database yet (no schema)."]
        if self.pending:
            how = "by its owner" if self.on_server else "(after a backup)"
            return [*lines, f"{self.name}: schema {self.schema}, older than this OpsDesk ({self.head}); "
                            f"it is upgraded {how} when opened."]  # fmt: skip
        if self.audit is not None:
            lines.append(self.audit.describe())
        if self.witness_problem:
            lines.append(f"audit trail cut back: {self.witness_problem}")
        if self.integrity_problems:
            lines.append(f"{self.name}: {len(self.integrity_problems)} integrity problem(s).")
        elif (self.audit is not None and not self.audit.ok) or self.witness_problem:
            lines.append(f"{self.name}: the audit trail was changed outside OpsDesk.")
        else:
            lines.append(f"{self.name}: healthy (schema {self.schema}).")
        return lines


def check_register(database: Database) -> RegisterCheck:
    """Check the file (SQLite), the schema and the whole audit trail; read-only on the register.

    When all is well, the newest audit entry becomes this computer's witness for next time.
    """
    problems = integrity_problems(database)
    schema = migrations.current_revision(database)
    head = migrations.head_revision()
    pending = migrations.pending_revisions(database) if schema is not None else []
    if schema is None or pending:
        return RegisterCheck(database.display_name, database.is_server, schema, head, pending, problems)
    key = register_key(database.url)
    witness = read_witness(key)
    with database.session() as session:
        audit = verify_audit_chain(session)
        problem = witness_problem(session, witness) if witness else None
        newest = newest_entry(session)
    result = RegisterCheck(database.display_name, database.is_server, schema, head, pending, problems, audit, problem)
    if result.ok and newest is not None:
        write_witness(key, newest)
    return result


def compare_with_witness(database: Database) -> str | None:
    """The quick look when a register opens: only the entry this computer saw last, not the chain.

    None when it is still there (and the newest entry becomes the witness); else the problem,
    and the witness is kept, so `opsdesk check` reports it too until someone accepts it.
    """
    key = register_key(database.url)
    witness = read_witness(key)
    with database.session() as session:
        problem = witness_problem(session, witness) if witness else None
        newest = newest_entry(session) if problem is None else None
    if newest is not None and (witness is None or newest.entry_id != witness.entry_id):
        write_witness(key, newest)
    return problem


def accept_audit_trail(database: Database) -> None:
    """The user knows why the trail is shorter (a restore, say): what is there now is the witness."""
    with database.session() as session:
        newest = newest_entry(session)
    if newest is not None:
        write_witness(register_key(database.url), newest)
