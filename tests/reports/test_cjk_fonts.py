"""Charts with Chinese labels: a CJK font is picked, and no glyph is missing (matplotlib warns per glyph)."""

from __future__ import annotations

import os
import warnings
from io import BytesIO

import pytest

from opsdesk.domain.matrix import LevelBand, RiskMatrix
from opsdesk.reports.charts.common import (
    CJK_FONTS,
    cjk_font_families,
    configure_matplotlib,
    use_persistent_cache_dir,
)
from opsdesk.reports.charts.heatmap import build_heatmap_figure

NO_CJK_FONT = (
    "no CJK font is installed (Windows has Microsoft YaHei; on Debian/Ubuntu: apt-get install fonts-noto-cjk)"
)


def chinese_matrix() -> RiskMatrix:
    """The default 5x5 matrix, labelled as a Chinese-speaking risk team would label it."""
    return RiskMatrix.by_score(
        likelihood_labels=("很低", "低", "中", "高", "很高"),
        impact_labels=("很低", "低", "中", "高", "很高"),
        bands=(
            LevelBand("low", "低风险", "#4CAF50"),
            LevelBand("medium", "中风险", "#FFC107"),
            LevelBand("high", "高风险", "#FF7043"),
            LevelBand("critical", "极高风险", "#D32F2F"),
        ),
        upper_scores=(4, 9, 16),
        appetite="medium",
    )


def render_chinese_heatmap() -> bytes:
    figure = build_heatmap_figure(
        chinese_matrix(),
        {"inherent": {(1, 1): 3, (5, 5): 2}, "residual": {(2, 2): 5, (4, 4): 12}},
        titles={"inherent": "固有风险", "residual": "剩余风险"},
        likelihood_title="可能性",
        impact_title="影响",
    )
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def test_chinese_labels_render_without_missing_glyphs() -> None:
    if not cjk_font_families():
        pytest.skip(NO_CJK_FONT)
    configure_matplotlib()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" fails the test
        png = render_chinese_heatmap()
    assert png.startswith(b"\x89PNG")


def test_a_cjk_font_comes_first_in_the_sans_serif_list() -> None:
    families = cjk_font_families()
    if not families:
        pytest.skip(NO_CJK_FONT)
    configure_matplotlib()
    import matplotlib

    assert matplotlib.rcParams["font.sans-serif"][0] == families[0]
    assert families[0] in CJK_FONTS
    assert matplotlib.rcParams["font.sans-serif"][-1] == "DejaVu Sans"


def test_without_a_cjk_font_the_missing_glyphs_are_caught() -> None:
    # The check above is only worth something if a font without CJK glyphs trips it.
    import matplotlib

    configure_matplotlib()
    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
        with pytest.warns(UserWarning, match="missing from font"):
            render_chinese_heatmap()


def test_a_cjk_font_installed_after_the_font_cache_was_written_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import copy

    from matplotlib import font_manager

    from opsdesk.reports.charts import common

    cjk_files = [p for p in font_manager.findSystemFonts() if "cjk" in p.lower() or "msyh" in p.lower()]
    if not cjk_files:
        pytest.skip(NO_CJK_FONT)
    # A font list cached before the CJK fonts were installed.
    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [font for font in font_manager.fontManager.ttflist if font.name not in CJK_FONTS]
    monkeypatch.setattr(font_manager, "fontManager", stale)
    saved = []
    monkeypatch.setattr(common, "_save_font_cache", saved.append)
    families = cjk_font_families()
    assert families and families[0] in CJK_FONTS
    assert saved == [stale]  # kept for the next start, which then finds them at once


def test_the_font_cache_goes_to_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, isolated_home) -> None:
    monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    folder = use_persistent_cache_dir()
    assert folder == str(isolated_home / "matplotlib")
    assert os.environ["MPLCONFIGDIR"] == folder
    assert (isolated_home / "matplotlib").is_dir()


def test_a_chosen_cache_folder_is_kept_from_source_but_not_in_the_build(
    monkeypatch: pytest.MonkeyPatch, isolated_home, tmp_path
) -> None:
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "chosen"))
    assert use_persistent_cache_dir() == str(tmp_path / "chosen")
    # PyInstaller's run-time hook sets a throw-away folder before our code runs: the build replaces it.
    monkeypatch.setattr("sys.frozen", True, raising=False)
    assert use_persistent_cache_dir() == str(isolated_home / "matplotlib")
