"""Fixtures of the Excel tests: the demo company loaded once per session, copied per test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from opsdesk.store.database import Database, open_database
from opsdesk.store.models import AuditEntry, Risk
from tests.registers import copy_register, scratch_home

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# The demo's reference day: its dates were chosen so that nothing lies after it.
TODAY = date(2026, 11, 24)


@pytest.fixture(scope="session")
def demo_file(demo_template: Path) -> Path:
    """A database file holding the demo data set, built once for the whole test session."""
    return demo_template


@pytest.fixture
def demo_database(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo database, opened as user "tester"."""
    database = open_database(copy_register(demo_file, tmp_path / "demo-copy.db"), user="tester")
    yield database
    database.dispose()


@pytest.fixture
def demo_session(demo_database: Database) -> Iterator[Session]:
    with demo_database.session() as session:
        yield session


def export_demo_quarter(demo_file: Path, factory: pytest.TempPathFactory, **options) -> tuple[Path, object]:
    """The demo's 2026-Q3 workbook, written from a private copy of the demo; (its path, the export's summary).

    For fixtures of a whole module: exporting takes about a second, and tests that only read
    the workbook can share one.
    """
    from opsdesk.reports.excel_export import export_quarter

    folder = factory.mktemp("export")
    with scratch_home(factory):
        database = open_database(copy_register(demo_file, folder / "demo.db"), user="tester")
        try:
            out = folder / "q3.xlsx"
            return out, export_quarter(database, "2026-Q3", out, today=TODAY, **options)
        finally:
            database.dispose()


def row_counts(session: Session) -> tuple[int, int]:
    """(risks, audit entries): what a refused import must leave as it was."""
    return (
        session.exec(select(func.count()).select_from(Risk)).one(),
        session.exec(select(func.count()).select_from(AuditEntry)).one(),
    )
