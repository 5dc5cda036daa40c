"""Labels styled by role: the style sheet colours `muted`, `error`, `pageTitle`... labels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def text_label(
    text: str, role: str | None = None, *, wrap: bool = True, plain: bool = False, selectable: bool = False
) -> QLabel:
    """A label of `role`; `plain` for text that may hold '<' (a URL, a server's message)."""
    label = QLabel(text)
    label.setWordWrap(wrap)
    if plain:
        label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


def set_role(widget: QWidget, role: str) -> None:
    """Change a shown widget's role; a dynamic property needs a re-polish for the style sheet to notice."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
