"""The quarterly workbook, read back cell by cell."""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlmodel import Session

from opsdesk.domain.catalogue import use_language as use_catalogue_language
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.matrix import default_matrix
from opsdesk.domain.risks import current_assessments
from opsdesk.reports.excel_export import EXPORT_PARTS, REGISTER_COLUMNS, export_quarter, iter_parts
from opsdesk.reports.excel_style import DATE_FORMAT
from opsdesk.reports.excel_text import header
from opsdesk.services import risks, settings
from opsdesk.store.database import Database
from tests.reports.conftest import TODAY, export_demo_quarter

SHEETS = [
    "Summary", "Risk register", "Methodology", "Heatmap", "KRIs", "KRI readings", "Alerts", "Forecast alerts",
    "Actions", "Quality objectives", "Nonconformities", "Meetings", "Suggestions",
]  # fmt: skip
TABLES = {
    "Risk register": "RiskRegister", "KRIs": "KRIs", "KRI readings": "KRIReadings", "Alerts": "Alerts",
    "Forecast alerts": "ForecastAlerts",
    "Actions": "Actions", "Quality objectives": "QualityObjectives", "Nonconformities": "Nonconformities",
    "Meetings": "Meetings", "Suggestions": "Suggestions",
}  # fmt: skip


@pytest.fixture(scope="module")
def q3(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """Written once for the tests that only read it (their demo_session is another copy of the same demo)."""
    return export_demo_quarter(demo_file, tmp_path_factory, user="Risk Manager")


def _column(sheet, key: str) -> int:
    """1-based column of a header in row 1."""
    headers = [cell.value for cell in sheet[1]]
    return headers.index(header(key)) + 1


def _row_of(sheet, code: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, 1).value == code:
            return row
    raise AssertionError(f"{code} not in {sheet.title}")


def _new_risk(session: Session, title: str, **extra) -> risks.RiskRead:
    data = risks.RiskInput(
        title=title,
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 7, 1),
        **extra,
    )
    return risks.create_risk(
        session=session,
        data=data,
        assessments=[risks.AssessmentInput("residual", 4, 4, date(2026, 7, 2))],
        today=TODAY,
    )


def test_every_sheet_is_written_in_order_with_its_row_count(q3) -> None:
    out, summary = q3
    workbook = load_workbook(out)
    assert workbook.sheetnames == SHEETS
    assert list(summary.sheets) == SHEETS
    assert (summary.quarter, summary.first_day, summary.last_day) == (
        "2026-Q3",
        date(2026, 7, 1),
        date(2026, 9, 30),
    )
    for name, count in summary.rows.items():
        assert workbook[name].max_row == count + 1, name
    assert set(summary.rows) == set(TABLES)


def test_register_holds_the_quarters_risks_with_their_values(q3, demo_session: Session) -> None:
    out, summary = q3
    sheet = load_workbook(out)["Risk register"]
    everyone = {risk.code: risk for risk in risks.list_risks(session=demo_session, today=TODAY)}
    codes = [sheet.cell(row, 1).value for row in range(2, sheet.max_row + 1)]
    # Identified by the end of the quarter: R-0040 of the demo was identified in October.
    expected = sorted(code for code, risk in everyone.items() if risk.identified_on <= date(2026, 9, 30))
    assert codes == expected
    assert summary.rows["Risk register"] == len(expected)
    assert [cell.value for cell in sheet[1]] == [header(column.key) for column in REGISTER_COLUMNS]

    risk = everyone["R-0004"]
    row = _row_of(sheet, "R-0004")

    def value(key: str) -> object:
        return sheet.cell(row, _column(sheet, key)).value

    assert value("title") == risk.title
    assert value("description") == risk.description
    assert value("category") == risk.category
    assert value("department") == risk.department
    assert value("owner") == risk.owner
    assert (
        value("status")
        == {
            "treating": "Treating",
            "monitoring": "Monitoring",
            "assessed": "Assessed",
            "identified": "Identified",
            "closed": "Closed",
        }[risk.status]
    )
    assert value("identified_on") == datetime.combine(risk.identified_on, datetime.min.time())
    assert value("residual_likelihood") == risk.residual_likelihood
    assert value("residual_score") == risk.residual_score
    assert value("residual_level") == default_matrix().band(risk.residual_level).name
    assert value("open_actions") == risk.open_actions
    assert value("above_appetite") == ("Yes" if risk.above_appetite else "No")


