"""Shared fixtures: every test gets its own data folder, settings and database under tmp_path.

Registers are built once per run and copied per test: migrating a new SQLite file and seeding
it costs about ten times a file copy, and loading the demo company takes seconds.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # A 1920x1080 desktop instead of the plugin's 800x800, where windows are fitted to the screen
    # (opsdesk.ui.screens) and would be smaller than any real desktop's.
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={os.path.join(os.path.dirname(__file__), 'offscreen_screen.json')}"
    )

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from sqlmodel import Session  # noqa: E402

from opsdesk.store.database import Database, open_database  # noqa: E402
from tests.registers import DemoLoad, copy_register, scratch_home  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"

# Property tests: a quick look in every run, a long search when asked for
# (OPSDESK_HYPOTHESIS_PROFILE=thorough, see README). No deadline: the machine is shared, and a
# slow example is not a wrong one. Loaded here, before the test modules build their settings.
HYPOTHESIS_PROFILE_VARIABLE = "OPSDESK_HYPOTHESIS_PROFILE"
hypothesis_settings.register_profile("quick", max_examples=30, deadline=None)
hypothesis_settings.register_profile("thorough", max_examples=500, deadline=None)
_hypothesis_profile = os.environ.get(HYPOTHESIS_PROFILE_VARIABLE, "quick")
if _hypothesis_profile not in ("quick", "thorough"):
    raise pytest.UsageError(f"{HYPOTHESIS_PROFILE_VARIABLE}={_hypothesis_profile!r}: use quick or thorough")
hypothesis_settings.load_profile(_hypothesis_profile)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User data (default database, backups, logs) goes under tmp_path, never the real home."""
    home = tmp_path / "home"
    monkeypatch.setenv("OPSDESK_HOME", str(home))
    return home


def _top_level_widgets() -> list[Any]:
    """The application's windows, or none when no test imported Qt (most tests below ui/ do not)."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    return list(app.topLevelWidgets()) if app is not None else []


@pytest.fixture(autouse=True)
def delete_widgets_at_teardown() -> Iterator[None]:
    """Delete the windows a test made, so they do not pile up for the tests after it.

    pytest-qt closes the widgets given to `qtbot.addWidget` and calls their deleteLater(), but
    no event loop runs between tests to carry the deletion out, and windows a test did not
    register stay alive too. Every live widget makes setStyle, setStyleSheet and each polish
    slower, so a late test in a long run paid for all the windows before it.
    """
    before = _top_level_widgets()  # held, so the ids below stay theirs
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    kept = {id(widget) for widget in before}
    for widget in _top_level_widgets():
        if id(widget) not in kept:
            widget.close()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the `database` fixture opens: SQLite unless a folder's conftest parametrises it."""
    return getattr(request, "param", "sqlite")


def _built_once_per_run(
    factory: pytest.TempPathFactory, name: str, build: Callable[[Path], str]
) -> tuple[Path, str]:
    """A register file built once per test run, also when xdist runs it in several processes.

    Session fixtures are per process, so each xdist worker built its own copy (the demo takes
    seconds). The first worker builds it in the run's shared folder; the others wait on a lock
    and reuse it. `build(path)` returns a note kept with the file. Tests copy the file.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        path = factory.mktemp(name) / f"{name}.db"
        with scratch_home(factory):
            return path, build(path)
    from filelock import FileLock

    folder = factory.getbasetemp().parent / name  # the run's folder, above each worker's own
    folder.mkdir(exist_ok=True)
    path, note = folder / f"{name}.db", folder / "built.txt"
    with FileLock(folder / "lock"):
        if not note.exists():  # written last: a build that failed half-way is built again
            path.unlink(missing_ok=True)
            with scratch_home(factory):
                note.write_text(build(path), encoding="utf-8")
    return path, note.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def register_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated register with the default settings, made once per run by user "tester"; tests get copies."""
    from opsdesk.services.settings import ensure_defaults

    def build(path: Path) -> str:
        template = open_database(path, user="tester")
        try:
            with template.session() as session:
                ensure_defaults(session=session)
        finally:
            template.dispose()  # closes the connections: the WAL is folded into the file
        return ""

    return _built_once_per_run(tmp_path_factory, "register-template", build)[0]


@pytest.fixture(scope="session")
def demo_load(tmp_path_factory: pytest.TempPathFactory) -> DemoLoad:
    """The demo company (settings, then load_demo) in a new register, by user "demo", once per run."""
    from opsdesk.services.demo import load_demo
    from opsdesk.services.settings import ensure_defaults

    def build(path: Path) -> str:
        demo = open_database(path, user="demo")
        try:
            with demo.session() as session:
                ensure_defaults(session=session)
                return load_demo(session=session)
        finally:
            demo.dispose()

    return DemoLoad(*_built_once_per_run(tmp_path_factory, "demo", build))


@pytest.fixture(scope="session")
def demo_template(demo_load: DemoLoad) -> Path:
    """The demo register's file, loaded once per test run; tests work on copies (`demo_database`)."""
    return demo_load.path


@pytest.fixture
def stand_in_demo(monkeypatch: pytest.MonkeyPatch) -> str:
    """`opsdesk demo` loads one risk instead of the demo company; what it prints is the stand-in's summary.

    For tests of what is around the command (where its output goes, the password of a new
    encrypted register): loading the demo company takes seconds, and tests/services/test_demo.py
    and tests/test_cli.py check the demo itself.
    """
    from datetime import date

    from opsdesk.services import demo, risks, settings

    summary = "1 risk (a stand-in for the demo company)"

    def load_one_risk(*, session: Session, force: bool = False, **_: Any) -> str:
        settings.ensure_defaults(session=session)
        risks.create_risk(
            session=session,
            data=risks.RiskInput(
                title="Stand-in demo risk",
                category_id=settings.category_id(session=session, code_or_name="operational"),
                department_id=settings.department_id(session=session, name="Operations"),
                identified_on=date(2026, 1, 5),
            ),
            today=date(2026, 3, 16),
        )
        return summary

    monkeypatch.setattr(demo, "load_demo", load_one_risk)
    return summary


@pytest.fixture
def database(backend: str, tmp_path: Path, register_template: Path) -> Iterator[Database]:
    """A fresh, migrated and seeded register: a SQLite file, or a database on the PostgreSQL test server."""
    if backend == "postgresql":
        from tests.postgres import fresh_postgres_database

        with fresh_postgres_database() as db:
            yield db
        return
    db = open_database(copy_register(register_template, tmp_path / "register.db"), user="tester")
    yield db
    db.dispose()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from tests import postgres

    postgres.drop_template()


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.session() as s:
        yield s
