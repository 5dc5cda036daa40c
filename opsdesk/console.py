"""Standard streams a command can always write to: UTF-8 when redirected, the log when there is no console.

The windowed build (PyInstaller console=False, or pythonw for `opsdesk-gui`) starts with
sys.stdout, sys.stderr and sys.stdin set to None: `print` silently drops everything and
`isatty()` raises. Redirected to a file under a Windows code page, Python encodes output as
cp1252 and a Chinese header ends the command with UnicodeEncodeError. Qt-free.
"""

from __future__ import annotations

import io
import logging
import os
import sys

log = logging.getLogger("opsdesk.output")
ATTACH_PARENT_PROCESS = -1


class LoggedStream(io.TextIOBase):
    """Where output goes when the process has no console: one log record per line."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level
        self._pending = ""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if line.strip():
                log.log(self.level, "%s", line.rstrip("\r"))
        return len(text)

    def flush(self) -> None:
        if self._pending.strip():
            log.log(self.level, "%s", self._pending)
        self._pending = ""


def _parent_console() -> tuple[io.TextIOBase, io.TextIOBase] | None:
    """On Windows, the console of the cmd or PowerShell that started a windowed OpsDesk, if any."""
    if os.name != "nt":
        return None
    import ctypes

    if not ctypes.windll.kernel32.AttachConsole(ATTACH_PARENT_PROCESS):  # type: ignore[attr-defined]
        return None
    try:
        out = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115 - lives as long as the process
    except OSError:
        return None
    return out, out


def _utf8_when_redirected(stream: io.TextIOBase) -> None:
    # A console shows Unicode itself; a file or pipe gets UTF-8 whatever the code page or
    # PYTHONIOENCODING says, and nothing a stream cannot encode ends a command.
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return
    try:
        redirected = not stream.isatty()
    except (OSError, ValueError):
        return
    if redirected and (stream.encoding or "").replace("-", "").lower() != "utf8":
        reconfigure(encoding="utf-8", errors="backslashreplace")
    elif not redirected:
        reconfigure(errors="replace")


def prepare_standard_streams() -> None:
    """Give a process without a console streams that work, and redirected output UTF-8."""
    if sys.stdout is None or sys.stderr is None:
        from opsdesk.logging_setup import configure_logging

        configure_logging()  # where LoggedStream's lines go
        console = _parent_console()
        if sys.stdout is None:
            sys.stdout = console[0] if console else LoggedStream(logging.INFO)
        if sys.stderr is None:
            sys.stderr = console[1] if console else LoggedStream(logging.WARNING)
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - reads as empty, isatty() is False
    for stream in (sys.stdout, sys.stderr):
        _utf8_when_redirected(stream)
