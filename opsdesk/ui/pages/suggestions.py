"""The Suggestions page: submit in one click, review along the workflow, and a quarterly leaderboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError
from opsdesk.domain.periods import quarter_of
from opsdesk.services.settings import get_fiscal_start_month, list_departments
from opsdesk.services.suggestions import (
    Leaderboard,
    LeaderboardRow,
    SuggestionRead,
    allowed_moves,
    leaderboard,
    list_suggestions,
    set_suggestion_archived,
)
from opsdesk.ui import messages
from opsdesk.ui.context import QUALITY, SETTINGS, AppContext
from opsdesk.ui.labels import choices, label
from opsdesk.ui.pages.list_page import ListPage
from opsdesk.ui.table_model import Column, RecordTableModel, display_text
from opsdesk.ui.widgets.table import RecordTableView, fit_columns_snugly, settle_layouts

STATUS_COLORS = {
    "submitted": "#BBDEFB",
    "under_review": "#FFE082",
    "accepted": "#C8E6C9",
    "rejected": "#E0E0E0",
    "implemented": "#66BB6A",
}
STATUS_ORDER = {"submitted": 1, "under_review": 2, "accepted": 3, "implemented": 4, "rejected": 5}
WAITING = "waiting"  # the filter for submitted + under review
WAITING_STATUSES = ("submitted", "under_review")
QUARTERS_OFFERED = 8


def _money(value: float | None) -> str:
    if not value:
        return ""
    return display_text(float(value))


class SuggestionsPage(ListPage):
    """Improvement suggestions with their review workflow and a leaderboard of contributors."""

    topics = (QUALITY, SETTINGS)
    state_key = "suggestions"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.board: Leaderboard | None = None
        self._start_month: int | None = None
        self._build()

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = self.list_layout()
        title_row = self.title_row(self.tr("Suggestions"))
        self.submit_button = self.add_button(title_row, self.tr("Submit suggestion…"), self.new_item)
        self.submit_button.setDefault(True)
        self.submit_button.setStyleSheet("font-weight: 600;")
        self.review_button = self.add_button(title_row, self.tr("Review…"), self.review_selected)
        self.edit_button = self.add_button(title_row, self.tr("Edit…"), self.edit_selected)
        self.archive_button = self.add_button(title_row, self.tr("Archive"), self.archive_selected)
        layout.addLayout(title_row)

        tools = QHBoxLayout()
        tools.addWidget(self.search_box(self.tr("Search code, title, submitter, reviewer…")), 1)
        self.status_filter = self.filter_combo(
            self.tr("All statuses"), [(WAITING, self.tr("Waiting for review")), *choices("suggestion_status")]
        )
        tools.addWidget(self.status_filter)
        tools.addWidget(self.department_combo())
        tools.addStretch(1)
        layout.addLayout(tools)

        self.model: RecordTableModel[SuggestionRead] = RecordTableModel(self._columns(), self)
        self.table = self.record_table(self.model, "suggestionsTable")
        self.table.opened.connect(lambda row: self.review(row.id))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._build_leaderboard())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([330, 300])
        layout.addWidget(self.splitter, 1)
        self._selection_changed()

    def _columns(self) -> list[Column[SuggestionRead]]:
        return [
            Column("code", self.tr("Code"), lambda s: s.code),
            Column("submitted", self.tr("Submitted"), lambda s: s.submitted_on),
            Column("submitter", self.tr("Submitter"), lambda s: s.submitter),
            Column("department", self.tr("Department"), lambda s: s.department),
            Column("title", self.tr("Title"), lambda s: s.title, tooltip=self._title_tooltip),
            Column(
                "status",
                self.tr("Status"),
                lambda s: label("suggestion_status", s.status),
                sort_key=lambda s: STATUS_ORDER.get(s.status, 0),
                background=lambda s: STATUS_COLORS.get(s.status),
                tooltip=lambda s: s.decision_note or None,
            ),
            Column("reviewer", self.tr("Reviewer"), lambda s: s.reviewer or ""),
            Column("points", self.tr("Points"), lambda s: s.reward_points, align_right=True),
            Column(
                "amount",
                self.tr("Amount"),
                lambda s: _money(s.reward_amount),
                sort_key=lambda s: s.reward_amount or 0.0,
                align_right=True,
            ),
        ]

    def _title_tooltip(self, row: SuggestionRead) -> str:
        parts = [row.title, row.description]
        if row.expected_benefit:
            parts.append(self.tr("Expected benefit: {text}").format(text=row.expected_benefit))
        if row.realised_benefit:
            parts.append(self.tr("Realised benefit: {text}").format(text=row.realised_benefit))
        return "\n\n".join(part for part in parts if part)

    def _build_leaderboard(self) -> QWidget:
        panel = QFrame()
        panel.setObjectName("leaderboard")
        panel.setProperty("role", "card")
        box = QVBoxLayout(panel)
        box.setContentsMargins(12, 8, 12, 8)
        box.setSpacing(6)
        header = QHBoxLayout()
        heading = QLabel(self.tr("Leaderboard"))
        heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        header.addWidget(heading)
        header.addSpacing(8)
        header.addWidget(QLabel(self.tr("Quarter:")))
        self.quarter_combo = QComboBox()
        self.quarter_combo.currentIndexChanged.connect(lambda _index: self.refresh_leaderboard())
        header.addWidget(self.quarter_combo)
        header.addSpacing(16)
        self.metric_labels: dict[str, QLabel] = {}
        self.metric_captions: dict[str, QLabel] = {}
        for key, text in (
            ("received", self.tr("received")),
            ("implemented", self.tr("implemented")),
            ("rate", self.tr("acceptance rate")),
        ):
            value = QLabel("–")
            value.setObjectName(f"metric_{key}")
            value.setStyleSheet("font-size: 14pt; font-weight: 600; color: #263238;")
            caption = QLabel(text)
            caption.setProperty("role", "muted")
            self.metric_captions[key] = caption
            header.addWidget(value)
            header.addWidget(caption)
            header.addSpacing(14)
            self.metric_labels[key] = value
        header.addStretch(1)
        box.addLayout(header)

        tables = QHBoxLayout()
        tables.setSpacing(12)
        self.contributors_model: RecordTableModel[LeaderboardRow] = RecordTableModel(
            self._board_columns(self.tr("Contributor")), self
        )
        self.departments_model: RecordTableModel[LeaderboardRow] = RecordTableModel(
            self._board_columns(self.tr("Department")), self
        )
        self.contributors_table = RecordTableView(self.contributors_model)
        self.contributors_table.setObjectName("contributorsTable")
        self.departments_table = RecordTableView(self.departments_model)
        self.departments_table.setObjectName("departmentsTable")
        for table in (self.contributors_table, self.departments_table):
            table.setSortingEnabled(False)  # the service's ranking is the order
        tables.addWidget(self.contributors_table, 1)
        tables.addWidget(self.departments_table, 1)
        box.addLayout(tables, 1)
        return panel

    def _board_columns(self, name_title: str) -> list[Column[LeaderboardRow]]:
        return [
            Column("name", name_title, lambda r: r.name),
            # Counts, not the dates of the list's "Submitted" column: a separate text for translators.
            Column("submitted", self.tr("Submitted", "count"), lambda r: r.submitted, align_right=True),
            Column("accepted", self.tr("Accepted"), lambda r: r.accepted, align_right=True),
            Column("implemented", self.tr("Implemented"), lambda r: r.implemented, align_right=True),
            Column("points", self.tr("Points"), lambda r: r.reward_points, align_right=True),
            Column("money", self.tr("Money"), lambda r: _money(r.reward_amount), align_right=True),
        ]

    # Loading ----------------------------------------------------------------------------

    def reader(self) -> Callable[[], tuple[list[Any], int, list[SuggestionRead], Any]]:
        """The departments, the fiscal year, every suggestion (10,000 take a while) and the leaderboard
        of the quarter chosen (the current one at first), read on the worker."""
        context = self.context
        chosen = self.quarter_combo.currentData() if self._start_month is not None else None
        chosen_start = self._start_month

        def read() -> tuple[list[Any], int, list[SuggestionRead], Any]:
            start_month = context.call(get_fiscal_start_month)
            quarter = chosen if start_month == chosen_start and chosen is not None else None
            quarter = quarter or quarter_of(date.today(), start_month).label
            return (
                context.call(list_departments),
                start_month,
                context.call(list_suggestions),
                context.call(leaderboard, quarter=quarter, start_month=start_month),
            )

        return read

    def show_loaded(self, data: tuple[list[Any], int, list[SuggestionRead], Any]) -> None:
        departments, start_month, suggestions, board = data
        self._load_lookups(departments, start_month)
        selected = {row.id for row in self.table.selected_rows()}
        self.model.set_rows(suggestions)
        if not self.columns_fitted:
            fit_columns_snugly(self.table, maximum=200, stretch="title")
            self.columns_fitted = True
        if selected:
            self.table.select_where(lambda row: row.id in selected)
        self._update_count()
        self.refresh_leaderboard(board)
        settle_layouts()

    def _load_lookups(self, departments: list[Any], start_month: int) -> None:
        """Departments and fiscal quarters are settings: reread them at each refresh."""
        self.fill_departments([(item.id, item.name) for item in departments])
        if start_month == self._start_month:
            return
        quarter = quarter_of(date.today(), start_month)
        self.quarter_combo.blockSignals(True)
        self.quarter_combo.clear()
        for _ in range(QUARTERS_OFFERED):
            self.quarter_combo.addItem(quarter.label, quarter.label)
            quarter = quarter.previous()
        self.quarter_combo.setCurrentIndex(0)
        self.quarter_combo.blockSignals(False)
        self._start_month = start_month

    def refresh_leaderboard(self, board: Any = None) -> None:
        """Show the leaderboard for the chosen quarter: `board` when the load read that quarter's."""
        quarter = self.quarter_combo.currentData()
        if quarter is None or self._start_month is None:
            return
        if board is None or board.quarter != quarter:
            board = self.context.call(leaderboard, quarter=quarter, start_month=self._start_month)
        self.board = board
        self.contributors_model.set_rows(board.contributors)
        self.departments_model.set_rows(board.departments)
        for table in (self.contributors_table, self.departments_table):
            fit_columns_snugly(table, maximum=180, stretch="name")
        self.metric_labels["received"].setText(str(board.received))
        self.metric_labels["implemented"].setText(str(board.implemented))
        rate = self.metric_labels["rate"]
        caption = self.metric_captions["rate"]
        if board.acceptance_rate is None:
            rate.setText("–")
            caption.setText(self.tr("acceptance rate (none decided yet)"))
        else:
            rate.setText(f"{board.acceptance_rate * 100:.0f}%")
            caption.setText(self.tr("acceptance rate"))
        rate.setToolTip(
            self.tr("Accepted or implemented, out of the suggestions of the quarter decided so far.")
        )

    def select_quarter(self, quarter: str) -> None:
        """Show the leaderboard of a quarter such as "2026-Q4" (added to the list if older)."""
        index = self.quarter_combo.findData(quarter)
        if index < 0:
            self.quarter_combo.addItem(quarter, quarter)
            index = self.quarter_combo.count() - 1
        self.quarter_combo.setCurrentIndex(index)

    # Filtering --------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        text = self.search.text().strip().casefold()
        status = self.status_filter.currentData()
        department_id = self.department_filter.currentData()

        def keep(row: SuggestionRead) -> bool:
            if status == WAITING and row.status not in WAITING_STATUSES:
                return False
            if status not in (None, WAITING) and row.status != status:
                return False
            if department_id is not None and row.department_id != department_id:
                return False
            if text:
                haystack = " ".join(
                    (row.code, row.title, row.submitter, row.department, row.reviewer or "", row.description)
                ).casefold()
                return text in haystack
            return True

        self.model.set_filter(keep)
        self._update_count()

    def _update_count(self) -> None:
        self.show_count(self.tr("{n} suggestions"))

    def apply_filter(self, **criteria: Any) -> None:
        """Show e.g. status="waiting" (submitted or under review), a status code, department=, search=."""
        self.when_loaded(lambda: self._apply_criteria(criteria))  # the departments come with the list

    def _apply_criteria(self, criteria: dict[str, Any]) -> None:
        with self.filters_held(self.search, self.status_filter, self.department_filter):
            self.search.setText(str(criteria.get("search", "")))
            self.choose(self.status_filter, criteria.get("status"))
            self.choose_department(
                self.department_filter, criteria.get("department_id", criteria.get("department"))
            )
        settle_layouts()

    # Commands ---------------------------------------------------------------------------

    def update_write_controls(self) -> None:
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        row = self._chosen()
        self.review_button.setEnabled(row is not None and bool(allowed_moves(row.status)))
        self.edit_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None)

    def new_item(self) -> bool:
        from opsdesk.ui.dialogs.suggestion_dialogs import SubmitSuggestionDialog

        saved = SubmitSuggestionDialog.ask(self, self.context)
        if saved is not None:
            self.when_loaded(lambda: self.table.select_where(lambda row: row.id == saved.id))
        return True

    def _chosen(self) -> SuggestionRead | None:
        rows = self.table.selected_rows()
        return rows[0] if rows else None

    def review_selected(self) -> None:
        row = self._chosen()
        if row is not None:
            self.review(row.id)

    def review(self, suggestion_id: int) -> None:
        from opsdesk.ui.dialogs.suggestion_dialogs import ReviewSuggestionDialog

        ReviewSuggestionDialog.ask(self, self.context, suggestion_id)
        self.when_loaded(lambda: self.table.select_where(lambda row: row.id == suggestion_id))

    def edit_selected(self) -> None:
        from opsdesk.ui.dialogs.suggestion_dialogs import SubmitSuggestionDialog

        row = self._chosen()
        if row is None:
            return
        SubmitSuggestionDialog.ask(self, self.context, suggestion_id=row.id)
        self.when_loaded(lambda: self.table.select_where(lambda r: r.id == row.id))

    def archive_selected(self) -> None:
        rows = self.table.selected_rows()
        if not rows:
            return
        codes = ", ".join(row.code for row in rows)
        if not messages.confirm(
            self,
            self.tr("Archive suggestions"),
            self.tr("Archive {codes}? Archived suggestions are kept and can be restored.").format(
                codes=codes
            ),
            self.tr("Archive"),
        ):
            return
        try:
            for row in rows:
                self.context.write(
                    set_suggestion_archived,
                    topics=(),
                    suggestion_id=row.id,
                    archived=True,
                    expected_version=row.version,
                )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Cannot archive"))
        finally:
            self.context.dataChanged.emit(QUALITY)

    # State ------------------------------------------------------------------------------

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter}
