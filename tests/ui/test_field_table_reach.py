"""Every field of the risk's field table reaches the editor, the conflict view, the audit
labels, the register's columns, the Excel export and the import template, with nothing
written for it in those places: a field added to the table appears in all of them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from opsdesk.domain.catalogue import field_label, use_language
from opsdesk.domain.records import RISK
from opsdesk.reports.excel_export import REGISTER_COLUMNS
from opsdesk.reports.excel_template import write_import_template
from opsdesk.reports.excel_text import header
from opsdesk.ui.dialogs.risk_editor import CONFLICT_FIELDS, RiskEditor
from opsdesk.ui.pages.risks import RisksPage

# The register and the export show a department and a category by name.
SHOWN_AS = {"category_id": "category", "department_id": "department"}


def test_every_editable_risk_field_has_a_visible_input_in_the_editor(qtbot, demo_context) -> None:
    editor = RiskEditor(demo_context, 1)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editable = [field.key for field in RISK.editable()]
    assert list(editor.inputs) != [] and set(editor.inputs) == set(editable)
    assert set(CONFLICT_FIELDS) == set(editable)
    widgets = editor.field_widgets()
    risk = editor.record.risk
    for key in editable:
        assert widgets[key] is editor.inputs[key].widget
        # Filled from the stored risk, read back unchanged.
        stored = getattr(risk, key)
        if key.startswith("accept") and risk.strategy != "accept":
            continue
        assert editor.inputs[key].read() in (stored, stored or "", stored or None), key


def test_every_stored_risk_field_is_a_register_column_and_an_export_column(qtbot, demo_context) -> None:
    page = RisksPage(demo_context)
    qtbot.addWidget(page)
    register_keys = {column.key for column in page.model.columns}
    export_keys = [column.key for column in REGISTER_COLUMNS]
    for field in RISK.fields:
        if not field.column:
            continue
        key = SHOWN_AS.get(field.key, field.key)
        assert key in export_keys, key
        if not field.computed:  # the computed ones (levels, scores) have columns of their own
            assert key in register_keys, key
    assert len(export_keys) == len(set(export_keys))


def test_every_editable_risk_field_has_a_label_in_both_languages_and_a_template_column(
    tmp_path: Path,
) -> None:
    template = load_workbook(write_import_template(tmp_path / "template.xlsx"), read_only=True)
    headers = [cell.value for cell in next(template["Risks"].iter_rows(max_row=1))]
    for field in RISK.editable():
        with use_language("en"):
            english = field_label("risk", field.key)
        with use_language("zh_CN"):
            chinese = field_label("risk", field.key)
        assert english != field.key and chinese != english, field.key
        assert header(SHOWN_AS.get(field.key, field.key)) in headers, field.key
