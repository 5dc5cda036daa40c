"""Seeing both sides of an edit conflict: the record as you opened it, their saved change, your input.

An editor whose save was refused with ConflictError builds one `FieldChange` per field that
differs (`compare_fields`), shows them in a `ConflictPanel` (a message, the comparison table and
"Use theirs" / "Keep mine" / "Merge"), and decides what each button does to its form. Fields
that both sides changed get a per-row choice; `ConflictView.pick()` tells which side was picked.
`OverwriteNote` says, once the user has chosen, which of their changes the next Save replaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.conflicts import MINE, THEIRS, FieldChange
from opsdesk.services.history import AuditRead

translate = QCoreApplication.translate

COLUMNS = ("field", "opened", "theirs", "mine", "keeps")
MAX_CELL_CHARS = 70  # about two lines of a value column; the tooltip has it all
MAX_TOOLTIP_CHARS = 1500
MAX_TABLE_HEIGHT = 220  # past this the table scrolls
MIN_TABLE_HEIGHT = 90  # the header and about one row, when the window is short

# The panel brings its own ink and paper, so it reads the same in the light and the dark theme.
PANEL_STYLE = """
QFrame#conflictBanner, QFrame#overwriteNote {
    background: #FFF8E1; border: 1px solid #FFB300; border-radius: 4px;
}
QFrame#conflictBanner QLabel, QFrame#overwriteNote QLabel { color: #4E342E; background: transparent; }
QFrame#conflictBanner QLabel[role="muted"], QFrame#overwriteNote QLabel[role="muted"] { color: #6D4C41; }
QScrollArea#conflictScroll { border: 1px solid #E0C27A; background: #E0C27A; }
QWidget#conflictGrid { background: #E0C27A; }
QWidget#conflictGrid QLabel[cell="header"] {
    background: #FFECB3; font-weight: 600; padding: 3px 6px;
}
QWidget#conflictGrid QLabel[cell="value"], QWidget#conflictGrid QFrame[cell="value"] {
    background: #FFFFFF; padding: 3px 6px;
}
QWidget#conflictGrid QLabel[cell="conflict"], QWidget#conflictGrid QFrame[cell="conflict"] {
    background: #FFE0B2; padding: 3px 6px;
}
QWidget#conflictGrid QLabel[side="lost"] { color: #8D6E63; }
QWidget#conflictGrid QRadioButton { color: #4E342E; background: transparent; spacing: 4px; }
QWidget#conflictGrid QRadioButton::indicator {
    width: 12px; height: 12px; border: 1px solid #6D4C41; border-radius: 7px; background: #FFFFFF;
}
QWidget#conflictGrid QRadioButton::indicator:checked {
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
                                stop: 0 #4E342E, stop: 0.5 #4E342E, stop: 0.6 #FFFFFF, stop: 1 #FFFFFF);
}
QWidget#conflictGrid QRadioButton:focus { text-decoration: underline; }
"""


def local_time(moment: datetime | None) -> str:
    """An audit time (UTC; SQLite hands it back without a zone) on the user's clock."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def savers_text(entries: Sequence[AuditRead]) -> str:
    """'ana at 2025-03-01 14:02', or 'ana and bob, last at …' when several people saved."""
    if not entries:
        return translate("ConflictView", "someone else")
    newest_first = sorted(entries, key=lambda entry: entry.id, reverse=True)
    users = list(dict.fromkeys(entry.user for entry in newest_first))  # each once, the latest saver first
    when = local_time(newest_first[0].at)
    if len(users) == 1:
        return translate("ConflictView", "{user} at {time}").format(user=users[0], time=when)
    names = translate("ConflictView", "{first} and {last}").format(
        first=", ".join(users[1:][::-1]), last=users[0]
    )
    return translate("ConflictView", "{users}, last at {time}").format(users=names, time=when)


