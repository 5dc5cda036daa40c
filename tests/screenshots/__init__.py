"""Screenshots of every page and dialog, for a person to look at: `python -m tests.screenshots`.

They are not part of the test run: writing them cost the suite time and checked nothing a
test does not check. The assertions the old screenshot tests made about behaviour stayed in
the tests. Here each shot builds its screen as a user would reach it, on its own copy of the
demo company (loaded once per run), in the light theme unless it says otherwise, and writes
PNG files; a shot that fails is reported and the others still run.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "screenshots"
FIXTURES = ROOT / "tests" / "fixtures"
WINDOW_SIZE = (1366, 768)  # the smallest laptop screen the layout is made for
WAIT_SECONDS = 60.0


class ShotError(Exception):
    """A screen did not reach the state its shot wanted."""


@dataclass
class Studio:
    """What every shot needs: the application, fresh demo registers, and where the PNGs go."""

    output: Path
    scratch: Path
    written: list[Path] = field(default_factory=list)
    _demo_template: Path | None = None
    _open: list[Any] = field(default_factory=list)

    # The registers ------------------------------------------------------------------------

    def demo_template(self) -> Path:
        """The demo company, loaded once per run (the first shot that needs it waits a few seconds)."""
        if self._demo_template is None:
            from opsdesk.services.demo import load_demo
            from opsdesk.services.settings import ensure_defaults
            from opsdesk.store.database import open_database

            path = self.scratch / "demo-template.db"
            database = open_database(path, user="demo")
            try:
                with database.session() as session:
                    ensure_defaults(session=session)
                    load_demo(session=session)
            finally:
                database.dispose()
            self._demo_template = path
        return self._demo_template

    def demo_database(self, name: str = "demo"):
        """A private copy of the demo register, opened as user "tester"."""
        from opsdesk.store.database import open_database
        from tests.registers import copy_register

        folder = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.scratch))
        database = open_database(copy_register(self.demo_template(), folder / f"{name}.db"), user="tester")
        self._open.append(database)
        return database

    def context(self, database=None):
        """An AppContext on `database` (a fresh demo copy by default), settings in the scratch home."""
        from opsdesk.ui.app import create_settings
        from opsdesk.ui.context import AppContext

        return AppContext(database if database is not None else self.demo_database(), create_settings())

    # Windows ------------------------------------------------------------------------------

    def window(self, context=None, page: str | None = None):
        """The main window at 1366x768 on a fresh demo copy, shown (on `page` when given)."""
        from opsdesk.ui.main_window import MainWindow

        context = context or self.context()
        if page is not None:
            context.settings.setValue("window/page", page)
        window = MainWindow(context)
        window.resize(*WINDOW_SIZE)
        return self.show(window)

    def show(self, widget, size: tuple[int, int] | None = None):
        """Show a widget and wait until it is on screen; it is deleted after the shot."""
        from PySide6.QtTest import QTest

        if size is not None:
            widget.resize(*size)
        widget.show()
        if not QTest.qWaitForWindowExposed(widget, 5000):
            raise ShotError(f"{type(widget).__name__} was never shown")
        self._open.append(widget)
        self.settle()
        return widget

    def settle(self) -> None:
        """Let posted layouts, paints and deferred work run, and the pages' loads on the worker arrive."""
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from opsdesk.ui.pages.base import Page
        from opsdesk.ui.widgets.chart import ChartView

        self.wait_until(
            lambda: not any(isinstance(w, Page) and w.loading for w in QApplication.allWidgets()),
            "the pages' loads",
        )
        QTest.qWait(30)
        self.wait_until(
            lambda: all(
                w.is_idle() and (w.figure is None or w.is_drawn())
                for w in QApplication.allWidgets()
                if isinstance(w, ChartView) and w.isVisible()
            ),
            "the charts drawn",
        )

    def wait_until(self, condition: Callable[[], Any], what: str) -> None:
        """Process events until `condition()` holds (background jobs, charts drawn), or fail the shot."""
        from PySide6.QtTest import QTest

        deadline = time.monotonic() + WAIT_SECONDS
        while not condition():
            if time.monotonic() > deadline:
                raise ShotError(f"waited {WAIT_SECONDS:.0f} s for {what}")
            QTest.qWait(20)

    def save(self, widget, name: str) -> Path:
        """Write the widget as it looks now to <output>/<name>.png."""
        self.settle()
        self.output.mkdir(parents=True, exist_ok=True)
        path = self.output / f"{name}.png"
        if not widget.grab().save(str(path)):
            raise ShotError(f"could not write {path}")
        self.written.append(path)
        return path

    def clean_up(self) -> None:
        """Close and delete what the shot opened, dispose its registers."""
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication

        from opsdesk.store.database import Database

        for item in reversed(self._open):
            if isinstance(item, Database):
                item.dispose()
        self._open.clear()
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    @contextmanager
    def theme(self, name: str) -> Iterator[None]:
        """Another theme for the shot, the light one again afterwards."""
        from PySide6.QtWidgets import QApplication

        from opsdesk.ui import theme

        app = QApplication.instance()
        theme.apply_theme(app, name)
        try:
            yield
        finally:
            theme.apply_theme(app, "light")

    @contextmanager
    def chinese(self, database) -> Iterator[None]:
        """The register set to Simplified Chinese and the translators installed; English afterwards."""
        from opsdesk.services import settings as settings_service
        from opsdesk.ui import i18n

        with database.session() as session:
            settings_service.set_language(session=session, language="zh_CN")
        i18n.apply_stored_language(database)
        try:
            yield
        finally:
            i18n.install_language("en")


