"""Windows and dialogs that fit the screen they open on, whatever its size and scaling.

A 1920x1080 laptop at 175% scaling offers about 1097x569 logical pixels above the taskbar:
less than the main window's and the import wizard's minimum sizes, so their status bars and
buttons would open off-screen. Every top-level window is fitted when first shown: its minimum
and its size clamped to the screen's available area (less the frame), and its position moved
inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

# Title bar and borders of a window not shown yet (its frame is unknown until then).
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(window: QWidget) -> QRect:
    """The part of the window's screen (or the primary one) not taken by taskbars and docks."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget) -> None:
    """Clamp a top-level window's minimum size, size and position to its screen's available area."""
    area = available_area(window)
    frame = window.frameGeometry().size() - window.geometry().size()
    if frame.width() <= 0 and frame.height() <= 0:
        frame = FRAME_ALLOWANCE
    most = QSize(max(area.width() - frame.width(), 200), max(area.height() - frame.height(), 150))
    minimum = window.minimumSize()
    if minimum.width() > most.width() or minimum.height() > most.height():
        window.setMinimumSize(minimum.boundedTo(most))
    if window.width() > most.width() or window.height() > most.height():
        window.resize(window.size().boundedTo(most))
    # Moved (by its frame's corner) so the whole frame lies inside the area.
    outer = QSize(window.width() + frame.width(), window.height() + frame.height())
    corner = window.frameGeometry().topLeft()
    x = max(area.left(), min(corner.x(), area.right() + 1 - outer.width()))
    y = max(area.top(), min(corner.y(), area.bottom() + 1 - outer.height()))
    if (x, y) != (corner.x(), corner.y()):
        window.move(x, y)


class ScreenFit(QObject):
    """Application-wide: fits every main window and dialog to its screen when it is first shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Every event of the application passes here: the cheap test first (reading an event's
        # type makes a Python enum member, which costs more than the rest of this filter).
        if (
            isinstance(watched, QMainWindow | QDialog)
            and event.type() == QEvent.Type.Show
            and watched.isWindow()
            and not watched.property("opsdeskFitted")
        ):
            watched.setProperty("opsdeskFitted", True)
            fit_to_screen(watched)
        return False


_screen_fit: ScreenFit | None = None


def fit_windows_to_screen(app: QApplication) -> None:
    """Install the fitting for every window of this application (once)."""
    global _screen_fit
    if _screen_fit is None:
        _screen_fit = ScreenFit(app)
        app.installEventFilter(_screen_fit)
