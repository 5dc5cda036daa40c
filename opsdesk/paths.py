"""Where OpsDesk keeps user data and finds its bundled files, from source or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "OpsDesk"


def user_data_dir() -> Path:
    """The per-user data folder (created on demand); OPSDESK_HOME overrides it for tests."""
    override = os.environ.get("OPSDESK_HOME")
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_data_path

        folder = user_data_path(APP_NAME, appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_path() -> Path:
    return user_data_dir() / "opsdesk.db"


def log_folder() -> Path:
    """The folder of the log files, one per process."""
    return user_data_dir() / "logs"


# Named once per process: two windows never share (and so never rename) one log file, which
# Windows refuses while the other process holds it open.
_log_names: dict[int, str] = {}


def log_file_path() -> Path:
    """This process's log file (a windowed build has no console to print to)."""
    pid = os.getpid()
    name = _log_names.get(pid)
    if name is None:
        from datetime import datetime

        name = _log_names[pid] = f"opsdesk-{datetime.now():%Y%m%d-%H%M%S}-{pid}.log"
    return log_folder() / name


def is_frozen() -> bool:
    """True inside the PyInstaller build."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def bundle_root() -> Path:
    """The folder holding `resources/` and `data/`: the repository, or PyInstaller's bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """A file under `resources/` (icons, style sheets, translations)."""
    return bundle_root().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    """A file under `data/` (demo company, import template)."""
    return bundle_root().joinpath("data", *parts)


def migrations_dir() -> Path:
    """The Alembic script folder (env.py, versions/): the package's own, which the build ships as files."""
    return bundle_root().joinpath("opsdesk", "store", "migrations")
