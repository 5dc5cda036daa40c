"""`opsdesk --self-test`: the unattended check a build runs (CI runs it on the frozen app too)."""

from __future__ import annotations

import logging
import re
import sys
import threading
from pathlib import Path

import pytest

from opsdesk.ui.main_window import PAGES


@pytest.fixture
def gui_start(monkeypatch: pytest.MonkeyPatch, qapp):
    """run_gui installs logging, hooks and MPLCONFIGDIR for the process: undo them after the test."""
    import os

    root = logging.getLogger()
    before = list(root.handlers)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    if "MPLCONFIGDIR" in os.environ:
        monkeypatch.setenv("MPLCONFIGDIR", os.environ["MPLCONFIGDIR"])
    else:
        monkeypatch.delenv("MPLCONFIGDIR", raising=False)
    from opsdesk.ui.app import run_gui

    yield run_gui
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def register(register_template: Path, tmp_path: Path) -> str:
    """A copy of the migrated empty register: the tests of a failing self-test need a register, not a new one."""
    from tests.registers import copy_register

    return str(copy_register(register_template, tmp_path / "selftest.db"))


def test_self_test_passes_and_says_what_it_checked(gui_start, tmp_path: Path, isolated_home, capsys) -> None:
    assert gui_start(str(tmp_path / "selftest.db"), self_test=True) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    line = out[0]
    assert line.startswith("self-test: ok: OpsDesk ")
    assert f"{len(PAGES)}/{len(PAGES)} pages" in line
    assert "heatmap PNG" in line and "light theme" in line
    assert re.search(r"PostgreSQL driver psycopg [\d.]+ \((binary|c|python), libpq \d+\)", line)
    assert ", keyring keyring.backends." in line
    assert f", source files in {Path(__file__).resolve().parents[2]}," in line
    from opsdesk.paths import log_file_path

    log = log_file_path().read_text(encoding="utf-8")
    assert log_file_path().parent == isolated_home / "logs"
    assert "starting (source)" in log and line in log


def test_self_test_fails_on_a_database_it_cannot_open(gui_start, tmp_path: Path, capsys) -> None:
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("these are not the risks you are looking for\n" * 50, encoding="utf-8")
    assert gui_start(str(not_a_database), self_test=True) == 1
    assert capsys.readouterr().out.startswith("self-test: FAILED: cannot open the database:")


def test_self_test_fails_when_the_chart_cannot_render(
    gui_start, tmp_path: Path, monkeypatch, capsys, register
) -> None:
    import opsdesk.reports.charts.heatmap as heatmap

    def broken(*_args, **_kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(heatmap, "build_heatmap_figure", broken)
    assert gui_start(register, self_test=True) == 1
    line = capsys.readouterr().out.strip()
    # The heatmap page draws the same figure, so the failure may surface there first.
    assert line.startswith("self-test: FAILED: RuntimeError: ") and line.endswith("no fonts")


def test_self_test_fails_when_a_bundled_file_is_missing(
    gui_start, tmp_path: Path, monkeypatch, capsys, register
) -> None:
    from opsdesk import paths

    monkeypatch.setattr(paths, "data_path", lambda *parts: tmp_path.joinpath("data", *parts))
    assert gui_start(register, self_test=True) == 1
    assert capsys.readouterr().out.strip() == (
        f"self-test: FAILED: SelfTestFailure: bundled files missing: {tmp_path / 'data' / 'demo.toml'}"
    )


def test_self_test_fails_when_the_postgresql_driver_has_no_libpq(
    gui_start, tmp_path: Path, monkeypatch, capsys, register
) -> None:
    import psycopg

    def missing() -> int:
        raise ImportError("no pq wrapper available")

    monkeypatch.setattr(psycopg.pq, "version", missing)
    assert gui_start(register, self_test=True) == 1
    assert capsys.readouterr().out.strip() == (
        "self-test: FAILED: SelfTestFailure: the PostgreSQL driver has no libpq: no pq wrapper available"
    )


def test_self_test_on_a_server_register_creates_its_schema_and_passes(
    gui_start, isolated_home, capsys
) -> None:
    from sqlalchemy.engine import make_url

    from opsdesk.store.migrations import head_revision
    from tests.postgres import create_database, database_url, drop_database

    name = create_database("opsdesk_selftest")
    url = database_url(name)
    try:
        assert gui_start(url, self_test=True) == 0
    finally:
        drop_database(name)
    line = capsys.readouterr().out.strip()
    assert line.startswith("self-test: ok: OpsDesk ")
    parsed = make_url(url)
    assert f"database postgresql+psycopg://{parsed.username}@" in line and parsed.password not in line
    assert f"/{name} (schema {head_revision()})" in line


def test_self_test_passes_on_a_register_holding_values_written_outside_opsdesk(
    gui_start, demo_template: Path, tmp_path: Path, capsys
) -> None:
    import shutil

    from tests.ui.test_invalid_values import tamper_sqlite

    path = tmp_path / "tampered.db"
    shutil.copyfile(demo_template, path)
    tamper_sqlite(path)  # residual likelihood 99, unknown levels and codes, a reading of 1.7e308...

    assert gui_start(str(path), self_test=True) == 0
    assert capsys.readouterr().out.startswith("self-test: ok: ")
