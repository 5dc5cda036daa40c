"""`python -m tests.screenshots [--out DIR] [SHOT ...]`: write the PNGs, say which shots failed."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    # The tests' 1920x1080 screen: the default offscreen screen is 800x600, and windows are fitted to their screen.
    screen = Path(__file__).resolve().parents[1] / "offscreen_screen.json"
    if os.environ.setdefault("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    from tests.screenshots import DEFAULT_OUTPUT, SHOTS, take

    parser = argparse.ArgumentParser(
        prog="python -m tests.screenshots",
        description="Screenshots of every page and dialog of OpsDesk on the demo company, for a person to look at.",
    )
    parser.add_argument(
        "shots", nargs="*", metavar="SHOT", help="only these shots (default: all; see --list)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUTPUT, help=f"folder for the PNGs (default: {DEFAULT_OUTPUT})"
    )
    parser.add_argument("--list", action="store_true", help="list the shots and what each shows, then stop")
    options = parser.parse_args(argv)
    if options.list:
        for name, function in SHOTS.items():
            print(f"{name:20} {(function.__doc__ or '').strip()}")
        return 0
    unknown = [name for name in options.shots if name not in SHOTS]
    if unknown:
        parser.error(f"no such shot: {', '.join(unknown)} (python -m tests.screenshots --list)")
    failed = 0
    for outcome in take(options.shots, options.out):
        if outcome.error:
            failed += 1
            print(f"FAILED {outcome.name}: {outcome.error}", file=sys.stderr)
        print(f"{outcome.name}: {len(outcome.written)} PNG" + ("" if len(outcome.written) == 1 else "s"))
    print(f"Written to {options.out}" + (f"; {failed} shot(s) failed" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
