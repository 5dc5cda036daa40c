"""The Customer feedback page: the feedback log, and feeding complaints into a complaint-rate objective."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError
from opsdesk.services.feedback import FeedbackRead, list_feedback, set_feedback_archived
from opsdesk.ui import messages
from opsdesk.ui.context import QUALITY, AppContext
from opsdesk.ui.dialogs.fields import OptionalDateEdit
from opsdesk.ui.labels import choices, label
from opsdesk.ui.pages.list_page import ListPage
from opsdesk.ui.table_model import Column, RecordTableModel

COMPLAINT_COLOR = "#FFE0B2"
ARCHIVED_TEXT = "#90A4AE"
LOW_RATING_TEXT = "#C62828"
DESCRIPTION_PREVIEW = 160


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= DESCRIPTION_PREVIEW else flat[: DESCRIPTION_PREVIEW - 1] + "…"


class FeedbackPage(ListPage):
    """Customer feedback newest first, with complaint, channel and date filters."""

    topics = (QUALITY,)
    state_key = "feedback"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._build()

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = self.list_layout()
        title_row = self.title_row(self.tr("Customer feedback"))
        self.new_button = self.add_button(title_row, self.tr("New feedback…"), self.new_item)
        self.edit_button = self.add_button(title_row, self.tr("Edit…"), self.edit_selected)
        self.archive_button = self.add_button(title_row, self.tr("Archive"), self.archive_selected)
        self.feed_button = self.add_button(
            title_row,
            self.tr("Feed complaint rate…"),
            self.feed_complaint_rate,
            self.tr("Record the complaints of a period as the numerator of a complaint-rate objective"),
        )
        layout.addLayout(title_row)

        tools = QHBoxLayout()
        tools.setSpacing(6)
        tools.addWidget(self.search_box(self.tr("Search customer, product, description, NC…"), 200), 1)
        self.complaints_only = QCheckBox(self.tr("Complaints only"))
        self.complaints_only.toggled.connect(self._apply_filters)
        tools.addWidget(self.complaints_only)
        self.channel_filter = self.filter_combo(self.tr("All channels"), choices("feedback_channel"))
        tools.addWidget(self.channel_filter)
        today = date.today()
        self.since_edit = OptionalDateEdit(self.tr("From"))
        self.since_edit.set_default_date(today - timedelta(days=90))
        self.until_edit = OptionalDateEdit(self.tr("to"))
        self.until_edit.set_default_date(today)
        for edit in (self.since_edit, self.until_edit):
            edit.changed.connect(self._apply_filters)
            tools.addWidget(edit)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.toggled.connect(self.refresh)
        tools.addWidget(self.show_archived)
        layout.addLayout(tools)

        self.model: RecordTableModel[FeedbackRead] = RecordTableModel(self._columns(), self)
        self.table = self.record_table(self.model, "feedbackTable", single_selection=True)
        self.table.opened.connect(lambda _row: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        self.summary_label = QLabel()
        self.summary_label.setProperty("role", "muted")
        layout.addWidget(self.summary_label)

    def _columns(self) -> list[Column[FeedbackRead]]:
        from opsdesk.ui.dialogs.feedback_editor import stars

        def muted_if_archived(row: FeedbackRead) -> str | None:
            return ARCHIVED_TEXT if row.archived else None

        return [
            Column("received_on", self.tr("Received"), lambda r: r.received_on, foreground=muted_if_archived),
            Column("channel", self.tr("Channel"), lambda r: label("feedback_channel", r.channel)),
            Column("customer", self.tr("Customer"), lambda r: r.customer, foreground=muted_if_archived),
            Column("product", self.tr("Product"), lambda r: r.product),
            Column(
                "complaint",
                self.tr("Complaint"),
                lambda r: "✓" if r.is_complaint else "",
                sort_key=lambda r: r.is_complaint,
                background=lambda r: COMPLAINT_COLOR if r.is_complaint else None,
            ),
            Column(
                "rating",
                self.tr("Rating"),
                lambda r: stars(r.rating),
                sort_key=lambda r: r.rating,
                foreground=lambda r: LOW_RATING_TEXT if r.rating is not None and r.rating <= 2 else None,
                tooltip=lambda r: None if r.rating is None else self.tr("{n} of 5").format(n=r.rating),
            ),
            Column("response_hours", self.tr("Response (h)"), lambda r: r.response_hours, align_right=True),
            Column("nonconformity", self.tr("Linked NC"), lambda r: r.nonconformity_code),
            Column(
                "description",
                self.tr("Description"),
                lambda r: _one_line(r.description),
                tooltip=lambda r: r.description or None,
            ),
        ]

    # Loading ----------------------------------------------------------------------------

    def reader(self) -> Callable[[], list[FeedbackRead]]:
        """The log, read on the worker."""
        context, include_archived = self.context, self.show_archived.isChecked()
        return lambda: context.call(list_feedback, include_archived=include_archived)

    def show_loaded(self, rows: list[FeedbackRead]) -> None:
        """Show the log read, keeping the selection."""
        selected = self.table.current_row()
        self.model.set_rows(rows)
        self.model.set_filter(self._predicate())
        if not self.columns_fitted and rows:
            self._fit_columns()
        if selected is not None:
            self.table.select_where(lambda r: r.id == selected.id)
        self._update_summary()
        self._update_buttons()

    def _fit_columns(self) -> None:
        """Size columns to their content within caps, so the description keeps the room left."""
        self.columns_fitted = True
        # The description is last and stretches over whatever room is left.
        caps = {"customer": 190, "product": 180, "description": 120}
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for number, column in enumerate(self.model.columns):
            # Header text is semi-bold: a tenth more than its plain width, plus the section padding.
            words = int(metrics.horizontalAdvance(column.title) * 1.1) + 20
            width = max(self.table.sizeHintForColumn(number), words)
            header.resizeSection(number, min(width, caps.get(column.key, 160)))

    def _predicate(self):
        text = self.search.text().strip().casefold()
        complaints = self.complaints_only.isChecked()
        channel = self.channel_filter.currentData()
        since, until = self.since_edit.value(), self.until_edit.value()

        def keep(row: FeedbackRead) -> bool:
            if complaints and not row.is_complaint:
                return False
            if channel is not None and row.channel != channel:
                return False
            if since is not None and row.received_on < since:
                return False
            if until is not None and row.received_on > until:
                return False
            if text:
                haystack = " ".join(
                    (row.customer, row.product, row.description, row.nonconformity_code or "")
                ).casefold()
                return text in haystack
            return True

        return keep

    def _apply_filters(self, *_args: object) -> None:
        selected = self.table.current_row()
        self.model.set_filter(self._predicate())
        if selected is not None:
            self.table.select_where(lambda r: r.id == selected.id)
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        rows = self.model.rows()
        shown, total = len(rows), self.model.total_count()
        self.count_label.setText(
            self.tr("%n entries", "", total)
            if shown == total
            else self.tr("{shown} of {total}").format(shown=shown, total=total)
        )
        complaints = sum(1 for row in rows if row.is_complaint)
        ratings = [row.rating for row in rows if row.rating is not None]
        hours = [row.response_hours for row in rows if row.response_hours is not None]
        parts = [self.tr("%n complaint(s) shown", "", complaints)]
        if ratings:
            parts.append(
                self.tr("average rating {rating:.1f} of 5").format(rating=sum(ratings) / len(ratings))
            )
        if hours:
            parts.append(self.tr("average response {hours:.1f} h").format(hours=sum(hours) / len(hours)))
        self.summary_label.setText(" · ".join(parts))

    def update_write_controls(self) -> None:
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        row = self.table.current_row() if self.table.selectionModel().hasSelection() else None
        self.edit_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None)
        self.archive_button.setText(
            self.tr("Restore") if row is not None and row.archived else self.tr("Archive")
        )

    # Actions ----------------------------------------------------------------------------

    def selected(self) -> FeedbackRead | None:
        rows = self.table.selected_rows()
        return rows[0] if rows else None

    def new_item(self) -> bool:
        from opsdesk.ui.dialogs.feedback_editor import FeedbackEditor

        created = FeedbackEditor.ask(self, self.context)
        if created is not None:
            self.catch_up()
            self.when_loaded(lambda: self.show_entry(created.id))
        return True

    def edit_selected(self) -> None:
        from opsdesk.ui.dialogs.feedback_editor import FeedbackEditor

        entry = self.selected()
        if entry is not None and FeedbackEditor.ask(self, self.context, entry) is not None:
            self.catch_up()

    def archive_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        who = entry.customer or entry.product or entry.received_on.isoformat()
        if entry.archived:
            title, question = self.tr("Restore"), self.tr("Restore the feedback from {who}?").format(who=who)
        else:
            title = self.tr("Archive")
            question = self.tr(
                "Archive the feedback from {who} ({day})? It leaves the log and no longer counts as a complaint; "
                "it can be restored."
            ).format(who=who, day=entry.received_on.isoformat())
        if not messages.confirm(self, title, question, title):
            return
        try:
            self.context.write(
                set_feedback_archived,
                topics=(QUALITY,),
                feedback_id=entry.id,
                archived=not entry.archived,
                expected_version=entry.version,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
            return
        self.catch_up()

    def feed_complaint_rate(self) -> None:
        """Pick a complaint-rate objective, a period and the denominator; record the period."""
        from opsdesk.ui.dialogs.feedback_editor import ComplaintRateDialog

        recorded = ComplaintRateDialog.ask(self, self.context)
        if recorded is not None:
            messages.show_info(
                self,
                self.tr("Complaint rate recorded"),
                self.tr("{period}: {numerator} / {denominator} = {rate} ({status}).").format(
                    period=recorded.period,
                    numerator=f"{recorded.numerator or 0:g}",
                    denominator=f"{recorded.denominator or 0:g}",
                    rate=f"{recorded.value:.2f}",
                    status=label("objective_status", recorded.status),
                ),
            )

    def show_entry(self, feedback_id: int) -> None:
        """Select an entry, clearing the filters that hide it."""
        if self.model.find_row(lambda r: r.id == feedback_id) < 0:
            self.search.clear()
            self.complaints_only.setChecked(False)
            self.channel_filter.setCurrentIndex(0)
            self.since_edit.set_value(None)
            self.until_edit.set_value(None)
        self.table.select_where(lambda r: r.id == feedback_id)
        self._update_buttons()

    # Page ---------------------------------------------------------------------------------

    def apply_filter(self, **criteria: Any) -> None:
        """complaints_only=True, channel="email", since=date, until=date, feedback_id=… (selects it)."""
        self.when_loaded(lambda: self._apply_criteria(criteria))  # the entries come with the load

    def _apply_criteria(self, criteria: dict[str, Any]) -> None:
        if "complaints_only" in criteria:
            self.complaints_only.setChecked(bool(criteria["complaints_only"]))
        if "channel" in criteria:
            self.channel_filter.setCurrentIndex(max(self.channel_filter.findData(criteria["channel"]), 0))
        if "since" in criteria:
            self.since_edit.set_value(criteria["since"])
        if "until" in criteria:
            self.until_edit.set_value(criteria["until"])
        self._apply_filters()
        if criteria.get("feedback_id") is not None:
            self.show_entry(criteria["feedback_id"])
