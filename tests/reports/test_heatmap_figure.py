"""The heatmap figure: counts in the right cells, band colours, odd matrix sizes, PNG output."""

from __future__ import annotations

from io import BytesIO
from types import SimpleNamespace

import pytest

from opsdesk.domain.matrix import LevelBand, RiskMatrix, default_matrix
from opsdesk.reports.charts.heatmap import build_heatmap_figure, cell_at, cell_from_event, counts_shown

COUNTS = {"inherent": {(1, 1): 3, (5, 5): 2, (3, 4): 7}, "residual": {(2, 2): 5, (4, 4): 12}}


def _hex(rgb) -> str:
    return "#" + "".join(f"{round(float(channel) * 255):02X}" for channel in rgb[:3])


def _axes_by_kind(figure) -> dict:
    return {ax.get_gid(): ax for ax in figure.axes if ax.get_gid()}


def test_counts_are_texts_in_their_cells() -> None:
    figure = build_heatmap_figure(default_matrix(), COUNTS, titles={"inherent": "Inh", "residual": "Res"})
    axes = _axes_by_kind(figure)
    assert list(axes) == ["inherent", "residual"]
    assert counts_shown(figure) == COUNTS
    # Each count sits at the centre of its cell: x = impact, y = likelihood.
    positions = {text.get_text(): text.get_position() for text in axes["residual"].texts}
    assert positions == {"5": (2, 2), "12": (4, 4)}
    assert [text.get_fontweight() for text in axes["residual"].texts] == ["bold", "bold"]
    assert axes["inherent"].get_title() == "Inh"
    assert axes["residual"].get_title() == "Res"


def test_tick_labels_come_from_the_matrix_and_likelihood_one_is_at_the_bottom() -> None:
    matrix = default_matrix()
    figure = build_heatmap_figure(
        matrix, COUNTS, likelihood_title="Wahrscheinlichkeit", impact_title="Auswirkung"
    )
    ax = _axes_by_kind(figure)["inherent"]
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == list(matrix.impact_labels)
    assert [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()] == list(matrix.likelihood_labels)
    assert list(ax.get_yticks()) == [1, 2, 3, 4, 5]
    assert ax.get_ylim()[0] < ax.get_ylim()[1]
    assert ax.get_xlabel() == "Auswirkung"
    assert ax.get_ylabel() == "Wahrscheinlichkeit"


def test_cell_colours_match_the_bands() -> None:
    matrix = default_matrix()
    figure = build_heatmap_figure(matrix, COUNTS)
    for ax in figure.axes:
        if not ax.get_gid():
            continue
        pixels = ax.images[0].get_array()
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                expected = matrix.level(likelihood, impact).color.upper()
                assert _hex(pixels[likelihood - 1][impact - 1]) == expected


def test_count_text_contrasts_with_its_cell() -> None:
    matrix = default_matrix()
    # (1, 1) is green "low", (1, 5) amber "medium": black reads better (over 7:1) on both;
    # (5, 5) is red "critical", where white does (about 5:1).
    figure = build_heatmap_figure(
        matrix, {"residual": {(1, 1): 1, (1, 5): 2, (5, 5): 3}}, kinds=("residual",)
    )
    colours = {text.get_text(): text.get_color() for text in figure.axes[0].texts}
    assert colours == {"1": "#000000", "2": "#000000", "3": "#FFFFFF"}


def test_legend_lists_the_bands() -> None:
    figure = build_heatmap_figure(default_matrix(), COUNTS)
    (legend,) = figure.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Low", "Medium", "High", "Critical"]


def test_asymmetric_four_by_three_matrix_renders() -> None:
    bands = (LevelBand("low", "Low", "#4CAF50"), LevelBand("high", "High", "#D32F2F"))
    matrix = RiskMatrix.by_score(
        ["Rare", "Possible", "Likely", "Very likely"], ["Low", "Medium", "High"], bands, [4], "low"
    )
    counts = {"inherent": {(4, 3): 6}, "residual": {(4, 1): 1, (1, 3): 2}}
    figure = build_heatmap_figure(matrix, counts)
    assert counts_shown(figure) == counts
    ax = _axes_by_kind(figure)["residual"]
    assert ax.images[0].get_array().shape[:2] == (4, 3)
    assert len(ax.get_xticklabels()) == 3
    assert len(ax.get_yticklabels()) == 4
    assert _hex(ax.images[0].get_array()[3][2]) == "#D32F2F"
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_ten_by_ten_matrix_with_long_labels_renders_to_png() -> None:
    bands = (
        LevelBand("low", "Low", "#4CAF50"),
        LevelBand("mid", "Mid", "#FFC107"),
        LevelBand("high", "High", "#D32F2F"),
    )
    matrix = RiskMatrix.by_score(
        [f"Likelihood level number {i}" for i in range(1, 11)],
        [f"Consequence category {i}" for i in range(1, 11)],
        bands,
        [20, 50],
        "mid",
    )
    counts = {"inherent": {(10, 10): 40, (1, 1): 1}, "residual": {(5, 6): 3}}
    figure = build_heatmap_figure(matrix, counts)
    assert counts_shown(figure) == counts
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")
    assert len(buffer.getvalue()) > 10_000


