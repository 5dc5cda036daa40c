"""The command line speaks the language asked for (--language), else the register's setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.domain import catalogue
from opsdesk.services import settings
from opsdesk.store import migrations
from opsdesk.store.database import open_database

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD_VALUES = FIXTURES / "broken" / "bad_values.xlsx"
HEAD = migrations.head_revision()
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def chinese(line: str) -> bool:
    return bool(CHINESE.search(line))


def make_register(path: Path, language: str) -> None:
    database = open_database(path, user="tester")
    try:
        with database.session() as session:
            settings.ensure_defaults(session=session)
            settings.set_language(session=session, language=language)
            session.commit()
    finally:
        database.dispose()


def test_import_with_language_chinese_frames_every_line_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "register.db"
    assert main(["--language", "zh_CN", "--db", str(db), "import", str(BAD_VALUES)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == "正在读取 bad_values.xlsx：工作表“Sheet”，表头在第 1 行，共 6 行。"
    assert "6 行：1 条新建、0 条更新、0 条不变、5 条有问题。" in out.splitlines()
    problems = err.splitlines()
    assert (
        problems[-1] == "opsdesk：错误：工作簿中有 5 个问题；未导入任何内容。"
    )  # department and category go to Unassigned
    placed = [line for line in problems if line.startswith("第 ")]
    assert [line.split("：")[0] for line in placed] == [
        "第 3 行，C 列（Likelihood）",
        "第 4 行，B 列（Title）",
        "第 5 行，D 列（Impact）",
        "第 6 行，F 列（Date Identified）",
        "第 7 行，A 列（Risk ID）",
    ]
    assert catalogue.language() == "en"  # the process's language is given back after the command


def test_import_with_language_chinese_prints_no_english_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--language", "zh_CN", "--db", str(tmp_path / "register.db"), "import", str(BAD_VALUES)])
    out, err = capsys.readouterr()
    sentences = [line for line in (out + err).splitlines() if " -> " not in line]  # the mapping lists headers
    assert [line for line in sentences if not chinese(line)] == []
    assert [line for line in err.splitlines() if re.search(r"[a-z]{3,} [a-z]{3,} [a-z]{3,}", line)] == []


def test_check_follows_the_register_language_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "register.db"
    make_register(db, "zh_CN")
    assert main(["--db", str(db), "check"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[-1] == f"{db}：状态良好（架构 {HEAD}）。"
    assert re.fullmatch(r"审计记录完整（\d+ 条）", lines[0])
    assert all(chinese(line) for line in lines)


def test_language_option_overrides_the_setting_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "register.db"
    make_register(db, "zh_CN")
    assert main(["--language", "en", "--db", str(db), "check"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{db}: healthy (schema {HEAD})."
    make_register(tmp_path / "english.db", "en")
    assert main(["--db", str(tmp_path / "english.db"), "check", "--language", "zh_CN"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{tmp_path / 'english.db'}：状态良好（架构 {HEAD}）。"


def test_an_error_before_any_register_opens_is_in_the_language_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.db"
    assert main(["--language", "zh_CN", "--db", str(tmp_path / "r.db"), "restore", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err == f"opsdesk：错误：{missing} 不存在。\n"


def test_import_in_chinese_names_skipped_rows_guesses_and_notes_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = FIXTURES / "risk_register_security_style.xlsx"
    db = tmp_path / "register.db"
    assert main(["--language", "zh_CN", "--db", str(db), "import", "--dry-run", str(workbook)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert "第 17 至 60 行已跳过：仅有模板公式。" in lines
    assert "第 63 至 64 行已跳过：页脚文字。" in lines
    assert "  I   Inherent Risk -> 固有风险等级  (取值为等级)" in lines
    assert "  H   Inherent Score (由 OpsDesk 计算)" in lines
    assert "注意：“On Hold”在 OpsDesk 中没有对应状态：读作 监控中。" in lines
    assert lines[-2:] == ["12 行：12 条新建、0 条更新、0 条不变。", "试运行：未写入任何内容。"]
    sentences = [line for line in lines if " -> " not in line]
    assert [line for line in sentences if not chinese(line)] == []
    assert err == "" and not db.exists()
