"""The data work: a KRI reading, the quarterly export and a 10,000-row import, each against its baseline."""

from __future__ import annotations

import gc
import random
import re
import time
from copy import copy
from datetime import date
from pathlib import Path
from typing import Any

from tests.benchmarks.common import Row, copy_database, spread, timed
from tests.benchmarks.generate import write_import_workbook


def measure_kri_reading(db_path: Path, work: Path, calls: int) -> Row:
    """`record_reading` with its alert evaluation, each call in its own session and commit, on a copy."""
    from sqlmodel import select

    from opsdesk.domain.enums import Direction
    from opsdesk.services.kris import ReadingInput, record_reading
    from opsdesk.store.database import open_database
    from opsdesk.store.models import Kri

    database = open_database(copy_database(db_path, work / "kri" / "register.db"), user="benchmark")
    rng = random.Random(3)
    try:
        with database.session() as session:
            kris = list(session.exec(select(Kri.id, Kri.direction, Kri.warning, Kri.alarm)).all())
        today = date.today()

        def one_call() -> Any:
            kri_id, direction, warning, alarm = rng.choice(kris)
            # Values on both sides of both thresholds: readings raise, escalate, continue and end breaches.
            low, high = sorted((warning, alarm))
            span = abs(alarm - warning) or 1.0
            value = rng.choice((low - span, (low + high) / 2, high + span))
            if direction == Direction.LOWER_IS_WORSE:
                value = max(0.0, value)
            with database.session() as session:
                return record_reading(
                    session=session, kri_id=kri_id, data=ReadingInput(read_on=today, value=value)
                )

        for _ in range(10):  # warm-up: statement caches, first connections
            one_call()
        samples: list[float] = []
        outcomes = {"raised": 0, "escalated": 0, "ended": 0}
        gc.collect()
        for _ in range(calls):
            started = time.perf_counter()
            outcome = one_call()
            samples.append((time.perf_counter() - started) * 1000)
            outcomes["raised"] += outcome.alert_raised
            outcomes["escalated"] += outcome.alert_escalated
            outcomes["ended"] += outcome.breach_ended
    finally:
        database.dispose()
    return Row(
        key="kri_reading",
        what="record a KRI reading (with alert evaluation)",
        how=f"record_reading, own session + commit each (WAL, synchronous=FULL); median of {calls} calls",
        unit="ms",
        target=5.0,
        samples=samples,
        details={"alerts": outcomes},
    )


# Export ------------------------------------------------------------------------------------


def _quarter_label(db_path: Path) -> str:
    from opsdesk.domain.periods import quarter_of
    from opsdesk.services.settings import get_fiscal_start_month
    from opsdesk.store.database import open_database

    database = open_database(db_path, user="benchmark")
    try:
        with database.session() as session:
            return quarter_of(date.today(), get_fiscal_start_month(session=session)).label
    finally:
        database.dispose()


def _read_back(path: Path) -> tuple[list[tuple[str, list[list[tuple[Any, int]]]]], dict[int, Any]]:
    """Every sheet's cells as (value, style id), and one read-only cell per style id to copy the style from."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    sheets: list[tuple[str, list[list[tuple[Any, int]]]]] = []
    examples: dict[int, Any] = {}
    for sheet in workbook.worksheets:
        rows = []
        for cells in sheet.iter_rows():
            row = []
            for cell in cells:
                value = getattr(cell, "value", None)
                style_id = getattr(cell, "_style_id", 0) if value is not None else 0
                row.append((value, style_id))
                if value is not None and style_id not in examples:
                    examples[style_id] = cell
            rows.append(row)
        sheets.append((sheet.title, rows))
    styles = {
        style_id: (cell.font, cell.fill, cell.border, cell.alignment, cell.number_format, cell.protection,
                   bool(cell.style_array.quotePrefix))
        for style_id, cell in examples.items()
    }  # fmt: skip
    workbook.close()
    return sheets, styles


def _openpyxl_write(
    path: Path, sheets: list[tuple[str, list[list[tuple[Any, int]]]]], styles: dict[int, Any]
) -> int:
    """The baseline: openpyxl's write-only mode writing the same cells with the same styles, styles built once."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell

    workbook = Workbook(write_only=True)
    written = 0
    templates: dict[int, Any] = {}
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for style_id, (font, fill, border, alignment, number_format, protection, quoted) in styles.items():
            if style_id in templates:
                continue
            template = Cell(sheet, row=1, column=1)
            template.font, template.fill, template.border = font, fill, border
            template.alignment, template.number_format, template.protection = (
                alignment,
                number_format,
                protection,
            )
            template.quotePrefix = quoted
            templates[style_id] = template._style
        for row in rows:
            sheet.append([
                None if value is None else Cell(sheet, row=1, column=1, value=value, style_array=copy(templates[style]))
                for value, style in row
            ])  # fmt: skip
            written += len(row)
    workbook.save(path)
    return written


