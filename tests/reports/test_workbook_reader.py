"""The import's workbook reader: python-calamine, bounded, and password-protected workbooks in memory."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlmodel import Session

from opsdesk.cli import main
from opsdesk.domain.catalogue import message
from opsdesk.reports import excel_source
from opsdesk.reports.excel_import import apply_import, preview_import
from opsdesk.reports.excel_source import (
    WorkbookPasswordError,
    WorkbookUnreadableError,
    is_password_protected,
    read_workbook,
)
from opsdesk.reports.workbook_password import encrypt_workbook
from opsdesk.store.database import Database, open_database
from tests.reports.conftest import FIXTURES, TODAY, row_counts

REGISTER = FIXTURES / "risk_register_title_row.xlsx"
PASSWORD = "Register-2026 secret"


def _encrypted(tmp_path: Path, name: str = "protected.xlsx") -> Path:
    """The title-row register, encrypted as Excel's File > Info > Encrypt with Password does."""
    folder = tmp_path / "workbooks"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(encrypt_workbook(REGISTER.read_bytes(), PASSWORD))
    return path


def _folder(path: Path) -> dict[str, bytes]:
    return {item.name: item.read_bytes() for item in sorted(path.iterdir()) if item.is_file()}


@pytest.fixture
def db_path(database: Database) -> Path:
    path = database.path
    database.dispose()
    return path


def _counts(path: Path) -> tuple[int, int]:
    database = open_database(path, create=False)
    try:
        with database.session() as session:
            return row_counts(session)
    finally:
        database.dispose()


def test_values_keep_their_types_and_rows_stop_at_their_last_used_cell(tmp_path: Path) -> None:
    path = tmp_path / "types.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Title", "Identified on", "Likelihood", "Impact", "Score", "Open", "Note"])
    sheet.append(["Payroll late", date(2026, 3, 12), 3, 2.5, "=C2*D2", True])
    sheet.append(["Supplier fails", datetime(2026, 1, 2, 9, 30), 4, 4])
    sheet["Z2"].number_format = "0.0"  # formatted but empty: not a used cell
    sheet.append([])
    sheet.append(["   "])  # blank text only: an empty row
    sheet.append(["Flood", None, 2, 5])
    workbook.save(path)
    source = read_workbook(path)
    assert source.headers == ("Title", "Identified on", "Likelihood", "Impact", "Score", "Open", "Note")
    assert [row.number for row in source.rows] == [2, 3, 6]
    first, second, third = (row.values for row in source.rows)
    assert first == ("Payroll late", datetime(2026, 3, 12), 3, 2.5, None, True, None)
    assert type(first[2]) is int and type(first[1]) is datetime  # as openpyxl gave them
    assert second[:4] == ("Supplier fails", datetime(2026, 1, 2, 9, 30), 4, 4)
    assert third == ("Flood", None, 2, 5, None, None, None)


def test_a_sheet_over_the_cell_cap_is_refused_in_one_sentence_of_the_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "wide.xlsx"
    workbook = Workbook()
    workbook.active.title = "Risks"
    workbook.active.append(["Title", "Likelihood", "Impact"])
    workbook.active.append(["A risk", 3, 4])
    workbook.active["AD40"] = ""  # formatted, no value: not counted
    workbook.active["J50"] = "stray"
    workbook.save(path)
    monkeypatch.setattr(excel_source, "MAX_CELLS", 499)  # 50 rows x 10 columns
    with pytest.raises(WorkbookUnreadableError) as refused:
        read_workbook(path)
    assert refused.value.codes() == {"file": "workbook.too_many_cells"}
    assert refused.value.summary() == (
        "Sheet 'Risks' of wide.xlsx reaches column J and row 50 (500 cells), more than OpsDesk reads (at most 499); "
        "delete the empty columns and rows after the register's last ones, then import again."
    )
    assert refused.value.problems[0].message("zh_CN").startswith("wide.xlsx 的工作表“Risks”延伸到第 J 列")
    monkeypatch.setattr(excel_source, "MAX_CELLS", 500)
    assert [row.values[0] for row in read_workbook(path).rows] == ["A risk", None]


