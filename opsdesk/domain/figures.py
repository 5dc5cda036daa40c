"""The report's figures defined once, over a date, without a database or Qt.

Every place that counts (dashboard cards, status bar, heatmap pages, the export's Summary,
`opsdesk report --json`) calls these functions, so "active risks" or "overdue actions" mean
the same thing everywhere. A past quarter's report shows the register as it stood on the
quarter's last day: these functions answer "as on that day" from the dates each record keeps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from typing import Any, Protocol

from opsdesk.domain.enums import ActionStatus, AlertKind, AlertState, Direction, RiskStatus
from opsdesk.domain.matrix import RiskMatrix
from opsdesk.domain.quality import objective_status

#: action statuses that are no longer open work
CLOSED_ACTION_STATUSES = frozenset({ActionStatus.DONE.value, ActionStatus.CANCELLED.value})
#: objective status when the period has no measurement (or the objective cannot be judged)
NO_DATA = "no_data"
OBJECTIVE_STATUSES = ("met", "at_risk", "missed", NO_DATA)
TOP_LIMIT = 10


def _day(moment: datetime | date | None) -> date | None:
    return moment.date() if isinstance(moment, datetime) else moment


# -- risks ---------------------------------------------------------------------------------


def risk_active_on(day: date, *, identified_on: date | None, status: str, archived: bool) -> bool:
    """A risk is active on a day when it was identified by then, is not closed and not archived.

    Assessed or not: an Identified risk without any assessment is active too.
    """
    if archived or status == RiskStatus.CLOSED:
        return False
    return identified_on is None or identified_on <= day


def risk_assessed(residual_score: int | None) -> bool:
    """Assessed means: the risk has a current residual assessment (its inherent one alone is not enough)."""
    return residual_score is not None


def level_above_appetite(level: str | None, matrix: RiskMatrix) -> bool:
    """A residual level strictly above the appetite; a level that is not a band of the matrix cannot be judged."""
    return level is not None and matrix.has_level(level) and matrix.is_above_appetite(level)


def review_due_on(
    day: date, *, next_review: date | None, strategy: str | None, acceptance_expires: date | None
) -> bool:
    """Due when the review date has come, or when a formal acceptance has expired."""
    if next_review is not None and next_review <= day:
        return True
    return strategy == "accept" and acceptance_expires is not None and acceptance_expires < day


# -- actions -------------------------------------------------------------------------------


def action_open(status: str) -> bool:
    return status not in CLOSED_ACTION_STATUSES


def action_overdue_on(day: date, *, status: str, due_date: date | None) -> bool:
    """Overdue: neither done nor cancelled, and its due date has passed."""
    return action_open(status) and due_date is not None and due_date < day


def action_status_on(day: date, *, status: str, completed_on: date | None) -> str:
    """The status an action had at the end of `day`: one completed after it was still in progress then."""
    if status == ActionStatus.DONE and completed_on is not None and completed_on > day:
        return ActionStatus.IN_PROGRESS.value
    return status


# -- alerts --------------------------------------------------------------------------------


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
    day: date,
    *,
    raised_on: date,
    acknowledged_at: datetime | date | None = None,
    resolved_at: datetime | date | None,
) -> bool:
    """Whether an alert was open (raised and not yet resolved, acknowledged or not) on `day`."""
    return (
        alert_state_on(day, raised_on=raised_on, acknowledged_at=acknowledged_at, resolved_at=resolved_at)
        is not None
    )


# -- quality objectives --------------------------------------------------------------------


def objective_status_for(actual: float | None, *, target: float, direction: str, tolerance: float) -> str:
    """An objective's status for a period from its measured value: met, at_risk, missed or no_data."""
    if actual is None or direction not in set(Direction):
        return NO_DATA  # no measurement, or a direction written outside OpsDesk: cannot be judged
    return objective_status(actual, target, Direction(direction), tolerance).value


# -- the figures of a day ------------------------------------------------------------------


