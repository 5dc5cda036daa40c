"""Importing the workbooks people already keep: every fixture, the broken ones, and the round trip."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ValidationError
from opsdesk.reports import excel_source
from opsdesk.reports.excel_export import export_quarter
from opsdesk.reports.excel_import import (
    CREATE,
    INVALID,
    UNCHANGED,
    UPDATE,
    ImportDefaults,
    ImportRefusedError,
    WorkbookUnreadableError,
    apply_import,
    guess_mapping,
    load_mapping_file,
    preview_import,
    read_workbook,
)
from opsdesk.services import actions, kris, quality, risks, settings
from opsdesk.store.database import LARGE_CACHE_KIB, Database
from opsdesk.store.models import Assessment, AuditEntry, KriReading, Measurement
from tests.reports.conftest import FIXTURES, TODAY, row_counts

DEFAULTS = ImportDefaults(department="Operations", category="Operational", identified_on=date(2026, 1, 1))


def _import(
    session: Session,
    path: Path,
    *,
    kind: str = "risks",
    defaults: ImportDefaults | None = None,
    today: date = TODAY,
    **read,
) -> tuple[object, object]:
    source = read_workbook(path, kind=kind, **read)
    preview = preview_import(session=session, source=source, defaults=defaults, today=today)
    assert preview.ok, [str(problem) for problem in preview.problems]
    return preview, apply_import(session=session, preview=preview)


def _by_code(session: Session) -> dict[str, risks.RiskRead]:
    return {risk.code: risk for risk in risks.list_risks(session=session, include_archived=True, today=TODAY)}


def _count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


# The registers of the fixtures ----------------------------------------------------------------


def test_register_with_a_title_row_units_and_formulas(session: Session) -> None:
    preview, result = _import(session, FIXTURES / "risk_register_title_row.xlsx")
    source = preview.source
    assert (source.sheet, source.header_row, len(source.rows)) == ("Risk Register", 2, 25)
    assert source.sheet_names == ("Risk Register", "Legend")
    assert preview.ignored == {8: "calculated by OpsDesk"}
    assert (preview.mapping[9], preview.mapping[11], preview.mapping[13]) == (
        "inherent_level",
        "actions",
        "action_due",
    )
    assert (result.created, result.updated, result.unchanged) == (25, 0, 0)
    assert result.codes == tuple(f"R-{n:04d}" for n in range(1, 26))

    created = _by_code(session)
    first = created["R-0001"]
    assert (first.title, first.description) == (
        "Key supplier insolvency",
        "Single-source supplier of control boards shows payment delays",
    )
    assert (first.category, first.department, first.owner) == ("Operational", "Operations", "Chen Jing")
    assert first.identified_on == date(2026, 1, 5)
    assert (first.inherent_likelihood, first.inherent_impact, first.inherent_score, first.inherent_level) == (
        3,
        1,
        3,
        "low",
    )
    assert (first.residual_likelihood, first.residual_impact, first.residual_level) == (3, 1, "low")
    assert (first.target_likelihood, first.target_impact) == (None, None)
    assert first.strategy == "reduce"  # "Mitigate"
    assert first.rationale == ""  # "Mitigation Actions" are actions, one per numbered item
    plan = actions.list_actions(session=session, risk_id=first.id, today=TODAY)
    assert [(a.title, a.owner, a.due_date) for a in plan] == [
        ("Review contract terms", "Chen Jing", date(2026, 9, 30)),
        ("Identify second source", "Chen Jing", date(2026, 9, 30)),
    ]
    assert first.status == "assessed"  # "Open", and assessed at once
    assert first.source == "other"
    assert first.next_review == date(2027, 1, 5)  # a year after the low-level assessment

    seventh = created["R-0007"]
    assert (seventh.title, seventh.category, seventh.department, seventh.owner) == (
        "Loss of senior engineers",
        "People",
        "Human Resources",
        "Tom Hughes",
    )
    assert (seventh.inherent_score, seventh.inherent_level, seventh.residual_score) == (15, "high", 4)
    assert (seventh.status, seventh.strategy) == ("closed", "reduce")

    # Every row against the sheet itself, whose score column holds the cached formula values.
    sheet = load_workbook(FIXTURES / "risk_register_title_row.xlsx", data_only=True)["Risk Register"]
    statuses = {"Open": "assessed", "Monitoring": "monitoring", "In progress": "treating", "Closed": "closed"}
    strategies = {"Mitigate": "reduce", "Accept": "accept", "Transfer": "transfer", "Avoid": "avoid"}
    for number, code in enumerate(result.codes, start=3):
        row = [cell.value for cell in sheet[number]]
        risk = created[code]
        assert risk.title == row[2] and risk.description == row[3]
        assert risk.identified_on == row[1].date()
        assert (risk.category, risk.department, risk.owner) == (row[4], row[5], row[12])
        assert (risk.inherent_likelihood, risk.inherent_impact, risk.inherent_score) == (
            row[6],
            row[7],
            row[8],
        )
        assert (risk.residual_likelihood, risk.residual_impact) == (row[15], row[16])
        assert risk.strategy == strategies[row[10]] and risk.status == statuses[row[14]]


def test_register_with_text_levels_typos_a_duplicate_header_and_empty_rows(session: Session) -> None:
    path = FIXTURES / "risk_register_text_levels.xlsx"
    source = read_workbook(path)
    assert (source.header_row, len(source.rows), source.rows[-1].number) == (1, 18, 19)
    mapping = guess_mapping(source.headers)
    assert mapping[4] == "inherent_likelihood"  # "Likelhood"
    assert mapping[6] == "strategy" and 7 not in mapping  # "Treatment Strategy" twice: the first one
    preview, result = _import(session, path, defaults=DEFAULTS)
    assert preview.ignored[7] == "the same header as column G"
    assert any("titles" in note or "title" in note for note in preview.notes)
    assert result.created == 18

    created = _by_code(session)
    first = created["R-0001"]
    assert first.title == "Key supplier insolvency"
    assert first.description == "Single-source supplier of control boards shows payment delays"
    assert (first.inherent_likelihood, first.inherent_impact) == (4, 3)  # "Likely", "Medium"
    assert (first.strategy, first.status, first.owner) == ("accept", "assessed", "Wang Fang")
    assert first.next_review == date(2026, 2, 26)  # "26/02/2026"
    assert (first.department, first.category, first.identified_on) == (
        "Operations",
        "Operational",
        date(2026, 1, 1),
    )
    assert (created["R-0004"].inherent_likelihood, created["R-0004"].inherent_impact) == (1, 4)  # Rare, High
    assert created["R-0004"].strategy == "reduce"  # "Mitigate"
    assert created["R-0008"].inherent_score == 25  # Almost certain x Very high
    assert created["R-0010"].status == "closed"
    assert created["R-0011"].status == "treating"  # "In progress"

    sheet = load_workbook(path, data_only=True)["Sheet1"]
    for number in range(2, 20):
        code = f"R-{number - 1:04d}"
        assert created[code].inherent_score == sheet.cell(number, 6).value, (
            code
        )  # the sheet's own "Risk Score"


def test_chinese_register(session: Session) -> None:
    preview, result = _import(session, FIXTURES / "risk_register_zh.xlsx")
    assert (preview.source.sheet, preview.source.header_row) == ("风险登记册", 2)
    assert preview.ignored[0] == "a row number"  # 序号
    assert result.created == 12
    created = _by_code(session)
    first = created["R-0001"]
    assert (first.title, first.description) == ("关键供应商破产", "关键供应商破产可能导致经营目标无法实现")
    assert (first.category, first.department, first.owner) == ("Operational", "Operations", "王芳")
    assert first.identified_on == date(2026, 3, 1)
    assert (first.inherent_likelihood, first.inherent_impact, first.strategy) == (2, 1, "transfer")
    assert first.rationale == "制定应急预案并每月复核"
    assert created["R-0003"].inherent_likelihood == 1  # 很低
    assert created["R-0006"].inherent_likelihood == 5  # 很高
    assert created["R-0012"].inherent_likelihood == 2  # 低
    assert created["R-0004"].strategy == "accept"  # 接受
    assert created["R-0005"].strategy == "avoid"  # 规避
    assert created["R-0006"].strategy == "reduce"  # 降低
    assert [created[f"R-{n:04d}"].status for n in (1, 2, 3, 5)] == [
        "assessed",
        "treating",
        "monitoring",
        "assessed",
    ]
    departments = {created[f"R-{n:04d}"].department for n in range(1, 13)}
    assert departments == {
        "Operations",
        "Marketing",
        "Sales",
        "Product",
        "Technology",
        "Human Resources",
        "Finance",
    }
    categories = {created[f"R-{n:04d}"].category for n in range(1, 13)}
    assert categories == {
        "Operational",
        "Market",
        "Strategic",
        "Information security",
        "Technical",
        "People",
        "Legal/Compliance",
        "Financial",
    }
    sheet = load_workbook(FIXTURES / "risk_register_zh.xlsx", data_only=True).active
    for number in range(3, 15):
        assert created[f"R-{number - 2:04d}"].inherent_score == sheet.cell(number, 11).value  # 风险值


def test_kri_readings_in_long_form(session: Session) -> None:
    operations = settings.department_id(session=session, name="Operations")
    names = (
        "Overdue receivables %",
        "Unpatched critical servers",
        "Staff attrition % (annualised)",
        "Supplier on-time delivery %",
    )
    ids = {}
    for name in names:
        lower_is_worse = "on-time" in name
        ids[name] = kris.create_kri(
            session=session,
            data=kris.KriInput(
                name=name,
                department_id=operations,
                warning=90.0 if lower_is_worse else 8.0,
                alarm=85.0 if lower_is_worse else 10.0,
                direction="lower_is_worse" if lower_is_worse else "higher_is_worse",
            ),
        ).id
    path = FIXTURES / "kri_readings.xlsx"
    preview, result = _import(session, path, kind="readings", today=date(2027, 1, 31))
    assert preview.count(CREATE) == 48
    assert (result.created, result.unchanged) == (48, 0)
    receivables = kris.list_readings(session=session, kri_id=ids["Overdue receivables %"])
    assert len(receivables) == 12
    assert (receivables[0].read_on, receivables[0].value, receivables[0].state) == (
        date(2026, 1, 28),
        7.6,
        "ok",
    )
    assert (receivables[2].read_on, receivables[2].value, receivables[2].state) == (
        date(2026, 3, 28),
        9.8,
        "warning",
    )
    assert receivables[4].value == 10.2 and receivables[4].state == "alarm"
    assert receivables[0].recorded_by == "tester"

    # The same file again changes nothing.
    count = _count(session, KriReading)
    again = preview_import(
        session=session, source=read_workbook(path, kind="readings"), today=date(2027, 1, 31)
    )
    assert again.count(UNCHANGED) == 48 and again.ok
    assert apply_import(session=session, preview=again).created == 0
    assert _count(session, KriReading) == count


def test_kri_readings_in_the_future_or_of_unknown_indicators_are_refused(session: Session) -> None:
    before = _count(session, KriReading)
    source = read_workbook(FIXTURES / "kri_readings.xlsx", kind="readings")
    preview = preview_import(session=session, source=source, today=date(2027, 1, 31))
    assert not preview.ok
    assert str(preview.problems[0]) == (
        "Row 2, column A (KRI): there is no indicator named 'Overdue receivables %'."
    )
    assert len(preview.problems) == 48
    with pytest.raises(ImportRefusedError):
        apply_import(session=session, preview=preview)
    assert _count(session, KriReading) == before


def _objectives(session: Session) -> dict[str, int]:
    operations = settings.department_id(session=session, name="Operations")
    sales = settings.department_id(session=session, name="Sales")
    pass_rate = quality.create_objective(
        session=session,
        data=quality.ObjectiveInput(
            name="Final inspection pass rate",
            department_id=operations,
            target=98.5,
            numerator_label="Passed",
            denominator_label="Inspected",
        ),
    )
    complaints = quality.create_objective(
        session=session,
        data=quality.ObjectiveInput(
            name="Customer complaint rate",
            department_id=sales,
            target=0.4,
            direction="higher_is_worse",
            numerator_label="Complaints",
            denominator_label="Orders delivered",
        ),
    )
    return {"pass": pass_rate.id, "complaints": complaints.id}


def test_objective_measurements_with_numerators_and_denominators(session: Session) -> None:
    ids = _objectives(session)
    path = FIXTURES / "quality_measurements.xlsx"
    source = read_workbook(path, kind="measurements")
    mapping = guess_mapping(source.headers, "measurements", session=session)
    assert mapping == {
        0: "objective",
        1: "period",
        2: "denominator",
        3: "numerator",
        4: "numerator",
        5: "denominator",
    }
    preview, result = _import(session, path, kind="measurements")
    assert (result.created, result.updated) == (36, 0)
    first = quality.get_measurement(session=session, objective_id=ids["pass"], period="2025-01")
    assert (first.numerator, first.denominator) == (500, 512)
    complaint = quality.get_measurement(session=session, objective_id=ids["complaints"], period="2026-06")
    assert (complaint.numerator, complaint.denominator) == (6, 1813)
    assert _count(session, Measurement) == 36

    again = preview_import(session=session, source=read_workbook(path, kind="measurements"))
    assert again.count(UNCHANGED) == 36
    assert apply_import(session=session, preview=again).updated == 0


def test_a_corrected_measurement_updates_its_period(session: Session, tmp_path: Path) -> None:
    ids = _objectives(session)
    path = tmp_path / "measurements.xlsx"
    shutil.copyfile(FIXTURES / "quality_measurements.xlsx", path)
    _import(session, path, kind="measurements")
    workbook = load_workbook(path)
    workbook.active["D2"] = 505  # passed in 2025-01
    workbook.save(path)
    preview, result = _import(session, path, kind="measurements")
    assert [row.row for row in preview.rows if row.action == UPDATE] == [2]
    assert (result.updated, result.unchanged) == (1, 35)
    assert (
        quality.get_measurement(session=session, objective_id=ids["pass"], period="2025-01").numerator == 505
    )


# Broken workbooks -------------------------------------------------------------------------------


BAD_VALUES = [
    "Row 3, column C (Likelihood): 7 is outside the matrix (1 to 5).",
    "Row 4, column B (Title): the title is required.",
    "Row 5, column D (Impact): 'catastrophic!!' is not an impact level: use 1 to 5 or Insignificant, Minor, "
    "Moderate, Major, Severe.",
    "Row 6, column F (Date Identified): 'yesterday' is not a date: write it as 2026-05-31 or 31/05/2026.",
    "Row 7, column A (Risk ID): the reference R-1 is already in row 2; each risk once.",
]


def test_bad_values_are_each_named_by_row_and_column_and_nothing_is_written(session: Session) -> None:
    before = row_counts(session)
    source = read_workbook(FIXTURES / "broken" / "bad_values.xlsx")
    preview = preview_import(session=session, source=source, defaults=DEFAULTS, today=TODAY)
    assert [str(problem) for problem in preview.problems] == BAD_VALUES
    assert [row.action for row in preview.rows] == [CREATE, INVALID, INVALID, INVALID, INVALID, INVALID]
    assert row_counts(session) == before  # the preview's trial run was rolled back
    with pytest.raises(ImportRefusedError) as refused:
        apply_import(session=session, preview=preview)
    assert [str(problem) for problem in refused.value.problems] == BAD_VALUES
    assert str(refused.value) == "5 problems in the workbook; nothing was imported."
    assert row_counts(session) == before


def test_missing_department_and_category_columns_go_to_unassigned_and_are_said_once(session: Session) -> None:
    source = read_workbook(FIXTURES / "broken" / "bad_values.xlsx")
    preview = preview_import(session=session, source=source, today=TODAY)
    assert [str(problem) for problem in preview.problems] == BAD_VALUES
    assert 'new risks have no department: they go to "Unassigned"' in " ".join(preview.notes)
    assert 'new risks have no category: they go to "Unassigned"' in " ".join(preview.notes)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "not_excel.xlsx",
            "not_excel.xlsx is not an Excel workbook: it is a text or CSV file with an .xlsx name.",
        ),
        ("truncated.xlsx", "truncated.xlsx is damaged or incomplete (the file ends too early"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_with_one_message(
    session: Session, name: str, message: str
) -> None:
    before = row_counts(session)
    with pytest.raises(WorkbookUnreadableError) as refused:
        read_workbook(FIXTURES / "broken" / name)
    assert str(refused.value).startswith(message)
    assert isinstance(refused.value, ValidationError)
    assert row_counts(session) == before


def test_old_xls_empty_and_other_zip_files_are_refused(tmp_path: Path) -> None:
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(WorkbookUnreadableError, match="old Excel 97-2003 workbook"):
        read_workbook(old)
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(WorkbookUnreadableError, match="is empty"):
        read_workbook(empty)
    document = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(WorkbookUnreadableError, match="a zip archive but not an Excel workbook"):
        read_workbook(document)
    with pytest.raises(WorkbookUnreadableError, match="does not exist"):
        read_workbook(tmp_path / "missing.xlsx")


def test_oversized_files_and_zip_bombs_are_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = FIXTURES / "risk_register_title_row.xlsx"
    monkeypatch.setattr(excel_source, "MAX_FILE_BYTES", 1024)
    with pytest.raises(WorkbookUnreadableError, match="OpsDesk imports workbooks of up to 0 MB"):
        read_workbook(path)
    monkeypatch.undo()
    # A small file that unpacks to far more than any register: refused before it is unpacked.
    bomb = tmp_path / "bomb.xlsx"
    shutil.copyfile(path, bomb)
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 2_000_000)
    monkeypatch.setattr(excel_source, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(WorkbookUnreadableError, match="would unpack to 2 MB"):
        read_workbook(bomb)
    assert bomb.stat().st_size < 100_000


def test_a_sheet_without_header_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "numbers.xlsx"
    workbook = Workbook()
    for row in range(1, 30):
        workbook.active.append([row, row * 2, "x"])
    workbook.save(path)
    with pytest.raises(ValidationError, match="No header row found in the first 20 rows of sheet 'Sheet'"):
        read_workbook(path)
    source = read_workbook(path, header_row=3)
    assert source.header_row == 3 and source.headers == ("3", "6", "x") and len(source.rows) == 26
    with pytest.raises(ValidationError, match="has no sheet named 'Risks' \\(its sheets: 'Sheet'\\)"):
        read_workbook(path, sheet="Risks")


def _write(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_the_risk_services_rules_are_applied_and_named_by_row(session: Session, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "rules.xlsx",
        [
            [
                "Title",
                "Department",
                "Category",
                "Identified on",
                "Residual likelihood",
                "Residual impact",
                "Strategy",
                "Next review",
            ],
            ["Accepted without approval", "Sales", "Market", date(2026, 3, 1), 5, 5, "Accept", None],
            ["From the future", "Sales", "Market", date(2027, 3, 1), 2, 2, "Reduce", None],
            [
                "Review before identification",
                "Sales",
                "Market",
                date(2026, 3, 1),
                2,
                2,
                "Reduce",
                date(2026, 1, 1),
            ],
            ["Fine", "Finance", "Financial", "2026-03-01", "2", "2.0", "Reduce", "31/12/2026"],
            ["Unknown department", "Legal", "Market", date(2026, 3, 1), 2, 2, "Reduce", None],
        ],
    )
    before = row_counts(session)
    preview = preview_import(session=session, source=read_workbook(path), today=TODAY)
    assert [str(problem) for problem in preview.problems] == [
        "Row 2: Accepting a risk above the appetite (Medium) needs an approver.",
        "Row 2: Accepting a risk above the appetite needs a justification.",
        "Row 2: Accepting a risk above the appetite needs an expiry date.",
        "Row 3, column D (Identified on): the assessment date cannot be in the future.",
        "Row 3, column D (Identified on): the identification date cannot be in the future.",
        "Row 4, column H (Next review): the next review cannot be before the risk was identified.",
        "Row 6, column B (Department): there is no department 'Legal' (use one of Finance, Human Resources, "
        "Marketing, Operations, Product, Sales, Technology).",
    ]
    assert [row.action for row in preview.rows] == [INVALID, INVALID, INVALID, CREATE, INVALID]
    assert row_counts(session) == before


def test_an_import_writes_with_the_larger_page_cache_and_gives_it_back(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import's index pages stay in SQLite's cache while it writes; the window's connections
    go back to the default afterwards (kept, the larger cache only cost memory)."""
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("a SQLite page cache")
    path = _write(
        tmp_path / "two.xlsx",
        [["Title", "Department", "Category", "Identified on"], ["One", "Sales", "Market", date(2026, 3, 1)],
         ["Two", "Sales", "Market", date(2026, 3, 2)]],
    )  # fmt: skip

    def cache_size() -> int:
        return session.connection().exec_driver_sql("PRAGMA cache_size").scalar()

    before = cache_size()
    while_writing: list[int] = []
    real_create = risks.create_risks

    def create_risks(**kwargs):
        while_writing.append(cache_size())
        return real_create(**kwargs)

    monkeypatch.setattr(risks, "create_risks", create_risks)
    _import(session, path)
    assert before == -2000
    assert while_writing == [-LARGE_CACHE_KIB]
    assert cache_size() == before
    assert [risk.title for risk in _by_code(session).values()][-2:] == ["One", "Two"]


