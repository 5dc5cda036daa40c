"""The benchmark (tests/benchmarks, issue 7) runs end to end at a tiny scale and reports every row.

It asserts the report's shape only: no time is checked here (times belong to the benchmark's
own table, run by hand with `python -m tests.benchmarks`).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.__main__ import ROW_KEYS

REPO = Path(__file__).resolve().parents[1]


def test_benchmark_runs_at_a_tiny_scale_and_reports_every_row(tmp_path: Path) -> None:
    report_path = tmp_path / "bench.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OPSDESK_HOME=str(tmp_path / "home"))
    done = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks", "--scale", "0.005", "--quick", "--json", str(report_path)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["scale"] == 0.005
    assert report["generated"]["counts"]["risks"] == 100
    assert report["generated"]["counts"]["assessments"] == 400
    assert [row["key"] for row in report["rows"]] == list(ROW_KEYS)
    for row in report["rows"]:
        for name in ("median", "min", "max", "p25", "p75", "target"):
            assert isinstance(row[name], int | float) and math.isfinite(row[name]), (row["key"], name)
        assert row["runs"] >= 1 and len(row["samples"]) == row["runs"]
        assert row["status"] in ("PASS", "MISS")
    # The printed table names every row too.
    for row in report["rows"]:
        assert row["what"] in done.stdout
