"""opsdesk.spec (the PyInstaller build) and the resource helper the frozen app relies on.

The spec is run here with stand-ins for PyInstaller's Analysis/EXE/COLLECT, so its
file lists are checked without a build; CI's build step (.ci/run) then proves the real one.
"""

from __future__ import annotations

import ast
import shutil
import sys
from pathlib import Path

import pytest

from opsdesk import __version__, paths
from opsdesk.ui.main_window import PAGES

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "opsdesk.spec"


class _Recorder:
    """Stands in for one PyInstaller build step: remembers its arguments."""

    calls: dict[str, list[_Recorder]] = {}

    def __init__(self, *args, **kwargs) -> None:
        self.args, self.kwargs = args, kwargs
        self.datas = list(kwargs.get("datas", []))
        self.binaries, self.pure, self.scripts = [], [], []
        _Recorder.calls.setdefault(type(self).__name__, []).append(self)


def _run_spec_steps() -> dict[str, list[_Recorder]]:
    if sys.platform == "win32":
        pytest.importorskip(
            "PyInstaller", reason="on Windows the spec builds the version resource with PyInstaller"
        )
    _Recorder.calls = {}
    steps = {name: type(name, (_Recorder,), {}) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}
    namespace = {"SPECPATH": str(ROOT), "__file__": str(SPEC), **steps}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return dict(_Recorder.calls)


def _run_spec() -> dict[str, _Recorder]:
    """The build steps of the spec; EXE is the windowed app's."""
    steps = _run_spec_steps()
    calls = {name: recorded[0] for name, recorded in steps.items()}
    calls["EXE"] = next(exe for exe in steps["EXE"] if exe.kwargs["name"] == "OpsDesk")
    return calls


def _exe_calls(tree: ast.AST) -> dict[str, dict[str, ast.expr]]:
    """Each EXE(...) of the spec by its name: its keyword arguments."""
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "EXE":
            keywords = {kw.arg: kw.value for kw in node.keywords}
            found[ast.literal_eval(keywords["name"])] = keywords
    return found


def _call(tree: ast.AST, name: str) -> ast.Call:
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == name]
    assert len(calls) == 1, f"expected one {name}(...) in opsdesk.spec"
    return calls[0]


def test_spec_builds_a_windowed_app_and_a_console_program_in_one_folder_without_upx() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    executables = _exe_calls(tree)
    assert set(executables) == {"OpsDesk", "opsdesk-cli"}
    for name, console in (("OpsDesk", False), ("opsdesk-cli", True)):
        exe = executables[name]
        assert ast.literal_eval(exe["console"]) is console
        assert ast.literal_eval(exe["upx"]) is False
        assert ast.literal_eval(exe["exclude_binaries"]) is True  # one folder: binaries go to COLLECT
        assert "icon" in exe and "version" in exe
    collect = _call(tree, "COLLECT")
    assert [ast.unparse(arg) for arg in collect.args[:2]] == ["exe", "cli_exe"]  # both in the one folder
    keywords = {kw.arg: kw.value for kw in collect.keywords}
    assert ast.literal_eval(keywords["name"]) == "OpsDesk"
    assert ast.literal_eval(keywords["upx"]) is False
    # Built from the same analysis: one set of libraries serves both.
    steps = _run_spec_steps()
    assert len(steps["Analysis"]) == 1 and len(steps["EXE"]) == 2
    assert steps["EXE"][0].args[0] is steps["EXE"][1].args[0]


def test_spec_builds_windows_version_information_from_the_package_version() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    _call(tree, "VSVersionInfo")
    strings = {
        ast.literal_eval(node.args[0]): node.args[1]
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "StringStruct"
    }
    assert ast.literal_eval(strings["ProductName"]) == "OpsDesk"
    assert ast.unparse(strings["OriginalFilename"]) == "original_filename"  # OpsDesk.exe, opsdesk-cli.exe
    assert ast.literal_eval(strings["CompanyName"]) == "OpsDesk"
    assert "FileDescription" in strings and "LegalCopyright" in strings
    # Both versions come from opsdesk/__init__.py, read by the spec.
    assert ast.unparse(strings["ProductVersion"]) == "VERSION"
    assert ast.unparse(strings["FileVersion"]) == "VERSION"
    ffi = {kw.arg: ast.unparse(kw.value) for kw in _call(tree, "FixedFileInfo").keywords}
    assert ffi["filevers"] == ffi["prodvers"] == "VERSION_TUPLE"


def test_spec_reads_the_version_and_points_at_the_icon() -> None:
    calls = _run_spec()
    icon = Path(calls["EXE"].kwargs["icon"])
    assert icon == ROOT / "resources" / "icons" / "opsdesk.ico"
    assert icon.is_file()
    assert calls["EXE"].kwargs["console"] is False


def _bundle_layout(datas: list[tuple[str, str]]) -> dict[str, Path]:
    """Destination path in the bundle -> source file, expanding folders and globs as PyInstaller does."""
    layout: dict[str, Path] = {}
    for source, destination in datas:
        source_path = Path(source)
        if any(ch in source for ch in "*?["):
            matches = sorted(source_path.parent.glob(source_path.name))
            assert matches, f"{source} matches nothing"
            for match in matches:
                layout[f"{destination}/{match.name}"] = match
        elif source_path.is_dir():
            for file in sorted(
                p for p in source_path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            ):
                layout[f"{destination}/{file.relative_to(source_path).as_posix()}"] = file
        else:
            assert source_path.is_file(), f"{source} does not exist"
            layout[f"{destination}/{source_path.name}"] = source_path
    return layout


