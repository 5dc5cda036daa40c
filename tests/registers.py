"""Copies of the registers the session fixtures build once per run (tests/conftest.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest


def copy_register(template: Path, target: Path) -> Path:
    """A private copy of a template register file; its path.

    The template was disposed after it was built, so its write-ahead log is already folded
    into the file and copying the one file is enough.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    target.chmod(0o600)  # owner only, as open_database creates a register
    return target


class DemoLoad(NamedTuple):
    """The demo company loaded once per run: the database file and what load_demo said it loaded."""

    path: Path
    summary: str


@contextmanager
def scratch_home(factory: pytest.TempPathFactory) -> Iterator[None]:
    """User data of a fixture wider than one test: it runs before any test's `isolated_home`, never in the real home."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OPSDESK_HOME", str(factory.mktemp("template-home")))
        yield
