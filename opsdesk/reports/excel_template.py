"""The blank import template, written when a user saves it (Reports, the import wizard).

Write one with `python -m opsdesk.reports.excel_template FILE.xlsx`. Its headers are the
importer's own, so a filled-in template maps itself without any mapping work. A risk field
added to the field table gets a column of its own without a line here.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from opsdesk.domain.fields import FieldKind
from opsdesk.domain.matrix import default_matrix
from opsdesk.domain.records import RISK
from opsdesk.reports.excel_text import LABELS, header, sheet_title

# Columns of each sheet: (field key, column width, example or rule shown in the instructions).
RISK_TEMPLATE: tuple[tuple[str, float, str], ...] = (
    ("code", 10, "Leave empty for a new risk; an existing OpsDesk code (R-0012) updates that risk."),
    ("title", 36, "Required. A short name of the risk."),
    ("description", 44, "What could happen."),
    ("cause", 30, "Why it could happen."),
    ("consequence", 30, "What it would do to the company."),
    ("category", 18, "A category as named in Settings (Operational, Financial...)."),
    ("source", 18, "Internal audit, Data analysis, Market research, Incident, Workshop or Other."),
    ("department", 18, "A department as named in Settings (Operations, Sales...)."),
    ("owner", 18, "The person responsible."),
    ("identified_on", 14, "Required. A date (2026-05-31 or 31/05/2026)."),
    ("status", 14, "Identified, Assessed, Treating, Monitoring or Closed."),
    ("next_review", 14, "A date; calculated from the level when empty."),
    ("inherent_likelihood", 12, "1 to 5 or a word (Rare ... Almost certain)."),
    ("inherent_impact", 12, "1 to 5 or a word (Insignificant ... Severe)."),
    ("residual_likelihood", 12, "After the controls in place; 1 to 5 or a word."),
    ("residual_impact", 12, "After the controls in place; 1 to 5 or a word."),
    ("target_likelihood", 12, "Where the treatment should bring it."),
    ("target_impact", 12, "Where the treatment should bring it."),
    ("strategy", 14, "Avoid, Reduce, Transfer or Accept."),
    ("rationale", 36, "Why this response; the planned treatment."),
    ("acceptance_approver", 18, "Accepting a risk above the appetite needs an approver..."),
    ("acceptance_justification", 30, "...a justification..."),
    ("accepted_on", 14, "...the date it was accepted..."),
    ("acceptance_expires", 14, "...and the date the acceptance expires."),
)
# Every other field a user types: its column, with the field's own hint as the rule.
RISK_TEMPLATE += tuple(
    (field.key, 36 if field.kind is FieldKind.LONG_TEXT else 18, field.hint)
    for field in RISK.editable()
    if field.key not in {key for key, _width, _rule in RISK_TEMPLATE}
    and field.key not in ("category_id", "department_id")
)
READING_TEMPLATE: tuple[tuple[str, float, str], ...] = (
    ("kri", 36, "The indicator's name exactly as in OpsDesk."),
    ("read_on", 14, "The date of the reading."),
    ("value", 12, "A number."),
    ("note", 40, "Optional comment."),
)
MEASUREMENT_TEMPLATE: tuple[tuple[str, float, str], ...] = (
    ("objective", 36, "The quality objective's name exactly as in OpsDesk."),
    ("period", 12, "2026-03 (month), 2026-Q1 (quarter), or any date within the period."),
    ("numerator", 14, "For ratio objectives: e.g. units passed."),
    ("denominator", 14, "For ratio objectives: e.g. units inspected."),
    ("value", 12, "For value objectives: the measured value."),
    ("measurement_note", 40, "Optional comment."),
)
_FIXED_TIME = datetime(2026, 1, 1)


def write_import_template(path: Path | str) -> Path:
    """Write the blank template: one sheet per import target, drop-down lists, and instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold_white = Font(bold=True, color="FFFFFF")
    fill = PatternFill(fill_type="solid", fgColor="1F4E78")
    matrix = default_matrix()

    def add_sheet(key: str, columns: tuple[tuple[str, float, str], ...]) -> object:
        sheet = workbook.create_sheet(sheet_title(key))
        for index, (field_key, width, _rule) in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=header(field_key))
            cell.font, cell.fill = bold_white, fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.row_dimensions[1].height = 30
        return sheet

    risks = add_sheet("template_risks", RISK_TEMPLATE)
    keys = [key for key, _width, _rule in RISK_TEMPLATE]
    choices = {
        "status": list(LABELS["risk_status"].values()),
        "strategy": list(LABELS["strategy"].values()),
        "source": list(LABELS["source"].values()),
    }
    for key, values in choices.items():
        letter = get_column_letter(keys.index(key) + 1)
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        rule.add(f"{letter}2:{letter}1000")
        risks.add_data_validation(rule)
    for key in keys:
        if key.endswith(("_likelihood", "_impact")):
            letter = get_column_letter(keys.index(key) + 1)
            count = matrix.likelihood_count if key.endswith("_likelihood") else matrix.impact_count
            rule = DataValidation(
                type="whole",
                operator="between",
                formula1="1",
                formula2=str(count),
                allow_blank=True,
                showErrorMessage=True,
                error=f"Use a whole number from 1 to {count}.",
            )
            rule.add(f"{letter}2:{letter}1000")
            risks.add_data_validation(rule)
    for key in ("identified_on", "next_review", "accepted_on", "acceptance_expires"):
        letter = get_column_letter(keys.index(key) + 1)
        for row in range(2, 1001):
            risks[f"{letter}{row}"].number_format = "yyyy-mm-dd"
    add_sheet("template_readings", READING_TEMPLATE)
    add_sheet("template_measurements", MEASUREMENT_TEMPLATE)

    help_sheet = workbook.create_sheet(sheet_title("template_help"))
    help_sheet.column_dimensions["A"].width = 28
    help_sheet.column_dimensions["B"].width = 90
    help_sheet.append(["OpsDesk import template"])
    help_sheet["A1"].font = Font(bold=True, size=14)
    help_sheet.append(
        [
            "Fill one sheet, then import it with File > Import or `opsdesk import FILE --kind ...`. "
            "Nothing is imported unless every row is valid."
        ]
    )
    for key, columns in (
        ("template_risks", RISK_TEMPLATE),
        ("template_readings", READING_TEMPLATE),
        ("template_measurements", MEASUREMENT_TEMPLATE),
    ):
        help_sheet.append([])
        help_sheet.append([sheet_title(key)])
        help_sheet.cell(row=help_sheet.max_row, column=1).font = Font(bold=True, size=12)
        for field_key, _width, rule in columns:
            help_sheet.append([header(field_key), rule])
    for row in help_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    # Fixed document times: a rebuilt template differs from the shipped one only in zip entry dates.
    workbook.properties.created = workbook.properties.modified = _FIXED_TIME
    workbook.properties.creator = "OpsDesk"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


if __name__ == "__main__":
    from opsdesk.paths import data_path

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else data_path("import_template.xlsx")
    print(f"Wrote {write_import_template(target)}")
