"""Change owner, department, category, status or next review of several risks at once (one transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from opsdesk.services.risks import BulkChange, RiskRead, bulk_change_problems, bulk_update
from opsdesk.services.settings import NamedItem, list_categories, list_departments
from opsdesk.ui import labels
from opsdesk.ui.context import ACTIONS, ALERTS, RISKS, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import CodeCombo, DateEdit


class BulkEditDialog(EditorDialog):
    """Tick the fields to change; only those are written, to every selected risk."""

    def __init__(self, context: AppContext, risks: Sequence[RiskRead], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.risks = list(risks)
        self.changed_count: int | None = None
        self.setWindowTitle(self.tr("Bulk edit risks"))
        self.setMinimumWidth(460)
        self.save_button.setText(self.tr("Apply to {count} risks").format(count=len(self.risks)))

        codes = ", ".join(r.code for r in self.risks[:8]) + (" …" if len(self.risks) > 8 else "")
        intro = QLabel(
            self.tr("Change {count} selected risks: {codes}").format(count=len(self.risks), codes=codes)
        )
        intro.setWordWrap(True)
        hint = QLabel(self.tr("Only the ticked fields change; the others keep each risk's own value."))
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)

        self.owner_check = QCheckBox(self.tr("&Owner"))
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText(self.tr("New owner (empty clears it)"))
        self.department_check = QCheckBox(self.tr("&Department"))
        departments = context.call(list_departments)
        self.department_combo = CodeCombo([(d.id, d.name) for d in departments])
        self.category_check = QCheckBox(self.tr("&Category"))
        categories = context.call(list_categories)
        self.category_combo = CodeCombo([(c.id, _category_name(c)) for c in categories])
        self.status_check = QCheckBox(self.tr("&Status"))
        self.status_combo = CodeCombo(labels.choices("risk_status"))
        self.review_check = QCheckBox(self.tr("&Next review"))
        self.review_edit = DateEdit(date.today())

        grid = QGridLayout()
        rows = (
            (self.owner_check, self.owner_edit),
            (self.department_check, self.department_combo),
            (self.category_check, self.category_combo),
            (self.status_check, self.status_combo),
            (self.review_check, self.review_edit),
        )
        for number, (check, editor) in enumerate(rows):
            grid.addWidget(check, number, 0)
            grid.addWidget(editor, number, 1)
            editor.setEnabled(False)
            check.toggled.connect(editor.setEnabled)
            check.toggled.connect(self.revalidate)
        grid.setColumnStretch(1, 1)
        self.owner_edit.textChanged.connect(self.revalidate)
        self.department_combo.currentIndexChanged.connect(self.revalidate)
        self.category_combo.currentIndexChanged.connect(self.revalidate)
        self.status_combo.currentIndexChanged.connect(self.revalidate)
        self.review_edit.dateChanged.connect(self.revalidate)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(hint)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.footer())
        self.mark_clean()

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext, risks: Sequence[RiskRead]) -> int | None:
        """Returns how many risks changed, or None when cancelled."""
        dialog = cls(context, risks, parent)
        dialog.exec()
        changed = dialog.changed_count
        dialog.deleteLater()  # not kept alive by its parent once closed
        return changed

    def change(self) -> BulkChange:
        return BulkChange(
            owner=self.owner_edit.text() if self.owner_check.isChecked() else None,
            department_id=self.department_combo.value() if self.department_check.isChecked() else None,
            status=self.status_combo.value() if self.status_check.isChecked() else None,
            next_review=self.review_edit.value() if self.review_check.isChecked() else None,
            category_id=self.category_combo.value() if self.category_check.isChecked() else None,
        )

    def snapshot(self) -> tuple:
        return tuple(vars(self.change()).values())

    def local_errors(self) -> dict[str, str]:
        """The problems `services.risks.bulk_update` would refuse the change with, from the same rules."""
        errors: dict[str, str] = {}
        for problem in bulk_change_problems([r.id for r in self.risks], self.change(), today=date.today()):
            errors.setdefault(problem.field or "__all__", problem.message())
        return errors

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "owner": self.owner_edit,
            "department_id": self.department_combo,
            "category_id": self.category_combo,
            "status": self.status_combo,
            "next_review": self.review_edit,
        }

    def perform_save(self) -> None:
        self.changed_count = self.context.write_waiting(  # on the worker: it may wait for a lock
            bulk_update,
            topics=(RISKS, ALERTS, ACTIONS),
            risk_ids=[r.id for r in self.risks],
            change=self.change(),
        )


def _category_name(category: NamedItem) -> str:
    # Seeded categories have stable codes with translated labels; added ones show their name (as the editor).
    translated = labels.label("category", category.code)
    return translated if translated != category.code else category.name