def test_an_encrypted_workbook_imports_with_its_password_and_nothing_decrypted_is_written(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    path = _encrypted(tmp_path)
    before = _folder(path.parent)
    scratch = tmp_path / "temporary"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where a temporary copy would go
    assert is_password_protected(path) and not is_password_protected(REGISTER)
    with pytest.raises(WorkbookPasswordError) as refused:
        read_workbook(path)
    assert refused.value.codes() == {"file": "workbook.password_needed"}
    assert not refused.value.wrong_password
    source = read_workbook(path, password=PASSWORD)
    plain = read_workbook(REGISTER)
    assert (source.sheet, source.header_row, source.headers) == (plain.sheet, plain.header_row, plain.headers)
    assert source.rows == plain.rows and len(source.rows) == 25
    preview = preview_import(session=session, source=source, today=TODAY)
    result = apply_import(session=session, preview=preview)
    session.commit()
    assert len(result.codes) == 25 and row_counts(session)[0] == 25
    assert _folder(path.parent) == before  # only the encrypted file, unchanged: nothing decrypted on disk
    assert list(scratch.iterdir()) == []


def test_a_wrong_password_reads_nothing_and_says_so_in_english_and_chinese(
    session: Session, tmp_path: Path
) -> None:
    path = _encrypted(tmp_path)
    with pytest.raises(WorkbookPasswordError) as refused:
        read_workbook(path, password="not the password")
    assert refused.value.wrong_password
    assert refused.value.summary() == message("workbook.wrong_password", language="en")
    assert refused.value.summary() == "The password does not open this workbook; nothing was read."
    assert refused.value.problems[0].message("zh_CN") == "该密码无法打开此工作簿；未读取任何内容。"
    assert row_counts(session)[0] == 0
    assert sorted(item.name for item in path.parent.iterdir()) == ["protected.xlsx"]


def test_an_old_xls_is_not_taken_for_a_protected_workbook(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert not is_password_protected(path)
    with pytest.raises(WorkbookUnreadableError, match=r"old Excel 97-2003 workbook \(\.xls\)") as refused:
        read_workbook(path, password="anything")
    assert not isinstance(refused.value, WorkbookPasswordError)


def test_cli_imports_a_protected_workbook_with_password_stdin(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _encrypted(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--db", str(db_path), "import", str(path), "--password-stdin"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Reading protected.xlsx: sheet 'Risk Register', header in row 2, 25 rows."
    assert "Imported: 0 unchanged, 0 updated, 25 created." in out
    assert _counts(db_path)[0] == 25


def test_cli_wrong_password_is_one_line_exit_1_and_nothing_imported(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _encrypted(tmp_path)
    before = _counts(db_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("guess\n"))
    assert main(["--db", str(db_path), "import", str(path), "--password-stdin"]) == 1
    captured = capsys.readouterr()
    assert captured.err == "opsdesk: error: The password does not open this workbook; nothing was read.\n"
    assert captured.out == ""
    assert _counts(db_path) == before


def test_cli_without_a_terminal_says_to_use_password_stdin(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _encrypted(tmp_path)
    before = _counts(db_path)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal
    assert main(["--db", str(db_path), "import", str(path)]) == 1
    assert capsys.readouterr().err == (
        "opsdesk: error: protected.xlsx is protected by a password: give it on standard input with --password-stdin.\n"
    )
    assert _counts(db_path) == before


def test_cli_on_a_terminal_asks_for_the_password(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _encrypted(tmp_path)
    asked: list[str] = []

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSWORD)
    assert main(["--db", str(db_path), "import", str(path), "--dry-run"]) == 0
    assert asked == ["Password of protected.xlsx: "]
    assert "Dry run: nothing was written." in capsys.readouterr().out


def test_the_windows_build_carries_the_compiled_reader() -> None:
    spec = (Path(__file__).resolve().parents[2] / "opsdesk.spec").read_text(encoding="utf-8")
    assert '"python_calamine._python_calamine"' in spec
