"""Risk matrix, level bands and review intervals."""

from __future__ import annotations

import json
from datetime import date

import pytest

from opsdesk.domain.errors import ValidationError
from opsdesk.domain.matrix import (
    LevelBand,
    ReviewIntervals,
    RiskMatrix,
    default_matrix,
    default_review_intervals,
)

LOW = LevelBand("low", "Low", "#4CAF50")
HIGH = LevelBand("high", "High", "#D32F2F")


def asymmetric_4x4() -> RiskMatrix:
    """A 4x4 matrix where rare-but-severe is rated higher than likely-but-minor."""
    return RiskMatrix(
        likelihood_labels=("L1", "L2", "L3", "L4"),
        impact_labels=("I1", "I2", "I3", "I4"),
        bands=(LOW, HIGH),
        cells=(
            ("low", "low", "low", "high"),
            ("low", "low", "high", "high"),
            ("low", "low", "high", "high"),
            ("low", "low", "high", "high"),
        ),
        appetite="low",
    )


def matrix_kwargs(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "likelihood_labels": ("a", "b", "c"),
        "impact_labels": ("x", "y", "z"),
        "bands": (LOW, HIGH),
        "cells": (("low",) * 3, ("low",) * 3, ("high",) * 3),
        "appetite": "low",
    }
    base.update(changes)
    return base


# -- default matrix ------------------------------------------------------


def test_default_matrix_shape_labels_and_bands() -> None:
    m = default_matrix()
    assert m.likelihood_count == 5
    assert m.impact_count == 5
    assert m.max_score == 25
    assert m.likelihood_labels == ("Rare", "Unlikely", "Possible", "Likely", "Almost certain")
    assert m.impact_labels == ("Insignificant", "Minor", "Moderate", "Major", "Severe")
    assert [b.code for b in m.bands] == ["low", "medium", "high", "critical"]
    assert [b.name for b in m.bands] == ["Low", "Medium", "High", "Critical"]
    assert m.band("medium").color == "#FFC107"
    assert m.band("high").color == "#FF7043"
    assert m.band("critical").color == "#D32F2F"
    assert m.appetite == "medium"


@pytest.mark.parametrize(
    ("likelihood", "impact", "score", "code"),
    [
        (1, 1, 1, "low"),
        (2, 2, 4, "low"),
        (1, 4, 4, "low"),
        (1, 5, 5, "medium"),
        (5, 1, 5, "medium"),
        (3, 3, 9, "medium"),
        (2, 5, 10, "high"),
        (5, 2, 10, "high"),
        (4, 4, 16, "high"),
        (4, 5, 20, "critical"),
        (5, 4, 20, "critical"),
        (5, 5, 25, "critical"),
    ],
)
def test_default_matrix_levels_at_score_boundaries(
    likelihood: int, impact: int, score: int, code: str
) -> None:
    m = default_matrix()
    assert m.score(likelihood, impact) == score
    assert m.level(likelihood, impact).code == code


@pytest.mark.parametrize("likelihood", [0, 6, -1, 2.5, "3", True, None])
def test_out_of_range_likelihood_is_a_field_error(likelihood: object) -> None:
    m = default_matrix()
    with pytest.raises(ValidationError) as info:
        m.score(likelihood, 3)  # type: ignore[arg-type]
    assert info.value.errors == {"likelihood": "Likelihood must be between 1 and 5."}
    with pytest.raises(ValidationError) as info:
        m.level(likelihood, 3)  # type: ignore[arg-type]
    assert info.value.errors == {"likelihood": "Likelihood must be between 1 and 5."}


@pytest.mark.parametrize("impact", [0, 6])
def test_out_of_range_impact_is_a_field_error(impact: int) -> None:
    with pytest.raises(ValidationError) as info:
        default_matrix().score(3, impact)
    assert info.value.errors == {"impact": "Impact must be between 1 and 5."}


