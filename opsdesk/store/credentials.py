"""Server and encrypted-register passwords: kept in the system keyring when the user asks, else asked each time.

OpsDesk never writes a password to its own files: the remembered database URLs have none,
and the keyring (Windows Credential Manager, macOS Keychain, Secret Service) holds the
ones a user chose to remember. Every keyring call may fail (no backend on a bare Linux, a
locked store): then the password is simply asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from opsdesk.domain.errors import PasswordRequiredError
from opsdesk.store.database import Database, database_url, open_database, sqlite_path, without_password

KEYRING_SERVICE = "OpsDesk"
log = logging.getLogger(__name__)

#: asks the user for a password: (the URL without password, why it is asked) -> password or None
AskPassword = Callable[[str, str], "str | None"]


def credential_name(url: str) -> str:
    """The keyring entry of a server database (user@host:port/database) or of an encrypted register file."""
    path = sqlite_path(url)
    if path is not None:
        return f"register:{path.resolve()}"
    parsed = make_url(url)
    return (
        f"{parsed.username or ''}@{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
    )


def saved_password(url: str) -> str | None:
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, credential_name(url))
    except Exception as exc:  # no keyring backend, or a locked one: ask instead
        log.info("no password from the keyring: %s", exc)
        return None


def save_password(url: str, password: str) -> bool:
    """Remember the password in the system keyring; False when there is no usable keyring."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, credential_name(url), password)
        return True
    except Exception as exc:
        log.warning("the keyring could not keep the password: %s", exc)
        return False


def forget_password(url: str) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, credential_name(url))
    except Exception as exc:  # nothing saved, or no keyring: nothing to forget
        log.info("no password forgotten: %s", exc)


def open_with_password(
    path_or_url: str | Path, *, ask: AskPassword | None = None, password: str | None = None, **options: object
) -> Database:
    """open_database, and for a server that wants a password: the given one, the keyring's,
    then `ask` (again after a wrong one) until it opens or `ask` gives up (None)."""
    url, url_password = without_password(database_url(path_or_url))
    password = password if password is not None else url_password
    try:
        return open_database(url, password=password, **options)
    except PasswordRequiredError as refused:
        error = refused
    if password is None:
        saved = saved_password(url)
        if saved is not None:
            try:
                return open_database(url, password=saved, **options)
            except PasswordRequiredError as refused:
                error = refused
    while ask is not None:
        typed = ask(url, str(error))
        if typed is None:
            break
        try:
            return open_database(url, password=typed, **options)
        except PasswordRequiredError as refused:
            error = refused
    raise error
