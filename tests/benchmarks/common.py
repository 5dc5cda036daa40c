"""Rows of the benchmark table: samples, median and spread, target and verdict."""

from __future__ import annotations

import gc
import os
import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]


def spread(samples: list[float]) -> dict[str, float]:
    """Median, min, max and the quartiles of some samples (quartiles equal the median for one sample)."""
    ordered = sorted(samples)
    median = statistics.median(ordered)
    if len(ordered) >= 2:
        p25, _, p75 = statistics.quantiles(ordered, n=4, method="inclusive")
    else:
        p25 = p75 = median
    return {"median": median, "min": ordered[0], "max": ordered[-1], "p25": p25, "p75": p75}


@dataclass
class Row:
    """One line of the table: what was measured, how, its samples and its target (always "at most")."""

    key: str
    what: str
    how: str
    unit: str  # "s", "ms", "MB" or "x" (a ratio to a baseline measured in the same run)
    target: float
    samples: list[float]
    details: dict[str, Any] = field(default_factory=dict)
    value: float | None = None  # a ratio row's value (ratio of medians); else the median of the samples
    lower_bound: bool = False  # stopped at a time box: the true value is at least this

    @property
    def stats(self) -> dict[str, float]:
        return spread(self.samples)

    @property
    def median(self) -> float:
        return self.value if self.value is not None else self.stats["median"]

    @property
    def status(self) -> str:
        return "PASS" if self.median <= self.target else "MISS"

    def to_json(self) -> dict[str, Any]:
        stats = self.stats
        return {
            "key": self.key, "what": self.what, "how": self.how, "unit": self.unit,
            "median": self.median, "min": stats["min"], "max": stats["max"], "p25": stats["p25"], "p75": stats["p75"],
            "runs": len(self.samples), "samples": self.samples, "target": self.target, "target_op": "<=",
            "status": self.status, "lower_bound": self.lower_bound, "details": self.details,
        }  # fmt: skip


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds one call takes (garbage collected before, so an earlier run's garbage is not charged to it)."""
    gc.collect()
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def copy_database(source: Path, target: Path) -> Path:
    """A private copy of a closed database file (its WAL was folded in when it was closed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def child_environment(home: Path) -> dict[str, str]:
    """The environment of a measured subprocess: offscreen Qt, its own data folder, the repository importable."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["OPSDESK_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env
