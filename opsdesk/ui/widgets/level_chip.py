"""A small rounded label showing a risk level band in the matrix colour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from opsdesk.domain.matrix import RiskMatrix
from opsdesk.reports.charts.common import text_color_for
from opsdesk.ui.labels import band_name

EMPTY_STYLE = (
    "QLabel { background: transparent; color: #607D8B; border: 1px dashed #B0BEC5;"
    " border-radius: 9px; padding: 1px 10px; }"
)


class LevelChip(QLabel):
    """Shows a band's name (optionally with a score) on the band's colour; dashed when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(64)
        self.code: str | None = None
        self.color: str | None = None
        self.set_empty()

    def set_band(self, name: str, color: str, code: str | None = None) -> None:
        """Paint the chip with a band's name and colour."""
        self.code = code
        self.color = color
        self.setText(band_name(name))  # the seeded English names read in the user's language
        self.setStyleSheet(
            f"QLabel {{ background: {color}; color: {text_color_for(color)}; border: 1px solid {color};"
            " border-radius: 9px; padding: 1px 10px; font-weight: 600; }"
        )

    def set_level(self, matrix: RiskMatrix, code: str | None, empty_text: str | None = None) -> None:
        """Show the band of a level code of this matrix, or the empty state for None."""
        if code is None:
            self.set_empty(empty_text)
            return
        band = matrix.find_band(code)
        if band is None:  # a level written outside OpsDesk: said in place, never a crash
            self.set_empty(self.tr("invalid value"))
            self.code = code
            return
        self.set_band(band.name, band.color, band.code)

    def set_empty(self, text: str | None = None) -> None:
        self.code = None
        self.color = None
        self.setText(text if text is not None else self.tr("Not assessed"))
        self.setStyleSheet(EMPTY_STYLE)
