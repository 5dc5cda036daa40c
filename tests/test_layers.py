"""Layering: the core imports no Qt and no matplotlib, the window starts without matplotlib."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter: the test process itself has imported Qt for the UI tests.
PROBE = textwrap.dedent(
    """
    import importlib
    import pkgutil
    import sys
    import traceback

    # Who imports matplotlib first: the opsdesk frames of the stack at that moment.
    first_import = []

    class Spy:
        def find_spec(self, name, path=None, target=None):
            if (name == "matplotlib" or name == "PySide6") and not any(n == name for n, _ in first_import):
                frames = [
                    f"{frame.filename}:{frame.lineno}"
                    for frame in traceback.extract_stack()
                    if "opsdesk" in frame.filename
                ]
                first_import.append((name, frames))
            return None

    sys.meta_path.insert(0, Spy())

    def report(name):
        return [frames for n, frames in first_import if n == name]

    core = []
    for package_name in ("opsdesk.domain", "opsdesk.store", "opsdesk.services", "opsdesk.reports"):
        package = importlib.import_module(package_name)
        core.append(package_name)
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            # The Alembic env script only runs inside a migration.
            if info.name == "opsdesk.store.migrations.env":
                continue
            importlib.import_module(info.name)
            core.append(info.name)

    assert "PySide6" not in sys.modules, f"PySide6 imported by the core layers: {report('PySide6')}"
    assert "matplotlib" not in sys.modules, f"matplotlib imported at module level: {report('matplotlib')}"

    import opsdesk.ui.app  # noqa: F401
    import opsdesk.ui.main_window  # noqa: F401

    assert "PySide6" in sys.modules
    assert "matplotlib" not in sys.modules, (
        f"matplotlib imported when the window module loads (should wait for a chart): {report('matplotlib')}"
    )
    import opsdesk.ui.pages.reports  # noqa: F401

    # The import wizard (90 ms of imports) waits until it is opened, not the page's first visit.
    assert "opsdesk.ui.dialogs.import_wizard" not in sys.modules
    print(len(core))
    """
)


def test_core_layers_import_neither_qt_nor_matplotlib_and_the_window_stays_light() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The walk really imported the core: at least the modules that exist today.
    assert int(result.stdout.strip()) >= 25


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at module level or inside functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_qt_is_imported_only_by_the_ui_and_pyplot_nowhere() -> None:
    package = REPO / "opsdesk"
    offenders = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        modules = imported_modules(path)
        qt = {
            m
            for m in modules
            if m == "PySide6" or m.startswith(("PySide6.", "matplotlib.backends.backend_qt"))
        }
        if qt and not relative.startswith("opsdesk/ui/"):
            offenders.append(f"{relative} imports {sorted(qt)}")
        if any(m == "matplotlib.pyplot" for m in modules):
            offenders.append(f"{relative} imports matplotlib.pyplot")
    assert offenders == []


def _lint_imports() -> str | None:
    beside_python = Path(sys.executable).with_name("lint-imports")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("lint-imports")


@pytest.mark.skipif(_lint_imports() is None, reason="import-linter is not installed")
def test_import_linter_contracts_are_kept(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [_lint_imports(), "--no-cache", "--no-logo"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken." in result.stdout
