"""Where OpsDesk keeps user data and finds its bundled files: from a checkout, a wheel, or the frozen build.

`resources/` and `data/` sit at the top of a source checkout; a wheel carries the same files
inside the package (opsdesk/resources, opsdesk/data: setup.py copies them in); PyInstaller
puts them at the top of its bundle. RUNTIME_FILES says which files the app reads, for the
wheel and the spec alike; both load this file on its own, without importing the package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "OpsDesk"

# Per top folder, the files the app reads at run time (glob patterns); generator scripts and
# translation sources stay out of every build.
RUNTIME_FILES: dict[str, tuple[str, ...]] = {
    "resources": (
        "icons/*.png", "icons/*.ico", "icons/pages/*.svg", "icons/pages/LICENSE", "icons/ui/*.svg",
        "icons/ui/LICENSE", "style/*.qss", "translations/*.qm", "licenses/*",
    ),
    "data": ("*.toml", "*.xlsx"),
}  # fmt: skip


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


def installation() -> str:
    """How this OpsDesk runs: "build" (PyInstaller), "installed" (from a wheel) or "source" (a checkout)."""
    if getattr(sys, "_MEIPASS", None):
        return "build"
    return "installed" if (Path(__file__).resolve().parent / "resources").is_dir() else "source"


def bundle_root() -> Path:
    """The folder holding `resources/` and `data/`: PyInstaller's bundle, the installed package, or the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    package = Path(__file__).resolve().parent
    return package if installation() == "installed" else package.parent


def runtime_files(root: Path) -> list[Path]:
    """The files of RUNTIME_FILES found under `root` (a checkout), relative to it, sorted."""
    found = {
        path.relative_to(root)
        for folder, patterns in RUNTIME_FILES.items()
        for pattern in patterns
        for path in (root / folder).glob(pattern)
        if path.is_file()
    }
    return sorted(found)


def resource_path(*parts: str) -> Path:
    """A file under `resources/` (icons, style sheets, translations)."""
    return bundle_root().joinpath("resources", *parts)


def data_path(*parts: str) -> Path:
    """A file under `data/` (demo company, import template)."""
    return bundle_root().joinpath("data", *parts)


def migrations_dir() -> Path:
    """The Alembic script folder (env.py, versions/): the package's own, which the build ships as files."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    package = Path(frozen_root, "opsdesk") if frozen_root else Path(__file__).resolve().parent
    return package.joinpath("store", "migrations")
