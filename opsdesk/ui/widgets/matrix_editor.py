"""The risk matrix editor: size, labels, level bands, cells and appetite, with a live preview grid."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QIcon,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import ValidationError
from opsdesk.domain.matrix import MAX_BANDS, MAX_DIMENSION, MIN_BANDS, MIN_DIMENSION, LevelBand, RiskMatrix
from opsdesk.reports.charts.common import INK, MUTED, text_color_for

#: (initial colour, parent, title) -> the chosen colour, or None when the user cancels
ColorChooser = Callable[[QColor, QWidget, str], QColor | None]

# Colours offered to new bands, in order, skipping those already used.
NEW_BAND_COLORS = ("#7E57C2", "#29B6F6", "#8D6E63", "#26A69A", "#EC407A", "#78909C")


def ask_color(initial: QColor, parent: QWidget, title: str) -> QColor | None:
    """The standard colour dialog; None when cancelled."""
    colour = QColorDialog.getColor(initial, parent, title)
    return colour if colour.isValid() else None


def code_from_name(name: str, taken: Sequence[str]) -> str:
    """A stable ASCII code for a new band ("Very high" -> "very_high"), unique among `taken`."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_") or "level"
    code, number = base, 2
    while code in taken:
        code, number = f"{base}_{number}", number + 1
    return code


def swatch_icon(colour: str, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#90A4AE")))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


def _two_lines(metrics: QFontMetrics, text: str, width: int) -> list[str]:
    """Split a label into at most two lines that fit `width`, eliding the rest."""
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first:  # one long word: cut it where it stops fitting
        return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)]
    rest = " ".join(words)
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)] if rest else [first]


