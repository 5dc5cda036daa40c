"""What every editor dialog does alike: validate as you type, Ctrl+S, ask before losing changes.

A subclass builds its fields, calls `finish_layout(body)`, connects each input's change
signal to `revalidate`, and implements `snapshot`, `local_errors`, `field_widgets` and
`perform_save` (which calls the service and raises OpsDeskError when it refuses).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import ConflictError, OpsDeskError, ValidationError
from opsdesk.ui import messages

if TYPE_CHECKING:
    from opsdesk.ui.context import AppContext

# A field with a problem gets a red frame; the message is in its tooltip and under Save.
INVALID_STYLE = '*[invalid="true"] { border: 1px solid #C62828; border-radius: 2px; }'
MAX_REASON_LINES = 4


class EditorDialog(QDialog):
    """A form dialog whose Save stays disabled, with the reason shown, until the input is valid."""

    #: set by each subclass: the open register, whose signed-in role may be a viewer
    context: AppContext | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(INVALID_STYLE)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save and close (Ctrl+S)"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.reason_label = QLabel()
        self.reason_label.setProperty("role", "error")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.save_action = QAction(self.tr("Save"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self._baseline: Any = None
        self._server_errors: dict[str, str] = {}
        self._marked: list[QWidget] = []
        self._closing = False

    # Layout -----------------------------------------------------------------------------

    def footer(self, extra_buttons: Iterable[QWidget] = ()) -> QWidget:
        """The button row with the reason label under it."""
        footer = QWidget()
        column = QVBoxLayout(footer)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for button in extra_buttons:
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        column.addLayout(row)
        column.addWidget(self.reason_label)
        return footer

    # What subclasses provide ------------------------------------------------------------

    def snapshot(self) -> Any:
        """A comparable picture of the input, to tell whether anything changed."""
        raise TypeError(f"{type(self).__name__} must define snapshot()")

    def local_errors(self) -> dict[str, str]:
        """The service's rules that can be checked without the database: {field: message}."""
        raise TypeError(f"{type(self).__name__} must define local_errors()")

    def field_widgets(self) -> Mapping[str, QWidget]:
        """The widget to mark for each error field name the service or local_errors use."""
        raise TypeError(f"{type(self).__name__} must define field_widgets()")

    def field_label(self, field: str) -> str:
        """How the reason line names a field ('' to show the message alone)."""
        return ""

    def perform_save(self) -> None:
        """Call the service; raise OpsDeskError when it refuses."""
        raise TypeError(f"{type(self).__name__} must define perform_save()")

    # State --------------------------------------------------------------------------------

    def mark_clean(self) -> None:
        """The current input becomes the saved state (after loading or saving)."""
        self._baseline = self.snapshot()
        self._server_errors = {}
        self.revalidate()

    def is_dirty(self) -> bool:
        return self._baseline is not None and self.snapshot() != self._baseline

    def revalidate(self, *_args: object) -> None:
        """Re-check the input after every change; Save is enabled only when nothing is wrong."""
        if self._baseline is None:
            return  # still building the form
        self._server_errors = {}
        errors = self.local_errors()
        if self.context is not None and not self.context.can_edit:
            # A viewer may open a record to read it all; the server would refuse the save anyway.
            errors = {
                "__all__": self.tr("This register is open read-only: nothing can be saved here."),
                **errors,
            }
        self._show_errors(errors)
        self.save_button.setEnabled(not errors)
        self.save_action.setEnabled(not errors)
        self.after_revalidate(errors)

    def after_revalidate(self, errors: Mapping[str, str]) -> None:
        """Hook for subclasses (e.g. enable an Apply button alongside Save)."""

    def _show_errors(self, errors: Mapping[str, str]) -> None:
        for widget in self._marked:
            widget.setProperty("invalid", False)
            widget.setToolTip("")
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._marked = []
        widgets = self.field_widgets()
        for field, message in errors.items():
            widget = widgets.get(field)
            if widget is not None:
                widget.setProperty("invalid", True)
                widget.setToolTip(message)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
                self._marked.append(widget)
        lines = []
        for field, message in errors.items():
            name = self.field_label(field)
            lines.append(f"{name}: {message}" if name else message)
        if len(lines) > MAX_REASON_LINES:
            more = len(lines) - (MAX_REASON_LINES - 1)
            lines = [*lines[: MAX_REASON_LINES - 1], self.tr("…and {count} more.").format(count=more)]
        self.reason_label.setText("\n".join(lines))
        self.reason_label.setVisible(bool(lines))

    def reveal_field(self, field: str) -> None:
        """Bring the tab holding a field to the front and put the cursor in it."""
        widget = self.field_widgets().get(field)
        if widget is None:
            return
        ancestor = widget.parentWidget()
        while ancestor is not None and ancestor is not self:
            if isinstance(ancestor, QTabWidget):
                for number in range(ancestor.count()):
                    page = ancestor.widget(number)
                    if page is widget or page.isAncestorOf(widget):
                        ancestor.setCurrentIndex(number)
            ancestor = ancestor.parentWidget()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # Saving -------------------------------------------------------------------------------

    def try_save(self) -> bool:
        """Validate and save; on a refusal show why, keep every input, and return False."""
        errors = self.local_errors()
        if errors:
            self.show_refusal(errors)
            return False
        saving = self._show_saving()
        try:
            self.perform_save()
        except ValidationError as exc:
            self._saved_or_not(saving)
            self.show_refusal(exc.errors)
            return False
        except ConflictError as exc:
            self._saved_or_not(saving)
            self.show_conflict(exc)
            return False
        except OpsDeskError as exc:
            self._saved_or_not(saving)
            messages.show_problem(self, exc)
            return False
        except BaseException:
            self._saved_or_not(saving)
            raise
        self._saved_or_not(saving)
        return True

    def _show_saving(self) -> tuple[str, bool]:
        """While a save runs (on the worker when it may wait for a lock), Save says so and waits."""
        state = (self.save_button.text(), self.save_button.isEnabled())
        self.save_button.setText(self.tr("Saving…"))
        self.save_button.setEnabled(False)
        return state

    def _saved_or_not(self, state: tuple[str, bool]) -> None:
        text, enabled = state
        self.save_button.setText(text)
        self.save_button.setEnabled(enabled)

    def save(self) -> bool:
        """Save and close (the Save button and Ctrl+S)."""
        if not self.try_save():
            return False
        self._closing = True
        self.accept()
        return True

    def show_refusal(self, errors: Mapping[str, str]) -> None:
        """Show refused fields inline and under Save; Save stays off until the input changes."""
        self._server_errors = dict(errors)
        self._show_errors(errors)
        self.save_button.setEnabled(False)
        self.save_action.setEnabled(False)
        if errors:
            self.reveal_field(next(iter(errors)))

    def show_conflict(self, error: ConflictError) -> None:
        """Someone else saved first; by default say so (subclasses offer reload)."""
        messages.show_problem(self, error)

    # Closing ------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Cancel and the window's close button: ask before throwing input away."""
        read_only = self.context is not None and not self.context.can_edit
        if self._closing or not self.is_dirty() or read_only:  # a viewer's input could never be saved
            self._closing = True
            super().reject()
            return
        answer = messages.ask_unsaved_changes(self)
        if answer == "save":
            self.save()
        elif answer == "discard":
            self._closing = True
            super().reject()