# Round trip ---------------------------------------------------------------------------------------


def test_an_exported_register_reimports_with_no_changes(demo_database: Database, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    export_quarter(demo_database, "2026-Q4", out, today=TODAY)
    source = read_workbook(out)
    assert (source.sheet, source.header_row) == ("Risk register", 1)
    mapping = guess_mapping(source.headers)
    with demo_database.session() as session:
        before = row_counts(session)
        assessments = _count(session, Assessment)
        preview = preview_import(session=session, source=source, mapping=mapping, today=TODAY)
        assert preview.ok, [str(p) for p in preview.problems]
        assert {row.action for row in preview.rows} == {UNCHANGED}
        assert len(preview.rows) == 40
        result = apply_import(session=session, preview=preview)
        assert (result.created, result.updated, result.unchanged) == (0, 0, 40)
        assert row_counts(session) == before
        assert _count(session, Assessment) == assessments
    # Every register column but the calculated ones maps to a field.
    assert set(preview.ignored.values()) == {"calculated by OpsDesk"}


def test_an_edited_export_updates_the_edited_risks_only(demo_database: Database, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    export_quarter(demo_database, "2026-Q4", out, include={"register"}, today=TODAY)
    workbook = load_workbook(out)
    sheet = workbook["Risk register"]
    headers = [cell.value for cell in sheet[1]]
    rows = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
    sheet.cell(rows["R-0004"], headers.index("Title") + 1).value = "Suzhou expansion late (re-planned)"
    sheet.cell(rows["R-0005"], headers.index("Residual likelihood") + 1).value = "Unlikely"
    sheet.cell(rows["R-0005"], headers.index("Residual impact") + 1).value = "2.0"
    workbook.save(out)
    with demo_database.session() as session:
        old = _by_code(session)
        audit_before = _count(session, AuditEntry)
        preview = preview_import(session=session, source=read_workbook(out), today=TODAY)
        updates = {row.key: row.changes for row in preview.rows if row.action == UPDATE}
        assert updates == {"R-0004": ("Title",), "R-0005": ("Residual assessment",)}
        result = apply_import(session=session, preview=preview)
        assert (result.updated, result.unchanged) == (2, 38)
        now = _by_code(session)
        assert now["R-0004"].title == "Suzhou expansion late (re-planned)"
        assert now["R-0004"].version == old["R-0004"].version + 1
        assert (now["R-0005"].residual_likelihood, now["R-0005"].residual_impact) == (2, 2)
        history = risks.assessment_history(session=session, risk_id=now["R-0005"].id, kind="residual")
        assert (history[-1].assessed_on, history[-1].likelihood, history[-1].assessor) == (TODAY, 2, "tester")
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.id > 0).order_by(AuditEntry.id.desc())
        ).all()
        new_entries = entries[: _count(session, AuditEntry) - audit_before]
        title_change = [e for e in new_entries if e.entity == "risk" and e.field == "title"]
        assert len(title_change) == 1 and title_change[0].new_value == "Suzhou expansion late (re-planned)"
        assert title_change[0].user == "tester"
        assert {e.entity_id for e in new_entries if e.entity == "risk"} == {
            str(now["R-0004"].id),
            str(now["R-0005"].id),
        }


