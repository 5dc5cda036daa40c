"""Light and dark themes, the navigation icons and the application icon."""

from __future__ import annotations

import re
import struct

import pytest
from PySide6.QtCore import QByteArray, QSize, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPalette
from PySide6.QtWidgets import QLabel

from opsdesk.paths import resource_path
from opsdesk.ui import icons, theme
from opsdesk.ui.main_window import PAGES


@pytest.fixture
def restore_theme(qapp):
    """Themes change the whole application: put the look back for the tests that follow."""
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    name = qapp.property("opsdeskTheme")
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    qapp.setProperty("opsdeskTheme", name)


@pytest.fixture
def qt_warnings():
    """Qt's own warnings while the block runs (a style sheet that does not parse is one)."""
    messages: list[str] = []

    def handler(kind, _context, message):
        if kind != QtMsgType.QtDebugMsg:
            messages.append(message)

    previous = qInstallMessageHandler(handler)
    yield messages
    qInstallMessageHandler(previous)


def _selectors(name: str) -> list[str]:
    text = re.sub(r"/\*.*?\*/", "", theme.style_sheet(name), flags=re.S)
    return [" ".join(block.split()) for block in re.findall(r"([^{}]+)\{", text)]


@pytest.mark.parametrize("name", theme.THEMES)
def test_opsdesk_theme_picks_the_style_sheet_and_palette(
    name, monkeypatch, restore_theme, qt_warnings
) -> None:
    monkeypatch.setenv("OPSDESK_THEME", name)
    assert theme.chosen_theme() == name
    assert theme.apply_theme(restore_theme) == name
    assert theme.current_theme() == name
    assert restore_theme.styleSheet() == resource_path("style", theme.STYLE_FILES[name]).read_text(
        encoding="utf-8"
    )
    palette = restore_theme.palette()
    assert palette.color(QPalette.ColorRole.Window) == QColor(theme.COLORS[name].window)
    assert palette.color(QPalette.ColorRole.Base) == QColor(theme.COLORS[name].base)
    assert palette.color(QPalette.ColorRole.Text) == QColor(theme.COLORS[name].text)
    QLabel("polish").ensurePolished()  # Qt parses the application style sheet on the first polish
    assert not qt_warnings, qt_warnings  # e.g. "Could not parse application stylesheet"
    restore_theme.setStyleSheet("")  # the style sheet hides the style underneath
    assert restore_theme.style().name().lower() == "fusion"


@pytest.mark.parametrize("name", theme.THEMES)
def test_the_images_a_style_sheet_names_exist(name) -> None:
    images = re.findall(r"url\(opsdesk:([^)]+)\)", theme.style_sheet(name))
    assert images and all(name in image for image in images)  # each theme has its own tint
    for image in images:
        assert resource_path("icons", image).is_file(), image


def test_light_and_dark_differ_and_dark_is_dark() -> None:
    assert theme.style_sheet("light") != theme.style_sheet("dark")
    light, dark = theme.build_palette("light"), theme.build_palette("dark")
    window = QPalette.ColorRole.Window
    assert light.color(window).lightness() > 200
    assert dark.color(window).lightness() < 60
    assert dark.color(QPalette.ColorRole.Text).lightness() > 200


def test_both_style_sheets_style_the_same_things() -> None:
    assert _selectors("light") == _selectors("dark")
    for role in ("pageTitle", "muted", "card", "metric", "error"):
        assert any(f'[role="{role}"]' in selector for selector in _selectors("light")), role


def test_text_colours_read_on_their_backgrounds() -> None:
    for colors in theme.COLORS.values():
        for ink, paper in (
            (colors.text, colors.base),
            (colors.text, colors.window),
            (colors.muted, colors.base),
            (colors.error, colors.base),
            (colors.highlighted_text, colors.highlight),
            (colors.tooltip_text, colors.tooltip_base),
        ):
            assert _contrast(ink, paper) >= 4.5, (colors.name, ink, paper)


