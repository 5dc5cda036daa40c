"""Consistent copies of a live SQLite database through SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from opsdesk.domain.errors import DatabaseError


def backup_folder(database_path: Path) -> Path:
    return database_path.parent / "backups"


def default_backup_path(database_path: Path, reason: str = "backup") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_folder(database_path) / f"{database_path.stem}-{reason}-{stamp}.db"


def backup_sqlite(database_path: Path, target: Path | None = None, reason: str = "backup") -> Path:
    """Copy the database with the backup API (safe while others write) and return the copy's path."""
    if not database_path.exists():
        raise DatabaseError(f"{database_path} does not exist.")
    target = target or default_backup_path(database_path, reason)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.resolve() == database_path.resolve():
        raise DatabaseError("The backup cannot overwrite the database itself.")
    partial = target.with_name(target.name + ".part")
    source = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(str(partial))
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"Backup of {database_path} failed: {exc}") from exc
    finally:
        source.close()
    # Readable by the owner only: a register is confidential.
    os.chmod(partial, 0o600)
    os.replace(partial, target)
    return target