def test_a_risk_changed_after_the_preview_makes_the_import_write_nothing(
    demo_database: Database, tmp_path: Path
) -> None:
    out = tmp_path / "register.xlsx"
    export_quarter(demo_database, "2026-Q4", out, include={"register"}, today=TODAY)
    workbook = load_workbook(out)
    sheet = workbook["Risk register"]
    sheet["B2"] = "Edited in Excel"  # R-0001
    sheet["B3"] = "Edited in Excel too"  # R-0002
    workbook.save(out)
    with demo_database.session() as session:
        preview = preview_import(session=session, source=read_workbook(out), today=TODAY)
        assert preview.count(UPDATE) == 2
        # Someone edits R-0002 in OpsDesk meanwhile.
        r2 = _by_code(session)["R-0002"]
        risks.bulk_update(
            session=session, risk_ids=[r2.id], change=risks.BulkChange(owner="Someone Else"), today=TODAY
        )
        before = row_counts(session)
        with pytest.raises(ImportRefusedError) as refused:
            apply_import(session=session, preview=preview)
        assert "changed by someone else" in str(refused.value.problems[0])
        assert row_counts(session) == before
        assert _by_code(session)["R-0001"].title != "Edited in Excel"


# Mapping ---------------------------------------------------------------------------------------------


