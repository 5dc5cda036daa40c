"""Light and dark looks: Fusion style, a matching palette and the style sheet, following the system.

The theme follows the system colour scheme (Qt 6.5+ `QStyleHints.colorScheme`) and switches
when it changes while the app runs. `OPSDESK_THEME=light|dark` overrides it (tests,
screenshots, a user who wants the other one).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from PySide6.QtCore import QDir, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from opsdesk.paths import resource_path

THEMES = ("light", "dark")
ENV_VAR = "OPSDESK_THEME"
STYLE_FILES = {"light": "opsdesk.qss", "dark": "opsdesk-dark.qss"}
_THEME_PROPERTY = "opsdeskTheme"
_FOLLOWING_PROPERTY = "opsdeskFollowsSystemTheme"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ThemeColors:
    """The colours of one theme, for the palette and for widgets that paint themselves."""

    name: str
    window: str
    base: str
    alternate_base: str
    text: str
    muted: str
    disabled_text: str
    border: str
    button: str
    highlight: str
    highlighted_text: str
    accent: str
    error: str
    warning: str
    ok: str
    tooltip_base: str
    tooltip_text: str


LIGHT = ThemeColors(
    name="light",
    window="#F5F7F8",
    base="#FFFFFF",
    alternate_base="#F3F6F8",
    text="#263238",
    muted="#546E7A",
    disabled_text="#90A4AE",
    border="#D5DDE1",
    button="#FFFFFF",
    highlight="#B3E5FC",
    highlighted_text="#102027",
    accent="#0277BD",
    error="#C62828",
    warning="#8D5A00",
    ok="#2E7D32",
    tooltip_base="#263238",
    tooltip_text="#ECEFF1",
)
DARK = ThemeColors(
    name="dark",
    window="#1B2226",
    base="#222A2E",
    alternate_base="#263035",
    text="#E3E8EB",
    muted="#90A4AE",
    disabled_text="#607D8B",
    border="#36434A",
    button="#2A3439",
    highlight="#0E4A66",
    highlighted_text="#FFFFFF",
    accent="#4FC3F7",
    error="#FF8A80",
    warning="#FFCA28",
    ok="#81C784",
    tooltip_base="#0F1417",
    tooltip_text="#ECEFF1",
)
COLORS = {"light": LIGHT, "dark": DARK}


def requested_theme() -> str | None:
    """The theme forced by OPSDESK_THEME, or None to follow the system."""
    value = os.environ.get(ENV_VAR, "").strip().lower()
    if value and value not in THEMES:
        log.warning("Ignoring %s=%r: use one of %s.", ENV_VAR, value, ", ".join(THEMES))
        return None
    return value or None


def system_theme() -> str:
    """'dark' when the system colour scheme is dark, else 'light' (also when it is unknown)."""
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def chosen_theme() -> str:
    """OPSDESK_THEME when set, else the system's scheme."""
    return requested_theme() or system_theme()


def current_theme() -> str:
    """The theme applied to the running application ('light' before any)."""
    app = QApplication.instance()
    value = app.property(_THEME_PROPERTY) if app is not None else None
    return value if value in THEMES else "light"


def colors(name: str | None = None) -> ThemeColors:
    """The colours of a theme (default: the applied one)."""
    return COLORS[name or current_theme()]


def style_sheet(name: str) -> str:
    """The Qt style sheet of a theme, read from resources/style."""
    return resource_path("style", STYLE_FILES[name]).read_text(encoding="utf-8")


def build_palette(name: str) -> QPalette:
    """A Fusion palette in the theme's colours, so widgets the style sheet leaves alone match too."""
    c = COLORS[name]
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.window,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.base,
        QPalette.ColorRole.AlternateBase: c.alternate_base,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.button,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.BrightText: c.error,
        QPalette.ColorRole.Highlight: c.highlight,
        QPalette.ColorRole.HighlightedText: c.highlighted_text,
        QPalette.ColorRole.Link: c.accent,
        QPalette.ColorRole.LinkVisited: c.accent,
        QPalette.ColorRole.ToolTipBase: c.tooltip_base,
        QPalette.ColorRole.ToolTipText: c.tooltip_text,
        QPalette.ColorRole.PlaceholderText: c.muted,
        QPalette.ColorRole.Light: c.base,
        QPalette.ColorRole.Midlight: c.alternate_base,
        QPalette.ColorRole.Mid: c.border,
        QPalette.ColorRole.Dark: c.border,
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c.disabled_text))
    return palette


def apply_theme(app: QApplication, name: str | None = None) -> str:
    """Give the application the Fusion style, the palette and the style sheet of a theme; returns its name."""
    name = name or chosen_theme()
    # The style sheets name their images "opsdesk:ui/…", found from source and in the build.
    QDir.setSearchPaths("opsdesk", [str(resource_path("icons"))])
    app.setStyle("Fusion")  # the same look on every platform, and it honours the palette
    app.setPalette(build_palette(name))
    app.setStyleSheet(style_sheet(name))
    app.setProperty(_THEME_PROPERTY, name)
    return name


def follow_system_theme(app: QApplication) -> None:
    """Re-apply the theme when the system switches between light and dark (once per application)."""
    if app.property(_FOLLOWING_PROPERTY):
        return
    app.setProperty(_FOLLOWING_PROPERTY, True)

    def scheme_changed(_scheme: Qt.ColorScheme) -> None:
        if requested_theme() is None:
            name = apply_theme(app)
            log.info("System colour scheme changed: %s theme.", name)

    QGuiApplication.styleHints().colorSchemeChanged.connect(scheme_changed)
