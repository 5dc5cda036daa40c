"""The data folder is the owner's only (0700), and so are the log and the settings (0600), on POSIX:
they name people, risks and registers. Checked under a umask that hides nothing."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from opsdesk.logging_setup import configure_logging
from opsdesk.paths import user_data_dir

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_is_made_owner_only_and_an_open_one_is_closed(
    isolated_home: Path, open_umask: None
) -> None:
    assert mode(user_data_dir()) == 0o700
    os.chmod(isolated_home, 0o755)  # as an older OpsDesk left it
    assert mode(user_data_dir()) == 0o700


def test_the_log_and_its_rotated_files_are_owner_only(isolated_home: Path, open_umask: None) -> None:
    root = logging.getLogger()
    path = configure_logging()
    try:
        logging.getLogger("opsdesk.test").warning("a line naming a register")
        handler = next(h for h in root.handlers if getattr(h, "baseFilename", None) == str(path))
        handler.doRollover()
        logging.getLogger("opsdesk.test").warning("after the rollover")
        assert mode(path) == 0o600
        assert mode(path.with_name(path.name + ".1")) == 0o600
    finally:
        for handler in [h for h in root.handlers if getattr(h, "baseFilename", None) == str(path)]:
            root.removeHandler(handler)
            handler.close()


def test_the_settings_file_is_owner_only_after_qt_writes_it(
    qapp, isolated_home: Path, open_umask: None
) -> None:
    from opsdesk.ui.app import create_settings

    settings = create_settings()
    settings.setValue("recent", ["/home/mia/registers/acme.db"])
    settings.sync()
    assert (isolated_home / "settings.ini").read_text(encoding="utf-8").count("acme.db") == 1
    assert mode(isolated_home / "settings.ini") == 0o600