def test_guess_mapping_reads_units_typos_duplicates_and_chinese() -> None:
    headers = [
        "Risk ID",
        "Likelihood (1-5)",
        "Likelhood",
        "Impact [1..5]",
        "Owner",
        "Owner",
        "负责人",
        "可能性",
        "Residual Likelihood",
        "当前影响",
        "Probability (%)",
        "Risk Level",
        "",
        None,
        "Anything else",
    ]
    assert guess_mapping(headers) == {
        0: "reference",
        1: "inherent_likelihood",
        3: "inherent_impact",
        4: "owner",
        8: "residual_likelihood",
        9: "residual_impact",
        10: "inherent_probability",
        11: "inherent_level",
        14: "details",
    }
    assert guess_mapping(["指标", "日期", "数值", "备注"], "readings") == {
        0: "kri",
        1: "read_on",
        2: "value",
        3: "note",
    }
    assert guess_mapping(["质量目标", "月份", "合格数", "检验数"], "measurements") == {
        0: "objective",
        1: "period",
        2: "numerator",
        3: "denominator",
    }
    with pytest.raises(ValidationError, match="Import risks, readings or measurements"):
        guess_mapping(["Title"], "actions")


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"],
    ids=["plain", "notepad-bom", "powershell-5", "no-bom"],
)
def test_a_mapping_file_from_any_windows_editor_is_read(tmp_path: Path, encoding: str) -> None:
    source = read_workbook(FIXTURES / "risk_register_title_row.xlsx")
    mapping_file = tmp_path / "mapping.json"
    # Notepad writes a UTF-8 BOM; PowerShell 5.1's "> mapping.json" writes UTF-16 with a BOM.
    mapping_file.write_bytes(
        json.dumps({"Target Date": "next_review", "L": None}, ensure_ascii=False).encode(encoding)
    )
    mapping = load_mapping_file(mapping_file, source, guess_mapping(source.headers))
    assert mapping[13] == "next_review" and 11 not in mapping