Shot = Callable[[Studio], None]
SHOTS: dict[str, Shot] = {}


def shot(function: Shot) -> Shot:
    """Add a function to the catalogue, under its name without the `shoot_` prefix."""
    SHOTS[function.__name__.removeprefix("shoot_")] = function
    return function


# Helpers over the demo --------------------------------------------------------------------


def _risk(database, code: str):
    from opsdesk.services.risks import list_risks

    with database.session() as session:
        return next(risk for risk in list_risks(session=session) if risk.code == code)


def _kri(database, name: str):
    from opsdesk.services.kris import list_kris

    with database.session() as session:
        return next(kri for kri in list_kris(session=session) if kri.name == name)


def _objective_id(database, name: str) -> int:
    from opsdesk.services.quality import list_objectives

    with database.session() as session:
        return next(objective.id for objective in list_objectives(session=session) if objective.name == name)


def _tab_name(tabs, index: int) -> str:
    """The tab's English title as a file name ("Root &cause" -> "root_cause"), else its number."""
    words = re.sub(r"[^a-z0-9]+", "_", tabs.tabText(index).replace("&", "").lower()).strip("_")
    return words or str(index + 1)


def _tabs(studio: Studio, dialog, prefix: str) -> None:
    """One PNG per tab of a dialog's `tabs`, named <prefix>_<tab>."""
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        studio.save(dialog, f"{prefix}_{_tab_name(dialog.tabs, index)}")


# Pages -------------------------------------------------------------------------------------


@shot
def shoot_pages(studio: Studio) -> None:
    """Every page of the main window, as it first opens on the demo company."""
    window = studio.window()
    for spec in window.specs:
        page = window.show_page(spec.key)
        studio.wait_until(page.isVisible, f"the {spec.key} page")
        if spec.key == "dashboard":  # its small heatmap draws once matplotlib is ready
            studio.wait_until(lambda page=page: page.heatmap.is_drawn(), "the dashboard's heatmap")
        studio.save(window, f"page_{spec.key}")


@shot
def shoot_dark_pages(studio: Studio) -> None:
    """Every page in the dark theme."""
    with studio.theme("dark"):
        window = studio.window()
        for spec in window.specs:
            page = window.show_page(spec.key)
            studio.wait_until(page.isVisible, f"the {spec.key} page")
            studio.save(window, f"dark_{spec.key}")


