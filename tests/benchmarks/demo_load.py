"""`python -m tests.benchmarks.demo_load [--runs N]`: how long `load_demo` takes on a new SQLite register.

Prints the median wall and CPU time of N loads, with the statements and flushes of one load (the
machine may be shared: CPU time and the counts say more than the wall time). To compare two
versions, run it from each checkout in turn, alternately.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path


def one_load(folder: Path) -> tuple[float, float, int, int]:
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from opsdesk.services.demo import load_demo
    from opsdesk.services.settings import ensure_defaults
    from opsdesk.store.database import open_database

    database = open_database(folder / "register.db", user="demo")
    counts = {"statements": 0, "flushes": 0}

    def statement(*_args: object) -> None:
        counts["statements"] += 1

    def flushed(*_args: object) -> None:
        counts["flushes"] += 1

    try:
        with database.session() as session:
            ensure_defaults(session=session)
        event.listen(database.engine, "before_cursor_execute", statement)
        event.listen(Session, "after_flush", flushed)
        wall, cpu = time.perf_counter(), time.process_time()
        with database.session() as session:
            load_demo(session=session)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        event.remove(Session, "after_flush", flushed)
    finally:
        database.dispose()
    return wall, cpu, counts["statements"], counts["flushes"]


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.demo_load", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="opsdesk-demo-load-") as work:
        os.environ["HOME"] = work  # settings and logs of the runs stay in the work folder
        results = [one_load(Path(tempfile.mkdtemp(dir=work))) for _ in range(args.runs)]
    wall = statistics.median(r[0] for r in results)
    cpu = statistics.median(r[1] for r in results)
    print(
        f"load_demo: {wall:.2f} s wall, {cpu:.2f} s CPU (medians of {args.runs}); "
        f"{results[0][2]} statements, {results[0][3]} flushes"
    )


if __name__ == "__main__":
    main()
