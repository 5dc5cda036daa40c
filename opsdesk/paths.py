"""Where OpsDesk keeps user data and finds its bundled files, from source or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "OpsDesk"


def user_data_dir() -> Path:
    """The per-user data folder (created on demand, the owner's only); OPSDESK_HOME overrides it for tests."""
    override = os.environ.get("OPSDESK_HOME")
    if override:
        folder = Path(override)
    else:
        from platformdirs import user_data_path

        folder = user_data_path(APP_NAME, appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    keep_private(folder)
    return folder


def keep_private(path: Path) -> None:
    """On POSIX, make a folder 0700 and a file 0600 when group or others may reach it: the register,
    its log and settings name people and risks. (Windows keeps the user's profile private itself.)"""
    if os.name != "posix":
        return
    try:
        mode = path.stat().st_mode
        if mode & 0o077 and path.stat().st_uid == os.getuid():
            os.chmod(path, 0o700 if path.is_dir() else 0o600)
    except OSError:
        pass  # a folder we may not change stays as it is; opening files in it still works


def private_file(path: Path) -> Path:
    """Create `path` empty and owner-only if it does not exist yet (else make it owner-only)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        keep_private(path)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "opsdesk.db"


def log_file_path() -> Path:
    """The rotating log file (a windowed build has no console to print to)."""
    return user_data_dir() / "opsdesk.log"


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