@shot
def shoot_chinese_pages(studio: Studio) -> None:
    """Every page in Simplified Chinese."""
    database = studio.demo_database()
    with studio.chinese(database):
        window = studio.window(studio.context(database))
        for spec in window.specs:
            page = window.show_page(spec.key)
            studio.wait_until(page.isVisible, f"the {spec.key} page")
            studio.save(window, f"zh_{spec.key}")


@shot
def shoot_page_states(studio: Studio) -> None:
    """Pages with a selection or a filter: the states the page tests look at."""
    database = studio.demo_database()
    window = studio.window(studio.context(database))

    risks = window.show_page("risks")
    studio.settle()
    risks.table.selectRow(2)
    studio.save(window, "risks_selected")
    risks.apply_filter(residual_level="high")
    studio.save(window, "risks_filtered_high")

    indicators = window.show_page("indicators")
    indicators.apply_filter(alerts="open")
    studio.save(window, "indicators_open_alerts")

    objectives = window.show_page(
        "objectives", objective_id=_objective_id(database, "Final inspection pass rate")
    )
    studio.wait_until(objectives.chart_panel.chart_is_current, "the control chart")
    studio.save(window, "objectives_drifting_pass_rate")

    nonconformities = window.show_page("nonconformities")
    nonconformities.table.select_where(lambda row: row.code == "NC-0011")
    studio.save(window, "nonconformities_selected")

    suggestions = window.show_page("suggestions")
    studio.settle()
    suggestions.select_quarter("2026-Q3")
    suggestions.table.select_where(lambda row: row.code == "S-0021")
    studio.save(window, "suggestions_2026_q3")

    settings = window.show_page("settings")
    for key in settings.sections:
        settings.show_section(key)
        studio.save(window, f"settings_{key}")
    editor = settings.show_section("matrix").editor
    editor.likelihood_count.setValue(10)
    editor.impact_count.setValue(10)
    editor.add_band_button.click()
    editor.add_band_button.click()
    editor.set_upper_scores([6, 15, 30, 50, 70])
    editor.fill_button.click()
    editor.likelihood_edits[3].clear()
    studio.save(window, "settings_matrix_10x10_invalid")


@shot
def shoot_quality_charts(studio: Studio) -> None:
    """An XmR chart with its moving ranges, Laney p′ beside its p-chart, a KRI with its forecast."""
    from opsdesk.services.forecasts import set_kri_forecast

    database = studio.demo_database()
    window = studio.window(studio.context(database))
    objectives = window.show_page(
        "objectives", objective_id=_objective_id(database, "Mean first response time to customer enquiries")
    )
    studio.wait_until(objectives.chart_panel.chart_is_current, "the XmR chart")
    studio.save(window, "objectives_xmr_with_moving_ranges")

    objectives = window.show_page(
        "objectives", objective_id=_objective_id(database, "Final inspection pass rate")
    )
    studio.wait_until(objectives.chart_panel.chart_is_current, "the p-chart")
    panel = objectives.chart_panel
    panel.compare_suggestion_button.click()  # "Compare side by side", as the Laney suggestion offers
    studio.wait_until(
        lambda: panel.comparison is not None and panel.chart_is_current(), "Laney p′ beside the p-chart"
    )
    studio.save(window, "objectives_p_beside_laney_p")

    for name, shot_name in (
        ("Engineering voluntary attrition (rolling 12 months)", "indicators_kri_forecast_rising"),
        ("Critical SenseHub vulnerabilities open > 30 days", "indicators_kri_forecast_no_trend"),
    ):
        kri = _kri(database, name)
        with database.session() as session:
            set_kri_forecast(session=session, kri_id=kri.id, enabled=True, horizon_days=365)
            session.commit()
        window.show_page("indicators", kri_id=kri.id)
        studio.save(window, shot_name)


