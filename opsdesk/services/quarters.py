"""Closing and reopening quarters: the quarterly report kept as it was, for good.

Closing keeps the report's figures and rows (built by the reports layer) with the audit
trail's newest entry, id and hash, so the workbook can print "History up to entry #N, hash …"
and `opsdesk check --against` can prove nothing before it changed. Reopening needs a reason.
Both are ordinary audited writes; the caller owns the transaction, as for every service.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from opsdesk.domain.errors import ValidationError
from opsdesk.domain.periods import Quarter, parse_quarter, quarter_of
from opsdesk.services.common import flush
from opsdesk.services.settings import get_fiscal_start_month
from opsdesk.store.audit import default_user
from opsdesk.store.audit_chain import GENESIS, newest_link
from opsdesk.store.models import ClosedQuarter, QuarterReport, utcnow

OPEN, CLOSED, REOPENED = "open", "closed", "reopened"
REASON_MAX = 500


@dataclass(frozen=True, slots=True)
class QuarterState:
    """A quarter and whether it is closed: who closed or reopened it, when and why."""

    quarter: str
    first_day: date
    last_day: date
    state: str  # open / closed / reopened
    closed_by: str | None = None
    closed_at: datetime | None = None
    reopened_by: str | None = None
    reopened_at: datetime | None = None
    reopen_reason: str | None = None
    anchor_entry: int | None = None
    anchor_hash: str | None = None

    @property
    def is_closed(self) -> bool:
        return self.state == CLOSED


@dataclass(frozen=True, slots=True)
class KeptReport:
    """What was kept when a quarter was closed."""

    quarter: str
    figures: dict[str, Any]
    data: str  # JSON (reports/quarter_snapshot.py)
    anchor_entry: int
    anchor_hash: str
    closed_by: str
    closed_at: datetime


def _quarter(session: Session, text: str) -> Quarter:
    return parse_quarter(text, get_fiscal_start_month(session=session))


def _user(session: Session) -> str:
    return str(session.info.get("user") or default_user())


def _row(session: Session, label: str) -> ClosedQuarter | None:
    return session.exec(select(ClosedQuarter).where(ClosedQuarter.quarter == label)).first()


def _state(quarter: Quarter, row: ClosedQuarter | None, report: QuarterReport | None) -> QuarterState:
    if row is None:
        return QuarterState(quarter.label, quarter.first_day, quarter.last_day, OPEN)
    return QuarterState(
        quarter.label, quarter.first_day, quarter.last_day, row.state, row.closed_by, row.closed_at,
        row.reopened_by, row.reopened_at, row.reopen_reason,
        report.anchor_entry if report else None, report.anchor_hash if report else None,
    )  # fmt: skip


def quarter_state(*, session: Session, quarter: str) -> QuarterState:
    """Whether a quarter is open, closed or reopened."""
    parsed = _quarter(session, quarter)
    row = _row(session, parsed.label)
    report = session.get(QuarterReport, row.report_id) if row is not None else None
    return _state(parsed, row, report)


def list_quarters(*, session: Session, today: date | None = None, count: int = 8) -> list[QuarterState]:
    """The quarter under way and the `count` - 1 before it, newest first, with each one's state.

    Quarters closed earlier than those are listed too, so every closing shows.
    """
    start_month = get_fiscal_start_month(session=session)
    quarter = quarter_of(today or date.today(), start_month)
    wanted: list[Quarter] = []
    for _ in range(count):
        wanted.append(quarter)
        quarter = quarter.previous()
    rows = {row.quarter: row for row in session.exec(select(ClosedQuarter))}
    labels = {q.label for q in wanted}
    for label in rows:
        if label not in labels:
            wanted.append(parse_quarter(label, start_month))
    wanted.sort(key=lambda q: q.first_day, reverse=True)
    reports = {
        report.id: report
        for report in session.exec(
            select(QuarterReport).where(QuarterReport.id.in_([row.report_id for row in rows.values()]))
        )
    } if rows else {}  # fmt: skip
    return [
        _state(q, rows.get(q.label), reports.get(rows[q.label].report_id) if q.label in rows else None)
        for q in wanted
    ]


def kept_report(*, session: Session, quarter: str) -> KeptReport | None:
    """The report kept when the quarter was closed; None when it is not closed (never, or reopened)."""
    parsed = _quarter(session, quarter)
    row = _row(session, parsed.label)
    if row is None or row.state != CLOSED:
        return None
    report = session.get(QuarterReport, row.report_id)
    if report is None:
        raise ValidationError({"quarter": "quarter.unreadable"})
    return KeptReport(
        parsed.label, json.loads(report.figures), report.data, report.anchor_entry, report.anchor_hash,
        row.closed_by, row.closed_at,
    )  # fmt: skip


def newest_entry(*, session: Session) -> tuple[int, str]:
    """The audit trail's newest entry (id, hash): what a closed quarter's workbook prints."""
    link = newest_link(session)
    if link is None or not link.hash:
        return 0, GENESIS
    return int(link.id), str(link.hash)


def record_closing(
    *, session: Session, quarter: str, figures: dict[str, Any], data: str, today: date | None = None
) -> QuarterState:
    """Close a quarter that has ended, keeping its report (figures and rows, as built by the reports layer).

    The anchor is the trail's newest entry before the closing's own entries.
    """
    parsed = _quarter(session, quarter)
    if parsed.last_day >= (today or date.today()):
        raise _problem("quarter.not_ended", quarter=parsed.label, last_day=parsed.last_day.isoformat())
    row = _row(session, parsed.label)
    if row is not None and row.state == CLOSED:
        raise _problem("quarter.already_closed", quarter=parsed.label)
    entry, hash_ = newest_entry(session=session)
    user = _user(session)
    report = QuarterReport(
        quarter=parsed.label, figures=json.dumps(figures, ensure_ascii=False, sort_keys=True), data=data,
        anchor_entry=entry, anchor_hash=hash_, created_by=user,
    )  # fmt: skip
    session.add(report)
    flush(session, "setting")
    now = utcnow()
    if row is None:
        row = ClosedQuarter(
            quarter=parsed.label, state=CLOSED, report_id=report.id, closed_by=user, closed_at=now
        )
    else:
        row.state, row.report_id, row.closed_by, row.closed_at = CLOSED, report.id, user, now
    session.add(row)
    flush(session, "setting")
    return _state(parsed, row, report)


def reopen_quarter(*, session: Session, quarter: str, reason: str) -> QuarterState:
    """Reopen a closed quarter: the reason is kept with the quarter and in the audit trail."""
    parsed = _quarter(session, quarter)
    reason = (reason or "").strip()
    if not reason:
        raise _problem("quarter.reason_needed", quarter=parsed.label, field="reason")
    if len(reason) > REASON_MAX:
        from opsdesk.domain.errors import Problem

        raise ValidationError(
            Problem("reason", "quarter.reason_too_long", {"count": len(reason), "limit": REASON_MAX})
        )
    row = _row(session, parsed.label)
    if row is None or row.state != CLOSED:
        raise _problem("quarter.not_closed", quarter=parsed.label)
    row.state, row.reopened_by, row.reopened_at, row.reopen_reason = (
        REOPENED,
        _user(session),
        utcnow(),
        reason,
    )
    session.add(row)
    flush(session, "setting")
    return _state(parsed, row, session.get(QuarterReport, row.report_id))


def _problem(code: str, *, field: str = "quarter", **params: Any) -> ValidationError:
    from opsdesk.domain.errors import Problem

    return ValidationError(Problem(field, code, params))
