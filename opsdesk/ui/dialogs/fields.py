"""Small input widgets the editors share: an optional date, an optional number, a code combo."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QWidget

from opsdesk.domain.regional import format_number, parse_number
from opsdesk.ui.regional import RegionalNumberValidator, regional_format


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """A date field with a calendar pop-up and ISO display, returning `datetime.date`."""

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.set_value(value or date.today())

    def value(self) -> date:
        return from_qdate(self.date())

    def set_value(self, value: date) -> None:
        self.setDate(to_qdate(value))


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a check box switches the date field on and off."""

    changed = Signal()

    def __init__(self, text: str = "", value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.edit = DateEdit()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        self.set_value(value)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.set_value(value)

    def set_default_date(self, value: date) -> None:
        """The date shown (greyed) while the field is empty, used when it is switched on."""
        if not self.check.isChecked():
            self.edit.set_value(value)


class OptionalNumberEdit(QLineEdit):
    """A number that may be left empty; `value()` is None when empty or not a number.

    Shown and read in the user's regional format (opsdesk.domain.regional), with up to 15
    significant digits, so opening a record and saving it never changes its numbers.
    """

    def __init__(self, placeholder: str = "", decimals: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setValidator(RegionalNumberValidator(decimals, self, self.locale()))

    def text_is_number(self) -> bool:
        return not self.text().strip() or self._parse() is not None

    def _parse(self) -> float | None:
        try:
            return parse_number(self.text(), regional_format(self.locale()))
        except ValueError:
            return None

    def value(self) -> float | None:
        return self._parse()

    def set_value(self, value: float | None) -> None:
        self.setText(format_number(value, regional_format(self.locale())))


class CodeCombo(QComboBox):
    """A combo of (stored code or id, label) pairs; `value()` is the selected code, None for the placeholder."""

    def __init__(
        self,
        items: Iterable[tuple[Any, str]] = (),
        placeholder: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.set_items(items, placeholder)

    def set_items(self, items: Iterable[tuple[Any, str]], placeholder: str | None = None) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        if placeholder is not None:
            self.addItem(placeholder, None)
        for code, text in items:
            self.addItem(text, code)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> bool:
        """Select the item holding value; False (selection unchanged) when there is none."""
        for number in range(self.count()):
            if self.itemData(number) == value:
                self.setCurrentIndex(number)
                return True
        return False

    def show_stored(self, value: Any) -> None:
        """Select a value read from the register; one the choices lack (written outside OpsDesk)
        is added as "invalid value" and selected, never shown as another choice."""
        if not self.set_value(value) and value is not None:
            from opsdesk.ui.labels import invalid_value

            self.addItem(invalid_value(), value)
            self.set_value(value)

    def values(self) -> list[Any]:
        return [self.itemData(number) for number in range(self.count())]