def test_spec_ships_resources_data_and_the_migration_scripts() -> None:
    layout = _bundle_layout(_run_spec()["Analysis"].kwargs["datas"])
    for name in ("opsdesk.ico", "opsdesk.png", "opsdesk-16.png", "opsdesk-32.png", "opsdesk-48.png"):
        assert f"resources/icons/{name}" in layout
    assert "resources/icons/pages/LICENSE" in layout and "resources/icons/ui/LICENSE" in layout
    assert "resources/icons/ui/chevron-down-dark.svg" in layout
    assert {"resources/licenses/THIRD-PARTY.md", "resources/licenses/LGPL-3.0.txt"} <= set(layout)
    assert "resources/style/opsdesk.qss" in layout and "resources/style/opsdesk-dark.qss" in layout
    assert "data/demo.toml" in layout
    migrations = ROOT / "opsdesk" / "store" / "migrations"
    assert layout["opsdesk/store/migrations/env.py"] == migrations / "env.py"
    assert layout["opsdesk/store/migrations/script.py.mako"] == migrations / "script.py.mako"
    versions = {p.name for p in (migrations / "versions").glob("*.py")}
    assert (
        versions
        and {k.rsplit("/", 1)[1] for k in layout if k.startswith("opsdesk/store/migrations/versions/")}
        == versions
    )
    # Sources and tools stay out of the build.
    assert not [k for k in layout if k.endswith((".ts", "make_app_icon.py"))]


def test_spec_ships_compiled_translations_when_there_are_some() -> None:
    layout = _bundle_layout(_run_spec()["Analysis"].kwargs["datas"])
    compiled = sorted((ROOT / "resources" / "translations").glob("*.qm"))
    assert {f"resources/translations/{p.name}" for p in compiled} <= set(layout)


def test_spec_imports_every_page_and_keeps_unused_qt_out() -> None:
    analysis = _run_spec()["Analysis"].kwargs
    hidden = set(analysis["hiddenimports"])
    # Pages are imported by name when first shown: the analysis must be told about them.
    assert {
        spec.module for spec in PAGES if (ROOT / (spec.module.replace(".", "/") + ".py")).exists()
    } <= hidden
    assert "opsdesk.store.migrations.env" not in hidden  # runs Alembic on import: it ships as a file
    excludes = set(analysis["excludes"])
    assert {
        "PySide6.QtWebEngineCore",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.Qt3DCore",
        "PySide6.QtMultimedia",
        "PySide6.QtPdf",
        "PySide6.QtCharts",
        "tkinter",
    } <= excludes
    assert "PySide6.QtSvg" not in excludes  # the navigation icons are SVG
    assert analysis["hooksconfig"] == {"matplotlib": {"backends": ["QtAgg", "Agg"]}}


def test_resource_paths_resolve_from_source() -> None:
    assert paths.bundle_root() == ROOT
    assert paths.resource_path("style", "opsdesk.qss") == ROOT / "resources" / "style" / "opsdesk.qss"
    assert paths.resource_path("icons", "opsdesk.ico").is_file()
    assert paths.data_path("demo.toml") == ROOT / "data" / "demo.toml"
    assert paths.data_path("demo.toml").is_file()
    from opsdesk.store.migrations import MIGRATIONS_DIR

    assert paths.migrations_dir() == MIGRATIONS_DIR
    assert paths.is_frozen() is False


def test_resource_paths_resolve_inside_a_frozen_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Lay the spec's data files out as PyInstaller would, then pretend to run from there.
    bundle = tmp_path / "_internal"
    for destination, source in _bundle_layout(_run_spec()["Analysis"].kwargs["datas"]).items():
        target = bundle / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)

    assert paths.is_frozen() is True
    assert paths.bundle_root() == bundle
    assert (
        paths.resource_path("style", "opsdesk-dark.qss")
        == bundle / "resources" / "style" / "opsdesk-dark.qss"
    )
    assert paths.resource_path("style", "opsdesk-dark.qss").is_file()
    assert paths.resource_path("icons", "pages", "LICENSE").is_file()
    assert paths.data_path("demo.toml").is_file()
    # Alembic finds the same head revision in the bundled scripts as in the source tree.
    from alembic.script import ScriptDirectory

    from opsdesk.store.migrations import head_revision

    assert paths.migrations_dir() == bundle / "opsdesk" / "store" / "migrations"
    bundled = ScriptDirectory(str(paths.migrations_dir()))
    assert bundled.get_current_head() == head_revision()


def test_version_tuple_is_four_numbers_from_the_package_version() -> None:
    namespace: dict[str, object] = {}
    source = SPEC.read_text(encoding="utf-8")
    start = source.index("ROOT = Path(SPECPATH)")
    end = source.index("APP_ICON")
    exec("import re\nfrom pathlib import Path\n" + source[start:end], {"SPECPATH": str(ROOT)}, namespace)
    assert namespace["VERSION"] == __version__
    version = namespace["VERSION_TUPLE"]
    assert len(version) == 4 and all(isinstance(n, int) for n in version)
    assert ".".join(map(str, version)).startswith(".".join(__version__.split(".")[:3]))


def test_a_source_install_has_a_console_command_and_a_windowed_launcher() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"opsdesk": "opsdesk.cli:main"}
    # No console window whose closing would kill the app (pythonw on Windows).
    assert project["gui-scripts"] == {"opsdesk-gui": "opsdesk.cli:main"}