def test_both_coordinates_wrong_reports_both_fields() -> None:
    with pytest.raises(ValidationError) as info:
        default_matrix().level(0, 9)
    assert set(info.value.errors) == {"likelihood", "impact"}


def test_rank_and_appetite() -> None:
    m = default_matrix()
    assert [m.rank(c) for c in ("low", "medium", "high", "critical")] == [0, 1, 2, 3]
    assert m.is_above_appetite("low") is False
    assert m.is_above_appetite("medium") is False  # at appetite is not above it
    assert m.is_above_appetite("high") is True
    assert m.is_above_appetite("critical") is True


def test_unknown_band_code_is_refused() -> None:
    m = default_matrix()
    for call in (m.band, m.rank, m.is_above_appetite):
        with pytest.raises(ValidationError):
            call("extreme")


# -- custom matrices -----------------------------------------------------


def test_asymmetric_matrix_is_not_transposed() -> None:
    m = asymmetric_4x4()
    assert m.level(1, 4).code == "high"
    assert m.level(4, 1).code == "low"
    assert m.level(1, 4) != m.level(4, 1)
    assert m.score(1, 4) == m.score(4, 1) == 4
    assert m.max_score == 16
    with pytest.raises(ValidationError) as info:
        m.score(5, 1)
    assert info.value.errors == {"likelihood": "Likelihood must be between 1 and 4."}


def test_with_cell_returns_a_changed_copy() -> None:
    m = default_matrix()
    changed = m.with_cell(1, 5, "critical")
    assert changed.level(1, 5).code == "critical"
    assert m.level(1, 5).code == "medium"  # original untouched
    assert changed.level(5, 1).code == "medium"
    with pytest.raises(ValidationError):
        m.with_cell(1, 5, "extreme")
    with pytest.raises(ValidationError):
        m.with_cell(6, 1, "low")


def test_dict_round_trip_through_json() -> None:
    m = asymmetric_4x4().with_cell(2, 1, "high")
    data = json.loads(json.dumps(m.to_dict()))
    assert RiskMatrix.from_dict(data) == m
    assert RiskMatrix.from_dict(default_matrix().to_dict()) == default_matrix()
    assert data["cells"][1][0] == "high"
    assert data["bands"][0] == {"code": "low", "name": "Low", "color": "#4CAF50"}


def test_from_dict_refuses_missing_keys_and_bad_bands() -> None:
    data = default_matrix().to_dict()
    del data["appetite"]
    with pytest.raises(ValidationError) as info:
        RiskMatrix.from_dict(data)
    assert "appetite" in info.value.errors
    data = default_matrix().to_dict()
    data["bands"] = [{"code": "low", "name": "Low"}, {"code": "x", "name": "X"}]
    with pytest.raises(ValidationError) as info:
        RiskMatrix.from_dict(data)
    assert "bands" in info.value.errors


def test_lists_are_stored_as_tuples_and_matrix_is_hashable() -> None:
    m = RiskMatrix(**matrix_kwargs(likelihood_labels=["a", "b", "c"], cells=[["low"] * 3] * 3))
    assert m.likelihood_labels == ("a", "b", "c")
    assert m.cells == (("low",) * 3,) * 3
    assert hash(m) == hash(RiskMatrix(**matrix_kwargs(cells=(("low",) * 3,) * 3)))


