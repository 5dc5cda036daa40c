"""A visible note that a list is filtered (from a dashboard card), with a button that clears it."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

CHIP_STYLE = (
    'QFrame[role="filterChip"] { background: #E1F5FE; border: 1px solid #81D4FA; border-radius: 11px; }'
    ' QFrame[role="filterChip"] QLabel { color: #01579B; font-weight: 600; background: transparent; border: none; }'
)


class FilterChip(QFrame):
    """ "Filtered: Above appetite  ✕ Show all": hidden until a page is opened filtered.

    It remembers the page's filter state when shown and hides itself once the filters no
    longer match it (the user changed them), so it never names a filter that is not applied.
    """

    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChip")
        self.setProperty("role", "filterChip")
        self.setStyleSheet(CHIP_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.label = QLabel()
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearFilterChip")
        self.clear_button.setText(self.tr("✕ Show all"))
        self.clear_button.setToolTip(self.tr("Clear this filter and show the whole list"))
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(self._clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 4, 2)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.clear_button)
        self._state: Hashable = None
        self.hide()

    def show_filter(self, name: str, state: Hashable) -> None:
        """Name the filter now applied; `state` is the page's filter state it stands for."""
        self.label.setText(self.tr("Filtered: {name}").format(name=name))
        self._state = state
        self.show()

    def follow(self, state: Hashable) -> None:
        """The page's filters changed: hide the chip when they are no longer the named filter."""
        if not self.isHidden() and state != self._state:
            self.hide()

    def _clear(self) -> None:
        self.hide()
        self.clearRequested.emit()