def test_register_cells_have_real_types_and_formats(q3) -> None:
    out, _summary = q3
    sheet = load_workbook(out)["Risk register"]
    row = _row_of(sheet, "R-0004")
    identified = sheet.cell(row, _column(sheet, "identified_on"))
    assert identified.is_date and identified.number_format == DATE_FORMAT
    review = sheet.cell(row, _column(sheet, "next_review"))
    assert review.is_date and review.number_format == DATE_FORMAT
    score = sheet.cell(row, _column(sheet, "residual_score"))
    assert score.data_type == "n" and isinstance(score.value, int) and score.number_format == "0"
    money = sheet.cell(_row_of(sheet, "R-0001"), _column(sheet, "inherent_financial_impact"))
    assert money.value == 1_800_000 and money.number_format == "#,##0.00"
    description = sheet.cell(row, _column(sheet, "description"))
    assert description.alignment.wrap_text is True
    assert sheet.column_dimensions[get_column_letter(_column(sheet, "description"))].width == 48


def test_level_cells_are_filled_with_the_matrix_colour(q3) -> None:
    out, _summary = q3
    sheet = load_workbook(out)["Risk register"]
    matrix = default_matrix()
    colours = {band.name: band.color.lstrip("#").upper() for band in matrix.bands}
    seen = Counter()
    for key in ("inherent_level", "residual_level", "target_level"):
        column = _column(sheet, key)
        for row in range(2, sheet.max_row + 1):
            cell = sheet.cell(row, column)
            if cell.value is None:
                continue
            assert cell.fill.fill_type == "solid"
            assert cell.fill.fgColor.rgb[-6:] == colours[cell.value]
            seen[cell.value] += 1
    assert set(seen) >= {"Medium", "High"}
    # The ink with the higher contrast: black on orange High (7.6:1; white would be 2.7:1).
    high = next(
        row
        for row in range(2, sheet.max_row + 1)
        if sheet.cell(row, _column(sheet, "residual_level")).value == "High"
    )
    assert sheet.cell(high, _column(sheet, "residual_level")).font.color.rgb[-6:] == "000000"


def test_data_sheets_are_tables_frozen_filtered_and_printable(q3) -> None:
    out, summary = q3
    workbook = load_workbook(out)
    for name, table_name in TABLES.items():
        sheet = workbook[name]
        last = get_column_letter(sheet.max_column)
        ref = f"A1:{last}{summary.rows[name] + 1}"
        assert sheet.freeze_panes == "A2", name
        if summary.rows[name] == 0:  # no forecast alert in the demo's Q3: a filter without a table
            assert list(sheet.tables) == [] and sheet.auto_filter.ref, name
            continue
        assert list(sheet.tables) == [table_name], name
        table = sheet.tables[table_name]
        assert table.ref == ref and table.autoFilter.ref == ref, name
        assert [column.name for column in table.tableColumns] == [cell.value for cell in sheet[1]], name
        assert sheet.page_setup.orientation == "landscape", name
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0, name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True, name
        assert sheet.print_title_rows == "$1:$1", name
        assert all(cell.font.bold for cell in sheet[1]), name


def test_an_empty_register_keeps_a_filter_without_a_table(database: Database, tmp_path: Path) -> None:
    out = tmp_path / "empty.xlsx"
    summary = export_quarter(database, "2026-Q1", out, today=TODAY)
    assert summary.rows["Risk register"] == 0
    sheet = load_workbook(out)["Risk register"]
    assert sheet.max_row == 1
    assert not sheet.tables
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(REGISTER_COLUMNS))}1"


