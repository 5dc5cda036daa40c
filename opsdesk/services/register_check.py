"""Is the register whole? Its file, its schema, and an audit trail nobody altered outside OpsDesk."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import or_
from sqlmodel import Session, select

from opsdesk.domain.catalogue import text
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.matrix import MAX_DIMENSION
from opsdesk.store.audit_chain import AuditCheck, anchor_problem, verify_audit_chain
from opsdesk.store.audit_witness import (
    newest_entry,
    read_witness,
    register_key,
    witness_problem,
    write_witness,
)
from opsdesk.store.constraints import invalid_rows
from opsdesk.store.database import Database, integrity_problems
from opsdesk.store.guards import server_guard_problems, sqlite_guard_problems
from opsdesk.store.models import Assessment, Risk

#: invalid rows listed one by one (that many breaking constraints, that many outside the matrix); the rest counted
LISTED_INVALID_ROWS = 20


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
    #: triggers, functions and constraints that are missing, extra or not OpsDesk's (store.guards)
    guard_problems: list[str] = field(default_factory=list)
    #: rows holding a value the register does not accept, one sentence each (the first few)
    invalid_values: list[str] = field(default_factory=list)
    #: how many such rows there are in all
    invalid_count: int = 0
    #: the anchor checked against (entry id, hash, where it was printed), and what is wrong with it
    anchor: tuple[int, str, str] | None = None
    anchor_problem: str | None = None

    @property
    def ok(self) -> bool:
        return (
            self.schema is not None
            and not self.pending
            and not self.integrity_problems
            and (self.audit is None or self.audit.ok)
            and self.witness_problem is None
            and not self.guard_problems
            and not self.invalid_count
            and self.anchor_problem is None
        )

    def findings(self) -> list[str]:
        """One line per thing found, worst first; a last line that sums it up (catalogue's words).

        What SQLite, the guards and the constraints say about a detail is quoted as they say it.
        """
        name = self.name
        lines = [text("check.problem", problem=problem) for problem in self.integrity_problems]
        if self.schema is None:
            return [*lines, text("check.no_schema", name=name)]
        if self.pending:
            code = "check.older_schema_server" if self.on_server else "check.older_schema"
            return [*lines, text(code, name=name, schema=self.schema, head=self.head)]
        if self.audit is not None:
            lines.append(self.audit.describe())
        if self.witness_problem:
            lines.append(text("check.cut_back", problem=self.witness_problem))
        if self.anchor is not None:
            entry_id, _, where = self.anchor
            if self.anchor_problem:
                lines.append(text("check.anchor_problem", where=where, problem=self.anchor_problem))
            else:
                lines.append(text("check.anchor_unchanged", where=where, entry=entry_id))
        lines += [text("check.guard_changed", problem=problem) for problem in self.guard_problems]
        lines += [text("check.invalid_value", row=row) for row in self.invalid_values]
        if self.invalid_count > len(self.invalid_values):
            lines.append(text("check.invalid_more", count=self.invalid_count - len(self.invalid_values)))
        if self.integrity_problems:
            lines.append(text("check.integrity_problems", name=name, count=len(self.integrity_problems)))
        elif (self.audit is not None and not self.audit.ok) or self.witness_problem or self.anchor_problem:
            lines.append(text("check.audit_changed", name=name))
        elif self.guard_problems:
            lines.append(text("check.guards_changed", name=name))
        elif self.invalid_count:
            lines.append(text("check.invalid_values", name=name, count=self.invalid_count))
        else:
            lines.append(text("check.healthy", name=name, schema=self.schema))
        return lines


def check_register(database: Database, *, anchor: tuple[int, str, str] | None = None) -> RegisterCheck:
    """Check the file (SQLite), the schema, the guards, the values and the whole audit trail;
    read-only on the register.

    `anchor` is (entry id, hash, where it was printed), as a closed quarter's report printed it:
    history up to that entry must be unchanged. When all is well, the newest audit entry
    becomes this computer's witness for next time.
    """
    from opsdesk.store import migrations  # Alembic: loaded for the check, not when the register opens

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
        connection = session.connection()
        if database.is_server:
            guards = server_guard_problems(connection)
        else:
            guards = sqlite_guard_problems(connection, migrations.reached_revisions(schema))
        broken, count = invalid_rows(connection, limit=LISTED_INVALID_ROWS)
        outside = outside_the_matrix(session)
        anchored = anchor_problem(session, anchor[0], anchor[1]) if anchor is not None else None
    invalid = [row.describe() for row in broken] + outside[:LISTED_INVALID_ROWS]
    result = RegisterCheck(
        database.display_name, database.is_server, schema, head, pending, problems, audit, problem,
        guards, invalid, count + len(outside), anchor, anchored,
    )  # fmt: skip
    if result.ok and newest is not None:
        write_witness(key, newest)
    return result


def outside_the_matrix(session: Session) -> list[str]:
    """Risks and assessments whose level is not a band of the current matrix, or whose
    likelihood or impact lies beyond it: values the database accepts but this register does not."""
    from opsdesk.services.settings import get_matrix

    try:
        matrix = get_matrix(session=session)
    except ValidationError as exc:
        return [f"setting risk_matrix: {exc}"]
    bands = sorted(band.code for band in matrix.bands)
    found = []

    def beyond(column, count: int):
        # Beyond MAX_DIMENSION a CHECK constraint says it already (store.constraints).
        return (column > count) & (column <= MAX_DIMENSION)

    subjects = [(Risk, f"{kind}_") for kind in ("inherent", "residual", "target")] + [(Assessment, "")]
    for model, kind in subjects:
        level, likelihood, impact = (
            getattr(model, f"{kind}{part}") for part in ("level", "likelihood", "impact")
        )
        label = model.code if model is Risk else model.id
        statement = (
            select(model.id, label, level, likelihood, impact)
            .where(or_(level.not_in(bands), beyond(likelihood, matrix.likelihood_count),
                       beyond(impact, matrix.impact_count)))
            .order_by(model.id)
        )  # fmt: skip
        for row_id, code, level_value, likelihood_value, impact_value in session.exec(statement):
            where = f"risk #{row_id} ({code})" if model is Risk else f"assessment #{row_id}"
            if level_value is not None and level_value not in bands:
                found.append(text("constraint.invalid_row", where=where, shown=f"{kind}level = {level_value!r}",
                                  rule=text("constraint.matrix_level", levels=", ".join(bands))))  # fmt: skip
            if likelihood_value is not None and matrix.likelihood_count < likelihood_value <= MAX_DIMENSION:
                found.append(text("constraint.matrix_has", where=where, count=matrix.likelihood_count,
                                  shown=f"{kind}likelihood = {likelihood_value}"))  # fmt: skip
            if impact_value is not None and matrix.impact_count < impact_value <= MAX_DIMENSION:
                found.append(text("constraint.matrix_has", where=where, count=matrix.impact_count,
                                  shown=f"{kind}impact = {impact_value}"))  # fmt: skip
    return found


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
