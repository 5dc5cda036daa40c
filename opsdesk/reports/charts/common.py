"""Figure creation and fonts. matplotlib is imported here, on first use only."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from matplotlib.figure import Figure

P = ParamSpec("P")
R = TypeVar("R")

# Fonts with CJK glyphs, in order of preference (Windows first, then Linux, then macOS).
CJK_FONTS = (
    "Microsoft YaHei",
    "SimHei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",
)

INK = "#263238"
GRID = "#CFD8DC"
MUTED = "#607D8B"


def use_persistent_cache_dir() -> str:
    """Set MPLCONFIGDIR to <user data>/matplotlib unless chosen already; call before matplotlib is imported.

    matplotlib reads the variable once, on import, and keeps its font list there: a
    persistent folder spares every start the font scan (seconds with many fonts installed).
    Does not import matplotlib.
    """
    # PyInstaller's run-time hook points MPLCONFIGDIR at a new temporary folder on every start
    # (meant for one-file builds); the one-folder build's fonts stay put, so the cache can too.
    if "MPLCONFIGDIR" not in os.environ or getattr(sys, "frozen", False):
        from opsdesk.paths import user_data_dir

        cache_dir = user_data_dir() / "matplotlib"
        cache_dir.mkdir(parents=True, exist_ok=True)
        os.environ["MPLCONFIGDIR"] = str(cache_dir)
    return os.environ["MPLCONFIGDIR"]


# File names of the fonts above (lower case, without "-", "_" and spaces).
_CJK_FONT_FILES = ("msyh", "simhei", "notosanscjk", "notosanssc", "sourcehansans", "microhei", "pingfang")


def cjk_font_families() -> list[str]:
    """The installed fonts of CJK_FONTS, in order of preference (imports matplotlib)."""
    use_persistent_cache_dir()
    from matplotlib import font_manager

    manager = font_manager.fontManager
    families = _known_cjk_families(manager)
    if not families:
        # matplotlib's font list is cached on disk and not refreshed when fonts are installed
        # later: look for CJK font files once more and keep what is found in the cache.
        for path in font_manager.findSystemFonts():
            name = Path(path).name.lower().replace("-", "").replace("_", "").replace(" ", "")
            if name.startswith(_CJK_FONT_FILES):
                manager.addfont(path)
        families = _known_cjk_families(manager)
        if families:
            _save_font_cache(manager)
    return families


def _known_cjk_families(manager) -> list[str]:
    available = {font.name for font in manager.ttflist}
    return [name for name in CJK_FONTS if name in available]


def _save_font_cache(manager) -> None:
    import matplotlib
    from matplotlib import font_manager

    cache = Path(matplotlib.get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
    try:
        font_manager.json_dump(manager, cache)
    except OSError:
        pass  # a read-only cache folder only costs the search again next time


# matplotlib is imported, and the system fonts scanned, under this lock and nowhere before it
# (chart builders are decorated with uses_matplotlib):
# the warm-up thread and the GUI thread must never import its modules at the same time (two
# threads importing one package can each see the other's half-initialised modules).
_configure_lock = threading.Lock()
_configured = threading.Event()


def charts_ready() -> bool:
    """Whether matplotlib is imported and configured, so a figure can be built without waiting."""
    return _configured.is_set()


def configure_matplotlib_in_background() -> threading.Thread:
    """Import matplotlib and scan the fonts on a thread of its own (C:\\Windows\\Fonts: seconds, once per machine)."""
    thread = threading.Thread(target=configure_matplotlib, name="chart-fonts", daemon=True)
    thread.start()
    return thread


def uses_matplotlib(build: Callable[P, R]) -> Callable[P, R]:
    """Configure matplotlib (under the lock) before the decorated function imports any of it."""

    @wraps(build)
    def configured_first(*args: P.args, **kwargs: P.kwargs) -> R:
        configure_matplotlib()
        return build(*args, **kwargs)

    return configured_first


def configure_matplotlib() -> None:
    """Point matplotlib at a persistent cache and at fonts that can draw Chinese labels (once per process)."""
    with _configure_lock:
        if not _configured.is_set():
            _configure()
            _configured.set()


def _configure() -> None:
    families = cjk_font_families()
    import matplotlib

    # DejaVu Sans last: Latin, digits and symbols when no CJK font is installed.
    matplotlib.rcParams["font.sans-serif"] = [*families, "DejaVu Sans"]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["axes.edgecolor"] = GRID
    matplotlib.rcParams["axes.labelcolor"] = INK
    matplotlib.rcParams["xtick.color"] = INK
    matplotlib.rcParams["ytick.color"] = INK
    matplotlib.rcParams["font.size"] = 9


def new_figure(
    width: float = 6.0, height: float = 4.0, dpi: int = 100, *, layout: str | None = "constrained"
) -> Figure:
    """A bare Figure (no pyplot state), sized in inches; `layout=None` for a chart that places its own axes."""
    configure_matplotlib()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=dpi, layout=layout)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a hex colour (0 black .. 1 white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def text_color_for(background: str) -> str:
    """Black or white, whichever has the higher WCAG contrast on a hex background colour.

    White on the default orange (High) or green (Low) would be under 3:1; black there is over 7:1.
    """
    luminance = relative_luminance(background)
    on_black = (luminance + 0.05) / 0.05
    on_white = 1.05 / (luminance + 0.05)
    return "#000000" if on_black >= on_white else "#FFFFFF"