def test_summary_shows_the_quarter_counts_and_the_heatmap_picture(q3, demo_session: Session) -> None:
    out, _summary = q3
    sheet = load_workbook(out)["Summary"]
    cells = {sheet.cell(row, 1).value: row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value}
    assert sheet["A1"].value == "Aldermoor Sensing Systems Ltd. - Quarterly risk and quality report"
    assert sheet.cell(cells["Quarter"], 2).value == "2026-Q3"
    assert sheet.cell(cells["Generated by"], 2).value == "Risk Manager"
    assert isinstance(sheet.cell(cells["Generated at"], 2).value, datetime)
    assert sheet.cell(cells["Quality policy"], 2).value.startswith("Aldermoor Sensing Systems designs")

    end = date(2026, 9, 30)
    register = [
        r
        for r in risks.list_risks(session=demo_session, today=TODAY)
        if r.identified_on <= end and r.status != "closed"
    ]
    # Each risk's residual level as it stood on 30 September, from its assessment history.
    residual = {
        r.id: current_assessments(
            risks.assessment_history(session=demo_session, risk_id=r.id), as_of=end
        ).get("residual")
        for r in register
    }
    by_level = Counter(residual[r.id].level if residual[r.id] else None for r in register)
    for band in default_matrix().bands:
        row = next(row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == band.name)
        assert sheet.cell(row, 2).value == by_level.get(band.code, 0), band.name
        assert sheet.cell(row, 1).fill.fgColor.rgb[-6:] == band.color.lstrip("#").upper()
    assert sheet.cell(cells["Total"], 2).value == len(register)
    assert sheet.cell(cells["Not assessed"], 2).value == by_level.get(None, 0)

    # Movements since 2026-Q2: the demo's R-0035 was identified in the quarter.
    assert sheet.cell(cells["Movements since 2026-Q2"], 1).font.bold
    new_row = cells["New"]
    assert "R-0035" in sheet.cell(new_row, 3).value.split(", ")
    assert sheet.cell(new_row, 2).value == len(sheet.cell(new_row, 3).value.split(", "))

    top = cells["Top 10 risks by residual score"]
    assert [sheet.cell(top + 1, column).value for column in (1, 2, 3, 4)] == [
        "Code",
        "Title",
        "Residual score",
        "Residual level",
    ]
    scores = [sheet.cell(top + 2 + i, 3).value for i in range(10)]
    assert scores == sorted(scores, reverse=True)
    # Beside the left block, beneath the picture (column H): objectives, suggestions, open alerts.
    right = {sheet.cell(row, 8).value: row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 8).value}
    assert sheet.cell(right["Received"], 9).value >= 1

    assert len(sheet._images) == 1
    picture = sheet._images[0]
    assert picture.format == "png"
    assert picture.anchor._from.col == 7 and picture.anchor._from.row == 2  # H3
    with zipfile.ZipFile(out) as archive:
        media = [name for name in archive.namelist() if name.startswith("xl/media/")]
        assert len(media) == 1
        assert archive.read(media[0]).startswith(b"\x89PNG")


def test_heatmap_sheet_has_native_coloured_cells_with_counts(q3, demo_session: Session) -> None:
    out, _summary = q3
    sheet = load_workbook(out)["Heatmap"]
    matrix = default_matrix()
    active = [
        r
        for r in risks.list_risks(session=demo_session, today=TODAY)
        if r.identified_on <= date(2026, 9, 30) and r.status != "closed"
    ]
    for offset, kind in ((0, "inherent"), (8, "residual")):
        title_row = 3
        assert (
            sheet.cell(title_row, offset + 3).value
            == f"{kind.capitalize()} risk heatmap: active risks per cell"
        )
        assert sheet.cell(title_row + 1, offset + 1).value == "Likelihood"
        assert sheet.cell(title_row + 7, offset + 3).value == "Impact"
        # Each risk's assessment of the kind as it stood on 30 September, from its history.
        points = [
            current_assessments(
                risks.assessment_history(session=demo_session, risk_id=r.id), as_of=date(2026, 9, 30)
            ).get(kind)
            for r in active
        ]
        counts = Counter((p.likelihood, p.impact) for p in points if p is not None)
        for likelihood in range(1, 6):
            row = title_row + 1 + (5 - likelihood)
            assert (
                sheet.cell(row, offset + 2).value
                == f"{likelihood}. {matrix.likelihood_labels[likelihood - 1]}"
            )
            for impact in range(1, 6):
                cell = sheet.cell(row, offset + 2 + impact)
                assert cell.value == (counts.get((likelihood, impact)) or None), (kind, likelihood, impact)
                colour = matrix.level(likelihood, impact).color.lstrip("#").upper()
                assert cell.fill.fgColor.rgb[-6:] == colour
        assert [sheet.cell(title_row + 6, offset + 2 + i).value for i in range(1, 6)] == [
            f"{i}. {name}" for i, name in enumerate(matrix.impact_labels, 1)
        ]