@shot
def shoot_read_only_banner(studio: Studio) -> None:
    """The main window on a register opened read-only."""
    from opsdesk.store.database import open_database

    path = studio.demo_database("read-only").path
    read_only = open_database(path, user="tester", read_only=True)
    studio._open.append(read_only)
    studio.save(studio.window(studio.context(read_only)), "read_only_banner")


# Editors -----------------------------------------------------------------------------------


@shot
def shoot_risk_editor(studio: Studio) -> None:
    """The risk editor's tabs: an accepted risk, one with actions, one with indicators, a new one; in Chinese too."""
    from opsdesk.ui.dialogs.risk_editor import RiskEditor

    database = studio.demo_database()
    context = studio.context(database)
    editor = studio.show(RiskEditor(context, _risk(database, "R-0008").id))
    for index in range(editor.tabs.count()):
        editor.tabs.setCurrentIndex(index)
        # The history tab's chart is shown and sized by the event loop, then drawn on the chart thread.
        if editor.tabs.currentWidget().isAncestorOf(editor.chart):
            studio.wait_until(editor.chart.isVisible, "the history chart shown")
            studio.wait_until(editor.chart.is_drawn, "the history chart drawn")
        studio.save(editor, f"risk_editor_{_tab_name(editor.tabs, index)}")
    with_actions = studio.show(RiskEditor(context, _risk(database, "R-0002").id))
    with_actions.tabs.setCurrentIndex(3)
    studio.save(with_actions, "risk_editor_actions_listed")
    with_kris = studio.show(RiskEditor(context, _risk(database, "R-0011").id))
    with_kris.tabs.setCurrentIndex(4)
    studio.save(with_kris, "risk_editor_indicators_linked")
    new = studio.show(RiskEditor(context, None))
    studio.save(new, "risk_editor_new")
    new.tabs.setCurrentIndex(3)
    studio.save(new, "risk_editor_new_actions")
    with studio.chinese(database):
        _tabs(studio, studio.show(RiskEditor(context, _risk(database, "R-0004").id)), "zh_risk_editor")


@shot
def shoot_risk_conflict(studio: Studio) -> None:
    """A colleague saved the risk meanwhile: the comparison, a merge with my owner kept, keep-mine."""
    import dataclasses

    from opsdesk.domain.conflicts import MINE
    from opsdesk.services import risks as risk_service
    from opsdesk.store.database import open_database
    from opsdesk.ui.dialogs.risk_editor import RiskEditor

    database = studio.demo_database()
    colleague = open_database(database.path, user="colleague")
    studio._open.append(colleague)
    context = studio.context(database)
    risk_id = _risk(database, "R-0006").id

    def conflicting_editor(their_owner: str) -> RiskEditor:
        editor = studio.show(RiskEditor(context, risk_id), (1000, 660))
        editor.title_edit.setText("Price war with low-cost transmitter makers")
        editor.owner_edit.setText("Sofia Marin")
        with colleague.session() as session:  # the colleague saves owner and description first
            theirs = risk_service.get_risk(session=session, risk_id=risk_id)
            data = risk_service.RiskInput(
                **{f.name: getattr(theirs, f.name) for f in dataclasses.fields(risk_service.RiskInput)}
            )
            data = dataclasses.replace(
                data,
                owner=their_owner,
                description="Asian makers now sell PX-class transmitters at 40% below our list price in tenders.",
            )
            risk_service.update_risk(
                session=session, risk_id=risk_id, data=data, expected_version=theirs.version
            )
        editor.save_button.click()
        studio.wait_until(editor.conflict_banner.isVisible, "the conflict view")
        return editor

    editor = conflicting_editor("Ana Silva")
    studio.save(editor, "risk_conflict")
    editor.merge_button.click()
    editor.conflict_banner.view.choice_button("owner", MINE).click()
    studio.save(editor, "risk_conflict_merged")
    editor.close()
    kept = conflicting_editor("Tomás Ferreira")
    kept.keep_button.click()
    studio.save(kept, "risk_conflict_kept")


