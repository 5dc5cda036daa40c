"""The three-way comparison behind an edit conflict, without any widget.

A save refused because someone else saved first compares, field by field, the record as the
user opened it, their saved version and the user's input. `compare_fields` lists what differs
(real conflicts first); `overwritten_changes` says which of their changes the next save would
replace once the user has chosen. The editor shows both (ui/dialogs/conflict_view.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

THEIRS = "theirs"
MINE = "mine"
BOTH = "both"


class AuditEntry(Protocol):
    """What the comparison reads of an audit entry: who saved which field, and when."""

    @property
    def id(self) -> int: ...
    @property
    def field(self) -> str | None: ...
    @property
    def user(self) -> str: ...
    @property
    def at(self) -> datetime: ...


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field an editor compares: its key, its label and the audit fields that record it."""

    key: str
    label: str
    audit_fields: tuple[str, ...] = ()

    def audited(self) -> tuple[str, ...]:
        return self.audit_fields or (self.key,)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One row of the comparison: a field that they, you, or both of you changed."""

    key: str
    label: str
    opened: str
    theirs: str
    mine: str
    kind: str  # THEIRS (only they changed it), MINE (only you did) or BOTH (a real conflict)
    saved_by: str = ""
    saved_at: datetime | None = None

    @property
    def conflict(self) -> bool:
        return self.kind == BOTH

    @property
    def they_changed(self) -> bool:
        return self.kind in (THEIRS, BOTH)


def entries_after(audit: Sequence[AuditEntry], after_id: int) -> list[AuditEntry]:
    """The audit entries written after the version the user opened (newest first)."""
    return sorted((entry for entry in audit if entry.id > after_id), key=lambda entry: entry.id, reverse=True)


def compare_fields(
    specs: Sequence[FieldSpec],
    opened: Mapping[str, object],
    theirs: Mapping[str, object],
    mine: Mapping[str, object],
    *,
    show: Callable[[str, object], str],
    audit: Sequence[AuditEntry] = (),
    after_audit_id: int = 0,
) -> list[FieldChange]:
    """The fields that differ: real conflicts first, then theirs, then yours (each in `specs` order).

    A change both sides made alike is no conflict and not listed.
    """
    newer = entries_after(audit, after_audit_id)
    changes: list[FieldChange] = []
    for spec in specs:
        base, their, my = opened.get(spec.key), theirs.get(spec.key), mine.get(spec.key)
        they_changed, i_changed = their != base, my != base
        if not they_changed and not i_changed:
            continue
        if they_changed and i_changed:
            if their == my:
                continue  # the same change on both sides: nothing to decide, nothing lost
            kind = BOTH
        else:
            kind = THEIRS if they_changed else MINE
        saver = None
        if they_changed:
            saver = next((e for e in newer if e.field in spec.audited()), newer[0] if newer else None)
        changes.append(
            FieldChange(
                key=spec.key,
                label=spec.label,
                opened=show(spec.key, base),
                theirs=show(spec.key, their),
                mine=show(spec.key, my),
                kind=kind,
                saved_by=saver.user if saver else "",
                saved_at=saver.at if saver else None,
            )
        )
    order = {BOTH: 0, THEIRS: 1, MINE: 2}
    return sorted(changes, key=lambda change: order[change.kind])  # stable: specs order within a kind


def overwritten_changes(
    changes: Sequence[FieldChange],
    mine: Mapping[str, object],
    theirs: Mapping[str, object],
    *,
    cannot_take_back: Callable[[str, object], bool] = lambda key, value: False,
) -> list[FieldChange]:
    """Their changes that saving the user's input now would replace.

    `cannot_take_back(key, value)` marks inputs that do not undo their value when saved (an
    assessment left empty is no new assessment: theirs stays).
    """
    return [
        change for change in changes
        if change.they_changed and mine[change.key] != theirs[change.key]
        and not cannot_take_back(change.key, mine[change.key])
    ]  # fmt: skip