def test_methodology_explains_the_matrix_levels_and_appetite(q3) -> None:
    out, _summary = q3
    sheet = load_workbook(out)["Methodology"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    flat = [value for row in values for value in row if value is not None]
    assert "Critical (25)" in flat and "Low (1)" in flat
    assert "5. Almost certain" in flat and "1. Insignificant" in flat
    legend = next(i for i, row in enumerate(values) if row[0] == "Level")
    assert values[legend][:5] == ["Level", "Colour", "Score", "Above appetite", "Review interval (days)"]
    assert values[legend + 1][:5] == ["Low", "#4CAF50", "1-4", "No", 365]
    assert values[legend + 4][:5] == ["Critical", "#D32F2F", "20-25", "Yes", 90]
    appetite = next(row for row in values if row[0] == "Risk appetite")
    assert appetite[1] == "Medium: risks above this level must be treated or formally accepted."
    assert next(row for row in values if row[0] == "Fiscal year starts in")[1] == "January"


def test_quality_sheets_hold_the_quarters_records(q3) -> None:
    out, summary = q3
    workbook = load_workbook(out)
    readings = workbook["KRI readings"]
    dates = [readings.cell(row, 2).value for row in range(2, readings.max_row + 1)]
    assert dates and all(datetime(2026, 7, 1) <= day <= datetime(2026, 9, 30) for day in dates)
    objectives = workbook["Quality objectives"]
    periods = {objectives.cell(row, 9).value for row in range(2, objectives.max_row + 1)}
    assert {"2026-07", "2026-08", "2026-09"} <= periods
    statuses = {objectives.cell(row, 13).value for row in range(2, objectives.max_row + 1)}
    assert statuses <= {"Met", "At risk", "Missed", "No data"}
    actions = workbook["Actions"]
    overdue = _column(actions, "overdue")
    assert {actions.cell(row, overdue).value for row in range(2, actions.max_row + 1)} <= {"Yes", "No"}
    meetings = workbook["Meetings"]
    assert all(
        datetime(2026, 7, 1) <= meetings.cell(row, 1).value <= datetime(2026, 9, 30)
        for row in range(2, meetings.max_row + 1)
    )
    suggestions = workbook["Suggestions"]
    assert summary.rows["Suggestions"] == suggestions.max_row - 1
    assert _column(suggestions, "reward_points") and _column(suggestions, "reward_amount")


def test_user_text_that_looks_like_a_formula_stays_text(database: Database, tmp_path: Path) -> None:
    titles = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "#N/A"]
    with database.session() as session:
        for title in titles:
            _new_risk(session, title, description="=1+1")
    out = tmp_path / "injection.xlsx"
    export_quarter(database, "2026-Q3", out, include={"register"}, today=TODAY)
    sheet = load_workbook(out)["Risk register"]
    shown = {}
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, _column(sheet, "title"))
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix is True
        shown[cell.value] = sheet.cell(row, _column(sheet, "description")).data_type
    assert sorted(shown) == sorted(titles)
    assert set(shown.values()) == {"s"}
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and 'HYPERLINK("http://x","y")</t>' in xml