class RiskFacts(Protocol):
    """What the risk figures read of a risk (RiskRead has it)."""

    @property
    def code(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def archived(self) -> bool: ...
    @property
    def identified_on(self) -> date | None: ...
    @property
    def residual_score(self) -> int | None: ...
    @property
    def residual_level(self) -> str | None: ...
    @property
    def next_review(self) -> date | None: ...
    @property
    def strategy(self) -> str | None: ...
    @property
    def acceptance_expires(self) -> date | None: ...


def active_risks(risks: Iterable[Any], day: date) -> list[Any]:
    """The risks active on `day`, in the order given."""
    return [
        risk for risk in risks
        if risk_active_on(day, identified_on=risk.identified_on, status=risk.status, archived=risk.archived)
    ]  # fmt: skip


def ranked_by_residual(risks: Iterable[Any], limit: int = TOP_LIMIT) -> list[Any]:
    """The highest residual scores, ties by code; a risk without a residual assessment is never ranked."""
    scored = [risk for risk in risks if risk_assessed(risk.residual_score)]
    return sorted(scored, key=lambda risk: (-risk.residual_score, risk.code))[:limit]


def heatmap_counts(risks: Iterable[Any], kind: str) -> dict[tuple[int, int], int]:
    """Risks per (likelihood, impact) cell of one assessment kind (give it the active risks)."""
    cell = attrgetter(f"{kind}_likelihood", f"{kind}_impact")
    counts = Counter(map(cell, risks))
    return {(likelihood, impact): n for (likelihood, impact), n in counts.items()
            if likelihood is not None and impact is not None}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figures:
    """Every figure of the register on one day; the same numbers wherever they are shown."""

    day: date
    active: int
    assessed: int
    unassessed: int
    by_level: dict[str, int]  # active assessed risks per residual level code
    above_appetite: int
    review_due: int
    overdue_actions: int
    open_alerts: int  # breaches and forecasts open on the day
    open_breaches: int
    open_forecasts: int
    objectives: dict[str, int]
    top: tuple[str, ...]  # the residual top 10's codes
    unassessed_codes: tuple[str, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """Plain JSON values (dates as ISO text)."""
        return {
            "day": self.day.isoformat(),
            "active_risks": self.active,
            "assessed_risks": self.assessed,
            "unassessed_risks": self.unassessed,
            "risks_by_residual_level": dict(self.by_level),
            "above_appetite": self.above_appetite,
            "due_for_review": self.review_due,
            "overdue_actions": self.overdue_actions,
            "open_alerts": self.open_alerts,
            "open_breach_alerts": self.open_breaches,
            "open_forecast_alerts": self.open_forecasts,
            "objectives": dict(self.objectives),
            "residual_top_10": list(self.top),
            "unassessed": list(self.unassessed_codes),
            **self.extra,
        }


def figures_on(
    day: date,
    *,
    risks: Iterable[Any],
    actions: Iterable[Any],
    alerts: Iterable[Any],
    objectives: Mapping[str, int],
    matrix: RiskMatrix,
) -> Figures:
    """The figures of the register on `day`.

    `risks` carry the values they had on the day (status, current assessments); `actions` their
    status then; `alerts` their raised/acknowledged/resolved moments; `objectives` the status
    counts of each objective's last period complete by the end of the day.
    """
    active = active_risks(risks, day)
    assessed = [risk for risk in active if risk_assessed(risk.residual_score)]
    unassessed = sorted(risk.code for risk in active if not risk_assessed(risk.residual_score))
    by_level = Counter(risk.residual_level for risk in assessed)
    open_kinds = [
        alert.kind for alert in alerts
        if alert_open_on(day, raised_on=alert.raised_on, acknowledged_at=alert.acknowledged_at,
                         resolved_at=alert.resolved_at)
    ]  # fmt: skip
    forecasts = sum(1 for kind in open_kinds if kind == AlertKind.FORECAST)
    return Figures(
        day=day,
        active=len(active),
        assessed=len(assessed),
        unassessed=len(unassessed),
        by_level=dict(by_level),
        # level_above_appetite asked once per level: every risk of a level is above the appetite or none is
        above_appetite=sum(count for level, count in by_level.items() if level_above_appetite(level, matrix)),
        review_due=sum(
            1
            for risk in active
            if review_due_on(
                day,
                next_review=risk.next_review,
                strategy=risk.strategy,
                acceptance_expires=risk.acceptance_expires,
            )
        ),  # fmt: skip
        overdue_actions=sum(
            1
            for action in actions
            if not getattr(action, "archived", False)
            and action_overdue_on(day, status=action.status, due_date=action.due_date)
        ),  # fmt: skip
        open_alerts=len(open_kinds),
        open_breaches=len(open_kinds) - forecasts,
        open_forecasts=forecasts,
        objectives={status: objectives.get(status, 0) for status in OBJECTIVE_STATUSES},
        top=tuple(risk.code for risk in ranked_by_residual(assessed)),
        unassessed_codes=tuple(unassessed),
    )


def count_statuses(statuses: Sequence[str]) -> dict[str, int]:
    """Objective statuses counted, every status present (zero when none)."""
    counts = Counter(statuses)
    return {status: counts.get(status, 0) for status in OBJECTIVE_STATUSES}
