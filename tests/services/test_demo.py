"""The demo data set: loaded once through the services, with the promised contents."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel, func, select

from opsdesk.domain.errors import ValidationError
from opsdesk.domain.periods import quarter_of
from opsdesk.services import actions, alerts, settings
from opsdesk.services import demo as demo_module
from opsdesk.services.demo import DEMO_TODAY, demo_file, load_demo
from opsdesk.store.audit_chain import verify_audit_chain
from opsdesk.store.database import Database, integrity_problems, open_database
from opsdesk.store.models import (
    UNAUDITED_TABLES,
    Assessment,
    AuditEntry,
    Department,
    Kri,
    KriReading,
    Measurement,
    Meeting,
    Nonconformity,
    QualityObjective,
    Risk,
    Suggestion,
)
from tests.registers import DemoLoad, copy_register


def count(session: Session, model: type, *where: object) -> int:
    statement = select(func.count()).select_from(model)
    for clause in where:
        statement = statement.where(clause)
    return session.exec(statement).one()


@pytest.fixture(scope="module")
def demo(demo_load: DemoLoad, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, str]]:
    """The demo as loaded once per run (tests/conftest.py), in this module's copy; tests only read it."""
    database = open_database(
        copy_register(demo_load.path, tmp_path_factory.mktemp("demo") / "demo.db"), user="tester"
    )
    yield database, demo_load.summary
    database.dispose()


@pytest.fixture
def demo_session(demo: tuple[Database, str]) -> Iterator[Session]:
    with demo[0].session() as session:
        yield session


def test_the_summary_names_what_was_loaded(demo: tuple[Database, str]) -> None:
    assert demo[1] == (
        "40 risks, 12 KRIs, 6 quality objectives, 15 nonconformities, 4 meetings, 30 suggestions"
    )


def test_the_demo_has_the_promised_counts(demo_session: Session) -> None:
    assert count(demo_session, Risk) == 40
    assert count(demo_session, Kri) == 12
    assert count(demo_session, QualityObjective) == 6
    assert count(demo_session, Nonconformity) == 15
    assert count(demo_session, Meeting) == 4
    assert count(demo_session, Suggestion) == 30
    assert count(demo_session, Department) == 7


def test_the_demo_raises_open_alerts(demo_session: Session) -> None:
    assert alerts.count_open_alerts(session=demo_session) > 0
    kinds = {a.kind for a in alerts.list_alerts(session=demo_session, open_only=True)}
    assert kinds == {"kri", "appetite"}


def test_the_demo_has_overdue_actions(demo_session: Session) -> None:
    assert actions.count_overdue(session=demo_session, today=DEMO_TODAY) > 0


def test_risks_cover_every_category_with_histories_over_six_quarters(demo_session: Session) -> None:
    categories = {c.id for c in settings.list_categories(session=demo_session)}
    used = set(demo_session.exec(select(Risk.category_id).distinct()).all())
    assert used == categories
    dates = demo_session.exec(select(Assessment.assessed_on).where(Assessment.kind == "residual")).all()
    assert len({quarter_of(on) for on in dates}) >= 6
    assert min(dates) >= date(2025, 1, 1)
    assert max(dates) <= date(2026, 12, 31)
    codes = demo_session.exec(select(Risk.code).order_by(Risk.code)).all()
    assert codes[0] == "R-0001" and codes[-1] == "R-0040"


def test_kri_readings_include_warnings_and_alarms(demo_session: Session) -> None:
    states = set(demo_session.exec(select(KriReading.state).distinct()).all())
    assert states == {"ok", "warning", "alarm"}


def test_objectives_have_eighteen_months_of_measurements(demo_session: Session) -> None:
    periods = demo_session.exec(select(func.count(func.distinct(Measurement.period)))).one()
    assert periods >= 18


def test_suggestions_are_in_every_status(demo_session: Session) -> None:
    statuses = set(demo_session.exec(select(Suggestion.status).distinct()).all())
    assert statuses == {"submitted", "under_review", "accepted", "rejected", "implemented"}


def test_the_demo_database_is_healthy_and_audited(demo: tuple[Database, str], demo_session: Session) -> None:
    assert integrity_problems(demo[0]) == []
    assert count(demo_session, AuditEntry, AuditEntry.entity == "risk", AuditEntry.action == "create") == 40
    assert set(demo_session.exec(select(AuditEntry.user).distinct()).all()) == {"demo"}  # who loaded it


def test_every_record_the_demo_created_has_its_create_entry(demo_session: Session) -> None:
    checked = 0
    for table in SQLModel.metadata.sorted_tables:
        if table.name in UNAUDITED_TABLES:
            continue
        key = list(table.primary_key.columns)
        rows = {",".join(str(part) for part in row) for row in demo_session.execute(select(*key))}
        created = demo_session.exec(
            select(AuditEntry.entity_id).where(AuditEntry.entity == table.name, AuditEntry.action == "create")
        ).all()
        assert sorted(created) == sorted(rows), table.name  # one create entry per record, no more
        checked += len(rows)
    assert checked > 1000
    check = verify_audit_chain(demo_session)
    assert check.ok, check.reason


_NOW = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")  # a moment of the load, not of the demo


def trail_entries(session: Session) -> Counter[tuple]:
    return Counter(
        (e.entity, e.entity_id, e.action, e.field, *(_NOW.sub("<now>", v) if v else v for v in (e.old_value, e.new_value)))
        for e in session.exec(select(AuditEntry).where(AuditEntry.user == "demo"))
    )  # fmt: skip


def test_the_load_audits_each_change_as_service_calls_one_by_one_do(
    demo_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load keeps what it looked up and writes its entries at the end: the same trail, entry by entry."""
    monkeypatch.setattr(demo_module, "_loading", lambda session: nullcontext())
    plain = open_database(tmp_path / "plain.db", user="demo")  # made as tests/conftest.py's demo_load
    try:
        with plain.session() as session:
            settings.ensure_defaults(session=session)
            load_demo(session=session)
        with plain.session() as session:
            assert trail_entries(session) == trail_entries(demo_session)
            assert verify_audit_chain(session).ok
    finally:
        plain.dispose()


def test_a_second_load_is_refused_without_force(demo_session: Session) -> None:
    audits = count(demo_session, AuditEntry)

    with pytest.raises(ValidationError) as caught:
        load_demo(session=demo_session)

    assert caught.value.errors == {
        "db": "This database already holds 40 risks; use --force to add the demo data anyway."
    }
    assert count(demo_session, Risk) == 40
    assert count(demo_session, AuditEntry) == audits


def test_the_demo_file_ships_with_the_package() -> None:
    path = demo_file()
    assert path.name == "demo.toml"
    assert path.is_file()
    assert path.parent == Path(__file__).resolve().parents[2] / "data"
