"""What the person at the keyboard may do with the open register."""

from __future__ import annotations

from enum import StrEnum


class Access(StrEnum):
    """A viewer reads; an editor also records risks, readings, actions...; an administrator
    also changes the settings: the matrix, departments, categories and the quality policy."""

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def can_edit(self) -> bool:
        return self is not Access.VIEWER

    @property
    def can_administer(self) -> bool:
        return self is Access.ADMIN