def test_control_characters_are_removed_not_crashed_on(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        _new_risk(session, "Bell\x07 and\x1b escape", description="tab\tand\nnew line stay\x00")
    out = tmp_path / "control.xlsx"
    export_quarter(database, "2026-Q3", out, include={"register", "summary"}, today=TODAY)
    sheet = load_workbook(out)["Risk register"]
    assert sheet.cell(2, _column(sheet, "title")).value == "Bell and escape"
    assert sheet.cell(2, _column(sheet, "description")).value == "tab\tand\nnew line stay"


def test_the_target_is_replaced_whole_or_not_at_all(
    demo_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # openpyxl's scratch files go to a folder of this test's own: the system one is shared with
    # every other process, whose exports come and go meanwhile.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    out = tmp_path / "reports" / "report.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"previous report")
    calls: list[tuple[int, str]] = []
    scratch_at_the_stop: list[Path] = []

    def stop_half_way(percent: int, message: str) -> None:
        calls.append((percent, message))
        if percent >= 50:
            scratch_at_the_stop.extend(scratch.iterdir())
            raise KeyboardInterrupt  # the user cancelled

    with pytest.raises(KeyboardInterrupt):
        export_quarter(demo_database, "2026-Q3", out, progress=stop_half_way, today=TODAY)
    assert out.read_bytes() == b"previous report"
    assert scratch_at_the_stop  # sheets were half written into scratch files...
    assert list(scratch.iterdir()) == []  # ...which are gone too
    assert [path.name for path in out.parent.iterdir()] == ["report.xlsx"]  # no half-written file beside it


def test_progress_goes_from_0_to_100(demo_database: Database, tmp_path: Path) -> None:
    seen: list[int] = []
    export_quarter(
        demo_database, "2026-Q3", tmp_path / "p.xlsx", progress=lambda p, _m: seen.append(p), today=TODAY
    )
    assert seen[0] == 0 and seen[-1] == 100
    assert seen == sorted(seen)


def test_progress_speaks_the_readers_language_while_the_workbook_keeps_its_own(
    demo_database: Database, tmp_path: Path
) -> None:
    said: list[str] = []
    with use_catalogue_language("zh_CN"):
        export_quarter(
            demo_database, "2026-Q3", tmp_path / "p.xlsx", include={"register"}, language="en",
            progress=lambda _p, message: said.append(message), today=TODAY,
        )  # fmt: skip
    assert said[0] == "正在读取登记册" and said[-1] == "完成"
    assert "正在写入“Risk register”" in said  # the sheet is named as the English workbook names it
    assert load_workbook(tmp_path / "p.xlsx").sheetnames == ["Risk register"]


def test_include_picks_the_parts(demo_database: Database, tmp_path: Path) -> None:
    out = tmp_path / "part.xlsx"
    summary = export_quarter(demo_database, "2026-Q3", out, include={"kris", "register"}, today=TODAY)
    assert load_workbook(out).sheetnames == ["Risk register", "KRIs", "KRI readings"]
    assert summary.sheets == ("Risk register", "KRIs", "KRI readings")
    assert [key for key, _title in iter_parts()] == list(EXPORT_PARTS)


@pytest.mark.parametrize(
    ("quarter", "include", "name", "message"),
    [
        ("2026-Q5", None, "x.xlsx", "“2026-Q5” is not a quarter"),
        ("2026-Q3", {"charts"}, "x.xlsx", "Unknown part(s) charts"),
        ("2026-Q3", None, "x.xls", "must be saved as an .xlsx file"),
    ],
)
def test_bad_requests_are_refused_before_writing(
    database: Database, tmp_path: Path, quarter: str, include: set[str] | None, name: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        export_quarter(database, quarter, tmp_path / name, include=include, today=TODAY)
    assert message in str(caught.value)
    assert not list(tmp_path.glob("*.xls*"))


def test_the_fiscal_year_moves_the_quarter(database: Database, tmp_path: Path) -> None:
    with database.session() as session:
        settings.set_fiscal_start_month(session=session, month=4)
    summary = export_quarter(database, "2026-Q1", tmp_path / "fy.xlsx", include={"methodology"}, today=TODAY)
    assert (summary.first_day, summary.last_day) == (date(2026, 4, 1), date(2026, 6, 30))
    values = [
        cell.value for row in load_workbook(tmp_path / "fy.xlsx")["Methodology"].iter_rows() for cell in row
    ]
    assert "April" in values


def test_a_session_factory_works_as_the_source(demo_database: Database, tmp_path: Path) -> None:
    out = tmp_path / "factory.xlsx"
    summary = export_quarter(demo_database.session, "2026-Q3", out, include={"register"}, today=TODAY)
    assert summary.rows == {"Risk register": 39}
    assert summary.describe() == f"2026-Q3 (2026-07-01 to 2026-09-30) -> {out} (Risk register: 39)"


def test_the_quality_sheet_carries_each_charts_type_centre_line_and_limits(
    demo_database: Database, tmp_path: Path
) -> None:
    from opsdesk.services import control_charts, quality

    with demo_database.session() as session:
        ids = {o.name: o.id for o in quality.list_objectives(session=session)}
        control_charts.set_chart_settings(
            session=session,
            objective_id=ids["Final inspection pass rate"],
            chart_type="laney_p",
            rule_set="nelson",
        )
        laney = control_charts.control_chart(session=session, objective_id=ids["Final inspection pass rate"],
                                             until="2026-09", today=TODAY)  # fmt: skip
        xmr = control_charts.control_chart(
            session=session, objective_id=ids["Mean first response time to customer enquiries"], until="2026-09",
            today=TODAY,
        )  # fmt: skip
    out = tmp_path / "charts.xlsx"
    export_quarter(demo_database, "2026-Q3", out, include={"objectives"}, today=TODAY)
    sheet = load_workbook(out)["Quality objectives"]
    columns = {key: _column(sheet, key) for key in (
        "objective", "period", "chart_type", "rule_set", "centre_line", "lower_limit", "upper_limit", "sigma_z",
        "rules_broken",
    )}  # fmt: skip

    def row_of(name: str, period: str) -> dict[str, object]:
        for row in range(2, sheet.max_row + 1):
            if (sheet.cell(row, columns["objective"]).value, sheet.cell(row, columns["period"]).value) == (
                name,
                period,
            ):
                return {key: sheet.cell(row, column).value for key, column in columns.items()}
        raise AssertionError(f"{name} {period} not on the sheet")

    september = row_of("Final inspection pass rate", "2026-09")
    point = next(p for p in laney.series.points if p.period == "2026-09")
    assert (september["chart_type"], september["rule_set"]) == ("Laney p′", "Nelson")
    assert september["centre_line"] == pytest.approx(laney.series.center)
    assert (september["lower_limit"], september["upper_limit"]) == (
        pytest.approx(point.lower),
        pytest.approx(point.upper),
    )
    assert september["sigma_z"] == pytest.approx(laney.sigma_z)
    assert (
        september["rules_broken"] == ", ".join(str(r) for r in point.violations)
        and "1" in september["rules_broken"]
    )
    july = row_of("Mean first response time to customer enquiries", "2026-07")
    assert (july["chart_type"], july["rule_set"], july["sigma_z"]) == ("XmR", "Western Electric", None)
    assert july["upper_limit"] == pytest.approx(xmr.series.points[0].upper)
    assert july["centre_line"] == pytest.approx(xmr.series.center)


def test_forecast_alerts_are_listed_apart_from_breaches(demo_database: Database, tmp_path: Path) -> None:
    from opsdesk.services import forecasts, kris

    with demo_database.session() as session:
        kri = next(k for k in kris.list_kris(session=session) if k.name == "PX-400 field return rate")
        forecasts.set_kri_forecast(session=session, kri_id=kri.id, enabled=True, horizon_days=180)
        (forecast,) = forecasts.list_forecast_alerts(session=session)
    out = tmp_path / "q4.xlsx"
    summary = export_quarter(demo_database, "2026-Q4", out, include={"summary", "alerts"}, today=TODAY)
    workbook = load_workbook(out)
    alerts = workbook["Alerts"]
    kinds = {alerts.cell(row, _column(alerts, "alert_kind")).value for row in range(2, alerts.max_row + 1)}
    assert "Forecast" not in kinds and kinds
    sheet = workbook["Forecast alerts"]
    assert summary.rows["Forecast alerts"] == 1
    headers = [cell.value for cell in sheet[1]]
    assert "Kind" not in headers and "Forecast ended on" in headers
    assert sheet.cell(2, _column(sheet, "message")).value == forecast.message
    assert sheet.cell(2, _column(sheet, "kri")).value == "PX-400 field return rate"
    assert list(sheet.tables) == ["ForecastAlerts"]
    values = [[cell.value for cell in row] for row in workbook["Summary"].iter_rows()]
    open_breaches = next(row for row in values if row[7] == "Open alerts")  # in the right block, column H
    open_forecasts = next(row for row in values if row[7] and str(row[7]).startswith("Open forecast alerts"))
    assert open_forecasts[8] == 1
    assert forecast.message not in [
        row[8] for row in values[values.index(open_breaches) : values.index(open_forecasts)]
    ]


def test_a_chinese_workbook_says_each_alert_in_chinese(demo_database: Database, tmp_path: Path) -> None:
    from opsdesk.reports.excel_text import use_language as use_workbook_language
    from opsdesk.services.alerts import alert_sentence, list_alerts

    out = tmp_path / "zh.xlsx"
    export_quarter(demo_database, "2026-Q4", out, include={"alerts"}, language="zh_CN", today=TODAY)
    sheet = load_workbook(out)["警报"]
    with use_workbook_language("zh_CN"):
        column = _column(sheet, "message")
    said = [sheet.cell(row, column).value for row in range(2, sheet.max_row + 1)]
    assert said and all(re.search(r"[\u4e00-\u9fff]", text) for text in said)
    assert not [text for text in said if "threshold" in text or "appetite" in text]
    with demo_database.session() as session:
        made = {alert_sentence(alert, "zh_CN") for alert in list_alerts(session=session)}
    assert set(said) <= made