def _cell_text(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= MAX_CELL_CHARS:
        return flat
    cut = flat[: MAX_CELL_CHARS - 1]
    if " " in cut[MAX_CELL_CHARS // 2 :]:
        cut = cut[: cut.rindex(" ")]  # end on a whole word
    return cut.rstrip(" ,;:.") + "…"


class _TableScroll(QScrollArea):
    """Asks for the height its rows need at its width (up to a limit); when the window is short it scrolls."""

    def _content_height(self) -> int:
        widget = self.widget()
        layout = widget.layout() if widget is not None else None
        if layout is None:
            return 0
        width = max(self.viewport().width(), 300)
        height = layout.heightForWidth(width) if layout.hasHeightForWidth() else widget.sizeHint().height()
        return height + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(min(self._content_height(), MAX_TABLE_HEIGHT))
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        hint.setHeight(min(self._content_height(), MIN_TABLE_HEIGHT))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # wrapped rows need another height at another width


class ConflictView(QWidget):
    """The comparison table: Field | When you opened it | Their change | Your change | Merge keeps."""

    picked = Signal(str, str)  # field key, THEIRS or MINE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._changes: list[FieldChange] = []
        self._cells: dict[tuple[str, str], QWidget] = {}
        self._groups: dict[str, QButtonGroup] = {}
        self._radios: dict[str, dict[str, QRadioButton]] = {}
        self._saver = ""
        self.grid_widget = QWidget()
        self.grid_widget.setObjectName("conflictGrid")
        self.grid_widget.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(1)  # the grid's background shows through as thin lines
        self.scroll = _TableScroll()
        self.scroll.setObjectName("conflictScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.grid_widget)
        self.empty_label = QLabel(
            self.tr(
                "Their save changed nothing this form shows (for example only the history or an archive flag)."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        layout.addWidget(self.empty_label)
        self.empty_label.hide()

    # Filling ------------------------------------------------------------------------------

    def set_changes(self, changes: Sequence[FieldChange], saver: str = "") -> None:
        """Show these rows; `saver` names who saved their version and when, for the header."""
        self._changes = list(changes)
        self._saver = saver
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self._cells.clear()
        self._groups.clear()
        self._radios.clear()
        theirs_header = (
            self.tr("Their change, saved by\n{saver}").format(saver=saver)
            if saver
            else self.tr("Their change")
        )
        headers = (self.tr("Field"), self.tr("When you opened it"), theirs_header, self.tr("Your change"),
                   self.tr("Merge keeps"))  # fmt: skip
        for column, text in enumerate(headers):
            self.grid.addWidget(self._label(text, "header"), 0, column)
        several = len({c.saved_by for c in self._changes if c.they_changed}) > 1
        for number, change in enumerate(self._changes, start=1):
            role = "conflict" if change.conflict else "value"
            self._add_cell(change.key, "field", self._label(change.label, role, bold=True), number)
            self._add_cell(change.key, "opened", self._value_label(change.opened, role), number)
            theirs = change.theirs if change.they_changed else self.tr("(unchanged)")
            their_label = self._value_label(theirs, role, muted=not change.they_changed)
            if change.they_changed and change.saved_by:
                their_label.setToolTip(
                    self.tr("Saved by {user} at {time}").format(
                        user=change.saved_by, time=local_time(change.saved_at)
                    )
                    + "\n\n"
                    + change.theirs[:MAX_TOOLTIP_CHARS]
                )
                if several:
                    their_label.setText(
                        their_label.text() + "\n" + self.tr("by {user}").format(user=change.saved_by)
                    )
            self._add_cell(change.key, "theirs", their_label, number)
            mine = change.mine if change.kind != THEIRS else self.tr("(unchanged)")
            self._add_cell(
                change.key, "mine", self._value_label(mine, role, muted=change.kind == THEIRS), number
            )
            self._add_cell(change.key, "keeps", self._keeps_cell(change, role), number)
        self.grid.setColumnStretch(0, 0)
        for column in (1, 2, 3):
            self.grid.setColumnStretch(column, 1)
        self.grid.setColumnStretch(4, 0)
        self.grid.setColumnMinimumWidth(0, 120)
        self.grid.setRowStretch(len(self._changes) + 1, 1)
        filler = QWidget()  # keeps rows at the top when the table is taller than its rows
        self.grid.addWidget(filler, len(self._changes) + 1, 0, 1, len(COLUMNS))
        self.empty_label.setVisible(not self._changes)
        self.scroll.setVisible(bool(self._changes))
        self.scroll.updateGeometry()

    def _label(self, text: str, role: str, *, bold: bool = False) -> QLabel:
        label = QLabel(text)
        label.setProperty("cell", role)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def _value_label(self, text: str, role: str, *, muted: bool = False) -> QLabel:
        label = self._label(_cell_text(text) or self.tr("(empty)"), role)
        label.setMinimumWidth(120)
        if len(" ".join(text.split())) > MAX_CELL_CHARS:
            label.setToolTip(text[:MAX_TOOLTIP_CHARS])
        if muted:
            label.setProperty("side", "lost")
        return label

    def _keeps_cell(self, change: FieldChange, role: str) -> QWidget:
        if not change.conflict:
            text = self.tr("Theirs") if change.kind == THEIRS else self.tr("Yours")
            return self._label(text, role)
        cell = QFrame()
        cell.setProperty("cell", role)
        row = QHBoxLayout(cell)
        row.setContentsMargins(6, 2, 6, 2)
        group = QButtonGroup(cell)
        group.setExclusive(True)
        radios = {THEIRS: QRadioButton(self.tr("Theirs")), MINE: QRadioButton(self.tr("Yours"))}
        radios[THEIRS].setToolTip(self.tr("Take their value for {field}").format(field=change.label))
        radios[MINE].setToolTip(self.tr("Keep your value for {field}").format(field=change.label))
        for side, radio in radios.items():
            group.addButton(radio)
            row.addWidget(radio)
            radio.toggled.connect(
                lambda checked, key=change.key, side=side: checked and self.picked.emit(key, side)
            )
        row.addStretch(1)
        self._groups[change.key] = group
        self._radios[change.key] = radios
        return cell

    def _add_cell(self, key: str, column: str, widget: QWidget, row: int) -> None:
        self._cells[(key, column)] = widget
        self.grid.addWidget(widget, row, COLUMNS.index(column))

    # Reading ------------------------------------------------------------------------------

    def changes(self) -> list[FieldChange]:
        return list(self._changes)

    def keys(self) -> list[str]:
        return [change.key for change in self._changes]

    def change(self, key: str) -> FieldChange | None:
        return next((change for change in self._changes if change.key == key), None)

    def cell(self, key: str, column: str) -> QWidget:
        """The widget of one cell (column: field, opened, theirs, mine, keeps)."""
        return self._cells[(key, column)]

    def choice_button(self, key: str, side: str) -> QRadioButton:
        """The radio button that picks a side for a field both changed."""
        return self._radios[key][side]

    def pick(self, key: str) -> str | None:
        """The side a row ends with: fixed for one-sided rows, the user's pick (or None) for conflicts."""
        change = self.change(key)
        if change is None:
            return None
        if not change.conflict:
            return change.kind
        radios = self._radios[key]
        return next((side for side, radio in radios.items() if radio.isChecked()), None)

    def set_pick(self, key: str, side: str) -> None:
        self._radios[key][side].setChecked(True)

    def undecided(self) -> list[FieldChange]:
        """The fields both changed whose side is not picked yet."""
        return [change for change in self._changes if change.conflict and self.pick(change.key) is None]


class ConflictPanel(QFrame):
    """The banner an editor shows on a conflict: what happened, the comparison, and the three ways out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        self.setStyleSheet(PANEL_STYLE)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.view = ConflictView()
        self.legend_label = QLabel()
        self.legend_label.setProperty("role", "muted")
        self.legend_label.setWordWrap(True)
        self.theirs_button = QPushButton(self.tr("Use theirs…"))
        self.theirs_button.setToolTip(self.tr("Throw away your changes and show the risk as they saved it"))
        self.keep_button = QPushButton(self.tr("Keep mine"))
        self.keep_button.setToolTip(
            self.tr("Keep your input; the next Save replaces their changes (they are marked in the form)")
        )
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setToolTip(
            self.tr(
                "Take the fields only they changed, keep the ones only you changed, and pick where you both did"
            )
        )
        for button in (self.theirs_button, self.keep_button, self.merge_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.legend_label, 1)
        buttons.addWidget(self.theirs_button)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.message_label)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.hide()

    def show_changes(self, message: str, changes: Sequence[FieldChange], saver: str = "") -> None:
        """Fill the panel for a fresh conflict and show it."""
        self.message_label.setText(message)
        self.view.set_changes(changes, saver)
        conflicts = [change.label for change in changes if change.conflict]
        if conflicts:
            self.legend_label.setText(
                self.tr(
                    "Orange rows: you both changed {fields}. Pick theirs or yours in the last column."
                ).format(fields=", ".join(conflicts))
            )
        else:
            self.legend_label.setText(
                self.tr("No field was changed on both sides: Merge keeps every change.")
            )
        self.merge_button.setEnabled(True)
        self.show()


class OverwriteNote(QFrame):
    """A line above the form: which of their saved changes the next Save replaces."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overwriteNote")
        self.setStyleSheet(PANEL_STYLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.compare_button = QPushButton(self.tr("Compare again…"))
        self.compare_button.setToolTip(self.tr("Show both versions side by side again"))
        self.compare_button.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.compare_button)
        self.hide()

    def set_fields(self, labels: Sequence[str], saver: str) -> None:
        """Name the fields whose saved value will be replaced; hidden when there are none."""
        if labels:
            self.label.setText(
                self.tr(
                    "Saving replaces these changes saved by {saver}: {fields} (marked in the form)."
                ).format(saver=saver, fields=", ".join(labels))
            )
        self.setVisible(bool(labels))
