"""The Qt binding itself: PySide6 6.12.0 drops a reference to None each time Qt calls a Python
override (a model's data(), an event filter, a slot). None's count runs down as the user works
until Python aborts ("none_dealloc"), so pyproject.toml keeps PySide6 below 6.12; this test
fails on a release with the same fault."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QPushButton

CALLS = 300  # few enough that a faulty release fails the assertion before Python aborts


class OneCellModel(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return "cell" if role == Qt.ItemDataRole.DisplayRole else None


class PassingFilter(QObject):
    def eventFilter(self, watched: QObject, event) -> bool:
        return super().eventFilter(watched, event)


def none_references_lost(repeat) -> int:
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        repeat()
    gc.collect()
    return before - sys.getrefcount(None)


def test_a_models_data_override_called_by_qt_keeps_none_alive(qapp) -> None:
    model = OneCellModel()
    index = model.index(0, 0)
    assert index.data(Qt.ItemDataRole.ToolTipRole) is None
    assert none_references_lost(lambda: index.data(Qt.ItemDataRole.ToolTipRole)) < CALLS // 10


def test_an_event_filter_override_keeps_none_alive(qtbot) -> None:
    button = QPushButton("guarded")
    qtbot.addWidget(button)
    event_filter = PassingFilter(button)
    button.installEventFilter(event_filter)
    assert none_references_lost(lambda: button.setEnabled(not button.isEnabled())) < CALLS // 10
