"""`python -m tests.benchmarks [--scale F] [--json PATH]`: generate the register, measure, print the table.

Every baseline runs in the same process run as what it is compared with, interleaved, so
the ratios hold on a noisy machine. Times are medians of several runs, with the spread.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

ROW_KEYS = (
    "startup", "risk_table", "search_keystroke", "sort_residual", "heatmap", "kri_reading", "export", "import",
    "memory", "dashboard", "gui_stall", "encrypted_risk_table", "encrypted_search_keystroke", "encrypted_sort_residual",
)  # fmt: skip
# The encrypted register's rows are ratios to the same rows on the plain register, measured alternately.
ENCRYPTED_ROWS = ("encrypted_risk_table", "encrypted_search_keystroke", "encrypted_sort_residual")
IMPORT_ROWS = 10_000


@dataclass(frozen=True)
class Plan:
    """How many runs each row gets; tuned so the default scale finishes well within 10 minutes on 2 cores."""

    startup: int = 5
    memory: int = 3
    register: int = 5
    keystroke_rounds: int = 3
    heatmap: int = 7
    kri_calls: int = 200
    export: int = 3
    imports: int = 3
    stall: int = 3
    import_budget_s: float | None = 90.0  # per import run; None: no time box (--no-timebox)
    #: untimed first starts (matplotlib's font cache, files into the page cache) before timing start-up
    warm_starts: bool = True
    #: how long the stall row's silent server keeps a connection attempt waiting
    silent_server_timeout_s: int = 3


# A check that the harness works end to end (the smoke test), not a measurement.
QUICK = Plan(
    startup=1, memory=1, register=1, keystroke_rounds=1, heatmap=1, kri_calls=20, export=1, imports=1, stall=1,
    warm_starts=False, silent_server_timeout_s=2,  # libpq waits at least 2 s
)  # fmt: skip


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="size factor (1.0: 20,000 risks; 0.1 for a quick look)"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--only", help=f"comma-separated rows to run (of {', '.join(ROW_KEYS)})")
    parser.add_argument(
        "--no-timebox",
        action="store_true",
        help="let the import run to the end however long it takes (default: stopped after 90 s)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="one run per row: checks the harness, measures little"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder (generated database, files)"
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.only:
        unknown = set(args.only.split(",")) - set(ROW_KEYS)
        if unknown:
            parser.error(f"unknown rows: {', '.join(sorted(unknown))}")
    return args


_databases: dict[float, tuple[Path, dict[str, Any]]] = {}


def database_for(scale: float, work: Path) -> tuple[Path, dict[str, Any]]:
    """The synthetic register of a scale, generated once per run and kept in the work folder."""
    from tests.benchmarks.generate import generate

    if scale not in _databases:
        path = work / f"register-{scale:g}.db"
        _databases[scale] = (path, generate(path, scale))
    return _databases[scale]


def _format(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    return f"{value:.0f} {unit}"


def format_table(rows: list[dict[str, Any]]) -> str:
    """The rows as a fixed-width table: what, median, spread (min-max and quartiles), target, result."""
    header = ("what", "median", "min - max", "p25 - p75", "runs", "target", "result")
    lines = []
    for row in rows:
        unit = row["unit"]
        lines.append((
            row["what"], (">= " if row.get("lower_bound") else "") + _format(row["median"], unit),
            f"{_format(row['min'], unit)} - {_format(row['max'], unit)}",
            f"{_format(row['p25'], unit)} - {_format(row['p75'], unit)}",
            str(row["runs"]), f"<= {_format(row['target'], unit)}", row["status"],
        ))  # fmt: skip
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    out = [" | ".join(str(cell).ljust(width) for cell, width in zip(header, widths, strict=True))]
    out.append("-+-".join("-" * width for width in widths))
    out += [
        " | ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines
    ]
    return "\n".join(out)


def _error_row(key: str, error: BaseException) -> dict[str, Any]:
    return {
        "key": key, "what": key, "how": "", "unit": "", "median": None, "min": None, "max": None, "p25": None,
        "p75": None, "runs": 0, "samples": [], "target": None, "target_op": "<=", "status": "ERROR", "lower_bound": False,
        "details": {"error": f"{type(error).__name__}: {error}"},
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    started = time.perf_counter()
    wanted = set(args.only.split(",")) if args.only else set(ROW_KEYS)
    work = Path(tempfile.mkdtemp(prefix="opsdesk-bench-"))
    # This process's own settings, logs, backups and matplotlib cache stay in the work folder.
    os.environ["OPSDESK_HOME"] = str(work / "home")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop("MPLCONFIGDIR", None)
    plan = QUICK if args.quick else Plan()
    if args.no_timebox:
        plan = replace(plan, import_budget_s=None)
    load_before = os.getloadavg()
    results: dict[str, dict[str, Any]] = {}
    generated: dict[str, Any] = {}
    failed = False
    try:
        print(f"Generating the register at scale {args.scale:g} in {work} ...", flush=True)
        db_path, generated = database_for(args.scale, work)
        print(f"  {generated['counts']} in {generated['seconds']:.1f} s ({generated['bytes'] / 1e6:.0f} MB)",
              flush=True)  # fmt: skip

        from tests.benchmarks import measure_data, measure_encrypted, measure_gui, measure_stall

        import_rows = max(20, round(IMPORT_ROWS * args.scale))
        steps: list[tuple[tuple[str, ...], Callable[[], Any]]] = [
            (("startup",), lambda: measure_gui.measure_startup(db_path, work, plan.startup, warm=plan.warm_starts)),
            (("memory",), lambda: measure_gui.measure_memory(db_path, work, plan.memory, warm=plan.warm_starts)),
            (("dashboard",), lambda: measure_gui.measure_dashboard(db_path, plan.register)),
            (("risk_table", "search_keystroke", "sort_residual"),
             lambda: measure_gui.measure_register(db_path, plan.register, plan.keystroke_rounds)),
            (("heatmap",), lambda: measure_gui.measure_heatmap(db_path, plan.heatmap)),
            (("gui_stall",), lambda: measure_stall.measure_gui_stall(db_path, plan.stall, plan.silent_server_timeout_s)),
            (("kri_reading",), lambda: measure_data.measure_kri_reading(db_path, work, plan.kri_calls)),
            (("export",), lambda: measure_data.measure_export(db_path, work, plan.export)),
            (("import",), lambda: measure_data.measure_import(
                db_path, work, import_rows, plan.imports, plan.import_budget_s)),
            (ENCRYPTED_ROWS, lambda: measure_encrypted.measure_encrypted_register(
                db_path, work, plan.register, plan.keystroke_rounds, rounds=1 if args.quick else 2)),
        ]  # fmt: skip
        for keys, step in steps:
            if not wanted & set(keys):
                continue
            step_started = time.perf_counter()
            print(f"Measuring {', '.join(keys)} ...", flush=True)
            try:
                produced = step()
                for row in produced if isinstance(produced, list) else [produced]:
                    results[row.key] = row.to_json()
                    print(f"  {row.what}: {_format(row.median, row.unit)} ({row.status})", flush=True)
            except Exception as exc:  # one broken row must not hide the others
                failed = True
                traceback.print_exc()
                for key in keys:
                    results[key] = _error_row(key, exc)
            print(f"  ({time.perf_counter() - step_started:.0f} s)", flush=True)
    finally:
        if args.keep:
            print(f"Work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - started
    rows = [results[key] for key in ROW_KEYS if key in results]
    print()
    print(format_table(rows))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"\nTotal run time: {total:.0f} s (scale {args.scale:g}; load average now {load} on {os.cpu_count()} CPUs)"
    )
    if args.json:
        report = {
            "scale": args.scale,
            "started_at": datetime.now().isoformat(timespec="seconds"),
            "total_seconds": total,
            "generated": generated,
            "machine": {
                "cpus": os.cpu_count(),
                "python": sys.version.split()[0],
                "platform": platform.platform(),
            },
            "plan": asdict(plan),
            "load_average": {"before": load_before, "after": os.getloadavg()},
            "rows": rows,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
        print(f"Results written to {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
