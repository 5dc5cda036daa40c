"""An installed OpsDesk (pip install ., not editable) carries resources/ and data/ and finds them.

CI builds the real wheel, installs it in a fresh virtual environment and runs its self-test
(.ci/run); here the package is built with setup.py's build step alone, and the paths are
checked against the layout a wheel installs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from opsdesk import paths

ROOT = Path(__file__).resolve().parents[1]
# What a checkout holds that the build reads: copied, so the build leaves nothing in the checkout.
BUILD_INPUTS = ("opsdesk", "resources", "data", "setup.py", "pyproject.toml", "README.md", "MANIFEST.in")


def _files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def built_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The opsdesk package as setup.py builds it for a wheel (build_py), from a copy of the checkout."""
    source = tmp_path_factory.mktemp("source")
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(ROOT / name, source / name)
    target = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(target)],
        cwd=source, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return target / "opsdesk"


def test_the_built_package_carries_exactly_the_runtime_files(built_package: Path) -> None:
    runtime = {path.as_posix() for path in paths.runtime_files(ROOT)}
    shipped = {name for name in _files(built_package) if name.startswith(("resources/", "data/"))}
    assert shipped == runtime
    assert {"resources/style/opsdesk.qss", "resources/translations/opsdesk_zh_CN.qm", "data/demo.toml"} <= shipped  # fmt: skip
    # Tools and sources of the resources stay out: no script, no .ts catalogue.
    assert not [name for name in shipped if name.endswith((".py", ".ts", ".json"))]
    # The migrations ship beside their package, as Alembic reads them from files.
    versions = {path.name for path in (ROOT / "opsdesk" / "store" / "migrations" / "versions").glob("*.py")}
    assert versions and versions <= _files(built_package / "store" / "migrations" / "versions")
    assert (built_package / "store" / "migrations" / "script.py.mako").is_file()


def test_the_spec_and_the_wheel_ship_the_same_runtime_files(built_package: Path) -> None:
    from tests.test_build_spec import _bundle_layout, _run_spec

    layout = _bundle_layout(_run_spec()["Analysis"].kwargs["datas"])
    frozen = {name for name in layout if name.startswith(("resources/", "data/"))}
    assert frozen == {name for name in _files(built_package) if name.startswith(("resources/", "data/"))}


def test_an_installed_package_finds_its_own_files_and_migrations(
    built_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        paths, "__file__", str(built_package / "paths.py")
    )  # as if imported from site-packages
    assert paths.installation() == "installed"
    assert paths.bundle_root() == built_package
    assert (
        paths.resource_path("style", "opsdesk-dark.qss")
        == built_package / "resources" / "style" / "opsdesk-dark.qss"
    )
    assert paths.resource_path("style", "opsdesk-dark.qss").is_file()
    assert paths.resource_path("icons", "pages", "LICENSE").is_file()
    assert paths.data_path("demo.toml").is_file()
    assert paths.migrations_dir() == built_package / "store" / "migrations"
    from alembic.script import ScriptDirectory

    from opsdesk.store.migrations import head_revision

    assert ScriptDirectory(str(paths.migrations_dir())).get_current_head() == head_revision()


def test_a_checkout_is_not_taken_for_an_installed_package() -> None:
    assert paths.installation() == "source"
    assert paths.bundle_root() == ROOT
    assert not (ROOT / "opsdesk" / "resources").exists()  # the checkout keeps them at the top only
