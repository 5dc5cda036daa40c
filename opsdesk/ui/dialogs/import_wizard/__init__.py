"""The import wizard (a QWizard, one module per page) and the small helpers other windows share with it."""

from opsdesk.ui.dialogs.file_choice import (
    ask_save_path,
    documents_folder,
    save_import_template,
    typed_path,
    with_xlsx_suffix,
)
from opsdesk.ui.dialogs.import_wizard.common import (
    PROBLEM_TINT,
    action_label,
    ask_open_path,
    kind_label,
    problem_text,
    shown_value,
)
from opsdesk.ui.dialogs.import_wizard.wizard import ImportWizard

__all__ = [
    "PROBLEM_TINT",
    "ImportWizard",
    "action_label",
    "ask_open_path",
    "ask_save_path",
    "documents_folder",
    "kind_label",
    "problem_text",
    "save_import_template",
    "shown_value",
    "typed_path",
    "with_xlsx_suffix",
]
