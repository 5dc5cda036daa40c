"""Finding the audit anchor a closed quarter's workbook printed, to check the register against it."""

from __future__ import annotations

from pathlib import Path

from opsdesk.domain.errors import Problem, ValidationError
from opsdesk.store.audit_chain import find_anchor

# The anchor sits in a report's first rows and columns; a bounded scan reads no more than that.
SCAN_ROWS = 500
SCAN_COLUMNS = 30


def workbook_anchor(path: Path) -> tuple[int, str]:
    """The (entry id, hash) of the audit anchor line in a workbook; ValidationError when it has none."""
    from openpyxl import load_workbook

    from opsdesk.reports.excel_source import check_workbook_file

    check_workbook_file(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError(
            Problem("against", "anchor.unreadable", {"path": path, "reason": str(exc)})
        ) from exc
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(max_row=SCAN_ROWS, max_col=SCAN_COLUMNS, values_only=True):
                for value in row:
                    if isinstance(value, str):
                        anchor = find_anchor(value)
                        if anchor is not None:
                            return anchor
    finally:
        workbook.close()
    raise ValidationError(Problem("against", "anchor.missing", {"path": path}))
