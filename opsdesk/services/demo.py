"""Loads the demo data set (data/demo.toml) through the services, as a user would enter it."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, func, select

from opsdesk.domain.catalogue import text
from opsdesk.domain.errors import Problem, ValidationError
from opsdesk.paths import data_path
from opsdesk.services import (
    actions,
    alerts,
    feedback,
    kris,
    meetings,
    nonconformities,
    quality,
    risks,
    settings,
    suggestions,
)
from opsdesk.store.audit import entries_held
from opsdesk.store.models import Alert, Kri, QualityObjective, Risk

# The demo's fixed dates run up to late 2026: validate them against at least this day.
DEMO_TODAY = date(2026, 11, 24)


def demo_file() -> Path:
    return data_path("demo.toml")


def _today() -> date:
    return max(date.today(), DEMO_TODAY)


def load_demo(*, session: Session, force: bool = False, path: Path | None = None) -> str:
    """Load the demo company; refuses a database that already holds risks unless forced."""
    existing = session.exec(select(func.count()).select_from(Risk)).one()
    if existing and not force:
        raise ValidationError(Problem("db", "demo.not_empty", {"count": existing}))
    with (path or demo_file()).open("rb") as handle:
        demo = tomllib.load(handle)
    today = _today()
    with _loading(session):
        settings.ensure_defaults(session=session)
        _load_company(session, demo.get("company", {}))
        risk_ids = _load_risks(session, demo.get("risks", []), today)
        _load_kris(session, demo.get("kris", []), risk_ids, today)
        objective_ids = _load_objectives(session, demo.get("objectives", []))
        nc_ids = _load_nonconformities(session, demo.get("nonconformities", []), today)
        _load_meetings(session, demo.get("meetings", []), nc_ids, objective_ids, today)
        _load_suggestions(session, demo.get("suggestions", []), today)
        _load_feedback(session, demo.get("feedback", []), nc_ids)
        _close_old_alerts(session, today)
    return text(
        "demo.loaded", risks=len(risk_ids), kris=len(demo.get("kris", [])), objectives=len(objective_ids),
        nonconformities=len(nc_ids), meetings=len(demo.get("meetings", [])),
        suggestions=len(demo.get("suggestions", [])),
    )  # fmt: skip


@contextmanager
def _loading(session: Session) -> Iterator[None]:
    """The load is one long transaction that only the services write: what it looked up once it
    keeps (rows, breaches, missing settings, department names) and the audit entries of its
    many flushes are written together at the end. The same rows and entries, far fewer statements."""
    with (
        _rows_kept(session),
        alerts.breaches_kept(session),
        settings.absent_settings_kept(session),
        entries_held(session),
    ):
        session.info[_DEPARTMENTS] = {}
        try:
            yield
        finally:
            session.info.pop(_DEPARTMENTS, None)


@contextmanager
def _rows_kept(session: Session) -> Iterator[None]:
    """Keep every row the load reads or writes alive until it ends.

    The session holds clean rows weakly: the services look up the same settings, risks and
    departments hundreds of times, and each lookup of a row nobody held went back to the
    database. Held here, `session.get` finds them in the session. This changes no value: the
    load's own transaction is the only writer of what it holds.
    """
    held: list[object] = []

    def keep(_session: Session, instance: object) -> None:
        held.append(instance)

    events = ("loaded_as_persistent", "pending_to_persistent")
    for name in events:
        event.listen(session, name, keep)
    try:
        yield
    finally:
        for name in events:
            event.remove(session, name, keep)
        held.clear()


_DEPARTMENTS = "opsdesk.demo_departments"


def _department(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    known = session.info.setdefault(_DEPARTMENTS, {})
    if name not in known:
        known[name] = settings.department_id(session=session, name=name)
    return known[name]


def _load_company(session: Session, company: dict[str, Any]) -> None:
    if company.get("name"):
        settings.set_company_name(session=session, name=company["name"])
    if company.get("quality_policy"):
        settings.set_quality_policy(
            session=session, text=company["quality_policy"], approved_on=company.get("policy_approved_on")
        )
    if company.get("fiscal_year_start_month"):
        settings.set_fiscal_start_month(session=session, month=int(company["fiscal_year_start_month"]))


def _assessment(entry: dict[str, Any]) -> risks.AssessmentInput:
    return risks.AssessmentInput(
        kind=entry["kind"],
        likelihood=entry["likelihood"],
        impact=entry["impact"],
        assessed_on=entry["assessed_on"],
        assessor=entry.get("assessor", ""),
        probability=entry.get("probability"),
        financial_impact=entry.get("financial_impact"),
        note=entry.get("note", ""),
    )


def _action(entry: dict[str, Any], **links: Any) -> actions.ActionInput:
    return actions.ActionInput(
        title=entry["title"],
        owner=entry.get("owner", ""),
        due_date=entry.get("due_date"),
        status=entry.get("status", "planned"),
        completed_on=entry.get("completed_on"),
        cost=entry.get("cost"),
        note=entry.get("note", ""),
        kind=entry.get("kind", links.pop("kind", "mitigation")),
        **links,
    )


def _load_risks(session: Session, entries: list[dict[str, Any]], today: date) -> dict[str, int]:
    ids: dict[str, int] = {}
    for entry in entries:
        history = sorted(entry.get("assessments", []), key=lambda a: a["assessed_on"])
        data = risks.RiskInput(
            title=entry["title"],
            category_id=settings.category_id(session=session, code_or_name=entry["category"]),
            department_id=_department(session, entry["department"]),
            identified_on=entry["identified_on"],
            description=entry.get("description", ""),
            cause=entry.get("cause", ""),
            consequence=entry.get("consequence", ""),
            source=entry.get("source", "other"),
            owner=entry.get("owner", ""),
            status=entry.get("status", "identified"),
            strategy=entry.get("strategy"),
            rationale=entry.get("rationale", ""),
            acceptance_approver=entry.get("approver"),
            acceptance_justification=entry.get("justification"),
            accepted_on=entry.get("accepted_on"),
            acceptance_expires=entry.get("acceptance_expires"),
        )
        created = risks.create_risk(session=session, data=data, today=today)
        for assessment in history:
            # "Today" is the assessment's own day, so alerts carry the dates they had then.
            risks.record_assessment(
                session=session,
                risk_id=created.id,
                data=_assessment(assessment),
                today=assessment["assessed_on"],
            )
        for action in entry.get("actions", []):
            actions.add_action(session=session, data=_action(action, risk_id=created.id), today=today)
        ids[created.code] = created.id
    return ids


def _load_kris(
    session: Session, entries: list[dict[str, Any]], risk_ids: dict[str, int], today: date
) -> None:
    taken = set(session.exec(select(Kri.name)).all())
    for entry in entries:
        if entry["name"] in taken:
            continue
        kri = kris.create_kri(
            session=session,
            data=kris.KriInput(
                name=entry["name"],
                department_id=_department(session, entry["department"]),
                warning=entry["warning"],
                alarm=entry["alarm"],
                direction=entry.get("direction", "higher_is_worse"),
                unit=entry.get("unit", ""),
                frequency=entry.get("frequency", "monthly"),
                risk_id=risk_ids.get(entry.get("risk_code", "")),
                description=entry.get("description", ""),
            ),
        )
        rows = [
            kris.ReadingInput(read_on=r["read_on"], value=r["value"], note=r.get("note", ""))
            for r in sorted(entry.get("readings", []), key=lambda r: r["read_on"])
        ]
        if rows:
            kris.record_readings(session=session, kri_id=kri.id, rows=rows, today=today)


def _load_objectives(session: Session, entries: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    taken = set(session.exec(select(QualityObjective.name)).all())
    for entry in entries:
        if entry["name"] in taken:
            continue
        objective = quality.create_objective(
            session=session,
            data=quality.ObjectiveInput(
                name=entry["name"],
                department_id=_department(session, entry["department"]),
                target=entry["target"],
                kind=entry.get("kind", "ratio"),
                unit=entry.get("unit", "%"),
                direction=entry.get("direction", "lower_is_worse"),
                tolerance=entry.get("tolerance", 0.0),
                frequency=entry.get("frequency", "monthly"),
                owner=entry.get("owner", ""),
                numerator_label=entry.get("numerator_label", ""),
                denominator_label=entry.get("denominator_label", ""),
                description=entry.get("description", ""),
            ),
        )
        rows = [
            quality.MeasurementInput(
                period=m["period"],
                numerator=m.get("numerator"),
                denominator=m.get("denominator"),
                value=m.get("value"),
                note=m.get("note", ""),
            )
            for m in entry.get("measurements", [])
        ]
        if rows:
            quality.record_measurements(session=session, objective_id=objective.id, rows=rows)
        ids[entry["name"]] = objective.id
    return ids


def _load_nonconformities(session: Session, entries: list[dict[str, Any]], today: date) -> dict[str, int]:
    ids: dict[str, int] = {}
    for entry in entries:
        nc = nonconformities.create_nonconformity(
            session=session,
            data=nonconformities.NcInput(
                title=entry["title"],
                detected_on=entry["detected_on"],
                source=entry.get("source", "other"),
                severity=entry.get("severity", "minor"),
                department_id=_department(session, entry.get("department")),
                product_process=entry.get("product_process", ""),
                owner=entry.get("owner", ""),
                description=entry.get("description", ""),
                containment=entry.get("containment", ""),
                disposition=entry.get("disposition"),
                whys=list(entry.get("whys", [])),
                root_cause=entry.get("root_cause", ""),
                six_m=entry.get("six_m"),
            ),
            today=today,
        )
        for action in entry.get("actions", []):
            nonconformities.add_corrective_action(
                session=session, nc_id=nc.id, data=_action(action, kind="corrective"), today=today
            )
        status = entry.get("status", "open")
        if entry.get("effectiveness"):
            nonconformities.verify_effectiveness(
                session=session,
                nc_id=nc.id,
                effectiveness=entry["effectiveness"],
                verified_by=entry.get("verified_by", ""),
                verified_on=entry.get("verified_on") or today,
                today=today,
            )
        if status == "closed":
            nonconformities.close_nonconformity(
                session=session, nc_id=nc.id, closed_on=entry.get("closed_on"), today=today
            )
        elif status != "open":
            nonconformities.set_status(session=session, nc_id=nc.id, status=status, today=today)
        ids[nc.code] = nc.id
    return ids


def _load_meetings(
    session: Session,
    entries: list[dict[str, Any]],
    nc_ids: dict[str, int],
    objective_ids: dict[str, int],
    today: date,
) -> None:
    for entry in entries:
        meetings.create_meeting(
            session=session,
            data=meetings.MeetingInput(
                held_on=entry["held_on"],
                title=entry["title"],
                attendees=list(entry.get("attendees", [])),
                agenda=entry.get("agenda", ""),
                minutes=entry.get("minutes", ""),
                decisions=list(entry.get("decisions", [])),
                nonconformity_ids=[nc_ids[c] for c in entry.get("nonconformities", []) if c in nc_ids],
                objective_ids=[objective_ids[n] for n in entry.get("objectives", []) if n in objective_ids],
            ),
        )


def _close_old_alerts(session: Session, today: date) -> None:
    """A team that uses OpsDesk resolves alerts: the demo keeps recent and ongoing ones open."""
    for alert in alerts.list_alerts(session=session, open_only=True):
        if alert.breach_ended_on is not None and (today - alert.breach_ended_on).days > 45:
            alerts.resolve_alert(
                session=session,
                alert_id=alert.id,
                note="Back within thresholds; reviewed at the monthly risk meeting.",
            )
        elif alert.breach_ended_on is not None:
            alerts.acknowledge_alert(session=session, alert_id=alert.id)
        else:
            continue
        _date_as_handled(session, alert.id, alert.breach_ended_on, today)


def _date_as_handled(session: Session, alert_id: int, breach_ended_on: date, today: date) -> None:
    """The demo's history: an alert was seen and closed at the risk meeting a week after its breach
    ended, not on the day the demo was loaded (a past quarter's report counts the alerts open then)."""
    handled = datetime.combine(min(breach_ended_on + timedelta(days=7), today), time(9, 0), tzinfo=UTC)
    alert = session.get(Alert, alert_id)
    if alert.acknowledged_at is not None:
        alert.acknowledged_at = handled
    if alert.resolved_at is not None:
        alert.resolved_at = handled
    session.add(alert)


# The workflow a suggestion walks through to reach each demo status.
_SUGGESTION_PATH = {
    "submitted": (),
    "under_review": ("under_review",),
    "accepted": ("under_review", "accepted"),
    "rejected": ("under_review", "rejected"),
    "implemented": ("under_review", "accepted", "implemented"),
}


def _load_suggestions(session: Session, entries: list[dict[str, Any]], today: date) -> None:
    for entry in entries:
        created = suggestions.submit_suggestion(
            session=session,
            data=suggestions.SuggestionInput(
                title=entry["title"],
                submitter=entry["submitter"],
                department_id=_department(session, entry["department"]),
                description=entry.get("description", ""),
                expected_benefit=entry.get("expected_benefit", ""),
                estimated_cost=entry.get("estimated_cost"),
                submitted_on=entry["submitted_on"],
            ),
            today=today,
        )
        for step in _SUGGESTION_PATH[entry.get("status", "submitted")]:
            rewarded = step in ("accepted", "implemented")
            suggestions.move_suggestion(
                session=session,
                suggestion_id=created.id,
                to_status=step,
                reviewer=entry.get("reviewer"),
                note=entry.get("decision_note", "") if step in ("accepted", "rejected") else "",
                reward_points=entry.get("reward_points") if rewarded else None,
                reward_amount=entry.get("reward_amount") if rewarded else None,
                realised_benefit=entry.get("realised_benefit", "") if step == "implemented" else "",
                on=entry.get("implemented_on") if step == "implemented" else entry.get("reviewed_on"),
                today=today,
            )


def _load_feedback(session: Session, entries: list[dict[str, Any]], nc_ids: dict[str, int]) -> None:
    for entry in entries:
        feedback.add_feedback(
            session=session,
            data=feedback.FeedbackInput(
                received_on=entry["received_on"],
                channel=entry.get("channel", "email"),
                customer=entry.get("customer", ""),
                product=entry.get("product", ""),
                is_complaint=bool(entry.get("is_complaint", False)),
                rating=entry.get("rating"),
                response_hours=entry.get("response_hours"),
                description=entry.get("description", ""),
                nonconformity_id=nc_ids.get(entry.get("nonconformity", "")),
            ),
        )
