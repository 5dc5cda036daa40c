"""The encrypted register: SQLCipher connections (the `sqlcipher3` package, SQLite with encryption).

An encrypted register is a SQLite database whose every page, its write-ahead log and its
backups are encrypted (AES-256, key derived from the password by PBKDF2-HMAC-SHA512). The
file starts with random bytes instead of "SQLite format 3": that is how OpsDesk knows it
needs a password. The password only ever lives in memory (and, on request, in the system
keyring); it is never written to OpsDesk's files or logs.

`sqlcipher3` is imported when an encrypted register is first used, so opening a plain one
costs nothing more than before.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from opsdesk.domain.errors import DatabaseError, PasswordRequiredError

_SQLITE_HEADER = b"SQLite format 3\x00"
#: SQLITE_NOTADB: what SQLCipher says for a wrong key (and for a file that is no database)
_NOT_A_DATABASE = 26
#: the SQLAlchemy driver of an encrypted register
DRIVER = "sqlite+pysqlcipher"
_MODULE = "sqlcipher3.dbapi2"
# SQLCipher 4's defaults: the key is PBKDF2-HMAC-SHA512 of the password and the file's salt
# (its first 16 bytes), 256,000 iterations, 32 bytes.
_KDF_ITERATIONS = 256_000
_SALT_BYTES = 16


def dbapi() -> ModuleType:
    """The sqlcipher3 DB-API module; DatabaseError("register.encryption_missing") without it."""
    loaded = sys.modules.get(_MODULE)
    if loaded is not None:
        return loaded
    try:
        import sqlcipher3.dbapi2 as module
    except ImportError as exc:
        raise DatabaseError("register.encryption_missing") from exc
    # SQLCipher writes each failed page decryption (a wrong password) to stderr: not for users.
    probe = module.connect(":memory:")
    try:
        probe.execute("PRAGMA cipher_log_level = NONE")
    finally:
        probe.close()
    return module


def database_errors() -> tuple[type[BaseException], ...]:
    """The DB-API error classes a register connection may raise (use as `except database_errors():`)."""
    loaded = sys.modules.get(_MODULE)
    if loaded is None:  # no SQLCipher connection was ever made in this process
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, loaded.DatabaseError)


def operational_errors() -> tuple[type[BaseException], ...]:
    loaded = sys.modules.get(_MODULE)
    if loaded is None:
        return (sqlite3.OperationalError,)
    return (sqlite3.OperationalError, loaded.OperationalError)


def quote_key(key: str) -> str:
    """The password as a SQL string literal for PRAGMA key / ATTACH ... KEY."""
    return "'" + key.replace("'", "''") + "'"


def connect(database: str, key: str, **options: Any) -> Any:
    """A sqlcipher3 connection keyed with the password (nothing is read until the first query)."""
    connection = dbapi().connect(database, **options)
    try:
        connection.execute(f"PRAGMA key = {quote_key(key)}")
    except BaseException:
        connection.close()
        raise
    return connection


def derive_key(password: str, salt: bytes) -> str:
    """The raw key SQLCipher derives from a password and a salt, as PRAGMA key takes it: x'key salt'.

    Derived once when a register opens; every later connection (pool, backups, checks) then
    opens in a fraction of a millisecond instead of deriving it again. A new file keyed with
    it gets the same salt, so the password alone opens it too (a backup, a restored copy).
    """
    key = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, _KDF_ITERATIONS, 32)
    return f"x'{key.hex()}{salt.hex()}'"


def file_key(path: Path, password: str) -> str:
    """The raw key of an encrypted register file for this password (a new salt for a new file)."""
    salt = b""
    if path.exists() and path.stat().st_size >= _SALT_BYTES:
        with path.open("rb") as handle:
            salt = handle.read(_SALT_BYTES)
    return derive_key(password, salt if len(salt) == _SALT_BYTES else os.urandom(_SALT_BYTES))


def check_password(password: str | None) -> str:
    """Refuse an empty password for a new encrypted register."""
    if not password:
        raise DatabaseError("register.password_empty")
    return password


def looks_encrypted(path: Path) -> bool:
    """A file that is not plain SQLite but is shaped like SQLCipher's (whole pages of random bytes).

    A short text or a file with SQLite's header is not taken for one: those stay "not a
    SQLite file" or "damaged". Whether the password opens it, only the password tells.
    """
    try:
        size = path.stat().st_size
        if size < 1024 or size % 512:
            return False
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError:
        return False
    return header != _SQLITE_HEADER


def is_plain_sqlite(path: Path) -> bool:
    """The file exists and starts with SQLite's header (it is not encrypted)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def is_wrong_key(exc: BaseException) -> bool:
    """Whether an error on a keyed connection means the password does not open the file."""
    if getattr(exc, "sqlite_errorcode", None) == _NOT_A_DATABASE:
        return True
    return "file is not a database" in str(exc)


def wrong_password(path: Path) -> PasswordRequiredError:
    return PasswordRequiredError("register.wrong_password", wrong=True, path=str(path))


def needs_password(path: Path) -> PasswordRequiredError:
    return PasswordRequiredError("register.needs_password", path=str(path))


def verify_key(path: Path, key: str, uri: str) -> None:
    """Read the first page with the key: PasswordRequiredError(wrong) when it does not open the file."""
    connection = connect(uri, key, uri=True, timeout=10.0)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except database_errors() as exc:
        if is_wrong_key(exc):
            raise wrong_password(path) from exc
        raise
    finally:
        connection.close()
