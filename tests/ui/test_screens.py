"""Windows and dialogs fit the screen: a 1920x1080 laptop at 175% scaling shows every button and the status bar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

from opsdesk.ui.screens import available_area, fit_to_screen
from tests.registers import copy_register

REPO = Path(__file__).resolve().parents[2]
# 1920x1080 less a 48-pixel taskbar, at 175%: about 1097x569 logical pixels, as on such a laptop.
LAPTOP_SCREEN = {"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 996, "logicalDpi": 96,
                 "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip


def test_every_dialog_shows_its_buttons_on_a_laptop_at_175_percent(
    tmp_path: Path, demo_template: Path
) -> None:
    copy_register(demo_template, tmp_path / "demo.db")  # the child opens it: loading the demo takes seconds
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [LAPTOP_SCREEN]}), encoding="utf-8")
    env = {
        **os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": "1.75",
    }  # fmt: skip
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("screens_at_175.py")), str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["area"] == [1097, 569]
    windows = report["windows"]
    assert len(windows) == 11
    assert {name: window["outside"] for name, window in windows.items()} == {name: [] for name in windows}
    # The large ones were made to fit (their minimum sizes are bigger than this screen).
    for name in ("main window", "import wizard", "risk editor", "nonconformity editor", "meeting editor"):
        left, top, width, height = windows[name]["frame"]
        assert left >= 0 and top >= 0 and left + width <= 1097 and top + height <= 569, name


def test_a_minimum_size_beyond_the_screen_is_clamped_and_the_window_moved_inside(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QPushButton("Save"))
    area = available_area(dialog)
    dialog.setMinimumSize(area.width() + 300, area.height() + 200)
    dialog.resize(area.width() + 400, area.height() + 300)
    dialog.move(area.right() - 50, area.bottom() - 50)

    fit_to_screen(dialog)

    assert dialog.minimumWidth() < area.width() and dialog.minimumHeight() < area.height()
    assert dialog.width() <= area.width() and dialog.height() <= area.height()
    assert area.contains(dialog.frameGeometry().topLeft())
    assert dialog.x() + dialog.width() <= area.right() + 1


def test_a_window_that_fits_is_left_as_it_is(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(300, 200)
    dialog.resize(400, 300)
    dialog.move(20, 30)
    fit_to_screen(dialog)
    assert (dialog.minimumWidth(), dialog.minimumHeight(), dialog.width(), dialog.height()) == (
        300,
        200,
        400,
        300,
    )
    assert (dialog.x(), dialog.y()) == (20, 30)
