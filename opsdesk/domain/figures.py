"""The report's figures defined once, over a date, without a database or Qt.

A past quarter's report shows the register as it stood on the quarter's last day: these
functions answer "as on that day" from the dates each record keeps.
"""

from __future__ import annotations

from datetime import date, datetime

from opsdesk.domain.enums import AlertState


def _day(moment: datetime | date | None) -> date | None:
    return moment.date() if isinstance(moment, datetime) else moment


def alert_state_on(
    day: date,
    *,
    raised_on: date,
    acknowledged_at: datetime | date | None,
    resolved_at: datetime | date | None,
) -> AlertState | None:
    """The state an alert had at the end of `day`; None when it was not raised yet or already resolved.

    An alert resolved after `day` was still open (or acknowledged) on it.
    """
    resolved = _day(resolved_at)
    if raised_on > day or (resolved is not None and resolved <= day):
        return None
    acknowledged = _day(acknowledged_at)
    return AlertState.ACKNOWLEDGED if acknowledged is not None and acknowledged <= day else AlertState.OPEN


def alert_open_on(
    day: date, *, raised_on: date, acknowledged_at: datetime | date | None = None,
    resolved_at: datetime | date | None,
) -> bool:
    """Whether an alert was open (raised and not yet resolved, acknowledged or not) on `day`."""
    return alert_state_on(day, raised_on=raised_on, acknowledged_at=acknowledged_at, resolved_at=resolved_at) is not None
