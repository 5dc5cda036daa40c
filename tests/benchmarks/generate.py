"""A synthetic register of a large group, written fast with bulk SQLAlchemy core inserts.

The real schema is created by `open_database` (Alembic), the seeded departments,
categories and matrix by `ensure_defaults`; everything else goes in with
`session.execute(insert(table), rows)` in big batches inside one transaction. Core inserts
do not go through the ORM flush, so the audit trail listener (store/audit.py) never fires
and the synthetic database has no audit entries: fine for timing the screens and reports,
which do not read the audit trail. What the services keep denormalised is filled in as
they would: the current assessments on each risk (levels from the stored matrix), the code
sequences, each reading's state (`evaluate_reading`) and the open alerts of the breaches
and of the risks above the appetite.
"""

from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import select

from opsdesk.domain.enums import (
    ActionKind,
    ActionStatus,
    AlertKind,
    AlertState,
    Direction,
    IdentificationSource,
    KriState,
    RiskStatus,
    Strategy,
    SuggestionStatus,
)
from opsdesk.domain.kri import evaluate_reading
from opsdesk.domain.matrix import RiskMatrix, default_matrix, default_review_intervals

# Default size (scale 1.0), as issue 7 sets it.
RISKS = 20_000
ASSESSMENTS_PER_RISK = 4
KRIS = 500
READINGS_PER_KRI = 100
OBJECTIVES = 100
MEASUREMENTS_PER_OBJECTIVE = 36
ACTIONS = 20_000
SUGGESTIONS = 10_000
BATCH = 5_000
SEED = 7

# Words of a risk register, so that texts read like one and searches find a realistic share.
VOCABULARY = (
    "supplier delay shipment contract customer audit compliance regulation data breach system outage "
    "server network backup recovery payment invoice fraud error staff turnover training skills safety "
    "incident injury quality defect recall product launch market share competitor pricing demand forecast "
    "currency exchange interest rate liquidity credit debt covenant budget overrun project schedule scope "
    "vendor lock licence software upgrade migration legacy integration interface vulnerability patch "
    "phishing ransomware access control password identity privacy consent retention archive records "
    "warehouse inventory stock shortage logistics transport customs tariff sanction export import permit "
    "environment emission waste spill energy cost fuel weather flood fire storm earthquake pandemic "
    "absence key person succession dependency single point failure capacity overload peak season "
    "reputation media complaint social review brand trust partner joint venture merger acquisition "
    "integration culture change resistance process manual workaround spreadsheet reconciliation month end "
    "closing reporting disclosure tax filing penalty fine lawsuit claim dispute warranty liability "
    "insurance coverage gap renewal premium deductible asset maintenance equipment breakdown spare part "
    "production line downtime yield scrap rework inspection calibration measurement specification drawing "
    "design change approval sign off review committee board oversight governance policy procedure "
    "the of and a to in for on with by from at is are be may could would will not due lack late "
    "missing weak poor insufficient unclear delayed failed increased reduced higher lower new existing "
    "critical major minor regional global local central subsidiary branch plant site office team unit"
).split()
FIRST_NAMES = (
    "Anna Ben Chen Dana Eli Fang Grace Hugo Ivy Jun Karl Lena Ming Nora Omar Pia Qiang Rosa Sam Tao "
    "Uma Victor Wei Xia Yusuf Zoe Li Hana Ola Raj"
).split()
LAST_NAMES = "Smith Wang Müller Garcia Zhang Novak Rossi Kim Silva Dubois Li Okafor Jensen Tanaka Liu".split()
UNITS = ("%", "days", "count", "hours", "EUR k", "incidents", "tickets")
_DEFAULT_MATRIX = default_matrix()
OBJECTIVE_WORDS = (
    "On-time delivery",
    "First pass yield",
    "Customer complaints",
    "Audit findings closed",
    "Scrap rate",
    "Training completion",
    "Supplier defects",
    "Response time",
)


@dataclass(frozen=True)
class Sizes:
    """How many records of each kind the synthetic register holds."""

    risks: int
    assessments_per_risk: int
    kris: int
    readings_per_kri: int
    objectives: int
    measurements_per_objective: int
    actions: int
    suggestions: int

    @classmethod
    def at_scale(cls, scale: float) -> Sizes:
        def n(count: int, minimum: int) -> int:
            return max(minimum, round(count * scale))

        return cls(
            risks=n(RISKS, 40), assessments_per_risk=ASSESSMENTS_PER_RISK, kris=n(KRIS, 5),
            readings_per_kri=READINGS_PER_KRI, objectives=n(OBJECTIVES, 3),
            measurements_per_objective=MEASUREMENTS_PER_OBJECTIVE, actions=n(ACTIONS, 40),
            suggestions=n(SUGGESTIONS, 20),
        )  # fmt: skip

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


