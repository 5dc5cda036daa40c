"""The screenshot script (`python -m tests.screenshots`) stays runnable; the test run writes no PNGs itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.screenshots import SHOTS, take
from tests.screenshots.__main__ import main


def test_every_shot_says_what_it_shows(capsys) -> None:
    assert main(["--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listed] == list(SHOTS)
    assert all(function.__doc__ and function.__doc__.strip() for function in SHOTS.values())


def test_an_unknown_shot_is_refused_before_anything_runs(capsys, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--out", str(tmp_path), "no_such_shot"])
    assert stop.value.code == 2
    assert "no such shot: no_such_shot" in capsys.readouterr().err
    assert not tmp_path.joinpath("connect_dialog.png").exists()


def test_a_shot_writes_its_screens_as_png_files(qapp, tmp_path: Path) -> None:
    (outcome,) = take(["connect_dialogs"], tmp_path)
    assert outcome.error == ""
    assert [path.name for path in outcome.written] == [
        "connect_dialog.png", "connect_dialog_unreachable.png", "password_dialog.png",
    ]  # fmt: skip
    for path in outcome.written:
        image = QImage(str(path))
        assert image.width() >= 400 and image.height() >= 100, path.name  # a whole dialog