@shot
def shoot_quality_editors(studio: Studio) -> None:
    """Nonconformity and meeting editors (every tab), the suggestion forms, an action."""
    from opsdesk.services.actions import list_actions
    from opsdesk.services.meetings import list_meetings
    from opsdesk.services.nonconformities import list_nonconformities
    from opsdesk.services.suggestions import list_suggestions
    from opsdesk.ui.dialogs.action_editor import ActionEditor
    from opsdesk.ui.dialogs.meeting_editor import MeetingEditor
    from opsdesk.ui.dialogs.nc_editor import NcEditor
    from opsdesk.ui.dialogs.suggestion_dialogs import ReviewSuggestionDialog, SubmitSuggestionDialog

    database = studio.demo_database()
    context = studio.context(database)
    with database.session() as session:
        nonconformity = next(nc for nc in list_nonconformities(session=session) if nc.code == "NC-0011")
        meeting = list_meetings(session=session)[0]
        suggestion = next(s for s in list_suggestions(session=session) if s.code == "S-0021")
        action = list_actions(session=session)[0]
    _tabs(studio, studio.show(NcEditor(context, nonconformity)), "nonconformity_editor")
    _tabs(studio, studio.show(MeetingEditor(context, meeting)), "meeting_editor")
    studio.save(studio.show(SubmitSuggestionDialog(context)), "suggestion_submit_form")
    review = studio.show(ReviewSuggestionDialog(context, suggestion))
    review.move_combo.setCurrentIndex(review.move_combo.findData("rejected"))
    studio.save(review, "suggestion_review_rejected")
    studio.save(studio.show(ActionEditor(context, action)), "action_editor")


@shot
def shoot_indicator_dialogs(studio: Studio) -> None:
    """A reading in alarm, the reading grid with a refused row, thresholds that contradict the direction."""
    from PySide6.QtTest import QTest

    from opsdesk.ui.dialogs.kri_editor import KriEditor
    from opsdesk.ui.dialogs.reading_dialogs import ReadingDialog, ReadingGridDialog

    database = studio.demo_database()
    context = studio.context(database)
    days_sales = _kri(database, "Days sales outstanding")
    reading = studio.show(ReadingDialog(context, days_sales))
    reading.date_edit.set_value(date.today())
    QTest.keyClicks(reading.value_edit, f"{days_sales.alarm + 5:g}")
    studio.save(reading, "reading_dialog_alarm")

    grid = studio.show(ReadingGridDialog(context, _kri(database, "Marketing-qualified leads per month")))
    grid.model.set_text(0, 0, date.today().replace(day=1).isoformat())
    grid.model.set_text(0, 1, "150")
    grid.model.set_text(1, 0, "2026-11-02")
    grid.model.set_text(1, 1, "lots")
    studio.save(grid, "reading_grid_refused_row")

    editor = studio.show(KriEditor(context))
    QTest.keyClicks(editor.name_edit, "Late supplier invoices")
    editor.direction_combo.set_value("higher_is_worse")
    QTest.keyClicks(editor.warning_edit, "10")
    QTest.keyClicks(editor.alarm_edit, "5")
    studio.save(editor, "kri_editor_inconsistent")