class MatrixGrid(QWidget):
    """The live preview: cells in band colours with their score; click cycles, right-click chooses."""

    cycleRequested = Signal(int, int, int)  # likelihood, impact, step (+1 next level, -1 previous)
    chooseRequested = Signal(int, int, str)  # likelihood, impact, band code

    MAX_CELL = 78

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(300, 260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._likelihood_labels: list[str] = []
        self._impact_labels: list[str] = []
        self._bands: list[LevelBand] = []
        self._cells: list[list[str]] = []
        self._appetite = ""
        self._current = (1, 1)

    def set_state(
        self,
        likelihood_labels: Sequence[str],
        impact_labels: Sequence[str],
        bands: Sequence[LevelBand],
        cells: Sequence[Sequence[str]],
        appetite: str,
    ) -> None:
        """Show this (possibly not yet valid) matrix."""
        self._likelihood_labels = list(likelihood_labels)
        self._impact_labels = list(impact_labels)
        self._bands = list(bands)
        self._cells = [list(row) for row in cells]
        self._appetite = appetite
        likelihood, impact = self._current
        self._current = (min(likelihood, self.rows()), min(impact, self.columns()))
        self.update()

    def rows(self) -> int:
        return len(self._cells)

    def columns(self) -> int:
        return len(self._cells[0]) if self._cells else 0

    def sizeHint(self) -> QSize:
        return QSize(440, 420)

    # Geometry -------------------------------------------------------------------------

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.92))
        return font

    def _layout(self) -> tuple[int, int, int, int, int]:
        """(left and top of the grid, cell width and height, width of the likelihood labels)."""
        metrics = QFontMetrics(self._label_font())
        title_room = metrics.height() + 6  # the rotated "Likelihood" axis title
        label_width = max(
            [metrics.horizontalAdvance(self._row_label(n)) for n in range(1, self.rows() + 1)] or [40]
        )
        label_width = min(label_width + 10, 150)
        bottom = (
            metrics.height() * 2 + 6 + metrics.height() + 8 + metrics.height() + 14
        )  # labels, title, legend
        columns, rows = max(self.columns(), 1), max(self.rows(), 1)
        available_width = self.width() - title_room - label_width - 8
        available_height = self.height() - 8 - bottom
        height = max(16, min(self.MAX_CELL, available_height // rows))
        # Cells may be wider than tall (up to twice) so the impact labels have room to be read.
        width = max(16, min(2 * height, 130, available_width // columns))
        height = min(height, width)
        block = title_room + label_width + width * columns
        left = max(0, (self.width() - block) // 2) + title_room + label_width
        return left, 8, width, height, label_width

    def cell_rect(self, likelihood: int, impact: int) -> QRect:
        """Where the cell (likelihood, impact) is painted; the highest likelihood is on top."""
        left, top, width, height, _ = self._layout()
        return QRect(left + (impact - 1) * width, top + (self.rows() - likelihood) * height, width, height)

    def cell_at(self, position: QPoint) -> tuple[int, int] | None:
        left, top, width, height, _ = self._layout()
        if position.x() < left or position.y() < top:
            return None
        impact = (position.x() - left) // width + 1
        likelihood = self.rows() - (position.y() - top) // height
        if 1 <= impact <= self.columns() and 1 <= likelihood <= self.rows():
            return likelihood, impact
        return None

    def _row_label(self, likelihood: int) -> str:
        text = self._likelihood_labels[likelihood - 1] if likelihood <= len(self._likelihood_labels) else ""
        return f"{text} ({likelihood})" if text.strip() else f"({likelihood})"

    def _column_label(self, impact: int) -> str:
        text = self._impact_labels[impact - 1] if impact <= len(self._impact_labels) else ""
        return f"{text} ({impact})" if text.strip() else f"({impact})"

    def _band(self, code: str) -> LevelBand | None:
        return next((band for band in self._bands if band.code == code), None)

    # Painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._cells:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        left, top, width, height, label_width = self._layout()
        label_font = self._label_font()
        metrics = QFontMetrics(label_font)
        score_font = QFont(self.font())
        score_font.setBold(True)
        score_font.setPixelSize(max(10, min(18, height // 3)))
        ink, muted = QColor(INK), QColor(MUTED)

        for likelihood in range(1, self.rows() + 1):
            for impact in range(1, self.columns() + 1):
                rect = self.cell_rect(likelihood, impact)
                band = self._band(self._cells[likelihood - 1][impact - 1])
                colour = band.color if band is not None else "#FFFFFF"
                painter.fillRect(rect, QColor(colour))
                painter.setPen(QPen(QColor("#FFFFFF"), 1))
                painter.drawRect(rect.adjusted(0, 0, -1, -1))
                painter.setPen(QColor(text_color_for(colour)))
                painter.setFont(score_font)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(likelihood * impact))

        if self.hasFocus():
            rect = self.cell_rect(*self._current)
            painter.setPen(QPen(ink, 2, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))

        painter.setFont(label_font)
        painter.setPen(ink)
        for likelihood in range(1, self.rows() + 1):
            rect = self.cell_rect(likelihood, 1)
            text = metrics.elidedText(
                self._row_label(likelihood), Qt.TextElideMode.ElideLeft, label_width - 8
            )
            painter.drawText(
                QRect(left - label_width, rect.top(), label_width - 6, height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
        grid_bottom = top + height * self.rows()
        labels = [self._column_label(impact) for impact in range(1, self.columns() + 1)]
        wrapped = [_two_lines(metrics, text, width - 4) for text in labels]
        if any(" ".join(lines) != text for lines, text in zip(wrapped, labels, strict=True)):
            # Too narrow for the names: numbers read better than cut words (the tooltip names them).
            wrapped = [[str(impact)] for impact in range(1, self.columns() + 1)]
        for impact, lines in enumerate(wrapped, start=1):
            rect = self.cell_rect(1, impact)
            for number, line in enumerate(lines):
                painter.drawText(
                    QRect(rect.left(), grid_bottom + 4 + number * metrics.height(), width, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    line,
                )

        # Axis titles.
        title_font = QFont(label_font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(muted)
        impact_title_top = grid_bottom + 6 + metrics.height() * 2
        painter.drawText(
            QRect(left, impact_title_top, width * self.columns(), metrics.height() + 4),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("Impact →"),
        )
        painter.save()
        painter.translate(left - label_width - 4, top + height * self.rows() // 2)
        painter.rotate(-90)
        painter.drawText(
            QRect(
                -height * self.rows() // 2, -metrics.height() - 2, height * self.rows(), metrics.height() + 2
            ),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("Likelihood →"),
        )
        painter.restore()

        # Legend: one chip per band, lowest first, the appetite named.
        painter.setFont(label_font)
        legend_top = impact_title_top + metrics.height() + 10
        parts = []
        for band in self._bands:
            name = band.name.strip() or band.code
            if band.code == self._appetite:
                name = self.tr("{name} (appetite)").format(name=name)
            parts.append((band.color, name))
        chip = metrics.height() - 4
        total = sum(chip + 6 + metrics.horizontalAdvance(name) + 14 for _, name in parts)
        x = max(4, (self.width() - total) // 2)  # centred on the widget: it may be wider than the grid
        for colour, name in parts:
            painter.fillRect(QRect(x, legend_top + 2, chip, chip), QColor(colour))
            painter.setPen(ink)
            painter.drawText(QPoint(x + chip + 6, legend_top + metrics.ascent()), name)
            x += chip + 6 + metrics.horizontalAdvance(name) + 14
        painter.end()

    # Interaction ----------------------------------------------------------------------

    def describe(self, likelihood: int, impact: int) -> str:
        band = self._band(self._cells[likelihood - 1][impact - 1])
        return self.tr("Likelihood {l} × impact {i} = score {score}: {level}").format(
            l=self._row_label(likelihood),
            i=self._column_label(impact),
            score=likelihood * impact,
            level=band.name if band is not None else "?",
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(
                    event.globalPos(),
                    self.describe(*cell)
                    + "\n"
                    + self.tr("Click: next level · right-click: choose the level"),
                    self,
                )
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self._current = cell
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.cycleRequested.emit(cell[0], cell[1], -1 if shift else 1)
            event.accept()
            return
        super().mousePressEvent(event)

    def band_menu(self, likelihood: int, impact: int) -> QMenu:
        """The menu of levels for one cell (the current one checked)."""
        menu = QMenu(self)
        current = self._cells[likelihood - 1][impact - 1]
        for band in self._bands:
            action = menu.addAction(swatch_icon(band.color), band.name.strip() or band.code)
            action.setCheckable(True)
            action.setChecked(band.code == current)
            action.triggered.connect(
                lambda _=False, code=band.code: self.chooseRequested.emit(likelihood, impact, code)
            )
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            cell = self._current
            position = self.mapToGlobal(self.cell_rect(*cell).center())
        else:
            cell = self.cell_at(event.pos())
            position = event.globalPos()
        if cell is None:
            return
        self._current = cell
        self.update()
        self.band_menu(*cell).exec(position)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        likelihood, impact = self._current
        moves = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
        }
        key = event.key()
        if key in moves and self._cells:
            step_l, step_i = moves[Qt.Key(key)]
            self._current = (
                min(max(1, likelihood + step_l), self.rows()),
                min(max(1, impact + step_i), self.columns()),
            )
            self.update()
            return
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._cells:
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.cycleRequested.emit(likelihood, impact, -1 if shift else 1)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class _BandRow:
    """The widgets editing one band: colour, name, code, upper score, move and remove."""

    def __init__(self, parent: QWidget) -> None:
        self.colour = QToolButton(parent)
        self.colour.setIconSize(QSize(18, 18))
        self.name = QLineEdit(parent)
        self.name.setMaxLength(40)
        self.code = QLabel(parent)
        self.code.setProperty("role", "muted")
        self.code.setMinimumWidth(56)
        self.upper = QSpinBox(parent)
        self.upper.setRange(1, MAX_DIMENSION * MAX_DIMENSION)
        self.rest = QLabel(parent)
        self.rest.setProperty("role", "muted")
        self.up = QToolButton(parent)
        self.up.setArrowType(Qt.ArrowType.UpArrow)
        self.down = QToolButton(parent)
        self.down.setArrowType(Qt.ArrowType.DownArrow)
        self.remove = QToolButton(parent)
        self.remove.setText("✕")

    def widgets(self) -> list[QWidget]:
        return [self.colour, self.name, self.code, self.upper, self.rest, self.up, self.down, self.remove]


class MatrixEditor(QWidget):
    """Edits a draft of a RiskMatrix; `changed` fires on every edit, `matrix()` builds it (or raises)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: replaced in tests so no colour dialog opens
        self.choose_color: ColorChooser = ask_color
        self._saved: RiskMatrix | None = None
        self._fixed_codes: set[str] = set()
        self._likelihood_labels: list[str] = []
        self._impact_labels: list[str] = []
        self._bands: list[LevelBand] = []
        self._cells: list[list[str]] = []
        self._appetite = ""
        self._uppers: list[int] = []
        self._label_memory: dict[tuple[str, int], str] = {}
        self._errors: dict[str, str] = {}
        self._updating = False
        self.likelihood_edits: list[QLineEdit] = []
        self.impact_edits: list[QLineEdit] = []
        self.band_rows: list[_BandRow] = []
        self._build()

    # Building -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        # Size and labels.
        size_box = QGroupBox(self.tr("Size and labels"))
        size_layout = QVBoxLayout(size_box)
        form = QFormLayout()
        self.likelihood_count = QSpinBox()
        self.likelihood_count.setRange(MIN_DIMENSION, MAX_DIMENSION)
        self.likelihood_count.setToolTip(self.tr("Number of likelihood levels (rows)"))
        self.impact_count = QSpinBox()
        self.impact_count.setRange(MIN_DIMENSION, MAX_DIMENSION)
        self.impact_count.setToolTip(self.tr("Number of impact levels (columns)"))
        for spin in (self.likelihood_count, self.impact_count):
            spin.setMaximumWidth(80)
        form.addRow(self.tr("Likelihood levels:"), self.likelihood_count)
        form.addRow(self.tr("Impact levels:"), self.impact_count)
        size_layout.addLayout(form)
        self.labels_grid = QGridLayout()
        self.labels_grid.setHorizontalSpacing(6)
        self.labels_grid.setVerticalSpacing(4)
        for column, title in enumerate(("", self.tr("Likelihood"), self.tr("Impact"))):
            header = QLabel(f"<b>{title}</b>" if title else "")
            self.labels_grid.addWidget(header, 0, column)
        self.labels_grid.setColumnStretch(1, 1)
        self.labels_grid.setColumnStretch(2, 1)
        self._number_labels = []
        for number in range(1, MAX_DIMENSION + 1):
            label = QLabel(str(number))
            label.setProperty("role", "muted")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.labels_grid.addWidget(label, number, 0)
            self._number_labels.append(label)
            for kind, column, edits in (
                ("likelihood", 1, self.likelihood_edits),
                ("impact", 2, self.impact_edits),
            ):
                edit = QLineEdit()
                edit.setMaxLength(60)
                edit.setObjectName(f"{kind}_label_{number}")
                edit.textChanged.connect(lambda text, k=kind, n=number: self._label_edited(k, n, text))
                self.labels_grid.addWidget(edit, number, column)
                edits.append(edit)
        size_layout.addLayout(self.labels_grid)
        self.labels_error = self._error_label()
        size_layout.addWidget(self.labels_error)
        size_layout.addStretch(1)
        size_box.setFixedWidth(290)
        layout.addWidget(size_box)

        right = QVBoxLayout()
        right.setSpacing(8)
        layout.addLayout(right, 1)

        # The preview grid.
        grid_box = QGroupBox(self.tr("Preview"))
        grid_layout = QVBoxLayout(grid_box)
        self.grid = MatrixGrid()
        self.grid.cycleRequested.connect(self._cycle_cell)
        self.grid.chooseRequested.connect(self.set_cell)
        grid_layout.addWidget(self.grid, 1)
        hint = QLabel(
            self.tr(
                "Click a cell for the next level (Shift+click: previous), right-click to choose. "
                "Keyboard: arrows, then Space."
            )
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        grid_layout.addWidget(hint)
        self.cells_error = self._error_label()
        grid_layout.addWidget(self.cells_error)
        right.addWidget(grid_box, 1)

        # Bands, appetite, fill by score.
        bands_box = QGroupBox(self.tr("Level bands (lowest first)"))
        bands_layout = QHBoxLayout(bands_box)
        bands_layout.setSpacing(16)
        self.bands_grid = QGridLayout()
        self.bands_grid.setHorizontalSpacing(4)
        self.bands_grid.setVerticalSpacing(3)
        headers = (self.tr("Colour"), self.tr("Name"), self.tr("Code"), self.tr("Up to score"))
        for column, title in enumerate(headers):
            header = QLabel(title)
            header.setProperty("role", "muted")
            self.bands_grid.addWidget(header, 0, column)
        self.bands_grid.setColumnStretch(1, 1)
        self.bands_grid.setRowStretch(MAX_BANDS + 1, 1)
        bands_layout.addLayout(self.bands_grid, 3)
        for _ in range(MAX_BANDS):
            self._add_band_row()
        side = QVBoxLayout()
        side.setSpacing(6)
        appetite_form = QFormLayout()
        self.appetite_combo = QComboBox()
        self.appetite_combo.setToolTip(
            self.tr("Risks whose residual level is above this level must be treated or formally accepted.")
        )
        self.appetite_combo.currentIndexChanged.connect(self._appetite_chosen)
        appetite_form.addRow(self.tr("Risk appetite:"), self.appetite_combo)
        side.addLayout(appetite_form)
        buttons = QHBoxLayout()
        self.add_band_button = QPushButton(self.tr("Add level"))
        self.add_band_button.setToolTip(self.tr("Add a level above the highest one"))
        self.add_band_button.clicked.connect(self.add_band)
        buttons.addWidget(self.add_band_button)
        self.fill_button = QPushButton(self.tr("Fill by score"))
        self.fill_button.setToolTip(
            self.tr(
                "Rebuild every cell from the score thresholds: each level covers the scores up to its limit."
            )
        )
        self.fill_button.clicked.connect(self.fill_by_score)
        buttons.addWidget(self.fill_button)
        buttons.addStretch(1)
        side.addLayout(buttons)
        self.fill_error = self._error_label()
        side.addWidget(self.fill_error)
        self.bands_error = self._error_label()
        side.addWidget(self.bands_error)
        self.appetite_error = self._error_label()
        side.addWidget(self.appetite_error)
        side.addStretch(1)
        bands_layout.addLayout(side, 2)
        bands_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        right.addWidget(bands_box)

        self.likelihood_count.valueChanged.connect(lambda value: self._resize("likelihood", value))
        self.impact_count.valueChanged.connect(lambda value: self._resize("impact", value))

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setProperty("role", "error")
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    def _add_band_row(self) -> None:
        row = _BandRow(self)
        number = len(self.band_rows)
        grid_row = number + 1
        self.bands_grid.addWidget(row.colour, grid_row, 0)
        self.bands_grid.addWidget(row.name, grid_row, 1)
        self.bands_grid.addWidget(row.code, grid_row, 2)
        self.bands_grid.addWidget(row.upper, grid_row, 3)
        self.bands_grid.addWidget(row.rest, grid_row, 3)
        self.bands_grid.addWidget(row.up, grid_row, 4)
        self.bands_grid.addWidget(row.down, grid_row, 5)
        self.bands_grid.addWidget(row.remove, grid_row, 6)
        row.colour.setToolTip(self.tr("Choose the colour"))
        row.up.setToolTip(self.tr("Move this level down the ranking (lower)"))
        row.down.setToolTip(self.tr("Move this level up the ranking (higher)"))
        row.remove.setToolTip(self.tr("Remove this level (its cells go to the neighbouring level)"))
        row.upper.setToolTip(self.tr("Highest score of this level when filling by score"))
        row.rest.setText(self.tr("the rest"))
        row.name.setObjectName(f"band_name_{number}")
        row.colour.clicked.connect(lambda _=False, n=number: self.pick_color(n))
        row.name.textChanged.connect(lambda text, n=number: self._band_renamed(n, text))
        row.upper.valueChanged.connect(lambda value, n=number: self._upper_changed(n, value))
        # Bands are listed lowest first, so "up" on screen means a lower rank.
        row.up.clicked.connect(lambda _=False, n=number: self.move_band(n, -1))
        row.down.clicked.connect(lambda _=False, n=number: self.move_band(n, 1))
        row.remove.clicked.connect(lambda _=False, n=number: self.remove_band(n))
        self.band_rows.append(row)

    # Loading and reading ------------------------------------------------------------

    def set_matrix(self, matrix: RiskMatrix) -> None:
        """Load a stored matrix: it becomes the baseline for `is_changed` and fixes its band codes."""
        self._saved = matrix
        self._fixed_codes = {band.code for band in matrix.bands}
        self._likelihood_labels = list(matrix.likelihood_labels)
        self._impact_labels = list(matrix.impact_labels)
        self._bands = list(matrix.bands)
        self._cells = [list(row) for row in matrix.cells]
        self._appetite = matrix.appetite
        self._uppers = self._derived_uppers()
        self._label_memory.clear()
        self.fill_error.setVisible(False)
        self._sync_widgets()
        self._edited()

    def revert(self) -> None:
        """Throw the draft away and show the stored matrix again."""
        if self._saved is not None:
            self.set_matrix(self._saved)

    def saved_matrix(self) -> RiskMatrix | None:
        return self._saved

    def draft(self) -> dict:
        """The edited matrix as RiskMatrix.to_dict would give it (texts trimmed)."""
        return {
            "likelihood_labels": [text.strip() for text in self._likelihood_labels],
            "impact_labels": [text.strip() for text in self._impact_labels],
            "bands": [LevelBand(b.code, b.name.strip(), b.color).to_dict() for b in self._bands],
            "cells": [list(row) for row in self._cells],
            "appetite": self._appetite,
        }

    def matrix(self) -> RiskMatrix:
        """The edited matrix; raises ValidationError while it is not valid."""
        return RiskMatrix.from_dict(self.draft())

    def errors(self) -> dict[str, str]:
        """The validation messages of the draft, by RiskMatrix field key (empty when valid)."""
        return dict(self._errors)

    def is_valid(self) -> bool:
        return not self._errors

    def is_changed(self) -> bool:
        return self._saved is None or self.draft() != self._saved.to_dict()

    def cell(self, likelihood: int, impact: int) -> str:
        return self._cells[likelihood - 1][impact - 1]

    def bands(self) -> list[LevelBand]:
        return list(self._bands)

    # Editing --------------------------------------------------------------------------

    def set_cell(self, likelihood: int, impact: int, code: str) -> None:
        self._cells[likelihood - 1][impact - 1] = code
        self._edited()

    def _cycle_cell(self, likelihood: int, impact: int, step: int) -> None:
        codes = [band.code for band in self._bands]
        current = self._cells[likelihood - 1][impact - 1]
        position = codes.index(current) if current in codes else -step
        self.set_cell(likelihood, impact, codes[(position + step) % len(codes)])

    def _label_edited(self, kind: str, number: int, text: str) -> None:
        if self._updating:
            return
        labels = self._likelihood_labels if kind == "likelihood" else self._impact_labels
        if number <= len(labels):
            labels[number - 1] = text
            self._edited()

    def _resize(self, kind: str, count: int) -> None:
        if self._updating:
            return
        labels = self._likelihood_labels if kind == "likelihood" else self._impact_labels
        while len(labels) > count:  # remember what was typed in case the user grows it back
            self._label_memory[(kind, len(labels))] = labels.pop()
        while len(labels) < count:
            number = len(labels) + 1
            labels.append(self._label_memory.get((kind, number), self.tr("Level {n}").format(n=number)))
        # New rows and columns copy their neighbour; "Fill by score" rebuilds them properly.
        if kind == "likelihood":
            del self._cells[count:]
            while len(self._cells) < count:
                self._cells.append(list(self._cells[-1]))
        else:
            for row in self._cells:
                del row[count:]
                while len(row) < count:
                    row.append(row[-1])
        self._sync_widgets()
        self._edited()

    def _band_renamed(self, number: int, text: str) -> None:
        if self._updating or number >= len(self._bands):
            return
        band = self._bands[number]
        code = band.code
        if code not in self._fixed_codes:
            # A band that was never saved takes its code from its name; saved codes never change.
            others = [b.code for n, b in enumerate(self._bands) if n != number]
            code = code_from_name(text, others)
            self._cells = [[code if c == band.code else c for c in row] for row in self._cells]
            if self._appetite == band.code:
                self._appetite = code
        self._bands[number] = LevelBand(code, text, band.color)
        self.band_rows[number].code.setText(code)
        self._sync_appetite()
        self._edited()

    def _upper_changed(self, number: int, value: int) -> None:
        if not self._updating and number < len(self._uppers):
            self._uppers[number] = value
            self.fill_error.setVisible(False)

    def pick_color(self, number: int) -> None:
        band = self._bands[number]
        colour = self.choose_color(
            QColor(band.color), self, self.tr("Colour of {name}").format(name=band.name.strip() or band.code)
        )
        if colour is None or not colour.isValid():
            return
        self._bands[number] = LevelBand(band.code, band.name, colour.name().upper())
        self._sync_bands()
        self._edited()

    def add_band(self) -> None:
        """Add a level above the others, with a free colour and a code made from its name."""
        if len(self._bands) >= MAX_BANDS:
            return
        name = self.tr("New level")
        code = code_from_name(name, [b.code for b in self._bands])
        used = {b.color.upper() for b in self._bands}
        colour = next((c for c in NEW_BAND_COLORS if c not in used), NEW_BAND_COLORS[0])
        self._bands.append(LevelBand(code, name, colour))
        self._uppers = self._derived_uppers()
        self._sync_widgets()
        self._edited()
        row = self.band_rows[len(self._bands) - 1]
        row.name.setFocus()
        row.name.selectAll()

    def remove_band(self, number: int) -> None:
        """Remove a level; its cells (and the appetite) go to the neighbouring level."""
        if len(self._bands) <= MIN_BANDS or number >= len(self._bands):
            return
        removed = self._bands.pop(number)
        heir = self._bands[max(0, number - 1)].code
        self._cells = [[heir if c == removed.code else c for c in row] for row in self._cells]
        if self._appetite == removed.code:
            self._appetite = heir
        self._uppers = self._derived_uppers()
        self._sync_widgets()
        self._edited()

    def move_band(self, number: int, step: int) -> None:
        target = number + step
        if not (0 <= number < len(self._bands) and 0 <= target < len(self._bands)):
            return
        self._bands[number], self._bands[target] = self._bands[target], self._bands[number]
        self._uppers = self._derived_uppers()
        self._sync_widgets()
        self._edited()

    def _appetite_chosen(self, index: int) -> None:
        if self._updating or index < 0:
            return
        self._appetite = self.appetite_combo.itemData(index)
        self._edited()

    def fill_by_score(self) -> None:
        """Rebuild every cell from the upper score of each level."""
        try:
            # Only the cells are taken from the result; labels are checked on their own.
            filled = RiskMatrix.by_score(
                ["-"] * len(self._likelihood_labels),
                ["-"] * len(self._impact_labels),
                [LevelBand(b.code, b.name.strip(), b.color) for b in self._bands],
                self._uppers[: len(self._bands) - 1],
                self._appetite,
            )
        except ValidationError as exc:
            self.fill_error.setText("\n".join(exc.errors.values()))
            self.fill_error.setVisible(True)
            return
        self.fill_error.setVisible(False)
        self._cells = [list(row) for row in filled.cells]
        self._edited()

    def set_upper_scores(self, uppers: Sequence[int]) -> None:
        """Set the thresholds used by Fill by score (one per band except the last)."""
        for number, value in enumerate(uppers[: len(self._bands) - 1]):
            self.band_rows[number].upper.setValue(value)

    def _derived_uppers(self) -> list[int]:
        """Thresholds that reproduce the current cells when they grow with the score."""
        codes = [band.code for band in self._bands]
        uppers: list[int] = []
        for rank in range(len(codes) - 1):
            scores = [
                likelihood * impact
                for likelihood, row in enumerate(self._cells, start=1)
                for impact, code in enumerate(row, start=1)
                if code in codes[: rank + 1]
            ]
            value = max(scores, default=0)
            if uppers:
                value = max(value, uppers[-1] + 1)
            uppers.append(max(value, 1))
        return uppers

    # Showing --------------------------------------------------------------------------

    def _sync_widgets(self) -> None:
        """Put the draft into the widgets without reacting to the resulting signals."""
        self._updating = True
        try:
            self.likelihood_count.setValue(len(self._likelihood_labels))
            self.impact_count.setValue(len(self._impact_labels))
            for kind, labels, edits in (
                ("likelihood", self._likelihood_labels, self.likelihood_edits),
                ("impact", self._impact_labels, self.impact_edits),
            ):
                for number, edit in enumerate(edits, start=1):
                    visible = number <= len(labels)
                    edit.setVisible(visible)
                    if visible and edit.text() != labels[number - 1]:
                        edit.setText(labels[number - 1])
                    edit.setPlaceholderText(self.tr("Name of level {n}").format(n=number))
                    edit.setToolTip(
                        self.tr("Likelihood level {n}").format(n=number)
                        if kind == "likelihood"
                        else self.tr("Impact level {n}").format(n=number)
                    )
            rows = max(len(self._likelihood_labels), len(self._impact_labels))
            for number, label in enumerate(self._number_labels, start=1):
                label.setVisible(number <= rows)
            self._sync_bands()
        finally:
            self._updating = False

    def _sync_bands(self) -> None:
        updating, self._updating = self._updating, True
        try:
            count = len(self._bands)
            for number, row in enumerate(self.band_rows):
                visible = number < count
                for widget in row.widgets():
                    widget.setVisible(visible)
                if not visible:
                    continue
                band = self._bands[number]
                row.colour.setIcon(swatch_icon(band.color, 18))
                if row.name.text() != band.name:
                    row.name.setText(band.name)
                row.code.setText(band.code)
                row.code.setToolTip(self.tr("Stored code: {code}").format(code=band.code))
                last = number == count - 1
                row.upper.setVisible(not last)
                row.rest.setVisible(last)
                if not last and number < len(self._uppers):
                    row.upper.setValue(self._uppers[number])
                row.up.setEnabled(number > 0)
                row.down.setEnabled(not last)
                row.remove.setEnabled(count > MIN_BANDS)
            self.add_band_button.setEnabled(count < MAX_BANDS)
            self._sync_appetite()
        finally:
            self._updating = updating

    def _sync_appetite(self) -> None:
        updating, self._updating = self._updating, True
        try:
            self.appetite_combo.clear()
            for band in self._bands:
                self.appetite_combo.addItem(
                    swatch_icon(band.color), band.name.strip() or band.code, band.code
                )
            self.appetite_combo.setCurrentIndex(self.appetite_combo.findData(self._appetite))
        finally:
            self._updating = updating

    def _edited(self) -> None:
        """Validate the draft, show its problems next to the fields, repaint the preview."""
        try:
            self.matrix()
            self._errors = {}
        except ValidationError as exc:
            self._errors = dict(exc.errors)
        labels = [self._errors[key] for key in ("likelihood_labels", "impact_labels") if key in self._errors]
        for label, text in (
            (self.labels_error, "\n".join(labels)),
            (self.bands_error, self._errors.get("bands", "")),
            (self.appetite_error, self._errors.get("appetite", "")),
            (self.cells_error, self._errors.get("cells", "")),
        ):
            label.setText(text)
            label.setVisible(bool(text))
        for edits, labels_list in (
            (self.likelihood_edits, self._likelihood_labels),
            (self.impact_edits, self._impact_labels),
        ):
            for number, edit in enumerate(edits[: len(labels_list)]):
                edit.setStyleSheet(
                    "" if labels_list[number].strip() else "QLineEdit { border: 1px solid #C62828; }"
                )
        for number, row in enumerate(self.band_rows[: len(self._bands)]):
            empty = not self._bands[number].name.strip()
            row.name.setStyleSheet("QLineEdit { border: 1px solid #C62828; }" if empty else "")
        self.grid.set_state(
            self._likelihood_labels, self._impact_labels, self._bands, self._cells, self._appetite
        )
        self.changed.emit()
