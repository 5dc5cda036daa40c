"""The Heatmap page: inherent and residual matrices side by side; a clicked cell lists its risks."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QSplitter, QVBoxLayout, QWidget

from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.domain.matrix import LevelBand
from opsdesk.services.risks import RiskRead, heatmap_counts, risks_in_cell
from opsdesk.services.settings import NamedItem, list_categories, list_departments
from opsdesk.ui import labels, messages
from opsdesk.ui.context import RISKS, SETTINGS
from opsdesk.ui.pages.base import Page
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.chart import ChartView
from opsdesk.ui.widgets.table import RecordTableView

KINDS = ("inherent", "residual")
STATE_KEY = "pages/heatmap"


def category_text(item: NamedItem) -> str:
    """A category's label: translated for the seeded codes, the user's name otherwise."""
    known = dict(labels.choices("category"))
    return known.get(item.code, item.name)


class HeatmapPage(Page):
    """Counts of active risks per likelihood x impact cell, filtered by department and category."""

    topics = (RISKS, SETTINGS)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # The selected cell (kind, likelihood, impact); None until the page picks or the user clicks one.
        self.selected: tuple[str, int, int] | None = None
        self._chosen_by_user = False
        self.counts: dict[str, dict[tuple[int, int], int]] = {}

        title = QLabel(self.tr("Heatmap"))
        title.setProperty("role", "pageTitle")

        self.department_combo = QComboBox()
        self.department_combo.setObjectName("departmentFilter")
        self.department_combo.setMinimumContentsLength(16)
        self.department_combo.setToolTip(self.tr("Show only the risks of one department"))
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryFilter")
        self.category_combo.setMinimumContentsLength(16)
        self.category_combo.setToolTip(self.tr("Show only the risks of one category"))
        hint = QLabel(self.tr("Click a cell to list its risks; double-click a risk to open it."))
        hint.setProperty("role", "muted")
        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Department:")))
        tools.addWidget(self.department_combo)
        tools.addSpacing(12)
        tools.addWidget(QLabel(self.tr("Category:")))
        tools.addWidget(self.category_combo)
        tools.addStretch(1)
        tools.addWidget(hint)

        self.chart = ChartView()
        self.chart.setMinimumHeight(300)

        self.caption = QLabel()
        self.caption.setObjectName("cellCaption")
        self.caption.setStyleSheet("font-weight: 600; color: #263238;")
        self.model: RecordTableModel[RiskRead] = RecordTableModel(self._columns(), self)
        self.table = RecordTableView(self.model)
        self.table.setObjectName("cellRisks")
        self.table.opened.connect(self.open_risk)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.model.column_index("title"), QHeaderView.ResizeMode.Stretch)
        list_pane = QWidget()
        list_layout = QVBoxLayout(list_pane)
        list_layout.setContentsMargins(0, 6, 0, 0)
        list_layout.addWidget(self.caption)
        list_layout.addWidget(self.table)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(list_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([420, 240])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)

        self.department_combo.addItem(self.tr("All departments"), None)  # filled by the first load
        self.category_combo.addItem(self.tr("All categories"), None)
        self.department_combo.currentIndexChanged.connect(self._filters_changed)
        self.category_combo.currentIndexChanged.connect(self._filters_changed)

    # Columns and filters -----------------------------------------------------------------

    def _columns(self) -> list[Column[RiskRead]]:
        def band(code: str | None) -> LevelBand | None:
            # A level from before a matrix change may be unknown until the risks are re-levelled.
            try:
                return labels.display_matrix(self.context.matrix()).band(code) if code else None
            except ValidationError:
                return None

        def level_name(code: str | None) -> str:
            found = band(code)
            return found.name if found else ("" if code is None else labels.invalid_value())

        def level_color(code: str | None) -> str | None:
            found = band(code)
            return found.color if found else None

        return [
            Column("code", self.tr("Code"), lambda r: r.code),
            Column("title", self.tr("Title"), lambda r: r.title, tooltip=lambda r: r.description or None),
            Column("owner", self.tr("Owner"), lambda r: r.owner),
            Column("department", self.tr("Department"), lambda r: r.department),
            Column(
                "inherent_level",
                self.tr("Inherent level"),
                lambda r: level_name(r.inherent_level),
                sort_key=lambda r: r.inherent_score or 0,
                background=lambda r: level_color(r.inherent_level),
                hidden_by_default=True,
            ),
            Column(
                "residual_score",
                self.tr("Residual score"),
                lambda r: r.residual_score,
                align_right=True,
            ),
            Column(
                "residual_level",
                self.tr("Residual level"),
                lambda r: level_name(r.residual_level),
                sort_key=lambda r: r.residual_score or 0,
                background=lambda r: level_color(r.residual_level),
            ),
        ]

    def _fill_filters(self, departments: list[Any], categories: list[Any]) -> None:
        """(Re)fill departments and categories, keeping the current choices where they still exist."""
        for combo, all_text, items, text in (
            (self.department_combo, self.tr("All departments"), departments, lambda d: d.name),
            (self.category_combo, self.tr("All categories"), categories, category_text),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for item in items:
                combo.addItem(text(item), item.id)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def department_id(self) -> int | None:
        return self.department_combo.currentData()

    def category_id(self) -> int | None:
        return self.category_combo.currentData()

    def _filters_changed(self) -> None:
        self._load()

    # Data ------------------------------------------------------------------------------

    def reader(self) -> Callable[[], tuple[list[Any], list[Any], dict[str, Any], dict[str, Any]]]:
        """The filters' choices and the counts of both kinds, read on the worker (20,000 risks take a while)."""
        context = self.context
        filters = {"department_id": self.department_id(), "category_id": self.category_id()}

        def read() -> tuple[list[Any], list[Any], dict[str, Any], dict[str, Any]]:
            counts = {kind: context.call(heatmap_counts, kind=kind, **filters) for kind in KINDS}
            return context.call(list_departments), context.call(list_categories), filters, counts

        return read

    def show_loaded(self, data: tuple[list[Any], list[Any], dict[str, Any], dict[str, Any]]) -> None:
        departments, categories, filters, counts = data
        self._fill_filters(departments, categories)
        if filters != {"department_id": self.department_id(), "category_id": self.category_id()}:
            self._load()  # a filtered department or category is gone: count them all
            return
        # The matrix may have changed (Settings): the level columns read it on each paint.
        self._show_counts(counts)

    def _load(self) -> None:
        self.refresh()

    def _show_counts(self, counts: dict[str, Any]) -> None:
        self.counts = counts
        matrix = labels.display_matrix(self.context.matrix())
        if self.selected is not None:
            _, likelihood, impact = self.selected
            if likelihood > matrix.likelihood_count or impact > matrix.impact_count:
                self.selected, self._chosen_by_user = None, False
        if not self._chosen_by_user:
            self.selected = self._worst_occupied_cell()
        self._draw()
        self._list_selected()

    def _worst_occupied_cell(self) -> tuple[str, int, int] | None:
        """The residual cell of the highest level (then score) holding risks: where to look first."""
        matrix = labels.display_matrix(self.context.matrix())
        # A cell beyond the matrix (a value written outside OpsDesk) is not drawn: check lists its risks.
        occupied = [
            (likelihood, impact) for (likelihood, impact), n in self.counts.get("residual", {}).items()
            if n and 1 <= likelihood <= matrix.likelihood_count and 1 <= impact <= matrix.impact_count
        ]  # fmt: skip
        if not occupied:
            return None
        likelihood, impact = max(
            occupied, key=lambda c: (matrix.rank(matrix.cells[c[0] - 1][c[1] - 1]), c[0] * c[1], c[0])
        )
        return ("residual", likelihood, impact)

    def _draw(self) -> None:
        """Show the counts: in place on the figure shown (a draw, no new figure) unless its layout changed.

        The figure is changed when the chart thread is not drawing it (ChartView.change).
        """
        if self.chart.figure is None:
            self._build_figure()
        else:
            self.chart.change(self._counts_in_place)

    def _figure_arguments(self) -> dict[str, Any]:
        size = self.chart.size()
        width, height = (size.width() / 100, size.height() / 100) if self.chart.isVisible() else (10.0, 4.6)
        return {
            "kinds": KINDS,
            "titles": {kind: labels.label("assessment_kind", kind) for kind in KINDS},
            "likelihood_title": self.tr("Likelihood"),
            "impact_title": self.tr("Impact"),
            "width": max(width, 6.0),
            "height": max(height, 3.0),
        }

    def _counts_in_place(self, figure: Any) -> None:
        from opsdesk.reports.charts.heatmap import update_heatmap_figure

        matrix = labels.display_matrix(self.context.matrix())
        if update_heatmap_figure(figure, matrix, self.counts, **self._figure_arguments()):
            self._outline_selected(figure)
        else:
            self._build_figure()

    def _build_figure(self) -> None:
        """A new figure, built and drawn on the chart thread (the values it needs are taken now)."""
        from opsdesk.reports.charts.heatmap import build_heatmap_figure

        matrix = labels.display_matrix(self.context.matrix())
        counts, arguments, selected = self.counts, self._figure_arguments(), self.selected

        def make() -> Any:
            figure = build_heatmap_figure(matrix, counts, **arguments)
            _outline(figure, selected)
            return figure

        self.chart.build(make, then=self._figure_built)

    def _figure_built(self, figure: Any) -> None:
        figure.canvas.mpl_connect("button_press_event", self.on_figure_click)

    def _outline_selected(self, figure: Any) -> None:
        _outline(figure, self.selected)

    def shown_counts(self) -> dict[str, dict[tuple[int, int], int]]:
        """The counts as the figure shows them (read back from its text objects)."""
        from opsdesk.reports.charts.heatmap import counts_shown

        return counts_shown(self.chart.figure) if self.chart.figure is not None else {}

    # Cells -----------------------------------------------------------------------------

    def on_figure_click(self, event: Any) -> None:
        """matplotlib button_press_event: select the cell under the mouse."""
        from opsdesk.reports.charts.heatmap import cell_from_event

        cell = cell_from_event(event)
        if cell is not None:
            self.select_cell(*cell)

    def select_cell(self, kind: str, likelihood: int, impact: int) -> None:
        """List the risks of one cell and outline it in the figure."""
        self.selected = (kind, likelihood, impact)
        self._chosen_by_user = True
        self.chart.change(self._outline_selected)
        self._list_selected()

    def _list_selected(self) -> None:
        if self.selected is None:
            self.model.set_rows([])
            self.caption.setText(self.tr("No active risks match these filters."))
            return
        kind, likelihood, impact = self.selected
        rows = self.context.call(
            risks_in_cell,
            kind=kind,
            likelihood=likelihood,
            impact=impact,
            department_id=self.department_id(),
            category_id=self.category_id(),
        )
        self.model.set_rows(rows)
        self.table.fit_columns(maximum=420)
        matrix = labels.display_matrix(self.context.matrix())
        count = self.tr("1 risk") if len(rows) == 1 else self.tr("{count} risks").format(count=len(rows))
        self.caption.setText(
            self.tr("{kind} · {likelihood} × {impact}: {count}").format(
                kind=labels.label("assessment_kind", kind),
                likelihood=matrix.likelihood_labels[likelihood - 1],
                impact=matrix.impact_labels[impact - 1],
                count=count,
            )
        )

    def listed_risks(self) -> list[RiskRead]:
        return self.model.rows()

    # Opening a risk ----------------------------------------------------------------------

    def _risk_editor(self) -> Any | None:
        """The risk editor dialog class, if this build has one with an `ask` entry point."""
        try:
            module = importlib.import_module("opsdesk.ui.dialogs.risk_editor")
        except ImportError:
            return None
        editor = getattr(module, "RiskEditor", None)
        return editor if editor is not None and hasattr(editor, "ask") else None

    def open_risk(self, risk: RiskRead) -> None:
        """Open a listed risk: in its editor when available, else on the Risks page."""
        editor = self._risk_editor()
        if editor is not None:
            try:
                editor.ask(self, self.context, risk.id)
            except OpsDeskError as error:
                messages.show_problem(self, error)
            return
        navigate = getattr(self, "navigate", None)
        if navigate is not None:
            navigate("risks", risk_id=risk.id)

    # Page protocol ---------------------------------------------------------------------

    def focus_search(self) -> None:
        self.department_combo.setFocus()

    def apply_filter(self, **criteria: Any) -> None:
        """Criteria: department_id, category_id, and a cell as kind, likelihood, impact."""
        self.when_loaded(lambda: self._apply_criteria(criteria))  # the choices come with the counts

    def _apply_criteria(self, criteria: dict[str, Any]) -> None:
        filters_before = (self.department_id(), self.category_id())
        for combo, key in ((self.department_combo, "department_id"), (self.category_combo, "category_id")):
            if key in criteria:
                combo.blockSignals(True)
                combo.setCurrentIndex(
                    max(combo.findData(criteria[key]), 0) if criteria[key] is not None else 0
                )
                combo.blockSignals(False)
        cell = None
        if {"likelihood", "impact"} <= criteria.keys():
            cell = (criteria.get("kind", "residual"), int(criteria["likelihood"]), int(criteria["impact"]))
        if (self.department_id(), self.category_id()) != filters_before:
            if cell is not None:
                self.selected, self._chosen_by_user = cell, True
            self._load()
        elif cell is not None:
            self.select_cell(*cell)  # same counts: outline and list, no need to redraw the figure

    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{STATE_KEY}/splitter", self.splitter.saveState())
        self.table.save_state(settings, f"{STATE_KEY}/table")

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value(f"{STATE_KEY}/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        self.table.restore_state(settings, f"{STATE_KEY}/table")


def _outline(figure: Any, selected: tuple[str, int, int] | None) -> None:
    """Outline the selected cell in a heatmap figure, or no cell."""
    from opsdesk.reports.charts.heatmap import clear_highlight, highlight_cell

    if selected is not None:
        highlight_cell(figure, *selected)
    else:
        clear_highlight(figure)