@shot
def shoot_import_wizard(studio: Studio) -> None:
    """Every step of an import that works, a sheet full of problems, a text file named .xlsx."""
    from PySide6.QtWidgets import QWizard

    from opsdesk.ui.dialogs.import_wizard import ImportWizard

    today = date(2026, 11, 24)
    context = studio.context()

    def step(wizard: ImportWizard, which: QWizard.WizardButton) -> None:
        wizard.button(which).click()
        studio.wait_until(lambda: wizard.job is None, "the import wizard's background work")

    next_button, import_button = QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton
    wizard = studio.show(ImportWizard(context, path=FIXTURES / "risk_register_title_row.xlsx", today=today))
    studio.save(wizard, "import_wizard_1_file")
    step(wizard, next_button)
    studio.save(wizard, "import_wizard_2_columns")
    step(wizard, next_button)
    studio.save(wizard, "import_wizard_3_preview")
    step(wizard, import_button)
    studio.save(wizard, "import_wizard_4_done")

    problems = studio.show(ImportWizard(context, path=FIXTURES / "broken" / "bad_values.xlsx", today=today))
    step(problems, next_button)
    columns = problems.columns_page
    columns.department_combo.setCurrentIndex(columns.department_combo.findData("Operations"))
    columns.category_combo.setCurrentIndex(1)
    step(problems, next_button)
    studio.save(problems, "import_wizard_3_problems")

    not_excel = studio.show(ImportWizard(context, path=FIXTURES / "broken" / "not_excel.xlsx", today=today))
    step(not_excel, next_button)
    studio.save(not_excel, "import_wizard_1_not_excel")


@shot
def shoot_reports(studio: Studio) -> None:
    """The reports page after an export of 2026-Q3."""
    window = studio.window()
    page = window.show_page("reports")
    page.open_url = lambda url: True  # do not hand the workbook to a spreadsheet program
    page.path_edit.setText(str(studio.scratch / "OpsDesk 2026-Q3.xlsx"))
    page.set_quarter("2026-Q3")
    page.export_button.click()
    studio.wait_until(lambda: (studio.scratch / "OpsDesk 2026-Q3.xlsx").is_file() and page.job is None,
                      "the export")  # fmt: skip
    studio.save(window, "reports_exported")


# Files, backups, the audit trail and team mode ------------------------------------------


@shot
def shoot_backup_dialogs(studio: Studio) -> None:
    """Restore from two backups; a damaged register with its newest good backup offered."""
    from opsdesk.services import backups
    from opsdesk.store.backup import backup_folder, backup_sqlite
    from opsdesk.store.database import DamagedDatabaseError, open_database
    from opsdesk.ui.dialogs.recovery import RecoveryDialog, RestoreDialog

    database = studio.demo_database("backups")
    path = database.path
    for reason, when in (("auto", datetime(2026, 3, 1, 9, 0)), ("backup", datetime(2026, 3, 2, 17, 30))):
        backup_sqlite(path, backup_folder(path) / f"{path.stem}-{reason}-{when:%Y%m%d-%H%M%S-%f}.db")
    studio.save(studio.show(RestoreDialog(path), (760, 420)), "restore_dialog")

    database.dispose()
    with path.open("r+b") as handle:  # damage two pages in the middle, the same bytes every run
        handle.seek(2 * 4096)
        handle.write(random.Random(8).randbytes(4 * 4096))
    try:
        open_database(path)
    except DamagedDatabaseError as damaged:
        dialog = RecoveryDialog(damaged, backups.newest_good_backup(path))
    else:
        raise ShotError("the damaged register opened")
    studio.save(studio.show(dialog), "recovery_dialog")


@shot
def shoot_cut_back_warning(studio: Studio) -> None:
    """The warning when audit entries this computer saw are gone from the end of the trail."""
    from PySide6.QtWidgets import QMessageBox

    from opsdesk.store.audit_witness import read_witness, register_key
    from tests.store.test_audit_witness import cut_back

    window = studio.window()
    database = window.context.database
    window.look_for_cut_back_history()
    cut_back(database, keep_through=read_witness(register_key(database.url)).entry_id - 5)

    def shoot_and_keep(box: QMessageBox) -> int:
        studio.save(studio.show(box), "audit_cut_back_warning")
        box.defaultButton().click()
        return 0

    with _replaced(QMessageBox, "exec", shoot_and_keep):
        window.look_for_cut_back_history()


