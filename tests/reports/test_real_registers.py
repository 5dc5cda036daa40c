"""Real registers import as a new user runs them: no options, twice without duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.store.database import open_database
from tests.reports.conftest import FIXTURES, row_counts

REGISTERS = sorted(path.name for path in FIXTURES.glob("risk_register_*.xlsx"))


def _risk_count(path: Path) -> int:
    database = open_database(path, create=False)
    try:
        with database.session() as session:
            return row_counts(session)[0]
    finally:
        database.dispose()


def test_every_register_fixture_is_here() -> None:
    assert {"risk_register_security_style.xlsx", "risk_register_threat_style.xlsx", "risk_register_title_row.xlsx",
            "risk_register_text_levels.xlsx", "risk_register_zh.xlsx"} <= set(REGISTERS)  # fmt: skip


@pytest.mark.parametrize("name", REGISTERS)
def test_a_register_imports_with_no_options_and_twice_without_duplicates(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_db = tmp_path / "new.db"
    assert main(["--db", str(new_db), "import", str(FIXTURES / name)]) == 0, capsys.readouterr()
    first = _risk_count(new_db)
    assert first > 0
    capsys.readouterr()
    assert main(["--db", str(new_db), "import", str(FIXTURES / name)]) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert _risk_count(new_db) == first
    assert f"{first} unchanged" in out