def measure_export(db_path: Path, work: Path, runs: int) -> Row:
    """export_quarter of the whole register against openpyxl writing its cells and styles (write-only)."""
    from opsdesk.reports.excel_export import export_quarter
    from opsdesk.store.database import open_database

    folder = work / "export"
    folder.mkdir(parents=True, exist_ok=True)
    quarter = _quarter_label(db_path)
    database = open_database(db_path, user="benchmark")
    export_times: list[float] = []
    baseline_times: list[float] = []
    try:
        # No warm-up run: at this size the first run's imports are a fraction of a percent of it.
        for number in range(runs):  # interleaved, so a noisy moment hits both sides
            out = folder / f"export-{number}.xlsx"
            seconds, summary = timed(lambda out=out: export_quarter(database, quarter, out))
            export_times.append(seconds)
            if number == 0:
                sheets, styles = _read_back(out)  # untimed: the cells the baseline writes
                cells = sum(1 for _, rows in sheets for row in rows for value, _ in row if value is not None)
                file_bytes = out.stat().st_size
            baseline = folder / f"baseline-{number}.xlsx"
            baseline_times.append(timed(lambda b=baseline, c=sheets, s=styles: _openpyxl_write(b, c, s))[0])
    finally:
        database.dispose()
    export_stats, baseline_stats = spread(export_times), spread(baseline_times)
    return Row(
        key="export",
        what="quarterly export of the whole database",
        how=f"export_quarter({quarter}) against openpyxl write-only writing the same styled cells; {runs} runs each",
        unit="x",
        target=1.3,
        samples=[e / b for e, b in zip(export_times, baseline_times, strict=True)],
        value=export_stats["median"] / baseline_stats["median"],
        details={
            "export_s": export_stats,
            "baseline_s": baseline_stats,
            "cells": cells,
            "styles": len(styles),
            "sheet_rows": summary.rows,
            "file_bytes": file_bytes,
            "note": "the baseline writes the values and styles only: no picture, table, widths or row heights",
        },  # fmt: skip
    )


# Import ------------------------------------------------------------------------------------


class _OutOfTime(Exception):
    """Raised from the import's progress callback when the run's time box is used up."""


