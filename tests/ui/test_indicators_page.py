"""Indicators and alerts page: KRIs, readings (single and grid), the trend chart and alert handling."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from opsdesk.reports.charts.kri import STATE_COLORS
from opsdesk.services.alerts import list_alerts
from opsdesk.services.kris import KriRead, list_kris, list_readings
from opsdesk.store.models import AuditEntry, Kri
from tests.ui.waiting import wait_chart_drawn, wait_loaded


def kri_named(database, name: str) -> KriRead:
    with database.session() as session:
        return next(k for k in list_kris(session=session) if k.name == name)


def cell(table, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    model = table.record_model()
    return model.index(row, model.column_index(key)).data(role)


def audit_count(database) -> int:
    from sqlmodel import func, select

    with database.session() as session:
        return session.exec(select(func.count()).select_from(AuditEntry)).one()


@pytest.fixture
def page(qtbot, main_window):
    page = main_window.show_page("indicators")
    wait_loaded(qtbot, page)
    return page


def test_page_shows_the_demo_indicators_with_state_chart_and_alerts(qtbot, main_window, page) -> None:
    assert page.kris.model.rowCount() == 12
    row = page.kris.model.find_row(lambda k: k.name == "Unplanned downtime SMT line 2")
    assert cell(page.kris.table, row, "state") == "Alarm"
    assert (
        cell(page.kris.table, row, "state", Qt.ItemDataRole.BackgroundRole).name().upper()
        == STATE_COLORS["alarm"]
    )
    overdue = page.kris.model.find_row(
        lambda k: k.name == "Supplier material declarations missing or expired"
    )
    assert "overdue" in cell(page.kris.table, overdue, "last_read_on")
    assert page.kris.selected_kri() is not None
    wait_chart_drawn(qtbot, page.kris.chart)
    assert page.kris.chart.figure is not None and page.kris.reading_model.rowCount() > 0
    page.apply_filter(alerts="open")
    assert page.tabs.currentIndex() == 1
    with demo_session(main_window) as session:
        open_count = len(list_alerts(session=session, open_only=True))
    assert page.alerts.model.rowCount() == open_count > 0


def demo_session(main_window):
    return main_window.context.database.session()


def test_alarm_reading_raises_an_open_alert_that_is_acknowledged_then_resolved(
    qtbot, main_window, page, demo_database
) -> None:
    from opsdesk.ui.dialogs.reading_dialogs import ReadingDialog

    kri = kri_named(demo_database, "Days sales outstanding")
    assert kri.state == "ok" and kri.direction == "higher_is_worse"
    with demo_database.session() as session:
        before = {a.id for a in list_alerts(session=session)}
    assert page.kris.select_kri(kri.id)

    dialog = ReadingDialog(page.context, page.kris.selected_kri(), parent=page)
    qtbot.addWidget(dialog)
    dialog.date_edit.set_value(date.today())
    qtbot.keyClicks(dialog.value_edit, f"{kri.alarm + 5:g}")
    assert dialog.state_chip.text() == "Alarm"
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.outcome is not None and dialog.outcome.alert_raised

    # The KRI row turns red, the status bar tells about the alarm (no system tray offscreen).
    def kri_in_alarm() -> bool:
        row = page.kris.model.find_row(lambda k: k.id == kri.id)
        return row >= 0 and cell(page.kris.table, row, "state") == "Alarm"

    qtbot.waitUntil(kri_in_alarm)
    row = page.kris.model.find_row(lambda k: k.id == kri.id)
    assert (
        cell(page.kris.table, row, "state", Qt.ItemDataRole.BackgroundRole).name().upper()
        == STATE_COLORS["alarm"]
    )
    assert "Days sales outstanding" in main_window.statusBar().currentMessage()
    assert page.kris.reading_model.row(0).value == kri.alarm + 5

    # The alerts view, filtered to open, holds the new alert with severity alarm.
    page.apply_filter(alerts="open")
    with demo_database.session() as session:
        new = [a for a in list_alerts(session=session) if a.id not in before]
    assert len(new) == 1 and new[0].severity == "alarm" and new[0].state == "open" and new[0].kri_id == kri.id
    alert_id = new[0].id
    row = page.alerts.model.find_row(lambda a: a.id == alert_id)
    assert row >= 0
    assert cell(page.alerts.table, row, "severity") == "Alarm"
    assert cell(page.alerts.table, row, "state") == "Open"

    # Acknowledge through the button: who and when are stored.
    assert page.alerts.table.select_where(lambda a: a.id == alert_id)
    assert page.alerts.acknowledge_button.isEnabled()
    qtbot.mouseClick(page.alerts.acknowledge_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    with demo_database.session() as session:
        stored = next(a for a in list_alerts(session=session) if a.id == alert_id)
    assert (
        stored.state == "acknowledged"
        and stored.acknowledged_by == "tester"
        and stored.acknowledged_at is not None
    )
    row = page.alerts.model.find_row(lambda a: a.id == alert_id)
    assert cell(page.alerts.table, row, "acknowledged").startswith("tester · ")
    assert cell(page.alerts.table, row, "state") == "Acknowledged"

    # Resolve with a note: the alert leaves the open view.
    assert page.alerts.table.select_where(lambda a: a.id == alert_id)
    page.alerts.ask_resolution_note = lambda count: "Customer paid the overdue invoices."
    qtbot.mouseClick(page.alerts.resolve_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    with demo_database.session() as session:
        stored = next(a for a in list_alerts(session=session) if a.id == alert_id)
    assert stored.state == "resolved" and stored.resolved_by == "tester"
    assert stored.resolution_note == "Customer paid the overdue invoices."
    assert page.alerts.model.find_row(lambda a: a.id == alert_id) == -1
    page.alerts.state_filter.setCurrentIndex(page.alerts.state_filter.findData("resolved"))
    assert page.alerts.model.find_row(lambda a: a.id == alert_id) >= 0


def test_cancelled_resolution_changes_nothing(qtbot, page, demo_database) -> None:
    page.apply_filter(alerts="open")
    first = page.alerts.model.row(0)
    assert page.alerts.table.select_where(lambda a: a.id == first.id)
    page.alerts.ask_resolution_note = lambda count: None
    qtbot.mouseClick(page.alerts.resolve_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        assert next(a for a in list_alerts(session=session) if a.id == first.id).state == "open"


def focused():
    return QApplication.focusWidget()


def type_cells(qtbot, *texts: str) -> None:
    """Type into the grid as a user does: text, then Tab (or Enter) to the next cell."""
    for number, text in enumerate(texts):
        if text:
            qtbot.keyClicks(focused(), text)
        key = Qt.Key.Key_Return if number % 2 else Qt.Key.Key_Tab
        qtbot.keyClick(focused(), key)


def test_reading_grid_saves_all_or_nothing_and_shows_row_errors(qtbot, page, demo_database) -> None:
    from opsdesk.ui.dialogs.reading_dialogs import ReadingGridDialog

    kri = kri_named(demo_database, "Marketing-qualified leads per month")
    with demo_database.session() as session:
        readings_before = len(list_readings(session=session, kri_id=kri.id))
    audit_before = audit_count(demo_database)
    dialog = ReadingGridDialog(page.context, kri, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    # The first cell is open for typing straight away.
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit) and dialog.isAncestorOf(focused()))
    assert not dialog.save_button.isEnabled()  # nothing typed yet

    yesterday = date.today() - timedelta(days=1)
    tomorrow = date.today() + timedelta(days=1)
    # Row 1: date, value, note; row 2: a value that is not a number.
    type_cells(qtbot, yesterday.isoformat(), "150", "Campaign week", "2026-11-02", "lots", "")
    texts = dialog.model.texts()
    assert texts[0] == (yesterday.isoformat(), "150", "Campaign week")
    assert texts[1] == ("2026-11-02", "lots", "")
    assert not dialog.save_button.isEnabled()
    assert dialog.model.problem(1) == "The value must be a number."
    assert "Row 2: The value must be a number." in dialog.reason_label.text()
    assert dialog.model.problem(0) == ""

    # A date the service refuses (in the future) is caught as it is typed, by the service's own rule.
    dialog.model.set_text(1, 0, tomorrow.isoformat())
    dialog.model.set_text(1, 1, "120")
    assert not dialog.save_button.isEnabled()
    assert dialog.isVisible() and dialog.outcomes == []
    assert dialog.model.problem(1) == "The reading date cannot be in the future."
    assert "Row 2" in dialog.reason_label.text()
    with demo_database.session() as session:
        assert len(list_readings(session=session, kri_id=kri.id)) == readings_before
    assert audit_count(demo_database) == audit_before

    # Fixed: both rows are stored in one go.
    dialog.model.set_text(1, 0, (yesterday - timedelta(days=7)).isoformat())
    assert dialog.save_button.isEnabled() and dialog.model.problem(1) == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(dialog.outcomes) == 2
    with demo_database.session() as session:
        stored = list_readings(session=session, kri_id=kri.id)
    assert len(stored) == readings_before + 2
    assert (stored[-1].read_on, stored[-1].value, stored[-1].note) == (yesterday, 150.0, "Campaign week")


def test_kri_editor_keeps_save_disabled_for_inconsistent_thresholds(qtbot, page, demo_database) -> None:
    from opsdesk.ui.dialogs.kri_editor import KriEditor

    editor = KriEditor(page.context, parent=page)
    qtbot.addWidget(editor)
    qtbot.keyClicks(editor.name_edit, "Late supplier invoices")
    editor.department_combo.setCurrentIndex(editor.department_combo.findText("Finance"))
    editor.direction_combo.set_value("higher_is_worse")
    qtbot.keyClicks(editor.warning_edit, "10")
    qtbot.keyClicks(editor.alarm_edit, "5")
    assert not editor.save_button.isEnabled()
    assert "must not be above the alarm threshold" in editor.reason_label.text()
    assert editor.warning_edit.property("invalid") is True

    editor.direction_combo.set_value("lower_is_worse")
    assert editor.save_button.isEnabled() and editor.reason_label.text() == ""
    assert "at or below 10" in editor.rule_label.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result_kri is not None
    stored = kri_named(demo_database, "Late supplier invoices")
    assert (stored.direction, stored.warning, stored.alarm, stored.department) == (
        "lower_is_worse",
        10.0,
        5.0,
        "Finance",
    )
    qtbot.waitUntil(lambda: page.kris.model.find_row(lambda k: k.id == stored.id) >= 0)


def test_kri_editor_refuses_a_duplicate_name_and_keeps_the_input(qtbot, page, demo_database) -> None:
    from opsdesk.ui.dialogs.kri_editor import KriEditor

    editor = KriEditor(page.context, parent=page)
    qtbot.addWidget(editor)
    count_before = len(page.kris.model.all_rows())
    qtbot.keyClicks(editor.name_edit, "Days sales outstanding")
    editor.department_combo.setCurrentIndex(1)
    qtbot.keyClicks(editor.warning_edit, "1")
    qtbot.keyClicks(editor.alarm_edit, "2")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result_kri is None
    assert "already exists" in editor.reason_label.text()
    assert editor.name_edit.text() == "Days sales outstanding"
    with demo_database.session() as session:
        assert len(list_kris(session=session)) == count_before


def test_selecting_a_kri_draws_its_trend_with_threshold_bands(qtbot, page, demo_database) -> None:
    kri = kri_named(demo_database, "Sensirex MEMS die on-time delivery")
    page.apply_filter(kri_id=kri.id)
    assert page.kris.selected_kri().id == kri.id
    wait_chart_drawn(qtbot, page.kris.chart)
    ax = page.kris.chart.figure.axes[0]
    gids = {artist.get_gid() for artist in [*ax.patches, *ax.lines]}
    assert {"kri-band-warning", "kri-band-alarm", "kri-threshold-warning", "kri-threshold-alarm"} <= gids
    with demo_database.session() as session:
        assert page.kris.reading_model.rowCount() == len(list_readings(session=session, kri_id=kri.id))
    assert page.kris.readings_label.text().startswith("Readings of Sensirex")


def test_filters_and_search_narrow_the_kri_table(qtbot, page) -> None:
    page.kris.state_filter.setCurrentIndex(page.kris.state_filter.findData("warning"))
    assert {k.state for k in page.kris.model.rows()} == {"warning"}
    page.kris.state_filter.setCurrentIndex(page.kris.state_filter.findData("__overdue__"))
    overdue = page.kris.model.rows()
    # Overdue since the demo's own dates; more fall due as the calendar moves on.
    assert "Supplier material declarations missing or expired" in [k.name for k in overdue]
    assert overdue and all(k.reading_overdue for k in overdue)
    page.apply_filter(department="Technology")
    assert page.kris.state_filter.currentIndex() == 0
    assert {k.department for k in page.kris.model.rows()} == {"Technology"}
    qtbot.keyClicks(page.kris.search, "phishing")
    assert [k.name for k in page.kris.model.rows()] == ["Phishing simulation click rate"]
    assert page.kris.selected_kri().name == "Phishing simulation click rate"


def test_delete_archives_the_selected_kri_and_the_archived_filter_restores_it(
    qtbot, main_window, page, demo_database, answer_messages
) -> None:
    kri = kri_named(demo_database, "Tender win rate against low-cost competitors")
    page.kris.select_kri(kri.id)
    page.kris.table.setFocus()
    main_window.archive_selected()  # what the Delete key triggers
    assert answer_messages.shown and answer_messages.shown[-1][0] == "confirm"
    with demo_database.session() as session:
        assert kri.id not in {k.id for k in list_kris(session=session)}
    qtbot.waitUntil(lambda: page.kris.model.find_row(lambda k: k.id == kri.id) == -1)

    assert page.kris.select_kri(kri.id)  # switches the state filter to "Archived"
    assert page.kris.state_filter.currentText() == "Archived"
    assert [k.id for k in page.kris.model.rows()] == [kri.id]
    assert page.kris.archive_button.text() == "Restore" and not page.kris.reading_button.isEnabled()
    qtbot.mouseClick(page.kris.archive_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        assert kri.id in {k.id for k in list_kris(session=session)}


def test_alarm_notification_falls_back_to_the_status_bar_offscreen(qtbot, main_window, page) -> None:
    from opsdesk.services.kris import ReadingOutcome, ReadingRead
    from opsdesk.ui import notifications

    reading = ReadingRead(
        id=1, kri_id=1, read_on=date(2026, 11, 2), value=9.0, state="alarm", note="", recorded_by=""
    )
    raised = ReadingOutcome(
        reading=reading, alert_id=7, alert_raised=True, alert_escalated=False, breach_ended=False
    )
    same = ReadingOutcome(
        reading=reading, alert_id=7, alert_raised=False, alert_escalated=False, breach_ended=False
    )
    assert notifications.notify_alarm(page, same, kri_name="Downtime") == ""
    assert notifications.notify_alarm(page, raised, kri_name="Downtime", unit="h") == "status bar"
    assert main_window.statusBar().currentMessage() == "New alarm: Downtime: 9 h on 2026-11-02 is in alarm."
    # Given the context instead of a widget, it finds the main window and the KRI's name itself.
    assert notifications.notify_alarm(main_window.context, raised) == "status bar"
    assert "on 2026-11-02 is in alarm" in main_window.statusBar().currentMessage()


def test_alarm_notification_uses_one_lazily_created_tray_icon_when_there_is_a_tray(
    qtbot, main_window, page, monkeypatch
) -> None:
    from PySide6.QtWidgets import QSystemTrayIcon

    from opsdesk.services.kris import ReadingOutcome, ReadingRead
    from opsdesk.ui import notifications

    shown = []
    monkeypatch.setattr(notifications, "_tray", None)
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, *args: shown.append(args[:2]))
    reading = ReadingRead(
        id=1, kri_id=1, read_on=date(2026, 11, 2), value=9.0, state="alarm", note="", recorded_by=""
    )
    escalated = ReadingOutcome(
        reading=reading, alert_id=7, alert_raised=False, alert_escalated=True, breach_ended=False
    )
    assert notifications.notify_alarm(page, escalated, kri_name="Downtime") == "tray"
    tray = notifications._tray
    assert tray is not None and not tray.icon().isNull()
    assert notifications.notify_alarm(page, escalated, kri_name="Downtime") == "tray"
    assert notifications._tray is tray
    assert shown[0] == (
        "OpsDesk: new KRI alarm",
        "Downtime: 9 on 2026-11-02 escalated the open warning to an alarm.",
    )
    # Clicking the balloon brings the open alerts into view.
    tray.messageClicked.emit()
    assert main_window.current_key() == "indicators" and page.tabs.currentIndex() == 1
    tray.hide()
    tray.deleteLater()


def test_rows_pasted_from_excel_fill_the_grid_from_the_current_cell(qtbot, page, demo_database) -> None:
    from opsdesk.ui.dialogs.reading_dialogs import ReadingGridDialog, parse_date

    kri = kri_named(demo_database, "Days sales outstanding")
    dialog = ReadingGridDialog(page.context, kri, parent=page)
    qtbot.addWidget(dialog)
    dialog.view.setCurrentIndex(dialog.model.index(1, 0))
    dialog.view.paste_text("2026-09-30\t58\tQuarter end\r\n31.10.2026\tn/a\r\n")
    texts = dialog.model.texts()
    assert texts[1] == ("2026-09-30", "58", "Quarter end")
    assert texts[2] == ("31.10.2026", "n/a", "")
    assert dialog.model.rowCount() == 6 and dialog.model.filled_rows() == [1, 2]
    assert parse_date("31.10.2026") == date(2026, 10, 31) and parse_date("2026-02-30") is None
    assert dialog.model.problem(1) == ""
    assert dialog.model.problem(2) == "The value must be a number."
    assert not dialog.save_button.isEnabled()
    dialog.model.set_text(2, 1, "61.5")
    assert dialog.save_button.isEnabled()


def test_turning_on_the_early_warning_draws_the_forecast_and_alerts_the_department(
    qtbot, page, demo_database
) -> None:
    kri = kri_named(demo_database, "PX-400 field return rate")
    page.apply_filter(kri_id=kri.id)
    bar = page.kris.forecast_bar
    assert bar.isVisible() and not bar.enabled_box.isChecked()
    assert bar.summary.text() == "Turned off: readings warn only once they reach a threshold."
    wait_chart_drawn(qtbot, page.kris.chart)
    gids = {a.get_gid() for a in page.kris.chart.figure.axes[0].get_children()}
    assert "kri-forecast" not in gids

    qtbot.mouseClick(bar.enabled_box, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    with demo_database.session() as session:
        assert session.get(Kri, kri.id).forecast_enabled
    assert page.kris.forecast.enabled and bar.enabled_box.isChecked()
    wait_chart_drawn(qtbot, page.kris.chart)
    gids = {a.get_gid() for a in page.kris.chart.figure.axes[0].get_children()}
    assert {"kri-forecast", "kri-forecast-band"} <= gids
    text = bar.summary.text()
    assert text.startswith("Trend of the last ") and "Alarm around 2027-01 (between " in text
    assert "forecast alert" not in text  # the alarm is beyond the 90-day horizon

    # A longer horizon brings the alarm within it: a forecast alert to the department.
    bar.horizon.setFocus()
    bar.horizon.selectAll()
    qtbot.keyClicks(bar.horizon, "180")
    qtbot.keyClick(bar.horizon, Qt.Key.Key_Return)
    wait_loaded(qtbot, page)
    assert page.kris.forecast.horizon_days == 180
    assert "Within the 180-day horizon: a forecast alert goes to " in bar.summary.text()
    with demo_database.session() as session:
        forecasts = [a for a in list_alerts(session=session, kri_id=kri.id) if a.kind == "forecast"]
    assert len(forecasts) == 1 and forecasts[0].message.endswith("This is a forecast, not a breach.")
    page.apply_filter(alerts="open")
    row = page.alerts.model.find_row(lambda a: a.id == forecasts[0].id)
    assert cell(page.alerts.table, row, "kind") == "Forecast"


def test_the_page_passes_search_new_archive_and_its_layout_to_the_tab_in_front(
    qtbot, main_window, page, answer_messages, monkeypatch
) -> None:
    from opsdesk.ui.dialogs.kri_editor import KriEditor

    # Ctrl+F: the search box of the tab in front.
    page.tabs.setCurrentIndex(1)
    page.alerts.search.setText("old")
    page.focus_search()
    assert page.alerts.search.selectedText() == "old" and page.kris.search.selectedText() == ""

    # Delete on the alerts tab archives nothing, even with an indicator selected on the other.
    kri = page.kris.selected_kri()
    assert kri is not None
    page.archive_selected()
    assert answer_messages.shown == []
    assert page.kris.model.find_row(lambda k: k.id == kri.id) >= 0

    # Ctrl+N brings the indicators tab forward and opens the editor there.
    opened = []
    monkeypatch.setattr(KriEditor, "ask", lambda parent, context, **kwargs: opened.append(parent))
    assert page.new_item()
    assert page.tabs.currentIndex() == 0 and opened == [page.kris]

    # The tab in front, both splitters and the three tables' layouts are remembered.
    page.tabs.setCurrentIndex(1)
    settings = main_window.context.settings
    page.save_state(settings)
    for key in ("tab", "kri_splitter", "detail_splitter", "kris/header", "alerts/header", "readings/header"):
        assert settings.value(f"indicators/{key}") is not None, key
    page.tabs.setCurrentIndex(0)
    page.restore_state(settings)
    assert page.tabs.currentIndex() == 1


def test_the_alerts_table_says_each_alert_in_the_readers_language(qtbot, main_window, page) -> None:
    from opsdesk.domain.catalogue import use_language

    page.apply_filter(alerts="open")
    with demo_session(main_window) as session:
        stored = {alert.id: alert.message for alert in list_alerts(session=session, open_only=True)}
    rows = range(page.alerts.model.rowCount())
    assert {cell(page.alerts.table, row, "message") for row in rows} == set(
        stored.values()
    )  # English: as stored
    with use_language("zh_CN"):
        said = [cell(page.alerts.table, row, "message") for row in rows]
        page.alerts.table.selectRow(0)
        detail = page.alerts.detail.text()
    assert said and all("阈值" in text or "风险偏好" in text for text in said)
    assert not [text for text in said if "threshold" in text or "appetite" in text]
    assert detail.startswith(said[0])


def test_the_trend_chart_is_built_off_the_gui_thread(qtbot, page, demo_database, monkeypatch) -> None:
    import threading

    from opsdesk.reports.charts import kri as kri_chart

    threads = []
    real_build = kri_chart.build_kri_trend_figure

    def noted_build(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_build(*args, **kwargs)

    monkeypatch.setattr(kri_chart, "build_kri_trend_figure", noted_build)
    kri = kri_named(demo_database, "PX-400 field return rate")
    page.apply_filter(kri_id=kri.id)
    wait_chart_drawn(qtbot, page.kris.chart)
    assert threads and threading.main_thread() not in threads
    assert page.kris.chart.figure.axes[0].get_title(loc="left") == kri.name
