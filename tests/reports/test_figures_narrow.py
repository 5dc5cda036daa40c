"""The dashboard's narrow read of the figures gives what the full register as on the day gives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from opsdesk.services import reporting
from opsdesk.services.dashboard import dashboard_numbers
from opsdesk.store.database import Database
from tests.reports.conftest import TODAY


def _full(session, day: date):
    register = reporting.register_on(session=session, day=day, with_history=False)
    figures = reporting.figures_of(register)
    by_code = {risk.code: risk for risk in register.risks}
    return figures, [by_code[code] for code in figures.top]


@pytest.mark.parametrize(
    "day",
    [date.today(), date.today() + timedelta(days=40), TODAY, date(2026, 9, 30), date(2025, 12, 31)],
    ids=["today", "later", "fixed-today", "quarter-end", "a-year-back"],
)
def test_the_narrow_figures_are_the_full_registers(demo_database: Database, day: date) -> None:
    with demo_database.session() as session:
        narrow, top = reporting.figures_and_top_on(session=session, day=day)
        full, full_top = _full(session, day)
        numbers = dashboard_numbers(session=session, today=day)
    assert narrow == full
    assert top == full_top
    assert numbers.figures == full and numbers.top == full_top


def test_today_is_read_narrowly_and_an_assessment_dated_later_falls_back(demo_database: Database) -> None:
    from opsdesk.store.models import Assessment

    day = date.today() + timedelta(days=40)
    with demo_database.session() as session:
        assert reporting._risk_facts_on(session=session, day=day) is not None  # nothing changed after the day
        risk_id = session.exec(select(Assessment.risk_id)).first()
        session.add(
            Assessment(risk_id=risk_id, kind="residual", assessed_on=day + timedelta(days=5),
                       likelihood=5, impact=5, score=25, level="critical")
        )  # fmt: skip
    with demo_database.session() as session:
        assert reporting._risk_facts_on(session=session, day=day) is None
        narrow, top = reporting.figures_and_top_on(session=session, day=day)
        assert (narrow, top) == _full(session, day)
