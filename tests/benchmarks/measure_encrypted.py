"""The register rows on an encrypted register (SQLCipher), as ratios to the same rows on the plain one.

The generated register is copied and encrypted (`opsdesk encrypt`'s code), then the risk
table, search keystroke and sort rows are measured on the plain and on the encrypted copy in
turn (plain first, then encrypted first, ...), `rounds` times each, in this one process: each ratio compares medians taken on the
same machine at the same time. Target: at most 1.3 times the plain register's time.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from tests.benchmarks.common import Row, copy_database

PASSWORD = "benchmark password"
TARGET = 1.3
WHAT = {
    "risk_table": "encrypted register: risk table vs plain",
    "search_keystroke": "encrypted register: search keystroke vs plain",
    "sort_residual": "encrypted register: sort vs plain",
}


def encrypted_copy(db_path: Path, work: Path) -> Path:
    from opsdesk.store.encryption import encrypt_register

    path = copy_database(db_path, work / "encrypted" / "register.db")
    encrypt_register(path, PASSWORD)
    return path


def measure_encrypted_register(
    db_path: Path, work: Path, runs: int, keystroke_rounds: int, *, rounds: int = 2
) -> list[Row]:
    from tests.benchmarks.measure_gui import measure_register

    encrypted = encrypted_copy(db_path, work)
    samples: dict[str, dict[str, list[float]]] = {"plain": {}, "encrypted": {}}
    turns = [("plain", db_path, None), ("encrypted", encrypted, PASSWORD)]
    for number in range(rounds):
        # ABBA: which goes first alternates, so neither always runs on the bigger heap or the warmer cache.
        for which, path, password in turns if number % 2 == 0 else turns[::-1]:
            for row in measure_register(path, runs, keystroke_rounds, password=password):
                samples[which].setdefault(row.key, []).extend(row.samples)
                if row.key == "risk_table":  # the query alone: where decryption costs, if anywhere
                    samples[which].setdefault("list_risks", []).append(row.details["list_risks_s"])
    rows = []
    for key, what in WHAT.items():
        plain = statistics.median(samples["plain"][key])
        secret = samples["encrypted"][key]
        rows.append(
            Row(
                key=f"encrypted_{key}",
                what=what,
                how=f"the {key} row on an encrypted copy / on the plain register, alternately, {rounds} rounds",
                unit="x",
                target=TARGET,
                samples=[value / plain for value in secret],
                value=statistics.median(secret) / plain,
                details={
                    "plain_median": plain,
                    "encrypted_median": statistics.median(secret),
                    **(
                        {
                            "list_risks_plain_s": statistics.median(samples["plain"]["list_risks"]),
                            "list_risks_encrypted_s": statistics.median(samples["encrypted"]["list_risks"]),
                        }
                        if key == "risk_table"
                        else {}
                    ),
                },
            )
        )
    return rows
