"""Every figure through every path on the demo register at a fixed date: the same numbers.

Dashboard service, status bar text, the export's Summary cells read back with openpyxl,
and `opsdesk report --json`: each one calls domain/figures.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from opsdesk.cli import main
from opsdesk.domain.matrix import default_matrix
from opsdesk.reports.excel_export import export_quarter
from opsdesk.reports.excel_text import label, text
from opsdesk.services.dashboard import dashboard_numbers
from tests.reports.conftest import TODAY


def _summary(path: Path) -> dict[str, object]:
    """The Summary's figures, read back from its cells."""
    rows = [list(row) for row in load_workbook(path)["Summary"].iter_rows(values_only=True)]
    first: dict[object, tuple[int, int]] = {}  # a label's first cell (the Summary has tables side by side)
    for r, row in enumerate(rows):
        for col, cell in enumerate(row):
            if isinstance(cell, str):
                first.setdefault(cell, (r, col))

    def value(key: str) -> object:
        r, col = first[key]
        return rows[r][col + 1]

    top_row, top_col = first[text("top_risks")]
    top = []
    for row in rows[top_row + 2 :]:
        if not row[top_col]:
            break
        top.append(row[top_col])
    unassessed_row = next(row for row in rows[top_row + 2 :] if row[top_col] == text("not_assessed"))
    matrix = default_matrix()
    return {
        "active": value(text("total")),
        "unassessed": value(text("not_assessed")),
        "by_level": {band.code: value(band.name) for band in matrix.bands if value(band.name)},
        "above_appetite": value(text("figure_above_appetite")),
        "review_due": value(text("figure_review_due")),
        "overdue_actions": value(text("figure_overdue_actions")),
        "open_alerts": value(text("open_alerts"))
        + (value(text("open_forecasts")) if text("open_forecasts") in first else 0),
        "objectives": {
            s: value(label("objective_status", s)) for s in ("met", "at_risk", "missed", "no_data")
        },
        "top": top,
        "unassessed_listed": unassessed_row[1],
    }


def test_every_figure_is_the_same_through_every_path(
    qtbot, main_window, demo_database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_database.session() as session:
        numbers = dashboard_numbers(session=session, today=TODAY)
    figures = numbers.figures
    assert figures.active == figures.assessed + figures.unassessed
    assert figures.unassessed >= 1 and "R-0035" in figures.unassessed_codes
    assert numbers.top and [r.code for r in numbers.top] == list(figures.top)

    # The status bar.
    main_window.today = lambda: TODAY
    main_window.counts_label.clear()
    main_window.update_status()  # counted on the worker
    qtbot.waitUntil(lambda: bool(main_window.counts_label.text()))
    assert (
        main_window.counts_label.text()
        == f"{figures.active} active risks · {figures.open_alerts} open alerts"
    )

    # The export's Summary for the quarter under way on that day.
    out = tmp_path / "q4.xlsx"
    export_quarter(demo_database, "2026-Q4", out, include={"summary"}, today=TODAY)
    summary = _summary(out)
    assert summary == {
        "active": figures.active,
        "unassessed": figures.unassessed,
        "by_level": {code: n for code, n in numbers.by_level.items() if n},
        "above_appetite": numbers.above_appetite,
        "review_due": numbers.review_due,
        "overdue_actions": numbers.overdue_actions,
        "open_alerts": numbers.open_alerts,
        "objectives": numbers.objectives,
        "top": [r.code for r in numbers.top],
        "unassessed_listed": numbers.unassessed,
    }

    # opsdesk report --json on the same day.
    assert (
        main(
            [
                "--db",
                str(demo_database.path),
                "report",
                "--quarter",
                "2026-Q4",
                "--json",
                "--as-of",
                TODAY.isoformat(),
            ]
        )
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    assert printed["as_of"] == TODAY.isoformat()
    assert {
        "active": printed["active_risks"],
        "unassessed": printed["unassessed_risks"],
        "by_level": printed["risks_by_residual_level"],
        "above_appetite": printed["above_appetite"],
        "review_due": printed["due_for_review"],
        "overdue_actions": printed["overdue_actions"],
        "open_alerts": printed["open_alerts"],
        "objectives": printed["objectives"],
        "top": printed["residual_top_10"],
        "unassessed_listed": len(printed["unassessed"]),
    } == summary