def test_a_mapping_file_overrides_the_guess(session: Session, tmp_path: Path) -> None:
    source = read_workbook(FIXTURES / "risk_register_title_row.xlsx")
    mapping_file = tmp_path / "mapping.json"
    mapping_file.write_text(json.dumps({"Target Date": "next_review", "L": None, "mitigation actions": None}))
    mapping = load_mapping_file(mapping_file, source, guess_mapping(source.headers))
    assert mapping[13] == "next_review" and 11 not in mapping
    mapping_file.write_text(json.dumps({"Nope": "title", "B": "colour"}))
    with pytest.raises(ValidationError) as refused:
        load_mapping_file(mapping_file, source, {})
    assert refused.value.errors == {
        "Nope": "No column has the header 'Nope' and it is not a column letter.",
        "B": "'colour' is not a field; use one of "
        + ", ".join(
            sorted(
                spec.key
                for spec in __import__("opsdesk.reports.excel_mapping", fromlist=["x"]).field_specs("risks")
            )
        )
        + ".",
    }
    preview = preview_import(session=session, source=source, mapping={2: "title", 3: "title"}, today=TODAY)
    assert [str(p) for p in preview.problems] == [
        "Column D (Description): Title is already taken from column C; map it once."
    ]


def test_the_template_maps_itself_for_every_kind(tmp_path: Path) -> None:
    from opsdesk.reports.excel_template import write_import_template

    rebuilt = write_import_template(tmp_path / "template.xlsx")
    for kind, sheet in (("risks", "Risks"), ("readings", "KRI readings"), ("measurements", "Measurements")):
        fresh = read_workbook(rebuilt, kind=kind)
        assert (fresh.sheet, fresh.header_row, fresh.rows) == (sheet, 1, ())
        mapping = guess_mapping(fresh.headers, kind)
        assert sorted(mapping) == list(range(len(fresh.headers))), kind
        assert len(set(mapping.values())) == len(mapping), kind