def _contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two hex colours."""

    def luminance(hex_color: str) -> float:
        channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_an_unknown_opsdesk_theme_falls_back_to_the_system(monkeypatch, caplog) -> None:
    monkeypatch.setenv("OPSDESK_THEME", "purple")
    assert theme.requested_theme() is None
    assert theme.chosen_theme() == theme.system_theme()
    assert "OPSDESK_THEME" in caplog.text


def test_the_theme_follows_the_system_scheme_at_run_time(monkeypatch, restore_theme) -> None:
    monkeypatch.delenv("OPSDESK_THEME", raising=False)
    monkeypatch.setattr(theme, "system_theme", lambda: "light")
    theme.apply_theme(restore_theme)
    theme.follow_system_theme(restore_theme)
    theme.follow_system_theme(restore_theme)  # connecting twice must not apply twice
    # The offscreen platform has no colour scheme to switch: say what the system would.
    monkeypatch.setattr(theme, "system_theme", lambda: "dark")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current_theme() == "dark"
    assert restore_theme.styleSheet() == theme.style_sheet("dark")
    # An explicit OPSDESK_THEME wins over the system.
    monkeypatch.setenv("OPSDESK_THEME", "dark")
    monkeypatch.setattr(theme, "system_theme", lambda: "light")
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current_theme() == "dark"


def test_every_page_has_an_icon_from_the_licensed_set(qapp) -> None:
    assert set(icons.PAGE_ICON_FILES) == {spec.key for spec in PAGES}
    folder = resource_path("icons", "pages")
    assert {p.name for p in folder.glob("*.svg")} == set(icons.PAGE_ICON_FILES.values())
    licence = (folder / "LICENSE").read_text(encoding="utf-8")
    assert "Lucide" in licence and "ISC License" in licence and "lucide-static 1.62.0" in licence
    for key in icons.PAGE_ICON_FILES:
        icon = icons.page_icon(key)
        assert not icon.isNull(), key
        normal = icon.pixmap(QSize(20, 20), QIcon.Mode.Normal).toImage()
        selected = icon.pixmap(QSize(20, 20), QIcon.Mode.Selected).toImage()
        assert _painted_colors(normal) == {QColor(icons.NAV_ICON_COLOR).rgb()}, key
        assert _painted_colors(selected) == {QColor(icons.NAV_ICON_SELECTED_COLOR).rgb()}, key
    assert icons.page_icon("no-such-page").isNull()


def _painted_colors(image: QImage) -> set[int]:
    """The opaque colours of an icon (antialiased edges left out)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return {
        image.pixelColor(x, y).rgb()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_the_navigation_shows_the_page_icons(main_window) -> None:
    navigation = main_window.navigation
    for row in range(navigation.count()):
        assert not navigation.item(row).icon().isNull(), navigation.item(row).text()
    assert navigation.iconSize() == QSize(18, 18)


def test_the_application_icon_files_have_every_size(qapp) -> None:
    folder = resource_path("icons")
    for size in icons.APP_ICON_SIZES:
        assert QImage(str(folder / f"opsdesk-{size}.png")).size() == QSize(size, size)
    assert QImage(str(folder / "opsdesk.png")).size() == QSize(256, 256)
    assert not icons.app_icon().isNull()
    assert {s.width() for s in icons.app_icon().availableSizes()} >= {16, 32, 48, 256}


def test_the_ico_holds_png_images_of_every_size() -> None:
    data = resource_path("icons", "opsdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)  # 1 = icon
    sizes = []
    for index in range(count):
        width, height, _colors, _reserved, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        size = width or 256  # 0 means 256
        assert height == width and (planes, bits) == (1, 32)
        blob = data[offset : offset + length]
        assert blob.startswith(b"\x89PNG\r\n\x1a\n")
        assert QImage.fromData(QByteArray(blob)).size() == QSize(size, size)
        sizes.append(size)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


PAGES_TO_LOOK_AT = ("dashboard", "risks", "heatmap", "actions")


@pytest.mark.parametrize("name", theme.THEMES)
def test_the_main_pages_show_in_each_theme(name, main_window, qtbot, restore_theme) -> None:
    theme.apply_theme(restore_theme, name)
    titles = {spec.key: spec.title() for spec in PAGES}
    for key in PAGES_TO_LOOK_AT:
        page = main_window.show_page(key)
        qtbot.waitExposed(page)
        assert main_window.navigation.currentItem().text() == titles[key]
        corner = QColor(page.grab().toImage().pixel(2, 2))  # the page's margin: the theme's window colour
        assert corner == QColor(theme.COLORS[name].window), (key, corner.name())
