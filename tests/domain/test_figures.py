"""An alert's state on a given day, from the dates it keeps."""

from __future__ import annotations

from datetime import date, datetime

from opsdesk.domain.enums import AlertState
from opsdesk.domain.figures import alert_open_on, alert_state_on

END_Q3 = date(2026, 9, 30)


def test_an_alert_raised_after_the_day_was_not_open_on_it() -> None:
    assert alert_state_on(END_Q3, raised_on=date(2026, 12, 1), acknowledged_at=None, resolved_at=None) is None
    assert not alert_open_on(END_Q3, raised_on=date(2026, 10, 1), resolved_at=None)


def test_an_alert_resolved_later_was_open_or_acknowledged_on_the_day() -> None:
    resolved = datetime(2026, 10, 3, 9, 0)
    assert (
        alert_state_on(END_Q3, raised_on=date(2026, 9, 1), acknowledged_at=None, resolved_at=resolved)
        == AlertState.OPEN
    )
    assert (
        alert_state_on(
            END_Q3,
            raised_on=date(2026, 9, 1),
            acknowledged_at=datetime(2026, 9, 30, 17, 0),
            resolved_at=resolved,
        )
        == AlertState.ACKNOWLEDGED
    )
    assert (
        alert_state_on(
            END_Q3,
            raised_on=date(2026, 9, 1),
            acknowledged_at=datetime(2026, 10, 1, 8, 0),
            resolved_at=resolved,
        )
        == AlertState.OPEN
    )


def test_an_alert_resolved_by_the_day_was_not_open() -> None:
    assert not alert_open_on(END_Q3, raised_on=date(2026, 9, 1), resolved_at=datetime(2026, 9, 30, 23, 0))
    assert alert_open_on(END_Q3, raised_on=END_Q3, resolved_at=None)