def test_by_score_builds_cells_from_upper_scores() -> None:
    m = RiskMatrix.by_score(
        ("a", "b", "c"),
        ("x", "y", "z"),
        (LOW, LevelBand("mid", "Mid", "#FFC107"), HIGH),
        (2, 4),
        "mid",
    )
    assert m.cells == (
        ("low", "low", "mid"),
        ("low", "mid", "high"),
        ("mid", "high", "high"),
    )
    with pytest.raises(ValidationError) as info:
        RiskMatrix.by_score(("a", "b", "c"), ("x", "y", "z"), (LOW, HIGH), (4, 2), "low")
    assert "upper_scores" in info.value.errors
    with pytest.raises(ValidationError) as info:
        RiskMatrix.by_score(("a", "b", "c"), ("x", "y", "z"), (LOW, HIGH), (), "low")
    assert "upper_scores" in info.value.errors


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"likelihood_labels": ("a", "b")}, "likelihood_labels"),
        ({"likelihood_labels": tuple("abcdefghijk")}, "likelihood_labels"),
        ({"likelihood_labels": ("a", " ", "c")}, "likelihood_labels"),
        ({"impact_labels": ("x", "y")}, "impact_labels"),
        ({"impact_labels": ("x", "", "z")}, "impact_labels"),
        ({"cells": (("low",) * 3, ("low",) * 3)}, "cells"),
        ({"cells": (("low",) * 3, ("low",) * 2, ("low",) * 3)}, "cells"),
        ({"cells": (("low",) * 3, ("low", "extreme", "low"), ("low",) * 3)}, "cells"),
        ({"bands": (LOW,), "cells": (("low",) * 3,) * 3}, "bands"),
        ({"bands": tuple(LevelBand(f"b{i}", "B", "#000000") for i in range(7))}, "bands"),
        ({"bands": (LOW, LevelBand("low", "Again", "#000000"))}, "bands"),
        ({"bands": (LOW, LevelBand("high", "High", "red"))}, "bands"),
        ({"bands": (LOW, LevelBand("high", "High", "#12345G"))}, "bands"),
        ({"bands": (LOW, LevelBand("high", "High", "#FFF"))}, "bands"),
        ({"bands": (LOW, LevelBand("high", "", "#FFFFFF"))}, "bands"),
        ({"appetite": "medium"}, "appetite"),
    ],
)
def test_invalid_matrix_is_refused_with_field_message(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        RiskMatrix(**matrix_kwargs(**changes))  # type: ignore[arg-type]
    assert field in info.value.errors
    assert info.value.errors[field].endswith(".")


def test_dimension_limits_3_and_10_are_accepted() -> None:
    RiskMatrix(**matrix_kwargs())  # type: ignore[arg-type]
    ten = tuple(str(i) for i in range(10))
    m = RiskMatrix(
        likelihood_labels=ten,
        impact_labels=ten,
        bands=(LOW, HIGH),
        cells=(("low",) * 10,) * 10,
        appetite="low",
    )
    assert m.max_score == 100


# -- review intervals ----------------------------------------------------


@pytest.mark.parametrize(
    ("code", "due"),
    [
        ("critical", date(2026, 4, 15)),
        ("high", date(2026, 4, 15)),
        ("medium", date(2026, 7, 14)),
        ("low", date(2027, 1, 15)),
        ("unknown", date(2026, 4, 15)),  # falls back to the shortest (90 days)
    ],
)
def test_default_review_dates(code: str, due: date) -> None:
    assert default_review_intervals().next_review(code, date(2026, 1, 15)) == due


def test_unknown_level_uses_shortest_interval() -> None:
    intervals = ReviewIntervals({"low": 365, "medium": 30, "high": 60})
    assert intervals.next_review("extreme", date(2026, 1, 1)) == date(2026, 1, 31)


@pytest.mark.parametrize("days", [{"low": 0}, {"low": -5}, {"low": 1.5}, {}])
def test_non_positive_review_interval_is_refused(days: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as info:
        ReviewIntervals(days)  # type: ignore[arg-type]
    assert "days" in info.value.errors


def test_review_intervals_round_trip_and_are_immutable() -> None:
    source = {"critical": 30, "low": 400}
    intervals = ReviewIntervals(source)
    source["low"] = 1  # the caller's dict must not leak in
    assert intervals.days["low"] == 400
    data = json.loads(json.dumps(intervals.to_dict()))
    assert ReviewIntervals.from_dict(data) == intervals
    assert ReviewIntervals.from_dict({"critical": 30, "low": 400}) == intervals
    assert hash(intervals) == hash(ReviewIntervals({"low": 400, "critical": 30}))
    with pytest.raises(TypeError):
        intervals.days["low"] = 5  # type: ignore[index]