class _Text:
    """Sentences of register vocabulary, of realistic lengths, from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(VOCABULARY, k=self.rng.randint(low, high)))

    def sentence(self, low: int = 8, high: int = 16) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, low_sentences: int, high_sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low_sentences, high_sentences)))

    def title(self) -> str:
        text = self.words(4, 9)
        return text[0].upper() + text[1:]

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"


def _insert(session, table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        session.execute(insert(table), rows[start : start + BATCH])


def _month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _pick_weighted(rng: random.Random, choices: tuple[tuple[object, int], ...]) -> object:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _assessment_point(
    rng: random.Random, matrix: RiskMatrix, below: tuple[int, int] | None
) -> tuple[int, int]:
    """A likelihood and impact, at most `below` on each axis (treatment lowers a risk)."""
    if below is None:
        return rng.randint(1, matrix.likelihood_count), rng.randint(1, matrix.impact_count)
    likelihood = max(1, below[0] - rng.choice((0, 0, 1, 1, 2)))
    impact = max(1, below[1] - rng.choice((0, 0, 0, 1)))
    return likelihood, impact


def generate(path: Path, scale: float = 1.0, *, today: date | None = None) -> dict[str, object]:
    """Create the synthetic register at `path` (a new file) and say what it holds and how long it took."""
    from opsdesk.services.settings import ensure_defaults, get_matrix
    from opsdesk.store.database import open_database
    from opsdesk.store.models import (
        Action,
        Alert,
        Assessment,
        Category,
        CodeSequence,
        Department,
        Kri,
        KriReading,
        Measurement,
        QualityObjective,
        Risk,
        Suggestion,
    )

    started = time.perf_counter()
    today = today or date.today()
    sizes = Sizes.at_scale(scale)
    rng = random.Random(SEED)
    text = _Text(rng)
    now = datetime.now(UTC)
    database = open_database(path, user="benchmark")
    try:
        with database.session() as session:
            ensure_defaults(session=session)
            matrix = get_matrix(session=session)
            intervals = default_review_intervals()
            department_ids = list(session.exec(select(Department.id)))
            category_ids = list(session.exec(select(Category.id)))
            owners = sorted({text.person() for _ in range(400)})

            # Risks and their assessments ------------------------------------------------
            risks: list[dict] = []
            assessments: list[dict] = []
            appetite_alerts: list[dict] = []
            for risk_id in range(1, sizes.risks + 1):
                identified_on = today - timedelta(days=rng.randint(30, 5 * 365))
                inherent = _assessment_point(rng, matrix, None)
                residual_old = _assessment_point(rng, matrix, inherent)
                residual = _assessment_point(rng, matrix, residual_old)
                target = _assessment_point(rng, matrix, residual)
                dates = sorted(identified_on + timedelta(days=rng.randint(0, (today - identified_on).days))
                               for _ in range(2))  # fmt: skip
                points = (("inherent", inherent, identified_on), ("residual", residual_old, dates[0]),
                          ("residual", residual, dates[1]), ("target", target, dates[1]))  # fmt: skip
                current: dict[str, tuple[int, int, int, str]] = {}
                for kind, (likelihood, impact), on in points[: sizes.assessments_per_risk]:
                    score, level = matrix.score(likelihood, impact), matrix.level(likelihood, impact).code
                    current[kind] = (likelihood, impact, score, level)
                    assessments.append({
                        "risk_id": risk_id, "kind": kind, "assessed_on": on, "assessor": rng.choice(owners),
                        "likelihood": likelihood, "impact": impact, "score": score, "level": level,
                        "probability": round(rng.uniform(1, 90), 1) if rng.random() < 0.3 else None,
                        "financial_impact": round(rng.uniform(5e3, 5e6), -3) if rng.random() < 0.3 else None,
                        "note": text.sentence() if rng.random() < 0.3 else "", "created_at": now,
                    })  # fmt: skip
                status = _pick_weighted(rng, ((RiskStatus.ASSESSED, 20), (RiskStatus.TREATING, 40),
                                              (RiskStatus.MONITORING, 32), (RiskStatus.CLOSED, 8)))  # fmt: skip
                strategy = _pick_weighted(rng, ((Strategy.REDUCE, 55), (Strategy.ACCEPT, 20), (Strategy.TRANSFER, 10),
                                                (Strategy.AVOID, 5), (None, 10)))  # fmt: skip
                residual_level = current["residual"][3]
                above = matrix.is_above_appetite(residual_level)
                formal = strategy == Strategy.ACCEPT and above
                archived = rng.random() < 0.02
                row = {
                    "id": risk_id, "code": f"R-{risk_id:04d}", "title": text.title(),
                    "description": text.paragraph(2, 6), "cause": text.paragraph(1, 2),
                    "consequence": text.paragraph(1, 2), "category_id": rng.choice(category_ids),
                    "source": rng.choice(list(IdentificationSource)).value, "department_id": rng.choice(department_ids),
                    "owner": rng.choice(owners), "identified_on": identified_on, "status": str(status),
                    "next_review": intervals.next_review(residual_level, dates[1]), "archived": archived,
                    "strategy": None if strategy is None else str(strategy),
                    "rationale": text.paragraph(1, 3) if strategy is not None else "",
                    "acceptance_approver": text.person() if formal else None,
                    "acceptance_justification": text.sentence() if formal else None,
                    "accepted_on": dates[1] if formal else None,
                    "acceptance_expires": today + timedelta(days=rng.randint(-30, 365)) if formal else None,
                    "created_at": now, "updated_at": now, "version": 1,
                }  # fmt: skip
                for kind in ("inherent", "residual", "target"):
                    likelihood, impact, score, level = current.get(kind, (None, None, None, None))
                    row.update({f"{kind}_likelihood": likelihood, f"{kind}_impact": impact,
                                f"{kind}_score": score, f"{kind}_level": level})  # fmt: skip
                risks.append(row)
                if above and not archived and status != RiskStatus.CLOSED:
                    # What alerts.sync_appetite_alert keeps open for a risk above the appetite.
                    appetite_alerts.append({
                        "kind": AlertKind.APPETITE.value, "severity": residual_level, "state": AlertState.OPEN.value,
                        "message": f"{row['code']} {row['title']}: residual level {matrix.band(residual_level).name} "
                                   f"is above the risk appetite ({matrix.band(matrix.appetite).name}).",
                        "kri_id": None, "risk_id": risk_id, "department_id": row["department_id"], "value": None,
                        "raised_on": dates[1], "raised_at": now, "version": 1,
                    })  # fmt: skip
            _insert(session, Risk.__table__, risks)
            _insert(session, Assessment.__table__, assessments)

            # Suggestions (before actions, which may point at them) -------------------------
            suggestions: list[dict] = []
            for suggestion_id in range(1, sizes.suggestions + 1):
                submitted_on = today - timedelta(days=rng.randint(0, 3 * 365))
                status = _pick_weighted(rng, ((SuggestionStatus.SUBMITTED, 20), (SuggestionStatus.UNDER_REVIEW, 15),
                                              (SuggestionStatus.ACCEPTED, 20), (SuggestionStatus.REJECTED, 20),
                                              (SuggestionStatus.IMPLEMENTED, 25)))  # fmt: skip
                reviewed = status not in (SuggestionStatus.SUBMITTED, SuggestionStatus.UNDER_REVIEW)
                reviewed_on = (
                    min(today, submitted_on + timedelta(days=rng.randint(3, 60))) if reviewed else None
                )
                implemented = status == SuggestionStatus.IMPLEMENTED
                suggestions.append({
                    "id": suggestion_id, "code": f"S-{suggestion_id:04d}", "title": text.title(),
                    "submitter": text.person(), "department_id": rng.choice(department_ids),
                    "submitted_on": submitted_on, "description": text.paragraph(1, 4),
                    "expected_benefit": text.sentence(), "estimated_cost": round(rng.uniform(0, 50_000), 0),
                    "status": str(status), "reviewer": text.person() if reviewed else None, "reviewed_on": reviewed_on,
                    "decision_note": text.sentence() if reviewed else "",
                    "reward_points": rng.randint(10, 200) if implemented else None,
                    "reward_amount": float(rng.randint(1, 20) * 50) if implemented else None,
                    "realised_benefit": text.sentence() if implemented else "",
                    "implemented_on": min(today, reviewed_on + timedelta(days=rng.randint(10, 120)))
                    if implemented and reviewed_on else None,
                    "archived": False, "version": 1,
                })  # fmt: skip
            _insert(session, Suggestion.__table__, suggestions)

            # Actions: most on risks, the rest on suggestions --------------------------------
            actions: list[dict] = []
            for _ in range(sizes.actions):
                status = _pick_weighted(rng, ((ActionStatus.PLANNED, 30), (ActionStatus.IN_PROGRESS, 30),
                                              (ActionStatus.DONE, 35), (ActionStatus.CANCELLED, 5)))  # fmt: skip
                due = today + timedelta(days=rng.randint(-365, 365))
                on_risk = rng.random() < 0.85
                actions.append({
                    "title": text.title(), "kind": rng.choice(list(ActionKind)).value, "owner": rng.choice(owners),
                    "due_date": due, "status": str(status),
                    "completed_on": min(today, due + timedelta(days=rng.randint(-30, 30)))
                    if status == ActionStatus.DONE else None,
                    "cost": round(rng.uniform(500, 80_000), 0) if rng.random() < 0.5 else None,
                    "note": text.sentence() if rng.random() < 0.5 else "",
                    "risk_id": rng.randint(1, sizes.risks) if on_risk else None, "nonconformity_id": None,
                    "suggestion_id": None if on_risk else rng.randint(1, sizes.suggestions), "meeting_id": None,
                    "archived": False, "created_at": now, "version": 1,
                })  # fmt: skip
            _insert(session, Action.__table__, actions)

            # KRIs, monthly readings (states by the domain rule), open breach alerts ---------
            kris: list[dict] = []
            readings: list[dict] = []
            breach_alerts: list[dict] = []
            for kri_id in range(1, sizes.kris + 1):
                direction = rng.choice((Direction.HIGHER_IS_WORSE, Direction.LOWER_IS_WORSE))
                base = rng.uniform(10, 100)
                if direction == Direction.HIGHER_IS_WORSE:
                    warning, alarm = round(base * 1.2, 1), round(base * 1.4, 1)
                else:
                    warning, alarm = round(base * 0.8, 1), round(base * 0.6, 1)
                kri = {
                    "id": kri_id, "name": f"{text.title()} ({kri_id})", "description": text.sentence(),
                    "risk_id": rng.randint(1, sizes.risks) if rng.random() < 0.8 else None,
                    "unit": rng.choice(UNITS), "direction": direction.value, "warning": warning, "alarm": alarm,
                    "frequency": "monthly", "department_id": rng.choice(department_ids), "archived": False,
                    "version": 1,
                }  # fmt: skip
                kris.append(kri)
                value = base
                breach: tuple[str, float, date] | None = None  # worst state, its value, raised on
                for month in range(sizes.readings_per_kri - 1, -1, -1):
                    read_on = min(today, _month_start(today, month) + timedelta(days=rng.randint(0, 27)))
                    value = max(0.0, value + rng.gauss(0, base * 0.12) + (base - value) * 0.2)
                    state = KriState(evaluate_reading(round(value, 2), direction, warning, alarm)).value
                    readings.append({
                        "kri_id": kri_id, "read_on": read_on, "value": round(value, 2), "state": state,
                        "note": text.sentence(4, 10) if rng.random() < 0.1 else "", "recorded_by": rng.choice(owners),
                        "created_at": now,
                    })  # fmt: skip
                    if state == KriState.OK:
                        breach = None
                    elif breach is None or (state == KriState.ALARM and breach[0] != KriState.ALARM):
                        breach = (state, round(value, 2), read_on if breach is None else breach[2])
                if breach is not None:
                    severity, worst, raised_on = breach
                    side = "at or above" if direction == Direction.HIGHER_IS_WORSE else "at or below"
                    threshold = alarm if severity == KriState.ALARM else warning
                    breach_alerts.append({
                        "kind": AlertKind.KRI.value, "severity": severity, "state": AlertState.OPEN.value,
                        "message": f"{kri['name']}: {worst:g} {kri['unit']} on {raised_on.isoformat()} is {side} "
                                   f"the {severity} threshold ({threshold:g} {kri['unit']}).",
                        "kri_id": kri_id, "risk_id": kri["risk_id"], "department_id": kri["department_id"],
                        "value": worst, "raised_on": raised_on, "raised_at": now, "version": 1,
                    })  # fmt: skip
            _insert(session, Kri.__table__, kris)
            _insert(session, KriReading.__table__, readings)
            _insert(session, Alert.__table__, breach_alerts + appetite_alerts)

            # Quality objectives with 36 monthly measurements -------------------------------
            objectives: list[dict] = []
            measurements: list[dict] = []
            for objective_id in range(1, sizes.objectives + 1):
                ratio = rng.random() < 0.7
                target = round(rng.uniform(90, 99), 1) if ratio else round(rng.uniform(2, 20), 1)
                objectives.append({
                    "id": objective_id, "name": f"{rng.choice(OBJECTIVE_WORDS)} {objective_id}",
                    "description": text.sentence(), "department_id": rng.choice(department_ids),
                    "kind": "ratio" if ratio else "value", "unit": "%" if ratio else "count", "target": target,
                    "direction": "lower_is_worse" if ratio else "higher_is_worse", "tolerance": 1.0,
                    "frequency": "monthly", "owner": rng.choice(owners),
                    "numerator_label": "Passed" if ratio else "", "denominator_label": "Inspected" if ratio else "",
                    "baseline_first": None, "baseline_last": None, "baseline_frozen_at": None, "archived": False,
                    "version": 1,
                })  # fmt: skip
                for month in range(sizes.measurements_per_objective, 0, -1):
                    start = _month_start(today, month)
                    denominator = float(rng.randint(200, 5000)) if ratio else None
                    numerator = float(round(denominator * rng.uniform(0.88, 1.0))) if ratio else None
                    measurements.append({
                        "objective_id": objective_id, "period": f"{start.year}-{start.month:02d}",
                        "period_start": start, "numerator": numerator, "denominator": denominator,
                        "value": None if ratio else round(max(0.0, rng.gauss(target, target * 0.3)), 1),
                        "note": "", "version": 1,
                    })  # fmt: skip
            _insert(session, QualityObjective.__table__, objectives)
            _insert(session, Measurement.__table__, measurements)

            _insert(session, CodeSequence.__table__, [
                {"prefix": "R", "last": sizes.risks}, {"prefix": "S", "last": sizes.suggestions},
            ])  # fmt: skip
            session.commit()
            counts = {
                "risks": len(risks), "assessments": len(assessments), "actions": len(actions), "kris": len(kris),
                "readings": len(readings), "objectives": len(objectives), "measurements": len(measurements),
                "suggestions": len(suggestions), "alerts": len(breach_alerts) + len(appetite_alerts),
            }  # fmt: skip
    finally:
        database.dispose()  # closes every connection: the WAL is folded back into the file
    return {
        "scale": scale,
        "sizes": sizes.to_dict(),
        "counts": counts,
        "seconds": round(time.perf_counter() - started, 2),
        "bytes": path.stat().st_size,
        "today": today.isoformat(),
    }


IMPORT_HEADERS = (
    "Code",
    "Title",
    "Description",
    "Cause",
    "Consequence",
    "Category",
    "Identification source",
    "Department",
    "Owner",
    "Identified on",
    "Status",
    "Next review",
    "Inherent likelihood",
    "Inherent impact",
    "Residual likelihood",
    "Residual impact",
    "Target likelihood",
    "Target impact",
    "Response strategy",
    "Response rationale",
    "Acceptance approver",
    "Acceptance justification",
    "Accepted on",
    "Acceptance expires",
)  # the import template's Risks sheet (data/import_template.xlsx)


def write_import_workbook(path: Path, rows: int, *, today: date | None = None) -> Path:
    """A workbook of new risks in the import template's layout, every row valid, as a user fills it."""
    from openpyxl import Workbook

    from opsdesk.domain.enums import DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS
    from opsdesk.reports.excel_text import LABELS

    today = today or date.today()
    rng = random.Random(SEED + 1)
    text = _Text(rng)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Risks")
    sheet.append(list(IMPORT_HEADERS))
    for _ in range(rows):
        inherent = (rng.randint(1, 5), rng.randint(1, 5))
        residual = _assessment_point(rng, _DEFAULT_MATRIX, inherent)
        target = _assessment_point(rng, _DEFAULT_MATRIX, residual)
        # Accepting a risk above the appetite needs an approval: such rows reduce it instead.
        above = _DEFAULT_MATRIX.is_above_appetite(_DEFAULT_MATRIX.level(*residual).code)
        strategy = rng.choice(("reduce", "transfer", "avoid") if above else ("reduce", "accept", "transfer"))
        sheet.append([
            None, text.title(), text.paragraph(2, 6), text.paragraph(1, 2), text.paragraph(1, 2),
            rng.choice(DEFAULT_CATEGORIES)[1], rng.choice(list(LABELS["source"].values())),
            rng.choice(DEFAULT_DEPARTMENTS), text.person(), today - timedelta(days=rng.randint(1, 3 * 365)),
            rng.choice(("Assessed", "Treating", "Monitoring")), None, *inherent, *residual, *target,
            LABELS["strategy"][strategy], text.paragraph(1, 2), None, None, None, None,
        ])  # fmt: skip
    workbook.save(path)
    return path


def main() -> None:
    """`python -m tests.benchmarks.generate PATH [SCALE]`: write a synthetic register and print its counts."""
    import json
    import sys

    target = Path(sys.argv[1])
    scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    if target.exists():
        sys.exit(f"{target} exists; give a new file.")
    print(json.dumps(generate(target, scale), indent=2))


if __name__ == "__main__":
    main()
