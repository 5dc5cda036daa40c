"""The three-way comparison of an edit conflict, without any widget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from opsdesk.domain.conflicts import (
    BOTH,
    MINE,
    THEIRS,
    FieldSpec,
    compare_fields,
    entries_after,
    overwritten_changes,
)


@dataclass(frozen=True)
class Entry:
    id: int
    field: str | None
    user: str
    at: datetime


SPECS = [FieldSpec("title", "Title"), FieldSpec("owner", "Owner"), FieldSpec("cause", "Cause"),
         FieldSpec("status", "Status"), FieldSpec("residual", "Residual", ("residual_likelihood", "residual_impact"))]  # fmt: skip
OPENED = {"title": "A", "owner": "Ann", "cause": "x", "status": "open", "residual": (3, 3)}
THEIRS_SAVED = {"title": "A", "owner": "Bob", "cause": "y", "status": "closed", "residual": (2, 2)}
MY_INPUT = {"title": "B", "owner": "Cy", "cause": "y", "status": "open", "residual": (3, 3)}
AUDIT = [Entry(5, "owner", "bob", datetime(2026, 3, 1, 9, 5)), Entry(6, "residual_impact", "dee", datetime(2026, 3, 1, 9, 6)),
         Entry(7, "status", "bob", datetime(2026, 3, 1, 9, 7)), Entry(2, "owner", "old", datetime(2026, 1, 1))]  # fmt: skip


def test_conflicts_come_first_then_theirs_then_mine_and_alike_changes_are_not_listed() -> None:
    changes = compare_fields(SPECS, OPENED, THEIRS_SAVED, MY_INPUT, show=lambda key, value: str(value),
                             audit=AUDIT, after_audit_id=4)  # fmt: skip
    assert [(c.key, c.kind, c.saved_by) for c in changes] == [
        ("owner", BOTH, "bob"), ("status", THEIRS, "bob"), ("residual", THEIRS, "dee"), ("title", MINE, ""),
    ]  # fmt: skip
    assert [e.id for e in entries_after(AUDIT, 4)] == [7, 6, 5]


def test_keeping_mine_replaces_only_their_changes_that_my_input_differs_from() -> None:
    changes = compare_fields(SPECS, OPENED, THEIRS_SAVED, MY_INPUT, show=lambda key, value: str(value))
    replaced = overwritten_changes(changes, MY_INPUT, THEIRS_SAVED)
    assert [c.key for c in replaced] == ["owner", "status", "residual"]
    # After taking their status, it is no longer replaced; an assessment left empty never is.
    merged = {**MY_INPUT, "status": "closed", "residual": (None, None)}
    replaced = overwritten_changes(changes, merged, THEIRS_SAVED,
                                   cannot_take_back=lambda key, value: key == "residual" and None in value)  # fmt: skip
    assert [c.key for c in replaced] == ["owner"]