def _import(db_copy: Path, workbook: Path, budget_s: float | None) -> dict[str, Any]:
    """One import run; stopped from its progress callback (rolled back) once `budget_s` is used up."""
    from opsdesk.reports.excel_import import apply_import, guess_mapping, preview_import, read_workbook
    from opsdesk.store.database import open_database

    database = open_database(db_copy, user="benchmark")
    state: dict[str, Any] = {"phase": "read", "done": 0, "total": 0, "phase_started": 0.0}
    gc.collect()
    started = time.perf_counter()

    def progress(_percent: int, message: str) -> None:
        found = re.search(r"\((\d+) of (\d+)\)", message)
        if found:
            state["done"], state["total"] = int(found.group(1)), int(found.group(2))
        if budget_s is not None and time.perf_counter() - started > budget_s:
            raise _OutOfTime()

    def phase(name: str) -> float:
        now = time.perf_counter()
        state.update(phase=name, done=0, total=0, phase_started=now)
        return now

    try:
        source = read_workbook(workbook)
        read = phase("preview")
        with database.session() as session:
            mapping = guess_mapping(source.headers, "risks", session=session)
            preview = preview_import(session=session, source=source, mapping=mapping, progress=progress)
            previewed = phase("apply")
            if not preview.ok:
                raise RuntimeError(f"the benchmark workbook does not import: {preview.problems[:3]}")
            result = apply_import(session=session, preview=preview, progress=progress)
        applied = time.perf_counter()
    except _OutOfTime:
        now = time.perf_counter()
        done, total = state["done"], state["total"]
        # Rows go through the services once in the preview (rolled back) and once more when applied.
        in_phase = now - state["phase_started"]
        remaining_passes = 1 if state["phase"] == "preview" else 0
        per_row = in_phase / done if done else float("nan")
        projected = (state["phase_started"] - started) + per_row * total * (1 + remaining_passes)
        return {
            "total": now - started,
            "complete": False,
            "phase": state["phase"],
            "rows_done": done,
            "rows_total": total,
            "seconds_per_row": per_row,
            "projected_total": projected,
        }
    finally:
        database.dispose()
    if result.created != len(source.rows):
        raise RuntimeError(f"{result.created} risks created of {len(source.rows)} rows")
    return {
        "total": applied - started,
        "complete": True,
        "read": read - started,
        "preview": previewed - read,
        "apply": applied - previewed,
    }


def _openpyxl_read(workbook: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(workbook, read_only=True)
    count = 0
    for sheet in book.worksheets:
        for _values in sheet.iter_rows(values_only=True):
            count += 1
    book.close()
    return count


def measure_import(db_path: Path, work: Path, rows: int, runs: int, budget_s: float | None) -> Row:
    """read_workbook + preview_import + apply_import into a fresh copy, against openpyxl read-only reading.

    A run that exceeds `budget_s` is stopped (nothing is written) and the row reports a lower
    bound (the time spent, already over the target) with the measured rate and a projection.
    """
    folder = work / "import"
    folder.mkdir(parents=True, exist_ok=True)
    workbook = write_import_workbook(folder / "risks.xlsx", rows)
    _openpyxl_read(workbook)  # warm-up
    import_runs: list[dict[str, Any]] = []
    baseline_times: list[float] = []
    for _ in range(runs):
        register = copy_database(
            db_path, folder / "register.db"
        )  # untimed: each import starts from the register
        import_runs.append(_import(register, workbook, budget_s))
        baseline_times.append(timed(lambda: _openpyxl_read(workbook))[0])
        if not import_runs[-1]["complete"]:
            break  # a stopped run says all there is to say; more would only blow the time budget
    import_stats = spread([r["total"] for r in import_runs])
    baseline_stats = spread(baseline_times)
    complete = all(r["complete"] for r in import_runs)
    details: dict[str, Any] = {
        "import_s": import_stats, "baseline_s": baseline_stats, "rows": rows, "file_bytes": workbook.stat().st_size,
    }  # fmt: skip
    if complete:
        details["stages_s"] = {
            key: spread([r[key] for r in import_runs]) for key in ("read", "preview", "apply")
        }
        # The reader alone (python-calamine, bounded) against the same openpyxl read-only pass.
        details["read_vs_openpyxl"] = details["stages_s"]["read"]["median"] / baseline_stats["median"]
    else:
        stopped = import_runs[-1]
        details["stopped"] = {
            **{key: stopped[key] for key in ("phase", "rows_done", "rows_total", "seconds_per_row", "projected_total")},
            "budget_s": budget_s,
            "projected_ratio": stopped["projected_total"] / baseline_stats["median"],
        }  # fmt: skip
    return Row(
        key="import",
        what=f"import of {rows:,} risk rows from .xlsx, with validation",
        how="read_workbook + guess_mapping + preview_import + apply_import (fresh copy) against openpyxl "
        f"read-only reading every row; {len(import_runs)} runs each"
        + ("" if complete else f"; stopped at the {budget_s:.0f} s time box: the value is a lower bound"),
        unit="x",
        target=2.0,
        samples=[r["total"] / b for r, b in zip(import_runs, baseline_times, strict=True)],
        value=import_stats["median"] / baseline_stats["median"],
        details=details,
        lower_bound=not complete,
    )
