"""Inputs bound to the fields of a record's field table (`opsdesk.domain.records`).

An editor binds each of its widgets to a field once; filling the form, reading it back,
watching it for changes and comparing it in a conflict then go through the binding, so a
field is named in one place. A field the editor does not place by hand gets an input made
from its kind, so a new field declared in the table appears in the editor by itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from opsdesk.domain.catalogue import choices, field_label
from opsdesk.domain.fields import Field, FieldKind, RecordFields
from opsdesk.ui.dialogs.fields import CodeCombo, DateEdit, OptionalDateEdit


@dataclass(frozen=True)
class FieldInput:
    """One field's widget with how to read it, fill it, and hear it change."""

    field: Field
    widget: QWidget
    read: Callable[[], object]
    write: Callable[[object], None]
    changed: SignalInstance


def plain_text_edit(height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setMinimumHeight(height)
    return edit


def bind(field: Field, widget: QWidget) -> FieldInput:
    """Bind an editor's own widget to its field."""
    if isinstance(widget, QLineEdit):
        return FieldInput(field, widget, widget.text, lambda value: widget.setText(str(value or "")),
                          widget.textChanged)  # fmt: skip
    if isinstance(widget, QPlainTextEdit):
        return FieldInput(field, widget, widget.toPlainText, lambda value: widget.setPlainText(str(value or "")),
                          widget.textChanged)  # fmt: skip
    if isinstance(widget, CodeCombo):
        return FieldInput(field, widget, widget.value, widget.set_value, widget.currentIndexChanged)
    if isinstance(widget, DateEdit):
        # A required date keeps its value when given none (a conflict's "no value" cannot apply).
        return FieldInput(field, widget, widget.value, lambda value: value is not None and widget.set_value(value),
                          widget.dateChanged)  # fmt: skip
    if isinstance(widget, OptionalDateEdit):
        return FieldInput(field, widget, widget.value, widget.set_value, widget.changed)
    raise TypeError(f"No binding for a {type(widget).__name__}")


def make_input(field: Field) -> FieldInput:
    """An input made from the field's kind, for a field no editor places by hand."""
    if field.kind is FieldKind.LONG_TEXT:
        widget: QWidget = plain_text_edit(56)
    elif field.kind is FieldKind.CHOICE:
        widget = CodeCombo(choices(field.choices or ""), None if field.required else "—")
    elif field.kind is FieldKind.DATE:
        widget = (
            DateEdit(date.today())
            if field.required
            else OptionalDateEdit(QCoreApplication.translate("FieldInput", "Set"))
        )
    else:  # text, a person, a reference: one line
        widget = QLineEdit()
        if field.max_length:
            widget.setMaxLength(field.max_length)
    return bind(field, widget)


def add_missing_inputs(
    table: RecordFields, section: str, form: QFormLayout, inputs: dict[str, FieldInput]
) -> list[FieldInput]:
    """Add a row to `form` for each field of the section that has no input yet."""
    added = []
    for field in table.in_section(section):
        if field.key in inputs:
            continue
        made = make_input(field)
        form.addRow(field_label(table.name, field.key), made.widget)
        inputs[field.key] = made
        added.append(made)
    return added


def read_all(inputs: Iterable[FieldInput]) -> dict[str, object]:
    return {each.field.key: each.read() for each in inputs}