def test_single_kind_and_empty_counts() -> None:
    figure = build_heatmap_figure(default_matrix(), {}, kinds=("residual",), width=4.0, height=3.0)
    assert [ax.get_gid() for ax in figure.axes] == ["residual"]
    assert counts_shown(figure) == {"residual": {}}
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.tell() > 0


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (1.0, 1.0, ("residual", 1, 1)),
        (4.4, 2.6, ("residual", 3, 4)),
        (5.49, 5.49, ("residual", 5, 5)),
        (0.4, 3.0, None),
        (3.0, 5.6, None),
        (None, 3.0, None),
    ],
)
def test_cell_at_maps_data_coordinates_to_cells(x, y, expected) -> None:
    figure = build_heatmap_figure(default_matrix(), COUNTS)
    ax = _axes_by_kind(figure)["residual"]
    assert cell_at(ax, x, y) == expected
    assert cell_from_event(SimpleNamespace(inaxes=ax, xdata=x, ydata=y)) == expected


def test_click_outside_any_heatmap_gives_no_cell() -> None:
    assert cell_from_event(SimpleNamespace(inaxes=None, xdata=None, ydata=None)) is None
    assert cell_from_event(object()) is None


def test_the_ink_on_every_default_level_meets_wcag_aa_contrast() -> None:
    from opsdesk.reports.charts.common import relative_luminance, text_color_for

    for band in default_matrix().bands:
        ink, background = relative_luminance(text_color_for(band.color)), relative_luminance(band.color)
        lighter, darker = max(ink, background), min(ink, background)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, band.code


def test_new_counts_and_colours_are_shown_in_place() -> None:
    from opsdesk.reports.charts.heatmap import update_heatmap_figure

    matrix = default_matrix()
    figure = build_heatmap_figure(matrix, COUNTS)
    axes = _axes_by_kind(figure)
    kept = next(text for text in axes["residual"].texts if text.get_text() == "12")
    newer = {"inherent": {(1, 1): 4}, "residual": {(4, 4): 13, (5, 1): 1}}

    assert update_heatmap_figure(figure, matrix, newer)

    assert counts_shown(figure) == newer  # (2, 2) emptied, (5, 1) filled, (4, 4) changed
    assert _axes_by_kind(figure) == axes  # the same axes ...
    assert kept in axes["residual"].texts and kept.get_text() == "13"  # ... and the same texts
    assert [text.get_fontweight() for text in axes["residual"].texts] == ["bold", "bold"]
    # Recoloured bands: the cells, the counts' ink and the legend follow.
    bands = tuple(
        LevelBand(band.code, band.name, "#000000" if band.code == "high" else band.color)
        for band in matrix.bands
    )
    recoloured = RiskMatrix(
        matrix.likelihood_labels, matrix.impact_labels, bands, matrix.cells, matrix.appetite
    )
    assert update_heatmap_figure(figure, recoloured, newer)
    assert matrix.cells[3][3] == "high"
    assert _hex(axes["residual"].images[0].get_array()[3][3]) == "#000000"
    assert kept.get_color() == "#FFFFFF"  # (4, 4) is high: white on black
    legend = figure.legends[0]
    assert [_hex(p.get_facecolor()) for p in legend.get_patches()][2] == "#000000"


def test_a_figure_of_another_layout_is_not_updated() -> None:
    from opsdesk.reports.charts.heatmap import update_heatmap_figure

    matrix = default_matrix()
    figure = build_heatmap_figure(matrix, COUNTS, width=10.0)
    assert not update_heatmap_figure(figure, matrix, {}, width=8.0)
    assert not update_heatmap_figure(figure, matrix, {}, impact_title="Auswirkung")
    assert counts_shown(figure) == COUNTS  # untouched
