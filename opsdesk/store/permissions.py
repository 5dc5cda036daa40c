"""Whether this process can really write a register, and keeping new files to their owner on Windows.

os.access on Windows looks only at the read-only attribute, not at the folder's access list:
a register in a folder that denies writing would open read-write and then fail. So the probe
opens the file for writing and makes a file in the folder. On Windows chmod 0600 does
nothing; `restrict_to_owner` gives a file or folder an access list of its owner, SYSTEM and
the Administrators group only (icacls), instead of what it inherits from its folder.
"""

from __future__ import annotations

import logging
import os
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from opsdesk.domain.catalogue import text  # the reasons are said in the language of the moment

log = logging.getLogger(__name__)

# Well-known SIDs: they name the same accounts in every Windows language.
SYSTEM_SID = "*S-1-5-18"
ADMINISTRATORS_SID = "*S-1-5-32-544"


def probe_writable(path: Path) -> str | None:
    """Why this process cannot write the database file or its folder (None when it can).

    Tries for real: opens the file for writing (changing nothing) and creates and removes a
    file in the folder, where SQLite puts its -wal and -shm files.
    """
    if path.exists():
        try:
            with path.open("r+b"):
                pass
        except PermissionError:
            return text("readonly.file")
        except OSError as exc:
            return text("readonly.file_unwritable", reason=exc.strerror or str(exc))
    try:
        descriptor, probe = tempfile.mkstemp(prefix=".opsdesk-write-test-", dir=path.parent)
    except OSError:
        return text("readonly.folder", folder=str(path.parent))
    os.close(descriptor)
    try:
        os.unlink(probe)
    except OSError as exc:
        log.warning("could not remove the write test %s: %s", probe, exc)
    return None


def current_windows_account(environment: dict[str, str] | None = None) -> str:
    r"""DOMAIN\user of the signed-in Windows user, as icacls names it."""
    environment = dict(os.environ) if environment is None else environment
    user = environment.get("USERNAME", "")
    domain = environment.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain else user


def icacls_command(path: Path | str, account: str, *, folder: bool) -> list[str]:
    """The icacls call that leaves only the owner, SYSTEM and Administrators with access."""
    # (OI)(CI): files and folders made inside a folder inherit the same list.
    rights = "(OI)(CI)F" if folder else "F"
    return [
        "icacls", str(path), "/inheritance:r",
        "/grant:r", f"{account}:{rights}", f"{SYSTEM_SID}:{rights}", f"{ADMINISTRATORS_SID}:{rights}",
    ]  # fmt: skip


def restrict_to_owner(
    path: Path,
    *,
    windows: bool | None = None,
    run: Callable[[Sequence[str]], subprocess.CompletedProcess] | None = None,
) -> bool:
    """On Windows, give a new register, backup or export an owner-only access list; True when done.

    Elsewhere the POSIX modes set when the file is made do this, and nothing happens here.
    A failure is logged, never raised: the file is made, only less private.
    """
    windows = os.name == "nt" if windows is None else windows
    if not windows:
        return False
    run = run or (lambda command: subprocess.run(command, capture_output=True, text=True, check=False,
                                                 creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0)))  # fmt: skip
    command = icacls_command(path, current_windows_account(), folder=Path(path).is_dir())
    try:
        result = run(command)
    except OSError as exc:
        log.warning("could not restrict access to %s: %s", path, exc)
        return False
    if result.returncode != 0:
        log.warning(
            "could not restrict access to %s: %s", path, (result.stderr or result.stdout or "").strip()
        )
        return False
    return True
