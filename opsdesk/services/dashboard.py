"""The dashboard's figures, read in one session so they agree with each other.

The page only shows them; the counts come from the services that define each figure once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from opsdesk.services import actions, alerts, nonconformities, quality, risks, suggestions
from opsdesk.services.settings import QualityPolicy, get_company_name, get_quality_policy


@dataclass(frozen=True, slots=True)
class DashboardNumbers:
    """Everything the dashboard counts, read in one session so the numbers agree with each other."""

    company: str
    policy: QualityPolicy
    by_level: dict[str, int]
    above_appetite: int
    open_alerts: int
    overdue_actions: int
    review_due: int
    objectives: dict[str, int]
    open_ncs: dict[str, int]
    overdue_corrective: int
    suggestions_waiting: int
    top: list[risks.RiskRead]
    unassessed: int


def dashboard_numbers(*, session: Session, today: date | None = None) -> DashboardNumbers:
    """Gather the dashboard's counts from the services."""
    return DashboardNumbers(
        company=get_company_name(session=session),
        policy=get_quality_policy(session=session),
        by_level=risks.count_by_level(session=session, kind="residual"),
        above_appetite=risks.count_above_appetite(session=session),
        open_alerts=alerts.count_open_alerts(session=session),
        overdue_actions=actions.count_overdue(session=session, today=today),
        review_due=risks.count_review_due(session=session, today=today),
        objectives=quality.objective_statuses_for_period(session=session, period_of=today),
        open_ncs=nonconformities.open_counts_by_severity(session=session),
        overdue_corrective=nonconformities.count_overdue_corrective_actions(session=session, today=today),
        suggestions_waiting=suggestions.count_waiting_for_review(session=session),
        top=risks.top_risks(session=session, limit=10, today=today),
        unassessed=risks.count_unassessed(session=session),
    )
