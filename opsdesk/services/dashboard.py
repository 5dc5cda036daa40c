"""The dashboard's figures, read in one session so they agree with each other.

The page only shows them; the risk, action, alert and objective figures are those of
`domain.figures` over the register as it stands on the day (services.reporting), the same
ones the status bar, the export's Summary and `opsdesk report --json` show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from opsdesk.domain.figures import Figures, ranked_by_residual
from opsdesk.services import nonconformities, reporting, risks, suggestions
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
    figures: Figures
    unassigned: int = 0  # active risks an import left in the "Unassigned" department or category


def dashboard_numbers(*, session: Session, today: date | None = None) -> DashboardNumbers:
    """Gather the dashboard's counts: the register's figures on `today`, and the quality lists'."""
    day = today or date.today()
    register = reporting.register_on(session=session, day=day, with_history=False)
    figures = reporting.figures_of(register)
    top = {
        risk.code: risk
        for risk in ranked_by_residual(r for r in register.risks if r.code in set(figures.top))
    }
    return DashboardNumbers(
        company=get_company_name(session=session),
        policy=get_quality_policy(session=session),
        by_level=figures.by_level,
        above_appetite=figures.above_appetite,
        open_alerts=figures.open_alerts,
        overdue_actions=figures.overdue_actions,
        review_due=figures.review_due,
        objectives=figures.objectives,
        open_ncs=nonconformities.open_counts_by_severity(session=session),
        overdue_corrective=nonconformities.count_overdue_corrective_actions(session=session, today=today),
        suggestions_waiting=suggestions.count_waiting_for_review(session=session),
        top=[top[code] for code in figures.top],
        unassessed=figures.unassessed,
        figures=figures,
        unassigned=risks.count_unassigned(session=session),
    )