def test_a_filled_template_imports(session: Session, tmp_path: Path) -> None:
    from opsdesk.reports.excel_template import write_import_template

    path = write_import_template(tmp_path / "template.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Risks"]
    headers = [cell.value for cell in sheet[1]]
    values = {
        "Title": "=SUM(1,2) is not a formula here",
        "Category": "Financial",
        "Department": "Finance",
        "Identified on": datetime(2026, 2, 3),
        "Inherent likelihood": 3,
        "Inherent impact": 4,
        "Response strategy": "Reduce",
        "Identification source": "Workshop",
        "Status": "Treating",
    }
    for name, value in values.items():
        sheet.cell(2, headers.index(name) + 1).value = value
    sheet.cell(2, headers.index("Title") + 1).data_type = "s"  # typed text, not a formula
    workbook.save(path)
    _preview, result = _import(session, path)
    risk = _by_code(session)[result.codes[0]]
    assert (risk.title, risk.category, risk.source, risk.status, risk.inherent_score) == (
        "=SUM(1,2) is not a formula here",
        "Financial",
        "workshop",
        "treating",
        12,
    )


def test_progress_is_reported_while_previewing_and_applying(session: Session) -> None:
    seen: list[int] = []
    source = read_workbook(FIXTURES / "risk_register_title_row.xlsx", progress=lambda p, _m: seen.append(p))
    preview = preview_import(
        session=session, source=source, today=TODAY, progress=lambda p, _m: seen.append(p)
    )
    apply_import(session=session, preview=preview, progress=lambda p, _m: seen.append(p))
    assert seen[0] == 0 and seen[-1] == 100 and max(seen) == 100


def test_each_rows_cells_are_worded_in_the_language_the_preview_was_made_in(session: Session) -> None:
    """The cells of a row are made when first shown (a preview of 10,000 rows shows a few screens), in the
    preview's language even when another thread, in another language, shows them."""
    from opsdesk.domain.catalogue import use_language

    source = read_workbook(FIXTURES / "risk_register_text_levels.xlsx")
    with use_language("zh_CN"):
        chinese = preview_import(session=session, source=source, defaults=DEFAULTS, today=TODAY)
        shown_at_once = [[cell.stored for cell in row.cells] for row in chinese.rows]
    with use_language("zh_CN"):
        chinese_later = preview_import(session=session, source=source, defaults=DEFAULTS, today=TODAY)
    english = preview_import(session=session, source=source, defaults=DEFAULTS, today=TODAY)
    shown_later = [[cell.stored for cell in row.cells] for row in chinese_later.rows]  # read in English
    assert shown_later == shown_at_once
    assert shown_later != [[cell.stored for cell in row.cells] for row in english.rows]
    assert all(row.cells == tuple(row.cells) for row in english.rows)
