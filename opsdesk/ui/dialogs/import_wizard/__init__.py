"""The import wizard (a QWizard, one module per page) and the labels other windows share with it.

The save-file helpers it uses live in `ui.dialogs.file_choice`: the Reports page and the main
window need them without loading the wizard.
"""

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
    "kind_label",
    "problem_text",
    "shown_value",
]
