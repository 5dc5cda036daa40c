"""One OpsDesk window per register: a second window on the same file is refused with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from opsdesk.store.database import open_database
from opsdesk.ui.single_instance import RegisterInUseError, holds_register, lock_path, release_register

REPO = Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QLockFile
    from opsdesk.ui.single_instance import lock_path

    lock = QLockFile(str(lock_path(Path(sys.argv[1]))))
    assert lock.tryLock(0)
    print("held", flush=True)
    sys.stdin.readline()
    lock.unlock()
    """
)


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "register.db"
    open_database(path, user="tester").dispose()
    return path


def test_a_second_window_on_the_same_register_is_refused(qapp, register: Path, answer_messages) -> None:
    from opsdesk.ui.app import open_for_gui

    first = open_for_gui(str(register))
    try:
        assert holds_register(register) and lock_path(register).exists()
        # Another OpsDesk process holds it: this process, as seen from a second one.
        child = subprocess.run(
            [sys.executable, "-c", "import sys; from opsdesk.ui.app import open_for_gui; open_for_gui(sys.argv[1])",
             str(register)],
            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
            timeout=120, check=False,
        )  # fmt: skip
        assert child.returncode != 0
        assert (
            f"RegisterInUseError: {register.resolve()} is already open in another OpsDesk window (process {os.getpid()}"
            in child.stderr
        )
        # The same window reopening its own register (after a restore) is not a second window.
        again = open_for_gui(str(register))
        again.dispose()
    finally:
        release_register(first)
        first.dispose()
    assert not holds_register(register)


def test_a_register_held_by_another_process_is_refused_until_it_closes(qapp, register: Path) -> None:
    from opsdesk.ui.app import open_for_gui

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(register)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RegisterInUseError) as refused:
            open_for_gui(str(register))
        assert str(refused.value) == (
            f"{register.resolve()} is already open in another OpsDesk window (process {holder.pid} on "
            f"{os.uname().nodename}). Switch to that window, or close it and open the register again."
        )
    finally:
        holder.communicate("\n", timeout=60)
    database = open_for_gui(str(register))
    try:
        assert holds_register(register)
    finally:
        release_register(database)
        database.dispose()


def test_opening_another_register_in_the_window_lets_go_of_the_first(
    qtbot, register: Path, tmp_path: Path, make_context, answer_messages
) -> None:
    from opsdesk.ui.app import open_for_gui
    from opsdesk.ui.main_window import MainWindow

    window = MainWindow(make_context(open_for_gui(str(register))))
    qtbot.addWidget(window)
    other = tmp_path / "other.db"
    assert window.switch_database(str(other))
    assert holds_register(other) and not holds_register(register)
    window.close()
    assert not holds_register(other)
