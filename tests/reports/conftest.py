"""Fixtures of the Excel tests: the demo company loaded once per session, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from opsdesk.store.database import Database, open_database
from opsdesk.store.models import AuditEntry, Risk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The demo's reference day: its dates were chosen so that nothing lies after it.
TODAY = date(2026, 11, 24)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file holding the demo data set, built once for the whole test session."""
    from opsdesk.services.demo import load_demo
    from opsdesk.services.settings import ensure_defaults

    folder = tmp_path_factory.mktemp("demo")
    database = open_database(folder / "demo.db", user="demo")
    try:
        with database.session() as session:
            ensure_defaults(session=session)
            load_demo(session=session)
    finally:
        database.dispose()  # closes the connections: the WAL is folded into the file
    return folder / "demo.db"


@pytest.fixture
def demo_database(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database, opened as user "tester"."""
    target = tmp_path / "demo-copy.db"
    shutil.copyfile(demo_file, target)
    database = open_database(target, user="tester")
    yield database
    database.dispose()


@pytest.fixture
def demo_session(demo_database: Database) -> Iterator[Session]:
    with demo_database.session() as session:
        yield session


def row_counts(session: Session) -> tuple[int, int]:
    """(risks, audit entries): what a refused import must leave as it was."""
    return (
        session.exec(select(func.count()).select_from(Risk)).one(),
        session.exec(select(func.count()).select_from(AuditEntry)).one(),
    )
