"""The Customer feedback page: logging feedback, filters, archiving, feeding a complaint-rate objective."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from sqlmodel import func, select

from opsdesk.services.feedback import complaint_count, list_feedback
from opsdesk.services.nonconformities import list_nonconformities
from opsdesk.services.quality import MeasurementInput, get_measurement, list_objectives, measurement_problems
from opsdesk.store.models import CustomerFeedback, Measurement
from opsdesk.ui.dialogs.feedback_editor import ComplaintRateDialog, FeedbackEditor
from opsdesk.ui.pages.feedback import FeedbackPage
from tests.ui.waiting import wait_loaded

# The demo's feedback runs up to this day.
TODAY = date(2026, 11, 24)


def make_page(qtbot, context) -> FeedbackPage:
    page = FeedbackPage(context)
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    qtbot.waitExposed(page)
    wait_loaded(qtbot, page)
    return page


def click_box(qtbot, box) -> None:
    """Click a check box on its indicator (a stretched box ignores clicks right of its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def feedback_rows(database) -> int:
    with database.session() as session:
        return session.exec(select(func.count()).select_from(CustomerFeedback)).one()


def complaint_objective(database):
    with database.session() as session:
        return next(o for o in list_objectives(session=session) if o.name == "Customer complaint rate")


def test_feedback_logged_in_the_dialog_appears_in_the_list_and_the_database(
    qtbot, demo_context, demo_database
) -> None:
    page = make_page(qtbot, demo_context)
    before = page.model.total_count()
    with demo_database.session() as session:
        open_nc = next(nc for nc in list_nonconformities(session=session, open_only=True))

    dialog = FeedbackEditor(demo_context, today=date.today())
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()  # nothing said yet
    qtbot.keyClicks(dialog.customer_edit, "Nordhafen Brauerei GmbH")
    qtbot.keyClicks(dialog.product_edit, "FS-300 ultrasonic flow meter")
    dialog.channel_combo.set_value("phone")
    click_box(qtbot, dialog.complaint_check)
    assert dialog.complaint_check.isChecked()
    dialog.rating_combo.set_value(2)
    qtbot.keyClicks(dialog.hours_edit, "-3")
    assert not dialog.save_button.isEnabled()
    assert "cannot be negative" in dialog.reason_label.text()
    dialog.hours_edit.clear()
    qtbot.keyClicks(dialog.hours_edit, "4.5")
    assert dialog.nc_combo.set_value(open_nc.id)
    qtbot.keyClicks(dialog.description_edit, "Display freezes after power dips.")
    assert dialog.save_button.isEnabled(), dialog.reason_label.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    saved = dialog.result_entry
    assert saved is not None
    with demo_database.session() as session:
        stored = next(e for e in list_feedback(session=session) if e.id == saved.id)
    assert (stored.customer, stored.product, stored.channel) == (
        "Nordhafen Brauerei GmbH",
        "FS-300 ultrasonic flow meter",
        "phone",
    )
    assert (stored.is_complaint, stored.rating, stored.response_hours) == (True, 2, 4.5)
    assert (stored.nonconformity_id, stored.nonconformity_code) == (open_nc.id, open_nc.code)
    assert stored.received_on == date.today()
    # The visible page refreshed on the write: the entry is listed first (newest).
    wait_loaded(qtbot, page)
    assert page.model.total_count() == before + 1
    first = page.model.row(0)
    assert first.id == saved.id
    columns = {c.key: page.model.index(0, n).data() for n, c in enumerate(page.model.columns)}
    assert columns["complaint"] == "✓" and columns["rating"] == "★★☆☆☆"
    assert columns["nonconformity"] == open_nc.code and columns["response_hours"] == "4.5"


def test_editing_an_entry_keeps_its_row_and_bumps_nothing_else(qtbot, demo_context, demo_database) -> None:
    page = make_page(qtbot, demo_context)
    entry = page.model.row(0)
    count = feedback_rows(demo_database)
    dialog = FeedbackEditor(demo_context, entry)
    qtbot.addWidget(dialog)
    assert dialog.customer_edit.text() == entry.customer
    dialog.description_edit.setPlainText("Pilot went well; pricing asked for 60 sensors.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert feedback_rows(demo_database) == count
    with demo_database.session() as session:
        stored = next(e for e in list_feedback(session=session) if e.id == entry.id)
    assert stored.description == "Pilot went well; pricing asked for 60 sensors."
    assert stored.version == entry.version + 1


def test_filters_narrow_the_log(qtbot, demo_context, demo_database) -> None:
    page = make_page(qtbot, demo_context)
    total = page.model.total_count()
    assert total == 25
    click_box(qtbot, page.complaints_only)
    rows = page.model.rows()
    assert rows and all(r.is_complaint for r in rows)
    assert page.count_label.text() == f"{len(rows)} of {total}"
    page.channel_filter.setCurrentIndex(page.channel_filter.findData("email"))
    assert all(r.channel == "email" and r.is_complaint for r in page.model.rows())
    page.apply_filter(complaints_only=False, channel=None, since=date(2026, 10, 1), until=date(2026, 10, 31))
    assert [r.received_on for r in page.model.rows()] == [date(2026, 10, 21), date(2026, 10, 6)]
    page.apply_filter(since=None, until=None)
    qtbot.keyClicks(page.search, "nc-0004")
    assert {r.nonconformity_code for r in page.model.rows()} == {"NC-0004"}


def test_archiving_an_entry_after_confirmation(qtbot, demo_context, demo_database, answer_messages) -> None:
    page = make_page(qtbot, demo_context)
    entry = page.model.row(1)
    page.table.selectRow(1)
    assert page.archive_button.isEnabled()
    page.archive_selected()
    assert answer_messages.shown[0][0] == "confirm"
    wait_loaded(qtbot, page)
    assert page.model.find_row(lambda r: r.id == entry.id) < 0
    with demo_database.session() as session:
        assert all(e.id != entry.id for e in list_feedback(session=session))
        assert any(
            e.id == entry.id and e.archived for e in list_feedback(session=session, include_archived=True)
        )


def test_feeding_the_complaint_rate_writes_the_measurement(qtbot, demo_context, demo_database) -> None:
    objective = complaint_objective(demo_database)
    with demo_database.session() as session:
        complaints = complaint_count(session=session, period="2026-10")
        before = get_measurement(session=session, objective_id=objective.id, period="2026-10")
        measurements = session.exec(select(func.count()).select_from(Measurement)).one()

    dialog = ComplaintRateDialog(demo_context, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.objective().id == objective.id
    assert dialog.period() == "2026-10"  # the last month that has ended
    assert dialog.denominator_label.text() == "Orders delivered:"
    # The count it will use is shown before anything is written, with what it replaces.
    summary = dialog.summary_label.text()
    assert f"{complaints} complaint(s) logged in 2026-10 will be recorded as the numerator." in summary
    assert f"This replaces the recorded {before.numerator:g} / {before.denominator:g}." in summary
    dialog.denominator_edit.clear()
    assert not dialog.record_button.isEnabled()
    qtbot.keyClicks(dialog.denominator_edit, "1500")
    assert dialog.record_button.isEnabled()
    assert f"Customer complaint rate: {100 * complaints / 1500:.2f} %" in dialog.summary_label.text()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == dialog.DialogCode.Accepted
    with demo_database.session() as session:
        stored = get_measurement(session=session, objective_id=objective.id, period="2026-10")
        assert session.exec(select(func.count()).select_from(Measurement)).one() == measurements
    assert (stored.numerator, stored.denominator) == (complaints, 1500.0)
    assert dialog.recorded.id == stored.id


def test_a_denominator_below_the_complaint_count_is_refused(qtbot, demo_context, demo_database) -> None:
    dialog = ComplaintRateDialog(demo_context, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.period_combo.setCurrentIndex(dialog.period_combo.findData("2026-09"))
    with demo_database.session() as session:
        complaints = complaint_count(session=session, period="2026-09")
    assert complaints > 0
    dialog.denominator_edit.setText(str(complaints - 1) if complaints > 1 else "0")
    assert not dialog.record_button.isEnabled()
    assert dialog.reason_label.isVisibleTo(dialog) and dialog.reason_label.text()
    assert dialog.record() is False
    # The words are the measurement rules' own (services.quality), not the dialog's copy of them.
    objective = dialog.objective()
    measured = MeasurementInput(
        period="2026-09", numerator=complaints, denominator=dialog.denominator_edit.value()
    )
    refused = measurement_problems(objective, measured, dialog.start_month)
    assert dialog.reason_label.text() == refused[0].message()
    dialog.denominator_edit.setText("0")
    assert (
        dialog.reason_label.text().startswith("The denominator")
        and "greater than 0" in dialog.reason_label.text()
    )
    assert not dialog.record_button.isEnabled()


def test_the_page_button_records_through_the_dialog(
    qtbot, demo_context, demo_database, answer_messages, monkeypatch
) -> None:
    page = make_page(qtbot, demo_context)

    def fill(cls, parent, context):
        dialog = cls(context, today=TODAY, parent=parent)
        qtbot.addWidget(dialog)
        dialog.period_combo.setCurrentIndex(dialog.period_combo.findData("2026-08"))
        dialog.denominator_edit.setText("1400")
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
        return dialog.recorded

    monkeypatch.setattr(ComplaintRateDialog, "ask", classmethod(fill))
    qtbot.mouseClick(page.feed_button, Qt.MouseButton.LeftButton)
    objective = complaint_objective(demo_database)
    with demo_database.session() as session:
        stored = get_measurement(session=session, objective_id=objective.id, period="2026-08")
        expected = complaint_count(session=session, period="2026-08")
    assert (stored.numerator, stored.denominator) == (expected, 1400.0)
    ((kind, title, text),) = answer_messages.shown
    assert kind == "info" and text.startswith(f"2026-08: {expected} / 1400 = ")


def test_in_the_main_window_the_count_and_the_last_column_are_on_screen(qtbot, main_window) -> None:
    page = main_window.show_page("feedback")
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == 25
    assert page.count_label.text() == "25 entries"
    qtbot.waitUntil(lambda: page.count_label.width() >= page.count_label.sizeHint().width())
    # The description column (last) is on screen, not scrolled away.
    header = page.table.horizontalHeader()
    last = page.model.column_index("description")
    assert header.sectionViewportPosition(last) + 80 < page.table.viewport().width()
