"""Setuptools hook: the wheel carries the runtime files of resources/ and data/ inside the package.

Everything else is declared in pyproject.toml. A checkout keeps resources/ and data/ at the
top, beside the package; an installed OpsDesk has no checkout, so the built package gets them
as opsdesk/resources and opsdesk/data, where opsdesk/paths.py looks first. Which files:
opsdesk/paths.py RUNTIME_FILES, as for the PyInstaller build (opsdesk.spec).
"""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithRuntimeFiles(build_py):
    """build_py, then the runtime files copied into the built package (not for an editable install)."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them from the checkout
            return
        paths = runpy.run_path(str(ROOT / "opsdesk" / "paths.py"))  # the file alone, not the package
        for relative in paths["runtime_files"](ROOT):
            target = Path(self.build_lib, "opsdesk", relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / relative, target)


setup(cmdclass={"build_py": BuildPyWithRuntimeFiles})
