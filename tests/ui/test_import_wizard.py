"""The import wizard: a QWizard whose pages are the file, the sheet and columns, the checked rows, the result.

Reading, checking and importing run on worker threads; the tests click QWizard's own buttons."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard
from sqlmodel import func, select

from opsdesk.reports.excel_import import CellProblem, ImportRefusedError
from opsdesk.services import risks as risk_service
from opsdesk.store.models import AuditEntry, Measurement, Risk
from opsdesk.ui.context import ACTIONS, ALERTS, KRIS, QUALITY, RISKS
from opsdesk.ui.dialogs import import_wizard
from opsdesk.ui.dialogs.import_wizard import ImportWizard
from opsdesk.ui.dialogs.import_wizard import wizard as wizard_module

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TITLE_ROW = FIXTURES / "risk_register_title_row.xlsx"
BAD_VALUES = FIXTURES / "broken" / "bad_values.xlsx"
TODAY = date(2026, 11, 24)
WORK_TIMEOUT_MS = 60_000
NEXT = QWizard.WizardButton.NextButton
BACK = QWizard.WizardButton.BackButton
IMPORT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton
CANCEL = QWizard.WizardButton.CancelButton


def counts(database) -> tuple[int, int, int]:
    """(risks, measurements, audit entries) in the database."""
    with database.session() as session:
        return (
            session.exec(select(func.count()).select_from(Risk)).one(),
            session.exec(select(func.count()).select_from(Measurement)).one(),
            session.exec(select(func.count()).select_from(AuditEntry)).one(),
        )


def make_wizard(qtbot, context, path: Path | None = None, kind: str = "risks", parent=None) -> ImportWizard:
    wizard = ImportWizard(context, kind=kind, path=path, parent=parent, today=TODAY)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def button(wizard: ImportWizard, which: QWizard.WizardButton) -> QPushButton:
    return wizard.button(which)


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def wait_idle(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: wizard.job is None, timeout=WORK_TIMEOUT_MS)


def to_columns(qtbot, wizard: ImportWizard) -> None:
    click(qtbot, button(wizard, NEXT))
    wait_idle(qtbot, wizard)
    assert wizard.step() == ImportWizard.COLUMNS, wizard.file_page.file_error.text()


def to_preview(qtbot, wizard: ImportWizard) -> None:
    click(qtbot, button(wizard, NEXT))
    wait_idle(qtbot, wizard)
    assert wizard.step() == ImportWizard.PREVIEW
    assert wizard.preview is not None, wizard.preview_page.preview_error.text()


def test_a_register_with_a_title_row_imports_with_the_automatic_mapping(qtbot, main_window, demo_database):
    risks_before, _measurements, audit_before = counts(demo_database)
    changed: list[str] = []
    main_window.context.dataChanged.connect(changed.append)
    wizard = make_wizard(qtbot, main_window.context, TITLE_ROW, parent=main_window)
    assert wizard.kind() == "risks" and wizard.step() == ImportWizard.FILE
    assert not button(wizard, BACK).isVisible() and not button(wizard, IMPORT).isVisible()

    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    # The sheet and the header row under the merged title were found; the columns mapped themselves.
    assert columns.sheet_combo.currentText() == "Risk Register"
    assert [columns.sheet_combo.itemText(n) for n in range(columns.sheet_combo.count())] == [
        "Risk Register",
        "Legend",
    ]
    assert columns.header_spin.value() == 2
    assert columns.lines_model.header_row == 2
    assert columns.lines_model.index(1, 0).data() == "Risk ID"
    assert wizard.mapping() == {
        0: "reference", 1: "identified_on", 2: "title", 3: "description", 4: "category", 5: "department",
        6: "inherent_likelihood", 7: "inherent_impact", 9: "inherent_level", 10: "strategy", 11: "actions",
        12: "owner", 13: "action_due", 14: "status", 15: "residual_likelihood", 16: "residual_impact",
    }  # fmt: skip
    assert columns.mapping_notes[9].text() == "values are levels"  # Risk Level: the reason of the guess
    assert columns.mapping_combos[6].currentText() == "Inherent likelihood"
    assert (
        columns.mapping_notes[8].text() == "calculated by OpsDesk"
    )  # Risk Score is left out, with the reason
    assert columns.defaults_box.isVisible() and columns.defaults_hint.text() == ""
    assert button(wizard, NEXT).isEnabled() and columns.columns_reason.text() == ""
    assert button(wizard, BACK).isVisible() and button(wizard, BACK).isEnabled()

    to_preview(qtbot, wizard)
    preview = wizard.preview_page
    model = preview.preview_model
    assert preview.summary_label.text() == "25 rows: 25 to create, 0 to update, 0 unchanged; 0 problems"
    assert model.rowCount() == 25
    assert model.index(0, 0).data() == "3"  # the Excel row of the first register row
    assert model.index(0, 1).data() == "Create"
    # Each mapped column shows the stored value, with the workbook's text in its tooltip.
    likelihood = model.column_index("cell_6")
    assert model.index(0, likelihood).data() == "3 (Possible)"
    assert model.index(0, likelihood).data(Qt.ItemDataRole.ToolTipRole) == "In the workbook: 3"
    strategy = model.column_index("cell_10")
    assert model.index(0, strategy).data() == "Reduce"
    assert model.index(0, strategy).data(Qt.ItemDataRole.ToolTipRole) == "In the workbook: Mitigate"
    assert not preview.problems_text.isVisible()
    assert not button(wizard, NEXT).isVisible()  # the commit page imports instead
    assert button(wizard, IMPORT).text() == "&Import"
    assert button(wizard, IMPORT).isEnabled() and preview.import_reason.text() == ""
    assert (risks_before, audit_before) == counts(demo_database)[::2]  # the preview wrote nothing

    click(qtbot, button(wizard, IMPORT))
    assert wizard.job is not None and not button(wizard, BACK).isEnabled()
    assert not button(wizard, CANCEL).isEnabled()
    wait_idle(qtbot, wizard)
    assert wizard.step() == ImportWizard.RESULT
    result = wizard.result
    assert result is not None and result.created == 25 and len(result.codes) == 25
    page = wizard.result_page
    assert page.import_result.text() == "Imported: 0 unchanged, 0 updated, 25 created."
    assert page.codes()[0] == ("RSK-001", result.codes[0]) and len(page.codes()) == 25
    assert page.codes_table.horizontalHeaderItem(0).text() == "Workbook ID"
    assert (
        page.import_source.text()
        == "Risks from risk_register_title_row.xlsx, sheet 'Risk Register' (header in row 2)."
    )
    # Written is written: no way back, and Close ends the wizard.
    assert not button(wizard, BACK).isEnabled() and not button(wizard, CANCEL).isVisible()
    assert counts(demo_database)[0] == risks_before + 25
    with demo_database.session() as session:
        titles = {risk.code: risk.title for risk in risk_service.list_risks(session=session)}
    assert all(code in titles for code in result.codes)
    assert set(changed) >= {RISKS, KRIS, ALERTS, QUALITY, ACTIONS}
    assert button(wizard, FINISH).text() == "Close"
    click(qtbot, button(wizard, FINISH))
    assert wizard.result is result and not wizard.isVisible()


def test_next_waits_for_a_complete_step_and_the_work_running(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context)
    next_button = button(wizard, NEXT)
    assert not next_button.isEnabled()
    assert next_button.toolTip() == "Choose the workbook to import."
    qtbot.keyClicks(wizard.file_page.path_edit, str(TITLE_ROW))
    assert next_button.isEnabled() and next_button.toolTip() == ""
    click(qtbot, next_button)
    # Reading runs on the worker: the wizard waits on the first page, Next and Cancel wait with it.
    assert wizard.job is not None and wizard.step() == ImportWizard.FILE
    assert not next_button.isEnabled() and not button(wizard, CANCEL).isEnabled()
    assert not wizard.file_page.path_edit.isEnabled()
    wizard.reject()
    assert wizard.isVisible()  # a worker reports back to the wizard: it stays until the work is done
    wait_idle(qtbot, wizard)
    assert wizard.step() == ImportWizard.COLUMNS and next_button.isEnabled()
    # No column imported: Next is disabled, with the reason under the columns and on the button.
    for index in wizard.columns_page.mapping_combos:
        wizard.columns_page.set_field(index, None)
    assert not next_button.isEnabled()
    assert wizard.columns_page.columns_reason.text() == "Choose what at least one column imports as."
    assert next_button.toolTip() == "Choose what at least one column imports as."
    wizard.columns_page.set_field("C", "title")
    assert next_button.isEnabled()
    click(qtbot, button(wizard, CANCEL))
    assert not wizard.isVisible() and wizard.result is None


def test_back_keeps_the_users_column_choices(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context, TITLE_ROW)
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    columns.set_field("Q", None)  # residual impact left out
    columns.department_combo.setCurrentIndex(1)
    chosen = wizard.mapping()
    assert 16 not in chosen
    to_preview(qtbot, wizard)
    click(qtbot, button(wizard, BACK))
    assert wizard.step() == ImportWizard.COLUMNS
    assert wizard.mapping() == chosen and columns.department_combo.currentIndex() == 1
    assert columns.mapping_notes[16].text() == "not imported (looks like Residual impact)"
    # Back to the file, Next again: the same workbook is not read again, the choices stay.
    click(qtbot, button(wizard, BACK))
    assert wizard.step() == ImportWizard.FILE
    click(qtbot, button(wizard, NEXT))
    assert wizard.job is None and wizard.step() == ImportWizard.COLUMNS
    assert wizard.mapping() == chosen
    # The checked rows used the columns as chosen, and checking again keeps them.
    to_preview(qtbot, wizard)
    assert "cell_16" not in {column.key for column in wizard.preview_page.preview_model.columns}
    # Another workbook forgets the reading: the new one maps itself.
    click(qtbot, button(wizard, BACK))
    click(qtbot, button(wizard, BACK))
    wizard.file_page.path_edit.setText(str(BAD_VALUES))
    to_columns(qtbot, wizard)
    assert wizard.mapping() != chosen


def test_bad_values_are_each_explained_and_nothing_can_be_imported(qtbot, main_window, demo_database):
    before = counts(demo_database)
    wizard = make_wizard(qtbot, main_window.context, BAD_VALUES, parent=main_window)
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    # The sheet has no department nor category: the wizard says so and offers defaults.
    assert columns.defaults_hint.text() == (
        'No column holds the department, the category: new risks go to "Unassigned" and take the workbook\'s date, '
        "unless you choose here."
    )
    columns.department_combo.setCurrentIndex(columns.department_combo.findData("Operations"))
    columns.category_combo.setCurrentIndex(1)
    assert columns.defaults_hint.text() == ""

    to_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.summary_label.text() == "6 rows: 1 to create, 0 to update, 0 unchanged; 5 problems"
    problems = preview.problems_text.toPlainText().splitlines()
    assert problems == [
        "Row 3, column C (Likelihood): 7 is outside the matrix (1 to 5).",
        "Row 4, column B (Title): the title is required.",
        "Row 5, column D (Impact): 'catastrophic!!' is not an impact level: use 1 to 5 or Insignificant, Minor, "
        "Moderate, Major, Severe.",
        "Row 6, column F (Date Identified): 'yesterday' is not a date: write it as 2026-05-31 or 31/05/2026.",
        "Row 7, column A (Risk ID): the reference R-1 is already in row 2; each risk once.",
    ]
    assert preview.problems_title.text() == "Every problem (5):"
    model = preview.preview_model
    problem_column = model.column_index("problems")
    # Invalid rows are red, and each names its problem in full.
    third = model.index(1, problem_column)
    assert model.index(1, 0).data() == "3" and model.index(1, 1).data() == "Problem"
    assert third.data() == "Row 3, column C (Likelihood): 7 is outside the matrix (1 to 5)."
    assert third.data(Qt.ItemDataRole.BackgroundRole).name().upper() == import_wizard.PROBLEM_TINT
    assert (
        model.index(0, 1).data() == "Create"
        and model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    )
    click(qtbot, preview.only_problems_check)
    assert [model.index(n, 0).data() for n in range(model.rowCount())] == ["3", "4", "5", "6", "7"]

    assert not button(wizard, IMPORT).isEnabled()
    assert preview.import_reason.text().startswith("Nothing can be imported while there are problems (5)")
    assert button(wizard, IMPORT).toolTip() == preview.import_reason.text()
    assert not preview.validatePage()  # even asked directly, it refuses
    assert wizard.step() == ImportWizard.PREVIEW and wizard.job is None
    assert counts(demo_database) == before


def test_missing_departments_go_to_unassigned_unless_defaults_are_chosen(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context, BAD_VALUES)
    to_columns(qtbot, wizard)
    to_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert "No column holds" not in preview.problems_text.toPlainText()
    assert 'new risks have no department: they go to "Unassigned"' in preview.notes_label.text()
    # Back to the columns, choose defaults, and the preview runs again.
    click(qtbot, button(wizard, BACK))
    assert wizard.step() == ImportWizard.COLUMNS
    wizard.columns_page.department_combo.setCurrentIndex(1)
    wizard.columns_page.category_combo.setCurrentIndex(1)
    assert wizard.preview is None
    to_preview(qtbot, wizard)
    assert "Unassigned" not in preview.notes_label.text()


def test_a_text_file_named_xlsx_stays_on_the_first_step_with_a_clear_message(qtbot, main_window):
    wizard = make_wizard(
        qtbot, main_window.context, FIXTURES / "broken" / "not_excel.xlsx", parent=main_window
    )
    click(qtbot, button(wizard, NEXT))
    wait_idle(qtbot, wizard)
    assert wizard.step() == ImportWizard.FILE
    assert wizard.file_page.file_error.isVisible()
    assert wizard.file_page.file_error.text().startswith(
        "not_excel.xlsx is not an Excel workbook: it is a text or CSV file with an .xlsx name."
    )
    assert wizard.read is None and button(wizard, NEXT).isEnabled()


def test_a_truncated_workbook_is_refused_on_the_first_step(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context, FIXTURES / "broken" / "truncated.xlsx")
    click(qtbot, button(wizard, NEXT))
    wait_idle(qtbot, wizard)
    assert wizard.step() == ImportWizard.FILE
    assert "damaged or incomplete" in wizard.file_page.file_error.text()


def test_the_file_is_chosen_with_the_dialog_and_a_new_file_hides_the_old_error(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context)
    page = wizard.file_page
    wizard.ask_open_path = lambda parent, title, folder, file_filter: str(
        FIXTURES / "broken" / "not_excel.xlsx"
    )
    click(qtbot, page.browse_button)
    click(qtbot, button(wizard, NEXT))
    wait_idle(qtbot, wizard)
    assert page.file_error.isVisible()
    wizard.ask_open_path = lambda parent, title, folder, file_filter: str(TITLE_ROW)
    click(qtbot, page.browse_button)
    assert not page.file_error.isVisible()
    to_columns(qtbot, wizard)


def test_the_template_is_saved_from_the_first_step(qtbot, demo_context, tmp_path):
    from openpyxl import load_workbook

    wizard = make_wizard(qtbot, demo_context)
    wizard.ask_save_path = lambda parent, title, suggested, file_filter: str(tmp_path / "template")
    click(qtbot, wizard.file_page.template_button)
    assert (tmp_path / "template.xlsx").is_file()
    assert load_workbook(tmp_path / "template.xlsx").sheetnames
    assert wizard.file_page.status_label.text() == f"Template saved to {tmp_path / 'template.xlsx'}."


def test_the_header_row_and_the_sheet_can_be_overridden(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context, TITLE_ROW)
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    # The title row as header: nothing maps, and the wizard says what to do.
    columns.header_spin.setValue(1)
    qtbot.waitUntil(
        lambda: wizard.read is not None and wizard.read.source.header_row == 1, timeout=WORK_TIMEOUT_MS
    )
    wait_idle(qtbot, wizard)
    assert columns.lines_model.header_row == 1
    assert wizard.mapping() == {}
    assert not button(wizard, NEXT).isEnabled()
    assert columns.columns_reason.text() == "Choose what at least one column imports as."
    # Clicking row 2 of the sheet's top makes it the header again.
    view = columns.lines_view
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(columns.lines_model.index(1, 0)).center(),
    )
    qtbot.waitUntil(lambda: wizard.read.source.header_row == 2, timeout=WORK_TIMEOUT_MS)
    wait_idle(qtbot, wizard)
    assert columns.header_spin.value() == 2 and len(wizard.mapping()) == 16
    # The legend sheet has no register header: its top rows show, with the reason.
    columns.sheet_combo.setCurrentText("Legend")
    columns.sheet_combo.activated.emit(columns.sheet_combo.currentIndex())
    qtbot.waitUntil(lambda: wizard.read.sheet == "Legend", timeout=WORK_TIMEOUT_MS)
    wait_idle(qtbot, wizard)
    assert wizard.read.source is None
    assert columns.columns_error.isVisible() and "No header row found" in columns.columns_error.text()
    assert columns.lines_model.rowCount() > 0
    assert not button(wizard, NEXT).isEnabled()


def test_next_right_after_typing_a_header_row_reads_that_row_first(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context, TITLE_ROW)
    to_columns(qtbot, wizard)
    wizard.columns_page.header_spin.setValue(1)  # read after a short pause, or at once on Next
    click(qtbot, button(wizard, NEXT))
    assert wizard.step() == ImportWizard.COLUMNS and wizard.job is not None
    wait_idle(qtbot, wizard)
    assert wizard.read.source.header_row == 1 and wizard.step() == ImportWizard.COLUMNS
    assert not button(wizard, NEXT).isEnabled()  # the title row names no column


def test_a_field_chosen_for_two_columns_is_refused_with_the_reason(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context, TITLE_ROW)
    to_columns(qtbot, wizard)
    columns = wizard.columns_page
    columns.set_field("Q", "inherent_likelihood")
    assert not button(wizard, NEXT).isEnabled()
    assert columns.columns_reason.text() == (
        "Inherent likelihood is chosen for columns G, Q: each field comes from one column."
    )
    columns.set_field("Q", None)
    assert columns.mapping_notes[16].text() == "not imported (looks like Residual impact)"
    assert button(wizard, NEXT).isEnabled() and columns.columns_reason.text() == ""


def test_measurements_import_creates_and_updates_periods(qtbot, demo_context, demo_database):
    _risks, measurements_before, _audit = counts(demo_database)
    wizard = make_wizard(qtbot, demo_context, FIXTURES / "quality_measurements.xlsx")
    click(qtbot, wizard.file_page.kind_buttons["measurements"])
    assert wizard.kind() == "measurements"
    to_columns(qtbot, wizard)
    assert not wizard.columns_page.defaults_box.isVisible()
    to_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert (
        preview.summary_label.text() == "36 measurements: 10 to create, 26 to update, 0 unchanged; 0 problems"
    )
    assert preview.preview_model.headerData(2, Qt.Orientation.Horizontal) == "Objective"
    click(qtbot, button(wizard, IMPORT))
    wait_idle(qtbot, wizard)
    assert (
        wizard.result_page.import_result.text()
        == "Imported: 10 measurements created, 26 updated, 0 unchanged."
    )
    assert counts(demo_database)[1] == measurements_before + 10


def test_an_import_refused_at_the_last_moment_shows_its_problems_and_writes_nothing(
    qtbot, demo_context, demo_database, monkeypatch
):
    before = counts(demo_database)
    problem = CellProblem(5, "C", "Risk Title", "the risk was changed by someone else since the preview.")

    def refuse(*, session, preview, progress=None):
        raise ImportRefusedError([problem])

    monkeypatch.setattr(wizard_module, "apply_import", refuse)
    wizard = make_wizard(qtbot, demo_context, TITLE_ROW)
    to_columns(qtbot, wizard)
    to_preview(qtbot, wizard)
    click(qtbot, button(wizard, IMPORT))
    wait_idle(qtbot, wizard)
    # It stays on the checked rows with the reason, and the rows were checked again.
    assert wizard.result is None and wizard.step() == ImportWizard.PREVIEW
    assert wizard.preview_page.refusal_text.text() == (
        f"Nothing was imported: 1 problem in the workbook; nothing was imported.\n{problem}"
    )
    assert wizard.preview_page.refusal_text.isVisible()
    assert counts(demo_database) == before
    assert wizard.preview is not None and button(wizard, IMPORT).isEnabled()
    assert button(wizard, BACK).isEnabled()


def test_check_again_reads_the_corrected_workbook(qtbot, demo_context, tmp_path):
    from openpyxl import load_workbook

    copy = tmp_path / "bad.xlsx"
    copy.write_bytes(BAD_VALUES.read_bytes())
    wizard = make_wizard(qtbot, demo_context, copy)
    to_columns(qtbot, wizard)
    wizard.columns_page.department_combo.setCurrentIndex(1)
    wizard.columns_page.category_combo.setCurrentIndex(1)
    to_preview(qtbot, wizard)
    assert len(wizard.preview.problems) == 5
    workbook = load_workbook(copy)
    sheet = workbook.active
    sheet.delete_rows(3, 5)  # the five bad rows go, the good one stays
    workbook.save(copy)
    click(qtbot, wizard.preview_page.check_again_button)
    wait_idle(qtbot, wizard)
    assert (
        wizard.preview_page.summary_label.text() == "1 row: 1 to create, 0 to update, 0 unchanged; 0 problems"
    )
    assert wizard.columns_page.department_combo.currentIndex() == 1  # the user's choices stay
    assert button(wizard, IMPORT).isEnabled()


def test_ask_returns_none_when_the_wizard_is_cancelled(qtbot, demo_context, monkeypatch):
    monkeypatch.setattr(ImportWizard, "exec", lambda self: 0)
    assert ImportWizard.ask(None, demo_context, kind="readings") is None


def test_kri_readings_of_indicators_the_register_lacks_are_each_named(qtbot, demo_context):
    wizard = make_wizard(qtbot, demo_context, FIXTURES / "kri_readings.xlsx", kind="readings")
    assert wizard.file_page.kind_buttons["readings"].isChecked()
    assert wizard.file_page.kind_hint.text().startswith("One reading per row")
    to_columns(qtbot, wizard)
    assert not wizard.columns_page.defaults_box.isVisible()
    to_preview(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.summary_label.text() == "48 readings: 0 to create, 0 unchanged; 48 problems"
    assert preview.preview_model.headerData(2, Qt.Orientation.Horizontal) == "Indicator"
    assert preview.problems_text.toPlainText().splitlines()[0] == (
        "Row 2, column A (KRI): there is no indicator named 'Overdue receivables %'."
    )
    assert not button(wizard, IMPORT).isEnabled()


def test_in_chinese_the_guesses_the_preview_and_every_problem_are_chinese(qtbot, demo_context):
    from opsdesk.ui import i18n

    i18n.install_language("zh_CN")
    try:
        wizard = make_wizard(qtbot, demo_context, BAD_VALUES)
        to_columns(qtbot, wizard)
        assert wizard.columns_page.mapping_notes[1].text() == "表头"  # Title: the reason of the guess
        assert wizard.columns_page.mapping_combos[2].currentText() == "固有可能性"
        to_preview(qtbot, wizard)
        assert wizard.preview_page.problems_text.toPlainText().splitlines() == [
            "第 3 行，C 列（Likelihood）：7 超出风险矩阵范围（1 至 5）。",
            "第 4 行，B 列（Title）：标题为必填项。",
            "第 5 行，D 列（Impact）：'catastrophic!!' 不是影响等级：请使用 1 至 5 或可忽略、较小、中等、较大、严重。",
            "第 6 行，F 列（Date Identified）：'yesterday' 不是日期：请写成 2026-05-31 或 31/05/2026。",
            "第 7 行，A 列（Risk ID）：原编号 R-1 已在第 2 行出现；每条风险只能出现一次。",
        ]
        model = wizard.preview_page.preview_model
        assert model.index(1, model.column_index("problems")).data() == (
            "第 3 行，C 列（Likelihood）：7 超出风险矩阵范围（1 至 5）。"
        )
        likelihood = model.column_index("cell_2")
        assert model.index(0, likelihood).data() == "3 (可能)"  # the seeded level's name, in Chinese
        assert model.index(1, likelihood).data() == "（被拒绝）"
        assert "6 条新风险没有部门：归入“Unassigned”" in wizard.preview_page.notes_label.text()

        # A register with footer and template rows: each skipped run is named, in Chinese.
        wizard = make_wizard(qtbot, demo_context, FIXTURES / "risk_register_security_style.xlsx")
        to_columns(qtbot, wizard)
        assert wizard.columns_page.mapping_notes[8].text() == "取值为等级"  # Inherent Risk holds level names
        to_preview(qtbot, wizard)
        notes = wizard.preview_page.notes_label.text().splitlines()
        assert "第 63 行已跳过：页脚文字。" in notes
        assert "第 17 行已跳过：仅有模板公式。" in notes
        assert "“On Hold”在 OpsDesk 中没有对应状态：读作 监控中。" in notes
        assert not [line for line in notes if re.search(r"[a-z]{3,} [a-z]{3,} [a-z]{3,}", line)]
        assert wizard.preview_page.problems_text.toPlainText() == ""
    finally:
        i18n.install_language("en")
