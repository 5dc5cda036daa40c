"""The configurable risk matrix (likelihood x impact -> level band), review intervals.

A matrix is a value object: it validates itself on construction, so any matrix
that exists is usable, and it round-trips through plain JSON-safe dicts so the
store can keep it as a settings blob.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import pairwise
from types import MappingProxyType
from typing import Any

from opsdesk.domain.errors import Problem, ValidationError

MIN_DIMENSION = 3
MAX_DIMENSION = 10
MIN_BANDS = 2
MAX_BANDS = 6

_HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _is_int(value: object) -> bool:
    # bool is an int subclass; True must not silently mean likelihood 1.
    return isinstance(value, int) and not isinstance(value, bool)


def _in_range(value: object, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= high


@dataclass(frozen=True)
class LevelBand:
    """One risk level (e.g. "high"), with the colour used to paint it."""

    code: str
    name: str
    color: str

    def to_dict(self) -> dict[str, str]:
        """Return a JSON-safe dict of this band."""
        return {"code": self.code, "name": self.name, "color": self.color}


@dataclass(frozen=True)
class RiskMatrix:
    """A likelihood x impact grid whose cells name level bands."""

    likelihood_labels: tuple[str, ...]
    impact_labels: tuple[str, ...]
    bands: tuple[LevelBand, ...]
    cells: tuple[tuple[str, ...], ...]
    appetite: str

    def __post_init__(self) -> None:
        # Accept lists (e.g. from JSON) but store tuples so the matrix stays hashable.
        object.__setattr__(self, "likelihood_labels", _as_tuple(self.likelihood_labels))
        object.__setattr__(self, "impact_labels", _as_tuple(self.impact_labels))
        object.__setattr__(self, "bands", _as_tuple(self.bands))
        cells = _as_tuple(self.cells)
        if _is_sequence(cells):
            cells = tuple(_as_tuple(row) if _is_sequence(row) else row for row in cells)
        object.__setattr__(self, "cells", cells)
        errors: dict[str, Problem] = {}
        _check_labels(errors, "likelihood_labels", "likelihood", self.likelihood_labels)
        _check_labels(errors, "impact_labels", "impact", self.impact_labels)
        codes = _check_bands(errors, self.bands)
        _check_cells(
            errors,
            self.cells,
            _length(self.likelihood_labels),
            _length(self.impact_labels),
            codes,
        )
        # With broken bands the appetite cannot be judged; the bands error says enough.
        appetite_known = isinstance(self.appetite, str) and self.appetite in codes
        if "bands" not in errors and not appetite_known:
            errors["appetite"] = _problem(
                "appetite",
                "matrix.appetite_not_a_band",
                value=self.appetite,
                bands=[b.code for b in self.bands],
            )
        if errors:
            raise ValidationError(list(errors.values()))

    # -- dimensions -------------------------------------------------------

    @property
    def likelihood_count(self) -> int:
        """Number of likelihood rows."""
        return len(self.likelihood_labels)

    @property
    def impact_count(self) -> int:
        """Number of impact columns."""
        return len(self.impact_labels)

    @property
    def max_score(self) -> int:
        """Highest possible score (likelihood count x impact count)."""
        return self.likelihood_count * self.impact_count

    # -- scoring ----------------------------------------------------------

    def coordinate_problems(self, likelihood: object, impact: object) -> list[Problem]:
        """What is wrong with a likelihood and impact on this matrix (an empty list when both fit)."""
        problems = []
        if not _in_range(likelihood, self.likelihood_count):
            problems.append(
                Problem("likelihood", "matrix.outside", {"maximum": self.likelihood_count}, "assessment")
            )
        if not _in_range(impact, self.impact_count):
            problems.append(Problem("impact", "matrix.outside", {"maximum": self.impact_count}, "assessment"))
        return problems

    def _check_coordinates(self, likelihood: object, impact: object) -> None:
        problems = self.coordinate_problems(likelihood, impact)
        if problems:
            raise ValidationError(problems)

    def score(self, likelihood: int, impact: int) -> int:
        """Return likelihood x impact, refusing values outside the matrix."""
        self._check_coordinates(likelihood, impact)
        return likelihood * impact

    def level(self, likelihood: int, impact: int) -> LevelBand:
        """Return the band of the cell at (likelihood, impact)."""
        self._check_coordinates(likelihood, impact)
        return self.band(self.cells[likelihood - 1][impact - 1])

    def band(self, code: str) -> LevelBand:
        """Return the band with this code."""
        for band in self.bands:
            if band.code == code:
                return band
        raise ValidationError(Problem("level", "matrix.unknown_level", {"value": code}))

    def find_band(self, code: object) -> LevelBand | None:
        """Return the band with this code, or None for a code that is not one of this matrix's
        (a value written outside OpsDesk): screens show it as invalid instead of failing."""
        return next((band for band in self.bands if band.code == code), None)

    def has_level(self, code: object) -> bool:
        """Tell whether a stored level code is a band of this matrix."""
        return self.find_band(code) is not None

    def rank(self, code: str) -> int:
        """Return the position of a band, 0 being the lowest."""
        for index, band in enumerate(self.bands):
            if band.code == code:
                return index
        raise ValidationError(Problem("level", "matrix.unknown_level", {"value": code}))

    def is_above_appetite(self, code: str) -> bool:
        """Tell whether a level ranks strictly above the risk appetite."""
        return self.rank(code) > self.rank(self.appetite)

    # -- editing and persistence -----------------------------------------

    def with_cell(self, likelihood: int, impact: int, code: str) -> RiskMatrix:
        """Return a copy with one cell set to another band."""
        self._check_coordinates(likelihood, impact)
        self.band(code)
        rows = [list(row) for row in self.cells]
        rows[likelihood - 1][impact - 1] = code
        return replace(self, cells=tuple(tuple(row) for row in rows))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict that from_dict turns back into this matrix."""
        return {
            "likelihood_labels": list(self.likelihood_labels),
            "impact_labels": list(self.impact_labels),
            "bands": [band.to_dict() for band in self.bands],
            "cells": [list(row) for row in self.cells],
            "appetite": self.appetite,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RiskMatrix:
        """Build a matrix from a dict made by to_dict (validated as usual)."""
        if not isinstance(data, Mapping):
            raise ValidationError("matrix.not_a_mapping", field="matrix")
        keys = ("likelihood_labels", "impact_labels", "bands", "cells", "appetite")
        missing = [key for key in keys if key not in data]
        if missing:
            raise ValidationError({key: "matrix.setting_missing" for key in missing})
        raw_bands = data["bands"]
        if not _is_sequence(raw_bands) or not all(isinstance(b, Mapping) for b in raw_bands):
            raise ValidationError({"bands": "matrix.band_incomplete"})
        try:
            bands = tuple(LevelBand(b["code"], b["name"], b["color"]) for b in raw_bands)
        except KeyError as exc:
            raise ValidationError({"bands": "matrix.band_incomplete"}) from exc
        return cls(
            likelihood_labels=data["likelihood_labels"],
            impact_labels=data["impact_labels"],
            bands=bands,
            cells=data["cells"],
            appetite=data["appetite"],
        )

    @classmethod
    def by_score(
        cls,
        likelihood_labels: Sequence[str],
        impact_labels: Sequence[str],
        bands: Sequence[LevelBand],
        upper_scores: Sequence[int],
        appetite: str,
    ) -> RiskMatrix:
        """Build cells: band i covers scores <= upper_scores[i], the last the rest."""
        bands = tuple(bands)
        uppers = list(upper_scores)
        if not bands:
            raise ValidationError(
                _problem("bands", "matrix.band_count", minimum=MIN_BANDS, maximum=MAX_BANDS, count=len(bands))
            )
        # One bound per band but the last, which is open (a bound for it is tolerated).
        if len(uppers) not in (len(bands) - 1, len(bands)) or not all(_is_int(u) for u in uppers):
            raise ValidationError(_problem("upper_scores", "matrix.upper_scores_count", count=len(bands) - 1))
        if any(b <= a for a, b in pairwise(uppers)):
            raise ValidationError({"upper_scores": "matrix.upper_scores_increase"})
        uppers = uppers[: len(bands) - 1]

        def code_for(score: int) -> str:
            for band, upper in zip(bands, uppers, strict=False):
                if score <= upper:
                    return band.code
            return bands[-1].code

        cells = tuple(
            tuple(code_for(lik * imp) for imp in range(1, len(impact_labels) + 1))
            for lik in range(1, len(likelihood_labels) + 1)
        )
        return cls(tuple(likelihood_labels), tuple(impact_labels), bands, cells, appetite)


def _is_sequence(value: object) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def _length(value: Any) -> int:
    # -1 never matches a row count, so a non-list of labels also fails the cells check.
    return len(value) if _is_sequence(value) else -1


def _as_tuple(value: Any) -> Any:
    # Leave non-sequences alone so validation can report them instead of crashing.
    return tuple(value) if _is_sequence(value) else value


def _problem(field: str, code: str, /, **params: Any) -> Problem:
    return Problem(field, code, params)


def _check_labels(errors: dict[str, Problem], key: str, what: str, labels: Any) -> None:
    # `what` is "likelihood" or "impact": each has its own sentences in the catalogue.
    if not _is_sequence(labels):
        errors[key] = _problem(key, f"matrix.{what}_labels_not_a_list")
    elif not MIN_DIMENSION <= len(labels) <= MAX_DIMENSION:
        errors[key] = _problem(
            key, f"matrix.{what}_level_count", minimum=MIN_DIMENSION, maximum=MAX_DIMENSION, count=len(labels)
        )
    elif not all(isinstance(label, str) and label.strip() for label in labels):
        errors[key] = _problem(key, f"matrix.{what}_level_unnamed")


def _check_bands(errors: dict[str, Problem], bands: Any) -> set[str]:
    """Validate the bands; return the set of their codes (even if some are invalid)."""
    if not _is_sequence(bands) or not all(isinstance(b, LevelBand) for b in bands):
        errors["bands"] = _problem("bands", "matrix.bands_not_a_list")
        return set()
    codes = [b.code for b in bands]
    known = {c for c in codes if isinstance(c, str)}
    if not MIN_BANDS <= len(bands) <= MAX_BANDS:
        errors["bands"] = _problem(
            "bands", "matrix.band_count", minimum=MIN_BANDS, maximum=MAX_BANDS, count=len(bands)
        )
    elif not all(isinstance(c, str) and c.strip() for c in codes):
        errors["bands"] = _problem("bands", "matrix.band_needs_code")
    elif len(set(codes)) != len(codes):
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        errors["bands"] = _problem("bands", "matrix.band_codes_repeated", codes=dupes)
    elif not all(isinstance(b.name, str) and b.name.strip() for b in bands):
        errors["bands"] = _problem("bands", "matrix.band_needs_name")
    else:
        bad = [b for b in bands if not isinstance(b.color, str) or not _HEX_COLOR.match(b.color)]
        if bad:
            errors["bands"] = _problem("bands", "matrix.band_color", level=bad[0].code, color=bad[0].color)
    return known


def _check_cells(errors: dict[str, Problem], cells: Any, rows: int, columns: int, codes: set[str]) -> None:
    if not _is_sequence(cells) or not all(_is_sequence(row) for row in cells):
        errors["cells"] = _problem("cells", "matrix.cells_not_rows")
        return
    if len(cells) != rows or any(len(row) != columns for row in cells):
        errors["cells"] = _problem("cells", "matrix.cells_shape", rows=rows, columns=columns)
        return
    if not codes:
        return  # the bands error already explains the problem
    for lik, row in enumerate(cells, start=1):
        for imp, code in enumerate(row, start=1):
            if code not in codes:
                errors["cells"] = _problem(
                    "cells", "matrix.cell_not_a_band", likelihood=lik, impact=imp, value=code
                )
                return


def default_matrix() -> RiskMatrix:
    """Return the seeded 5x5 matrix (low/medium/high/critical, appetite medium)."""
    return RiskMatrix.by_score(
        likelihood_labels=("Rare", "Unlikely", "Possible", "Likely", "Almost certain"),
        impact_labels=("Insignificant", "Minor", "Moderate", "Major", "Severe"),
        bands=(
            LevelBand("low", "Low", "#4CAF50"),
            LevelBand("medium", "Medium", "#FFC107"),
            LevelBand("high", "High", "#FF7043"),
            LevelBand("critical", "Critical", "#D32F2F"),
        ),
        # 1-4 low, 5-9 medium, 10-16 high, 20-25 critical (no product falls in 17-19).
        upper_scores=(4, 9, 16),
        appetite="medium",
    )


@dataclass(frozen=True)
class ReviewIntervals:
    """How many days after an assessment a risk of each level is due for review."""

    days: Mapping[str, int]

    def __post_init__(self) -> None:
        if not isinstance(self.days, Mapping) or not self.days:
            raise ValidationError({"days": "review.no_interval"})
        for code, value in self.days.items():
            if not isinstance(code, str) or not code.strip():
                raise ValidationError({"days": "review.interval_needs_level"})
            if not _is_int(value) or value <= 0:
                raise ValidationError(_problem("days", "review.interval_not_positive", level=code))
        # A read-only copy: the caller's dict can change without changing this value.
        object.__setattr__(self, "days", MappingProxyType(dict(self.days)))

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.days.items())))

    def interval(self, level_code: str) -> int:
        """Return the interval in days for a level (the shortest if unknown)."""
        # Unknown level: be cautious and review as soon as the strictest level would be.
        return self.days.get(level_code, min(self.days.values()))

    def next_review(self, level_code: str, from_date: date) -> date:
        """Return the date the next review is due."""
        return from_date + timedelta(days=self.interval(level_code))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict that from_dict turns back into these intervals."""
        return {"days": dict(self.days)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReviewIntervals:
        """Build intervals from to_dict output (a bare {level: days} also works)."""
        if isinstance(data, Mapping) and isinstance(data.get("days"), Mapping):
            return cls(dict(data["days"]))
        if isinstance(data, Mapping):
            return cls(dict(data))
        raise ValidationError({"days": "review.not_a_mapping"})


def default_review_intervals() -> ReviewIntervals:
    """Return the seeded intervals: critical and high 90 days, medium 180, low 365."""
    return ReviewIntervals({"critical": 90, "high": 90, "medium": 180, "low": 365})