@shot
def shoot_connect_dialogs(studio: Studio) -> None:
    """Connect to a server: the filled form, a server that cannot be reached; the password prompt."""
    from PySide6.QtTest import QTest

    from opsdesk.ui.dialogs.connect import ConnectDialog, PasswordDialog

    def fill(dialog: ConnectDialog, host: str, port: int) -> None:
        dialog.host_edit.setText(host)
        dialog.port_spin.setValue(port)
        QTest.keyClicks(dialog.database_edit, "opsdesk")
        QTest.keyClicks(dialog.user_edit, "ann")
        QTest.keyClicks(dialog.password_edit, "s3cret")

    filled = studio.show(ConnectDialog(lambda login: None))
    fill(filled, "db.example.org", 5433)
    studio.save(filled, "connect_dialog")

    from opsdesk.ui.app import open_for_gui

    def attempt(login) -> str | None:
        try:
            open_for_gui(login.url, password=login.password, ask_password=False).dispose()
        except Exception as exc:  # the dialog shows why the register did not open
            return str(exc)
        return None

    refused = studio.show(ConnectDialog(attempt))
    fill(refused, "127.0.0.1", 1)  # nothing listens on port 1
    refused.connect_button.click()
    studio.wait_until(refused.error_label.isVisible, "the connection to fail")
    studio.save(refused, "connect_dialog_unreachable")

    prompt = studio.show(PasswordDialog("postgresql+psycopg://ann@db:5432/opsdesk",
                                        "The server refused the password for ann."))  # fmt: skip
    QTest.keyClicks(prompt.password_edit, "hunter2")
    studio.save(prompt, "password_dialog")


@contextmanager
def _replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


# Running ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one shot did: the files it wrote, or why it failed."""

    name: str
    written: list[Path]
    error: str = ""


@contextmanager
def _no_message_boxes() -> Iterator[None]:
    """Nothing waits for a person: messages go to stderr, questions get the answer that changes nothing."""
    import sys

    from opsdesk.ui import messages

    def say(parent, title: str, text: str, *_args) -> None:
        print(f"{title}: {text}", file=sys.stderr)

    answers = {
        "show_error": say,
        "show_info": say,
        "confirm": lambda *args, **kwargs: say(*args[:3]) or True,
        "warn_and_offer": lambda *args: say(*args[:3]) or False,
        "ask_unsaved_changes": lambda parent: "discard",
        "ask_first_start": lambda parent: False,
    }
    originals = {name: getattr(messages, name) for name in answers}
    for name, answer in answers.items():
        setattr(messages, name, answer)
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(messages, name, original)


def take(names: list[str], output: Path) -> list[Outcome]:
    """Run the named shots (all when empty) into `output`; each failure is caught and reported."""
    from opsdesk.ui.app import application
    from opsdesk.ui.theme import apply_theme

    unknown = [name for name in names if name not in SHOTS]
    if unknown:
        raise KeyError(f"no such shot: {', '.join(unknown)} (known: {', '.join(SHOTS)})")
    app = application()
    apply_theme(app, "light")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="opsdesk-shots-") as scratch_name, _no_message_boxes():
        scratch = Path(scratch_name)
        previous_home = os.environ.get("OPSDESK_HOME")
        os.environ["OPSDESK_HOME"] = str(scratch / "home")  # settings and backups stay in the scratch folder
        studio = Studio(output=output, scratch=scratch)
        try:
            for name in names or list(SHOTS):
                before = len(studio.written)
                try:
                    SHOTS[name](studio)
                except Exception as exc:  # reported with its name; the other shots still run
                    outcomes.append(Outcome(name, studio.written[before:], f"{type(exc).__name__}: {exc}"))
                else:
                    outcomes.append(Outcome(name, studio.written[before:]))
                finally:
                    studio.clean_up()
        finally:
            if previous_home is None:
                os.environ.pop("OPSDESK_HOME", None)
            else:
                os.environ["OPSDESK_HOME"] = previous_home
    return outcomes
