"""Quarters and reporting periods (week, month, quarter), configurable fiscal year.

Fiscal years are named by the calendar year in which they START. With a fiscal
year starting in April (start_month=4), "2026-Q1" runs from 1 Apr 2026 to
30 Jun 2026, "2026-Q4" from 1 Jan 2027 to 31 Mar 2027, so 15 Feb 2027 falls in
"2026-Q4" and 31 Mar 2026 in "2025-Q4". With the default start_month=1 the
fiscal year is the calendar year.

Period keys are strings so they can be stored and sorted in the database:
"2026-03" (month), "2026-Q1" (quarter, fiscal) and "2026-W09" (ISO 8601 week,
whose year is the ISO week-numbering year, e.g. 29 Dec 2025 is "2026-W01").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from opsdesk.domain.enums import Frequency
from opsdesk.domain.errors import Problem, ValidationError

_QUARTER_RE = re.compile(r"^(\d{4})\s*-?\s*[Qq]\s*(\d{1,2})$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_WEEK_RE = re.compile(r"^(\d{4})\s*-?\s*[Ww]\s*(\d{1,2})$")


def _check_start_month(start_month: object) -> int:
    if isinstance(start_month, bool) or not isinstance(start_month, int) or not 1 <= start_month <= 12:
        raise ValidationError(Problem("start_month", "period.start_month_range", {"value": start_month}))
    return start_month


@dataclass(frozen=True, order=True)
class Quarter:
    """A fiscal quarter: number 1..4 of the fiscal year starting in `year`."""

    year: int
    number: int
    start_month: int = 1

    def __post_init__(self) -> None:
        _check_start_month(self.start_month)
        if isinstance(self.number, bool) or not isinstance(self.number, int) or not 1 <= self.number <= 4:
            raise ValidationError(Problem("quarter", "period.quarter_number", {"value": self.number}))
        # Q4 may spill into the next calendar year, which must still be a valid date.
        max_year = 9999 if self.start_month == 1 else 9998
        if isinstance(self.year, bool) or not isinstance(self.year, int) or not 1 <= self.year <= max_year:
            raise ValidationError(
                Problem("quarter", "period.year_range", {"maximum": max_year, "value": self.year})
            )

    def _first_month_index(self) -> int:
        # Months counted from January of `year` (0-based), possibly >= 12.
        return self.start_month - 1 + 3 * (self.number - 1)

    @property
    def label(self) -> str:
        """Return the quarter as "2026-Q3"."""
        return f"{self.year:04d}-Q{self.number}"

    @property
    def first_day(self) -> date:
        """Return the first day of the quarter."""
        index = self._first_month_index()
        return date(self.year + index // 12, index % 12 + 1, 1)

    @property
    def last_day(self) -> date:
        """Return the last day of the quarter."""
        index = self._first_month_index() + 2
        year, month = self.year + index // 12, index % 12 + 1
        return date(year, month, calendar.monthrange(year, month)[1])

    def previous(self) -> Quarter:
        """Return the quarter before this one."""
        if self.number == 1:
            return Quarter(self.year - 1, 4, self.start_month)
        return Quarter(self.year, self.number - 1, self.start_month)

    def next(self) -> Quarter:
        """Return the quarter after this one."""
        if self.number == 4:
            return Quarter(self.year + 1, 1, self.start_month)
        return Quarter(self.year, self.number + 1, self.start_month)

    def contains(self, d: date) -> bool:
        """Tell whether a date falls within the quarter."""
        return self.first_day <= d <= self.last_day

    def __str__(self) -> str:
        return self.label


def quarter_of(d: date, start_month: int = 1) -> Quarter:
    """Return the fiscal quarter containing a date."""
    _check_start_month(start_month)
    months_into_year = (d.month - start_month) % 12
    fiscal_year = d.year if d.month >= start_month else d.year - 1
    return Quarter(fiscal_year, months_into_year // 3 + 1, start_month)


def _quarter_error(text: object) -> ValidationError:
    shown = text.strip() if isinstance(text, str) else text
    return ValidationError(Problem("quarter", "period.not_a_quarter", {"text": shown}))


def parse_quarter(text: str, start_month: int = 1) -> Quarter:
    """Parse "2026-Q3", "2026Q3" or "2026 q3" into a Quarter."""
    _check_start_month(start_month)
    if not isinstance(text, str):
        raise _quarter_error(text)
    match = _QUARTER_RE.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 4:
        raise _quarter_error(text)
    try:
        return Quarter(int(match.group(1)), int(match.group(2)), start_month)
    except ValidationError as exc:
        raise _quarter_error(text) from exc


def quarter_bounds(quarter: str | Quarter, start_month: int = 1) -> tuple[date, date]:
    """Return (first day, last day) of a quarter (a Quarter keeps its start month)."""
    if not isinstance(quarter, Quarter):
        quarter = parse_quarter(quarter, start_month)
    return quarter.first_day, quarter.last_day


# -- reporting periods ---------------------------------------------------


def _period_error(key: object) -> ValidationError:
    return ValidationError(Problem("period", "period.not_a_period", {"text": key}))


def _month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _week_key(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def _parse_period(key: str, start_month: int) -> tuple[Frequency, date, date, str]:
    """Return (kind, first day, last day, canonical key) of a period key."""
    _check_start_month(start_month)
    if not isinstance(key, str):
        raise _period_error(key)
    text = key.strip()
    if match := _MONTH_RE.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12 or year < 1:
            raise _period_error(key)
        last = calendar.monthrange(year, month)[1]
        return (
            Frequency.MONTHLY,
            date(year, month, 1),
            date(year, month, last),
            _month_key(year, month),
        )
    if _QUARTER_RE.match(text):
        try:
            quarter = parse_quarter(text, start_month)
        except ValidationError as exc:
            raise _period_error(key) from exc
        return Frequency.QUARTERLY, quarter.first_day, quarter.last_day, quarter.label
    if match := _WEEK_RE.match(text):
        try:
            # Refuses week 53 in years that only have 52 ISO weeks.
            monday = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
            sunday = monday + timedelta(days=6)
        except (ValueError, OverflowError) as exc:
            raise _period_error(key) from exc
        return Frequency.WEEKLY, monday, sunday, _week_key(monday)
    raise _period_error(key)


def period_key(d: date, frequency: Frequency, start_month: int = 1) -> str:
    """Return the key of the period holding a date: "2026-03", "2026-Q1", "2026-W09"."""
    try:
        frequency = Frequency(frequency)
    except ValueError as exc:
        raise ValidationError(Problem("frequency", "period.not_a_frequency", {"value": frequency})) from exc
    if frequency is Frequency.MONTHLY:
        return _month_key(d.year, d.month)
    if frequency is Frequency.QUARTERLY:
        return quarter_of(d, start_month).label
    return _week_key(d)


def period_frequency(key: str, start_month: int = 1) -> Frequency:
    """Return the frequency (kind) of a period key."""
    return _parse_period(key, start_month)[0]


def period_bounds(key: str, start_month: int = 1) -> tuple[date, date]:
    """Return (first day, last day) of a month, quarter or ISO week key."""
    _, first, last, _ = _parse_period(key, start_month)
    return first, last


def next_period(key: str, start_month: int = 1) -> str:
    """Return the key of the period right after this one (same kind)."""
    kind, _, last, _ = _parse_period(key, start_month)
    try:
        return period_key(last + timedelta(days=1), kind, start_month)
    except OverflowError as exc:
        raise _period_error(key) from exc


def periods_between(first: str, last: str, start_month: int = 1) -> list[str]:
    """Return every period key from first to last inclusive (both of the same kind)."""
    first_kind, first_start, _, first_key = _parse_period(first, start_month)
    last_kind, last_start, _, last_key = _parse_period(last, start_month)
    if first_kind is not last_kind:
        raise ValidationError(Problem("period", "period.kinds_differ", {"first": first, "last": last}))
    if first_start > last_start:
        raise ValidationError(
            Problem("period", "period.first_after_last", {"first": first_key, "last": last_key})
        )
    keys = [first_key]
    while keys[-1] != last_key:
        keys.append(next_period(keys[-1], start_month))
    return keys
