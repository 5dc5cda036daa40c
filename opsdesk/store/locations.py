"""Where a register file lives: the one SQLite URI for it, and places a SQLite file should not be.

SQLite on a network share (SMB, NFS) loses its locks and, with WAL, its shared memory:
a second computer writing the same file corrupts it. Cloud-synced folders (OneDrive and
the like) upload a file while it is written and may bring back an older copy. Windows
rules are written against `ntpath`/`PureWindowsPath`, so they are tested on any machine.
"""

from __future__ import annotations

import ntpath
import os
from collections.abc import Callable, Mapping
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote, urlencode

from opsdesk.domain.errors import DatabaseError

# GetDriveTypeW's answer for a mapped network drive.
DRIVE_REMOTE = 4
# File systems a local disk never has: the register would be shared over the network.
NETWORK_FILE_SYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "afs", "ceph", "glusterfs", "fuse.glusterfs",
     "9p", "davfs", "fuse.davfs2", "fuse.rclone", "lustre", "gpfs"}
)  # fmt: skip
# Folder names the sync clients create under the user's profile.
CLOUD_FOLDER_PREFIXES = (
    "OneDrive",
    "Dropbox",
    "Google Drive",
    "My Drive",
    "iCloudDrive",
    "iCloud Drive",
    "Box",
)
CLOUD_ENVIRONMENT = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")

# The words are the catalogue's: location.network_refused, location.network_warning, location.cloud_warning.


class NetworkLocationError(DatabaseError):
    """The register file lies on a network share or mapped network drive."""

    def __init__(self, path: Path, where: str) -> None:
        super().__init__("location.network_refused", path=str(path), where=where)
        self.path = path
        self.where = where


def _is_windows_path(path: PurePath | str) -> bool:
    return isinstance(path, PureWindowsPath) or (not isinstance(path, PurePath) and os.name == "nt")


def _windows_plain(path: str) -> str:
    r"""A Windows path without its \\?\ long-path prefix (\\?\UNC\server\share becomes \\server\share)."""
    if path.startswith("\\\\?\\UNC\\"):
        return "\\\\" + path[len("\\\\?\\UNC\\") :]
    if path.startswith("\\\\?\\"):
        return path[len("\\\\?\\") :]
    return path


def sqlite_uri(path: PurePath | str, **query: str) -> str:
    """The SQLite URI of a file: file:///C:/... for a drive, file:////server/share/... for UNC.

    Every character that means something in a URI ('?', '#', '%', spaces...) is percent-encoded,
    so a folder name can never cut the path short. `query` adds parameters such as mode="ro".
    The path should be absolute; a Windows path is recognised by its type, or on Windows by default.
    """
    if _is_windows_path(path):
        posix = PureWindowsPath(_windows_plain(str(path))).as_posix()
        if posix.startswith("//"):
            # UNC: an empty authority, then the server as the path's first part (SQLite on
            # Windows refuses file://server/... with "invalid uri authority").
            uri = "file://" + quote(posix, safe="/:")
        else:
            uri = "file:///" + quote(posix, safe="/:")
    else:
        uri = "file://" + quote(str(path), safe="/")
    return f"{uri}?{urlencode(query)}" if query else uri


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def windows_network_location(
    path: PureWindowsPath | str, *, drive_type: Callable[[str], int] = _windows_drive_type
) -> str | None:
    r"""How a Windows path reaches the network: "\\server\share", "mapped drive S:", or None when local."""
    plain = _windows_plain(str(path))
    if plain.startswith("\\\\.\\"):
        return None  # a device path, not a share
    drive, _ = ntpath.splitdrive(plain)
    if drive.startswith("\\\\"):
        return drive
    if len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == DRIVE_REMOTE:
        return f"mapped drive {drive.upper()}"
    return None


def _read_mounts() -> str:
    try:
        return Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def posix_network_location(path: PurePath | str, *, mounts: str | None = None) -> str | None:
    """The network file system (as "nfs4 on /mnt/share") holding a POSIX path, or None when local."""
    text = _read_mounts() if mounts is None else mounts
    best: tuple[str, str] | None = None
    target = str(path)
    for line in text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        # /proc/mounts escapes spaces and tabs in mount points as octal.
        point = fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fields[2])
    if best is not None and best[1] in NETWORK_FILE_SYSTEMS:
        return f"{best[1]} on {best[0]}"
    return None


def network_location(path: Path) -> str | None:
    """Where a (resolved) register path reaches the network, or None for a local disk."""
    if os.name == "nt":
        return windows_network_location(str(path))
    return posix_network_location(path)


def refuse_network_drive(path: Path, *, allowed: bool = False) -> str | None:
    """Where a register path reaches the network (None for a local disk); NetworkLocationError unless allowed."""
    where = network_location(path)
    if where is not None and not allowed:
        raise NetworkLocationError(path, where)
    return where


def cloud_sync_service(path: PurePath | str, environment: Mapping[str, str] | None = None) -> str | None:
    """The sync client (OneDrive, Dropbox...) whose folder holds this path, or None."""
    environment = os.environ if environment is None else environment
    windows = _is_windows_path(path)
    pure = PureWindowsPath(path) if windows else PurePath(path)
    for variable in CLOUD_ENVIRONMENT:
        folder = environment.get(variable)
        if folder:
            root = PureWindowsPath(folder) if windows else PurePath(folder)
            if pure == root or root in pure.parents:
                return "OneDrive"
    for part in pure.parts[:-1]:
        for prefix in CLOUD_FOLDER_PREFIXES:
            if part == prefix or part.startswith(prefix + " - "):
                return "OneDrive" if prefix == "OneDrive" else prefix
    return None


def location_warnings(*, network: str | None, cloud_service: str | None) -> list[str]:
    """What to tell the user about where an opened register lives, in the language of the moment (empty for a good place)."""
    from opsdesk.domain.catalogue import message

    warnings = []
    if network is not None:
        warnings.append(message("location.network_warning", {"where": network}))
    if cloud_service is not None:
        warnings.append(message("location.cloud_warning", {"service": cloud_service}))
    return warnings
