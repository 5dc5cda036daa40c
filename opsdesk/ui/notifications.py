"""Desktop notification of a new KRI alarm: a system tray message, or the status bar without a tray."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QSystemTrayIcon, QWidget

from opsdesk.domain.enums import KriState
from opsdesk.services.kris import ReadingOutcome
from opsdesk.ui.regional import display_number

# Shown for this long (ms) in the tray balloon and in the status bar.
MESSAGE_MS = 15000

_tray: QSystemTrayIcon | None = None
_window: QMainWindow | None = None


translate = QCoreApplication.translate


def is_new_alarm(outcome: ReadingOutcome) -> bool:
    """True when the reading raised an alarm or escalated a warning to an alarm."""
    return outcome.reading.state == KriState.ALARM and (outcome.alert_raised or outcome.alert_escalated)


def _main_window(target: Any) -> QMainWindow | None:
    """The main window of a widget, or of the application when given the context."""
    if isinstance(target, QWidget):
        window = target.window()
        if isinstance(window, QMainWindow):
            return window
        parent = window.parentWidget()
        return _main_window(parent) if parent is not None else None
    active = QApplication.activeWindow()
    if isinstance(active, QMainWindow):
        return active
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            return widget
    return None


def _tray_icon(window: QMainWindow | None) -> QSystemTrayIcon:
    """The one tray icon of the running app, created on the first alarm."""
    global _tray, _window
    _window = window
    if _tray is None:
        app = QApplication.instance()
        icon = app.windowIcon() if isinstance(app, QApplication) else None
        if icon is None or icon.isNull():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        _tray = QSystemTrayIcon(icon, app)
        _tray.setToolTip("OpsDesk")
        _tray.messageClicked.connect(_show_alerts)
    _tray.show()
    return _tray


def _show_alerts() -> None:
    """Clicking the balloon brings the open alerts into view on the window that raised it."""
    window = _window
    if window is None or not shiboken6.isValid(window):
        return
    window.showNormal()
    window.raise_()
    window.activateWindow()
    show_page = getattr(window, "show_page", None)
    if callable(show_page):
        show_page("indicators", alerts="open")


def alarm_text(outcome: ReadingOutcome, kri_name: str, unit: str = "") -> str:
    """One line saying which indicator went into alarm with which value."""
    reading = outcome.reading
    value = f"{display_number(reading.value)} {unit}".strip()
    if outcome.alert_escalated:
        text = translate("Notifications", "{kri}: {value} on {date} escalated the open warning to an alarm.")
    else:
        text = translate("Notifications", "{kri}: {value} on {date} is in alarm.")
    return text.format(kri=kri_name, value=value, date=reading.read_on.isoformat())


def notify_alarm(target: Any, outcome: ReadingOutcome, *, kri_name: str = "", unit: str = "") -> str:
    """Tell the user about a new alarm; returns "tray", "status bar" or "" when nothing was shown.

    `target` is a widget of the main window or the AppContext. Without a system tray (and in
    offscreen tests) the message goes to the main window's status bar instead.
    """
    if not is_new_alarm(outcome):
        return ""
    if not kri_name and hasattr(target, "call"):
        from opsdesk.services.kris import get_kri

        kri = target.call(get_kri, kri_id=outcome.reading.kri_id)
        kri_name, unit = kri.name, unit or kri.unit
    text = alarm_text(outcome, kri_name or translate("Notifications", "An indicator"), unit)
    window = _main_window(target)
    if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
        _tray_icon(window).showMessage(
            translate("Notifications", "OpsDesk: new KRI alarm"),
            text,
            QSystemTrayIcon.MessageIcon.Warning,
            MESSAGE_MS,
        )
        return "tray"
    if window is not None:
        window.statusBar().showMessage(
            translate("Notifications", "New alarm: {text}").format(text=text), MESSAGE_MS
        )
        return "status bar"
    return ""
