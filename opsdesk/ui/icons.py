"""The application icon and the navigation icons (Lucide SVGs, tinted for the navigation bar)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from opsdesk.paths import resource_path

# Page key -> Lucide icon (resources/icons/pages, licence in the same folder).
PAGE_ICON_FILES = {
    "dashboard": "layout-dashboard.svg",
    "risks": "shield-alert.svg",
    "heatmap": "grid-3x3.svg",
    "indicators": "gauge.svg",
    "actions": "list-checks.svg",
    "objectives": "target.svg",
    "feedback": "message-square-text.svg",
    "nonconformities": "octagon-alert.svg",
    "meetings": "users.svg",
    "suggestions": "lightbulb.svg",
    "reports": "file-spreadsheet.svg",
    "settings": "settings.svg",
}
APP_ICON_SIZES = (16, 32, 48, 64, 128)  # opsdesk-<size>.png, plus opsdesk.png at 256
# The navigation bar is dark slate in both themes, so one pair of tints serves both.
NAV_ICON_COLOR = "#B0BEC5"
NAV_ICON_SELECTED_COLOR = "#FFFFFF"
_PIXMAP_SIZES = (16, 18, 20, 24, 32, 40, 48)


def app_icon() -> QIcon:
    """The OpsDesk icon in every size drawn by resources/icons/make_app_icon.py."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"opsdesk-{size}.png")))
    icon.addFile(str(resource_path("icons", "opsdesk.png")))
    return icon


@cache
def _svg_source(file_name: str) -> bytes:
    return resource_path("icons", "pages", file_name).read_bytes()


def svg_pixmap(file_name: str, color: str, size: int) -> QPixmap:
    """A Lucide SVG drawn at `size` px with its stroke (`currentColor`) in `color`; null if unreadable."""
    source = _svg_source(file_name).replace(b"currentColor", color.encode("ascii"))
    renderer = QSvgRenderer(QByteArray(source))
    if not renderer.isValid():
        return QPixmap()
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return QPixmap.fromImage(image)


def tinted_icon(file_name: str, color: str, selected_color: str | None = None) -> QIcon:
    """An icon from an SVG in one colour, optionally another for selected items."""
    icon = QIcon()
    for size in _PIXMAP_SIZES:
        icon.addPixmap(svg_pixmap(file_name, color, size), QIcon.Mode.Normal)
        icon.addPixmap(svg_pixmap(file_name, selected_color or color, size), QIcon.Mode.Selected)
    return icon


class _LazyTintedEngine(QIconEngine):
    """A tinted SVG drawn at the size asked for, when first asked: the window's first frame draws
    only the navigation's size instead of every size up front."""

    def __init__(self, file_name: str, color: str, selected_color: str) -> None:
        super().__init__()
        self.file_name = file_name
        self.color = color
        self.selected_color = selected_color
        self.drawn: dict[tuple[int, str], QPixmap] = {}

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        color = self.selected_color if mode == QIcon.Mode.Selected else self.color
        side = max(1, min(size.width(), size.height()))
        pixmap = self.drawn.get((side, color))
        if pixmap is None:
            pixmap = self.drawn[(side, color)] = svg_pixmap(self.file_name, color, side)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off):  # noqa: N802
        return [QSize(size, size) for size in _PIXMAP_SIZES]

    def clone(self) -> QIconEngine:
        return _LazyTintedEngine(self.file_name, self.color, self.selected_color)


def page_icon(key: str) -> QIcon:
    """The navigation icon of a page (a null QIcon for an unknown key), drawn lazily at each size used."""
    file_name = PAGE_ICON_FILES.get(key)
    if file_name is None:
        return QIcon()
    return QIcon(_LazyTintedEngine(file_name, NAV_ICON_COLOR, NAV_ICON_SELECTED_COLOR))
