"""Run in a child process by test_screens.py: every main window and dialog at 175% on a 1920x1080 laptop.

The folder holds demo.db, a copy of the demo register the test run built.

Prints one JSON object: the available area and, per window, its size and the buttons and
status bar found outside that area.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(folder: Path) -> None:
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QStatusBar, QWidget

    from opsdesk.services.kris import list_kris
    from opsdesk.services.risks import list_risks
    from opsdesk.store.database import open_database
    from opsdesk.ui.app import application, create_settings
    from opsdesk.ui.context import AppContext

    database = open_database(folder / "demo.db", user="tester")  # a copy of the tests' demo register
    app = application()
    context = AppContext(database, create_settings())

    from opsdesk.ui.dialogs.action_editor import ActionEditor
    from opsdesk.ui.dialogs.feedback_editor import FeedbackEditor
    from opsdesk.ui.dialogs.import_wizard import ImportWizard
    from opsdesk.ui.dialogs.kri_editor import KriEditor
    from opsdesk.ui.dialogs.meeting_editor import MeetingEditor
    from opsdesk.ui.dialogs.nc_editor import NcEditor
    from opsdesk.ui.dialogs.objective_editor import ObjectiveEditor
    from opsdesk.ui.dialogs.reading_dialogs import ReadingGridDialog
    from opsdesk.ui.dialogs.risk_editor import RiskEditor
    from opsdesk.ui.dialogs.suggestion_dialogs import SubmitSuggestionDialog
    from opsdesk.ui.main_window import MainWindow

    with database.session() as session:
        risk_id = list_risks(session=session)[0].id
        kri = list_kris(session=session)[0]
    builders = {
        "main window": lambda: MainWindow(context),
        "import wizard": lambda: ImportWizard(context),
        "risk editor": lambda: RiskEditor(context, risk_id),
        "nonconformity editor": lambda: NcEditor(context),
        "meeting editor": lambda: MeetingEditor(context),
        "KRI editor": lambda: KriEditor(context),
        "action editor": lambda: ActionEditor(context),
        "objective editor": lambda: ObjectiveEditor(context),
        "suggestion": lambda: SubmitSuggestionDialog(context),
        "feedback editor": lambda: FeedbackEditor(context),
        "reading grid": lambda: ReadingGridDialog(context, kri),
    }
    area = app.primaryScreen().availableGeometry()
    report: dict[str, object] = {"area": [area.width(), area.height()], "windows": {}}
    for name, build in builders.items():
        window: QWidget = build()
        window.show()
        app.processEvents()
        outside = []
        for child in window.findChildren(QAbstractButton) + window.findChildren(QStatusBar):
            if not child.isVisibleTo(window) or child.window() is not window:
                continue
            rect = QRect(child.mapToGlobal(QPoint(0, 0)), child.size())
            if not area.contains(rect):
                outside.append(
                    f"{type(child).__name__} {child.text() if hasattr(child, 'text') else ''!r}".strip()
                )
        frame = window.frameGeometry()
        report["windows"][name] = {  # type: ignore[index]
            "size": [window.width(), window.height()],
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "outside": outside,
        }
        window.close()
        window.deleteLater()
        app.processEvents()
    database.dispose()
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
