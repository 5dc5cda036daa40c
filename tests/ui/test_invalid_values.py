"""A value written outside OpsDesk (a level the matrix lacks, likelihood 99, a reading of 1.7e308,
codes of no enum) keeps every page working: the row shows "invalid value" in place, charts draw
without it, and `opsdesk check` lists the row. On SQLite and on the PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView

from opsdesk.domain.catalogue import use_language
from opsdesk.services.register_check import check_register
from opsdesk.store.constraints import check_constraints
from opsdesk.store.database import Database, open_database
from tests.postgres import fresh_postgres_database, outside_opsdesk
from tests.ui.waiting import wait_chart_drawn, wait_loaded

# Written by the register's owner, past the constraints (dropped on the server, ignored in SQLite).
TAMPERING = (
    "UPDATE risk SET residual_level = 'nonexistent' WHERE code = 'R-0001'",
    "UPDATE risk SET inherent_likelihood = 99, residual_likelihood = 99 WHERE code = 'R-0002'",
    "UPDATE risk SET residual_impact = 8, target_likelihood = 7 WHERE code = 'R-0004'",  # within 10, beyond 5
    "UPDATE risk SET status = 'bogus', source = 'bogus', strategy = 'bogus' WHERE code = 'R-0003'",
    "INSERT INTO krireading (kri_id, read_on, value, state, note, recorded_by, created_at) "
    "VALUES (1, '2026-03-01', 1.7e308, 'alarm', '', 'mallory', '2026-03-01 00:00:00+00')",
    "UPDATE kri SET warning = 'Infinity' WHERE id = 2",
    "UPDATE alert SET kind = 'bogus', severity = 'nonexistent', state = 'bogus' WHERE id = 1",
    "UPDATE action SET status = 'bogus', kind = 'bogus', cost = 1e308 WHERE id = 1",
    "UPDATE nonconformity SET severity = 'bogus', status = 'bogus', six_m = 'bogus' WHERE id = 1",
    "UPDATE suggestion SET status = 'bogus', reward_amount = 1e308 WHERE id = 1",
    "UPDATE qualityobjective SET frequency = 'bogus', direction = 'bogus' WHERE id = 1",
    "UPDATE measurement SET value = 1e308, numerator = 1e308 WHERE id = 1",
    "UPDATE customerfeedback SET channel = 'bogus', rating = 99 WHERE id = 1",
)


def tamper_sqlite(path: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(str(path))
    connection.execute("PRAGMA ignore_check_constraints = ON")
    # SQLite keeps infinity as a REAL; 'Infinity' would be text there.
    for statement in TAMPERING:
        connection.execute(statement.replace("'Infinity'", "9e999").replace("+00'", "'"))
    connection.commit()
    connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def tampered(request: pytest.FixtureRequest, demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    if request.param == "sqlite":
        import shutil

        path = tmp_path / "demo.db"
        shutil.copyfile(demo_template, path)
        tamper_sqlite(path)
        database = open_database(path, user="tester")
        yield database
        database.dispose()
        return
    with fresh_postgres_database(demo=True) as database:
        drops = [f"ALTER TABLE {c.table} DROP CONSTRAINT {c.name}" for c in check_constraints()]
        outside_opsdesk(database, *drops, *TAMPERING)
        yield database


@pytest.fixture
def window(qtbot, make_context, tampered: Database):
    from opsdesk.ui.app import application
    from opsdesk.ui.main_window import MainWindow

    application()
    window = MainWindow(make_context(tampered))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def visit_every_row(page) -> int:
    """Select each row of each list on a page and read every cell: what a user clicking through does."""
    visited = 0
    for name in dir(page):
        view = getattr(page, name, None)
        if not isinstance(view, QAbstractItemView) or view.model() is None:
            continue
        model = view.model()
        for row in range(model.rowCount(QModelIndex())):
            view.setCurrentIndex(model.index(row, 0))
            visited += 1
            columns = model.columnCount(QModelIndex()) if hasattr(model, "column_index") else 1
            for column in range(columns):
                model.data(model.index(row, column))
    return visited


def test_every_page_works_and_shows_invalid_values_in_place(qtbot, window, tampered: Database) -> None:
    # Any exception raised inside Qt while doing this fails the test (pytest-qt captures it).
    for spec in window.specs:
        page = window.show_page(spec.key)
        wait_loaded(qtbot, page)
        assert visit_every_row(page) >= 0

    risks = window.show_page("risks")
    wait_loaded(qtbot, risks)

    def risk_cell(code: str, key: str) -> str:
        model = risks.model
        return model.data(model.index(model.find_row(lambda r: r.code == code), model.column_index(key)))

    assert risk_cell("R-0001", "residual_level") == "invalid value"
    assert (risk_cell("R-0003", "status"), risk_cell("R-0003", "strategy")) == (
        "invalid value",
        "invalid value",
    )

    indicators = window.show_page("indicators")
    kris = indicators.kris.model
    number = kris.find_row(lambda k: k.id == 2)
    assert kris.data(kris.index(number, kris.column_index("warning"))) == "invalid value"
    indicators.kris.table.setCurrentIndex(kris.index(kris.find_row(lambda k: k.id == 1), 0))
    readings = indicators.kris.reading_model
    invalid = readings.find_row(lambda r: r.value == 1.7e308)
    assert readings.data(readings.index(invalid, readings.column_index("value"))) == "invalid value"
    wait_chart_drawn(qtbot, indicators.kris.chart)
    texts = [text.get_text() for text in indicators.kris.chart.figure.axes[0].texts]
    assert "1 invalid value(s) not shown" in texts

    objectives = window.show_page("objectives")
    objectives._select(1, keep_edits=False)
    assert objectives.placeholder.text() == (
        "This objective holds an invalid frequency (“bogus”). Correct it in the objective's editor."
    )
    assert objectives.detail.currentIndex() == 0


def test_check_lists_the_rows_that_hold_invalid_values(tampered: Database) -> None:
    result = check_register(tampered)
    assert not result.ok
    assert result.invalid_count >= 12
    listed = "\n".join(result.invalid_values)
    assert "risk #1 (R-0001): residual_level = 'nonexistent'; it must be a level of the risk matrix" in listed
    assert "it must be a whole number from 1 to 10" in listed and "inherent_likelihood = 99" in listed
    assert "value = 1.7e+308; it must be a finite number no larger than 1e+15 either way" in listed
    with use_language("zh_CN"):
        chinese = "\n".join(check_register(tampered).invalid_values)
    assert "value = 1.7e+308；应为绝对值不超过 1e+15 的有限数" in chinese
    assert "risk #1 (R-0001)：residual_level = 'nonexistent'；应为风险矩阵的等级之一（" in chinese
    assert "it must be" not in chinese
