"""`opsdesk export` and `opsdesk import` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from opsdesk.cli import main
from opsdesk.domain.errors import OpsDeskError
from opsdesk.store.database import Database, open_database
from tests.reports.conftest import FIXTURES, row_counts


def _counts(path: Path) -> tuple[int, int]:
    database = open_database(path, create=False)
    try:
        with database.session() as session:
            return row_counts(session)
    finally:
        database.dispose()


@pytest.fixture
def db_path(database: Database) -> Path:
    path = database.path
    database.dispose()
    return path


def test_export_writes_the_report_and_says_what_it_holds(
    demo_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_database.path
    demo_database.dispose()
    out = tmp_path / "q3.xlsx"
    assert main(["--db", str(path), "export", "--quarter", "2026-Q3", "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"Exported 2026-Q3 (2026-07-01 to 2026-09-30) to {out}"
    assert "  Summary" in lines and "  Heatmap" in lines
    assert any(line.startswith("  Risk register: ") and line.endswith(" rows") for line in lines)
    assert load_workbook(out, read_only=True).sheetnames[0] == "Summary"


def test_export_with_a_password_writes_only_the_encrypted_workbook(
    demo_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io
    import zipfile

    from opsdesk.reports.workbook_password import decrypt_workbook, is_encrypted

    path = demo_database.path
    with demo_database.session() as session:
        titles = [title for (title,) in session.execute(text("SELECT title FROM risk ORDER BY id")).all()]
    demo_database.dispose()
    (tmp_path / "reports").mkdir()
    out = tmp_path / "reports" / "q3.xlsx"
    monkeypatch.setattr("sys.stdin", io.StringIO("Quarter-3 secret\n"))
    assert (
        main(["--db", str(path), "export", "--quarter", "2026-Q3", "--out", str(out), "--password-stdin"])
        == 0
    )
    assert capsys.readouterr().out.startswith("Exported 2026-Q3")
    data = out.read_bytes()
    assert is_encrypted(data)
    with pytest.raises(zipfile.BadZipFile):
        load_workbook(out, read_only=True)
    assert not any(title.encode() in data for title in titles)
    assert [entry.name for entry in out.parent.iterdir()] == ["q3.xlsx"]  # no plain temporary left
    with pytest.raises(OpsDeskError) as refused:
        decrypt_workbook(data, "Quarter-3 guess")
    assert refused.value.code == "workbook.wrong_password"
    workbook = load_workbook(io.BytesIO(decrypt_workbook(data, "Quarter-3 secret")), read_only=True)
    decrypted_rows = list(workbook["Risk register"].iter_rows(values_only=True))
    plain = tmp_path / "plain.xlsx"
    assert main(["--db", str(path), "export", "--quarter", "2026-Q3", "--out", str(plain)]) == 0
    plain_rows = list(load_workbook(plain, read_only=True)["Risk register"].iter_rows(values_only=True))
    assert len(decrypted_rows) > 10
    assert decrypted_rows == plain_rows
    assert any(titles[0] in row for row in decrypted_rows)


def test_export_refuses_an_empty_password_and_writes_nothing(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    out = tmp_path / "q3.xlsx"
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    assert (
        main(["--db", str(db_path), "export", "--quarter", "2026-Q3", "--out", str(out), "--password-stdin"])
        == 1
    )
    assert capsys.readouterr().err.strip() == "opsdesk: error: Give a password to protect the workbook with."
    assert not out.exists()


def test_export_include_and_its_errors(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "part.xlsx"
    assert (
        main(
            [
                "--db",
                str(db_path),
                "export",
                "--quarter",
                "2026q1",
                "--out",
                str(out),
                "--include",
                "register,methodology",
            ]
        )
        == 0
    )
    assert load_workbook(out, read_only=True).sheetnames == ["Risk register", "Methodology"]
    capsys.readouterr()
    assert main(["--db", str(db_path), "export", "--quarter", "2026-Q9", "--out", str(out)]) == 1
    error = capsys.readouterr().err.strip()
    assert error == "opsdesk: error: “2026-Q9” is not a quarter: use the form 2026-Q3 (quarters 1 to 4)."


def test_import_prints_the_mapping_and_a_summary(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db_path), "import", str(FIXTURES / "risk_register_title_row.xlsx")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Reading risk_register_title_row.xlsx: sheet 'Risk Register', header in row 2, 25 rows."
    assert "  G   Likelihood (1-5) -> Inherent likelihood  (header)" in out
    assert "  J   Risk Level -> Inherent level  (values are levels)" in out
    assert "  I   Risk Score (calculated by OpsDesk)" in out
    assert "25 rows: 25 to create, 0 to update, 0 unchanged." in out
    assert "Imported: 0 unchanged, 0 updated, 25 created." in out
    assert out[out.index("Workbook ID -> OpsDesk code:") + 1] == "  RSK-001 -> R-0001"
    # The first rows, cell by cell: the workbook's text and the value stored.
    first = out.index("Row 3 (create):")
    assert "    G   Likelihood (1-5): '3' -> 3 (Possible)" in out[first : first + 20]
    assert "    K   Treatment Strategy: 'Mitigate' -> Reduce" in out[first : first + 20]
    assert _counts(db_path)[0] == 25


def test_import_with_bad_values_prints_one_line_per_cell_and_writes_nothing(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _counts(db_path)
    code = main(
        [
            "--db",
            str(db_path),
            "import",
            str(FIXTURES / "broken" / "bad_values.xlsx"),
            "--department",
            "Operations",
            "--category",
            "Operational",
        ]
    )
    assert code == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "Row 3, column C (Likelihood): 7 is outside the matrix (1 to 5).",
        "Row 4, column B (Title): the title is required.",
        "Row 5, column D (Impact): 'catastrophic!!' is not an impact level: use 1 to 5 or Insignificant, Minor, "
        "Moderate, Major, Severe.",
        "Row 6, column F (Date Identified): 'yesterday' is not a date: write it as 2026-05-31 or 31/05/2026.",
        "Row 7, column A (Risk ID): the reference R-1 is already in row 2; each risk once.",
        "opsdesk: error: 5 problems in the workbook; nothing was imported.",
    ]
    assert _counts(db_path) == before


@pytest.mark.parametrize("name", ["not_excel.xlsx", "truncated.xlsx"])
def test_import_of_a_broken_file_is_one_line(
    db_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _counts(db_path)
    assert main(["--db", str(db_path), "import", str(FIXTURES / "broken" / name)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and captured.err.startswith(f"opsdesk: error: {name} is ")
    assert _counts(db_path) == before


def test_dry_run_writes_nothing(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _counts(db_path)
    assert main(["--db", str(db_path), "import", str(FIXTURES / "risk_register_zh.xlsx"), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == ["12 rows: 12 to create, 0 to update, 0 unchanged.", "Dry run: nothing was written."]
    assert _counts(db_path) == before


def test_dry_run_into_a_new_database_creates_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "registers"
    folder.mkdir()
    (folder / "notes.txt").write_text("kept as is")
    before = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir())
    new_db = folder / "new.db"
    assert main(["--db", str(new_db), "import", str(FIXTURES / "risk_register_zh.xlsx"), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == ["12 rows: 12 to create, 0 to update, 0 unchanged.", "Dry run: nothing was written."]
    assert not new_db.exists()
    assert sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()) == before


def test_import_with_sheet_header_row_mapping_and_defaults(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"Asset": "cause", "H": None}), encoding="utf-8")
    args = [
        "--db",
        str(db_path),
        "import",
        str(FIXTURES / "risk_register_text_levels.xlsx"),
        "--sheet",
        "sheet1",
        "--header-row",
        "1",
        "--mapping",
        str(mapping),
        "--department",
        "运营部",
        "--category",
        "Operational",
        "--identified-on",
        "2026-01-01",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "  C   Asset -> Cause" in out and "Imported: 0 unchanged, 0 updated, 18 created." in out
    # Without options the same workbook matches its rows by their IDs: nothing is added.
    again = ["--db", str(db_path), "import", str(FIXTURES / "risk_register_text_levels.xlsx")]
    assert main(again) == 0
    assert "0 created." in capsys.readouterr().out
    assert _counts(db_path)[0] == 18


def test_import_refuses_an_unknown_sheet(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "--db",
                str(db_path),
                "import",
                str(FIXTURES / "risk_register_title_row.xlsx"),
                "--sheet",
                "Risks",
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.strip() == (
        "opsdesk: error: risk_register_title_row.xlsx has no sheet named 'Risks' "
        "(its sheets: 'Risk Register', 'Legend')."
    )


def test_the_commands_load_no_heavy_module_at_start_up() -> None:
    code = (
        "import sys, opsdesk.cli, opsdesk.cli.excel, opsdesk.reports.excel_export, opsdesk.reports.excel_import, "
        "opsdesk.reports.excel_template; "
        "print(sorted(m for m in ('openpyxl', 'matplotlib', 'PySide6') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.stdout.strip() == "[]"
