"""Random and hostile input to every writing use case: a clear ValidationError, or success; never a crash.

Each test works on one seeded database holding a few records of every kind; each example
counts the rows of every table (audit trail included) before the call and, when the call
refuses, checks that nothing was written, even after a later commit of the same session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from opsdesk.domain.enums import (
    ActionKind,
    ActionStatus,
    Direction,
    Disposition,
    FeedbackChannel,
    Frequency,
    IdentificationSource,
    NcSource,
    ObjectiveKind,
    RiskStatus,
    Severity,
    SixM,
    Strategy,
    SuggestionStatus,
)
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.matrix import RiskMatrix, default_matrix
from opsdesk.services import (
    actions,
    alerts,
    feedback,
    kris,
    meetings,
    nonconformities,
    quality,
    risks,
    suggestions,
)
from opsdesk.services import (
    settings as settings_service,
)
from opsdesk.services.actions import ActionInput
from opsdesk.services.feedback import FeedbackInput
from opsdesk.services.kris import KriInput, ReadingInput
from opsdesk.services.meetings import MeetingInput
from opsdesk.services.nonconformities import NcInput
from opsdesk.services.quality import MeasurementInput, ObjectiveInput
from opsdesk.services.risks import AssessmentInput, BulkChange, RiskInput
from opsdesk.services.suggestions import SuggestionInput
from tests.properties import (
    REFUSALS_WITH_LOOKUP,
    TODAY,
    attempt,
    bad_dates,
    bad_ids,
    bad_numbers,
    bad_text,
    fuzzed,
    good_dates,
    good_text,
    mostly,
    nasty_text,
    wrong,
)

# Looking an id of None up makes SQLAlchemy warn (the lookup still finds nothing, so NotFoundError
# follows); the suite turns warnings into errors, which would hide the outcome this file checks.
pytestmark = pytest.mark.filterwarnings("ignore:fully NULL primary key identity:sqlalchemy.exc.SAWarning")

# Examples per test and deadline come from the profile tests/conftest.py loads (quick or thorough).
FUZZ = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class World:
    """Ids of the records the fuzzed calls point at (besides missing and malformed ids)."""

    departments: list[int]
    categories: list[int]
    risk: int
    kri: int
    ratio_objective: int
    value_objective: int
    nonconformity: int
    closable_nonconformity: int
    suggestion: int
    meeting: int
    action: int
    alert: int


@pytest.fixture
def world(session: Session) -> World:
    departments = [d.id for d in settings_service.list_departments(session=session)]
    categories = [c.id for c in settings_service.list_categories(session=session)]
    risk = risks.create_risk(
        session=session,
        data=RiskInput(
            title="Supplier fails",
            category_id=categories[0],
            department_id=departments[0],
            identified_on=date(2026, 1, 5),
        ),
        assessments=[AssessmentInput(kind="inherent", likelihood=4, impact=4, assessed_on=date(2026, 1, 5))],
        today=TODAY,
    )
    kri = kris.create_kri(
        session=session,
        data=KriInput(name="Late deliveries", department_id=departments[0], warning=5, alarm=10),
    )
    outcome = kris.record_reading(
        session=session, kri_id=kri.id, data=ReadingInput(date(2026, 3, 1), 12.0), today=TODAY
    )
    ratio = quality.create_objective(
        session=session,
        data=ObjectiveInput(name="First pass yield", department_id=departments[0], target=95.0),
    )
    value = quality.create_objective(
        session=session,
        data=ObjectiveInput(
            name="Lead time",
            department_id=departments[0],
            target=10.0,
            kind="value",
            unit="days",
            direction="higher_is_worse",
        ),
    )
    nc = nonconformities.create_nonconformity(
        session=session,
        data=NcInput(title="Scratched housings", detected_on=date(2026, 2, 1), department_id=departments[0]),
        today=TODAY,
    )
    closable = nonconformities.create_nonconformity(
        session=session, data=NcInput(title="Wrong label", detected_on=date(2026, 1, 10)), today=TODAY
    )
    nonconformities.verify_effectiveness(
        session=session,
        nc_id=closable.id,
        effectiveness="effective",
        verified_by="Ann Lee",
        verified_on=date(2026, 2, 10),
        today=TODAY,
    )
    suggestion = suggestions.submit_suggestion(
        session=session,
        data=SuggestionInput(
            title="Kanban board",
            submitter="Ann Lee",
            department_id=departments[0],
            submitted_on=date(2026, 2, 1),
        ),
        today=TODAY,
    )
    meeting = meetings.create_meeting(
        session=session,
        data=MeetingInput(
            held_on=date(2026, 3, 2),
            title="Monthly quality review",
            attendees=["Ann Lee"],
            decisions=["Fix it"],
        ),
    )
    action = actions.add_action(
        session=session, data=ActionInput(title="Second supplier", risk_id=risk.id), today=TODAY
    )
    assert outcome.alert_id is not None
    return World(
        departments,
        categories,
        risk.id,
        kri.id,
        ratio.id,
        value.id,
        nc.id,
        closable.id,
        suggestion.id,
        meeting.id,
        action.id,
        outcome.alert_id,
    )


def one_of_ids(known: list[int]) -> st.SearchStrategy[object]:
    """Mostly a real id, sometimes a missing or malformed one."""
    return mostly(st.sampled_from(known), bad_ids(known), one_in=4)


def versions() -> st.SearchStrategy[object]:
    """Mostly no version check; sometimes a stale, impossible or malformed version."""
    return mostly(st.none(), st.one_of(st.integers(-1, 50), bad_numbers()), one_in=4)


def choice(enum: type, bad: bool = False) -> st.SearchStrategy[object]:
    values = st.sampled_from([member.value for member in enum])
    return (
        wrong(st.one_of(nasty_text(), values.map(str.upper), values.map(lambda v: f" {v} ")))
        if bad
        else values
    )


def bad_list(items: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """A list of bad items, or no list at all (None, or one string instead of a list)."""
    return st.one_of(st.lists(items, max_size=8), st.none(), nasty_text())


def optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy)


# Risks ------------------------------------------------------------------------------------


def risk_inputs(w: World) -> st.SearchStrategy[RiskInput]:
    good = {
        "title": good_text(),
        "category_id": st.sampled_from(w.categories),
        "department_id": st.sampled_from(w.departments),
        "identified_on": good_dates(),
        "description": st.text(max_size=80),
        "cause": st.text(max_size=80),
        "consequence": st.text(max_size=80),
        "source": choice(IdentificationSource),
        "owner": st.text(max_size=40),
        "status": choice(RiskStatus),
        "next_review": optional(st.dates(min_value=TODAY, max_value=date(2030, 1, 1))),
        "strategy": optional(choice(Strategy)),
        "rationale": st.text(max_size=80),
        "acceptance_approver": optional(good_text()),
        "acceptance_justification": optional(good_text()),
        "accepted_on": optional(good_dates()),
        "acceptance_expires": optional(st.dates(min_value=TODAY, max_value=date(2030, 1, 1))),
    }
    bad = {
        "title": bad_text(),
        "category_id": bad_ids(w.categories),
        "department_id": bad_ids(w.departments),
        "identified_on": bad_dates(),
        "description": bad_text(),
        "cause": bad_text(),
        "consequence": bad_text(),
        "source": choice(IdentificationSource, bad=True),
        "owner": bad_text(),
        "status": choice(RiskStatus, bad=True),
        "next_review": bad_dates(),
        "strategy": choice(Strategy, bad=True),
        "rationale": bad_text(),
        "acceptance_approver": bad_text(),
        "acceptance_justification": bad_text(),
        "accepted_on": bad_dates(),
        "acceptance_expires": bad_dates(),
    }
    return fuzzed(RiskInput, good, bad)


def assessment_inputs() -> st.SearchStrategy[AssessmentInput]:
    good = {
        "kind": st.sampled_from(risks.KINDS),
        "likelihood": st.integers(1, 5),
        "impact": st.integers(1, 5),
        "assessed_on": optional(good_dates()),
        "assessor": st.text(max_size=30),
        "probability": optional(st.floats(0, 100)),
        "financial_impact": optional(st.floats(0, 1e9)),
        "note": st.text(max_size=50),
    }
    bad = {
        "kind": bad_text(),
        "likelihood": bad_numbers(),
        "impact": bad_numbers(),
        "assessed_on": bad_dates(),
        "assessor": bad_text(),
        "probability": bad_numbers(),
        "financial_impact": bad_numbers(),
        "note": bad_text(),
    }
    return fuzzed(AssessmentInput, good, bad, max_broken=2)


@FUZZ
@given(data=st.data())
def test_create_risk_refuses_bad_input_cleanly(session: Session, world: World, data: st.DataObject) -> None:
    risk = data.draw(risk_inputs(world))
    assessments = data.draw(st.lists(assessment_inputs(), max_size=3, unique_by=lambda a: str(a.kind)))
    attempt(
        session, lambda: risks.create_risk(session=session, data=risk, assessments=assessments, today=TODAY)
    )


@FUZZ
@given(data=st.data())
def test_update_risk_refuses_bad_input_cleanly(session: Session, world: World, data: st.DataObject) -> None:
    risk_id = data.draw(one_of_ids([world.risk]))
    risk = data.draw(risk_inputs(world))
    assessments = data.draw(st.lists(assessment_inputs(), max_size=2, unique_by=lambda a: str(a.kind)))
    version = data.draw(versions())
    attempt(
        session,
        lambda: risks.update_risk(
            session=session,
            risk_id=risk_id,
            data=risk,
            assessments=assessments,
            expected_version=version,
            today=TODAY,
        ),
        REFUSALS_WITH_LOOKUP,
    )


@FUZZ
@given(data=st.data())
def test_record_assessment_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    risk_id = data.draw(one_of_ids([world.risk]))
    assessment = data.draw(assessment_inputs())
    attempt(
        session,
        lambda: risks.record_assessment(session=session, risk_id=risk_id, data=assessment, today=TODAY),
        REFUSALS_WITH_LOOKUP,
    )


@FUZZ
@given(data=st.data())
def test_bulk_update_refuses_bad_input_cleanly(session: Session, world: World, data: st.DataObject) -> None:
    ids = data.draw(st.lists(one_of_ids([world.risk]), max_size=3))
    change = data.draw(
        fuzzed(
            BulkChange,
            {
                "owner": optional(st.text(max_size=40)),
                "department_id": optional(st.sampled_from(world.departments)),
                "status": optional(choice(RiskStatus)),
                "next_review": optional(st.dates(min_value=TODAY, max_value=date(2030, 1, 1))),
            },
            {
                "owner": bad_text(),
                "department_id": bad_ids(world.departments),
                "status": choice(RiskStatus, bad=True),
                "next_review": bad_dates(),
            },
        )
    )
    attempt(
        session,
        lambda: risks.bulk_update(session=session, risk_ids=ids, change=change, today=TODAY),
        REFUSALS_WITH_LOOKUP,
    )


# Actions ----------------------------------------------------------------------------------


def action_inputs(w: World) -> st.SearchStrategy[ActionInput]:
    good = {
        "title": good_text(),
        "owner": st.text(max_size=40),
        "due_date": optional(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1))),
        "status": choice(ActionStatus),
        "completed_on": st.none(),
        "cost": optional(st.floats(0, 1e9)),
        "note": st.text(max_size=80),
        "kind": choice(ActionKind),
        "risk_id": optional(st.just(w.risk)),
        "nonconformity_id": st.none(),
        "suggestion_id": st.none(),
        "meeting_id": st.none(),
    }
    bad = {
        "title": bad_text(),
        "owner": bad_text(),
        "due_date": bad_dates(),
        "status": choice(ActionStatus, bad=True),
        "completed_on": bad_dates(),
        "cost": bad_numbers(),
        "note": bad_text(),
        "kind": choice(ActionKind, bad=True),
        "risk_id": bad_ids([w.risk]),
        "nonconformity_id": one_of_ids([w.nonconformity]),
        "suggestion_id": one_of_ids([w.suggestion]),
        "meeting_id": one_of_ids([w.meeting]),
    }
    return fuzzed(ActionInput, good, bad)


@FUZZ
@given(data=st.data())
def test_add_action_refuses_bad_input_cleanly(session: Session, world: World, data: st.DataObject) -> None:
    action = data.draw(action_inputs(world))
    attempt(session, lambda: actions.add_action(session=session, data=action, today=TODAY))


@FUZZ
@given(data=st.data())
def test_update_action_refuses_bad_input_cleanly(session: Session, world: World, data: st.DataObject) -> None:
    action_id = data.draw(one_of_ids([world.action]))
    action = data.draw(action_inputs(world))
    version = data.draw(versions())
    attempt(
        session,
        lambda: actions.update_action(
            session=session, action_id=action_id, data=action, expected_version=version, today=TODAY
        ),
        REFUSALS_WITH_LOOKUP,
    )


# Indicators and alerts --------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_create_kri_refuses_bad_input_cleanly(session: Session, world: World, data: st.DataObject) -> None:
    kri = data.draw(
        fuzzed(
            KriInput,
            {
                "name": good_text(),
                "department_id": st.sampled_from(world.departments),
                "warning": st.floats(-1e6, 1e6),
                "alarm": st.floats(-1e6, 1e6),
                "direction": choice(Direction),
                "unit": st.text(max_size=10),
                "frequency": choice(Frequency),
                "risk_id": optional(st.just(world.risk)),
                "description": st.text(max_size=80),
            },
            {
                "name": bad_text(),
                "department_id": bad_ids(world.departments),
                "warning": bad_numbers(),
                "alarm": bad_numbers(),
                "direction": choice(Direction, bad=True),
                "unit": bad_text(),
                "frequency": choice(Frequency, bad=True),
                "risk_id": bad_ids([world.risk]),
                "description": bad_text(),
            },
        )
    )
    attempt(session, lambda: kris.create_kri(session=session, data=kri))


def reading_inputs() -> st.SearchStrategy[ReadingInput]:
    return fuzzed(
        ReadingInput,
        {
            "read_on": good_dates(),
            "value": st.floats(-1e9, 1e9),
            "note": st.text(max_size=60),
        },
        {
            "read_on": bad_dates(),
            "value": bad_numbers(),
            "note": bad_text(),
        },
    )


@FUZZ
@given(data=st.data())
def test_record_reading_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    kri_id = data.draw(one_of_ids([world.kri]))
    reading = data.draw(reading_inputs())
    attempt(
        session,
        lambda: kris.record_reading(session=session, kri_id=kri_id, data=reading, today=TODAY),
        REFUSALS_WITH_LOOKUP,
    )


@FUZZ
@given(data=st.data())
def test_record_readings_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    kri_id = data.draw(one_of_ids([world.kri]))
    rows = data.draw(st.lists(reading_inputs(), max_size=4))
    attempt(
        session,
        lambda: kris.record_readings(session=session, kri_id=kri_id, rows=rows, today=TODAY),
        REFUSALS_WITH_LOOKUP,
    )


@FUZZ
@given(data=st.data())
def test_alert_handling_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    alert_id = data.draw(one_of_ids([world.alert]))
    note = data.draw(st.one_of(st.text(max_size=60), bad_text()))
    version = data.draw(versions())
    if data.draw(st.booleans()):
        call = lambda: alerts.acknowledge_alert(session=session, alert_id=alert_id, expected_version=version)  # noqa: E731
    else:
        call = lambda: alerts.resolve_alert(  # noqa: E731
            session=session,
            alert_id=alert_id,
            note=note,
            expected_version=version,
        )
    attempt(session, call, REFUSALS_WITH_LOOKUP)


# Quality objectives and feedback ----------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_create_objective_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    objective = data.draw(
        fuzzed(
            ObjectiveInput,
            {
                "name": good_text(),
                "department_id": st.sampled_from(world.departments),
                "target": st.floats(0, 100),
                "kind": choice(ObjectiveKind),
                "unit": st.sampled_from(["%", "days", ""]),
                "direction": choice(Direction),
                "tolerance": st.floats(0, 10),
                "frequency": st.sampled_from(quality.OBJECTIVE_FREQUENCIES),
                "owner": st.text(max_size=40),
                "numerator_label": st.text(max_size=20),
                "denominator_label": st.text(max_size=20),
                "description": st.text(max_size=80),
            },
            {
                "name": bad_text(),
                "department_id": bad_ids(world.departments),
                "target": bad_numbers(),
                "kind": choice(ObjectiveKind, bad=True),
                "unit": bad_text(),
                "direction": choice(Direction, bad=True),
                "tolerance": bad_numbers(),
                "frequency": choice(Frequency, bad=True),
                "owner": bad_text(),
                "numerator_label": bad_text(),
                "denominator_label": bad_text(),
                "description": bad_text(),
            },
        )
    )
    attempt(session, lambda: quality.create_objective(session=session, data=objective))


def measurement_inputs() -> st.SearchStrategy[MeasurementInput]:
    return fuzzed(
        MeasurementInput,
        {
            "period": st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2020, 2026), st.integers(1, 12)),
            "numerator": optional(st.floats(0, 100)),
            "denominator": optional(st.floats(100, 1000)),
            "value": optional(st.floats(-1e6, 1e6)),
            "note": st.text(max_size=60),
        },
        {
            "period": wrong(
                st.one_of(
                    nasty_text(),
                    st.sampled_from(
                        [
                            "2026-13",
                            "2026-00",
                            "2026-Q5",
                            "2026-W60",
                            "0000-01",
                            "9999-12",
                            "99999-01",
                            "2026-Q1",
                            "2026-W09",
                            "2026",
                            "-2026-01",
                            "２０２６－０３",
                        ]
                    ),
                )
            ),
            "numerator": bad_numbers(),
            "denominator": bad_numbers(),
            "value": bad_numbers(),
            "note": bad_text(),
        },
    )


@FUZZ
@given(data=st.data())
def test_record_measurement_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    objective_id = data.draw(one_of_ids([world.ratio_objective, world.value_objective]))
    measurement = data.draw(measurement_inputs())
    version = data.draw(versions())
    attempt(
        session,
        lambda: quality.record_measurement(
            session=session, objective_id=objective_id, data=measurement, expected_version=version
        ),
        REFUSALS_WITH_LOOKUP,
    )


@FUZZ
@given(data=st.data())
def test_record_measurements_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    objective_id = data.draw(one_of_ids([world.ratio_objective, world.value_objective]))
    rows = data.draw(st.lists(measurement_inputs(), max_size=4))
    attempt(
        session,
        lambda: quality.record_measurements(session=session, objective_id=objective_id, rows=rows),
        REFUSALS_WITH_LOOKUP,
    )


@FUZZ
@given(data=st.data())
def test_add_feedback_refuses_bad_input_cleanly(session: Session, world: World, data: st.DataObject) -> None:
    entry = data.draw(
        fuzzed(
            FeedbackInput,
            {
                "received_on": good_dates(),
                "channel": choice(FeedbackChannel),
                "customer": st.text(max_size=40),
                "product": st.text(max_size=40),
                "is_complaint": st.booleans(),
                "rating": optional(st.integers(1, 5)),
                "response_hours": optional(st.floats(0, 1000)),
                "description": st.text(max_size=80),
                "nonconformity_id": optional(st.just(world.nonconformity)),
            },
            {
                "received_on": bad_dates(),
                "channel": choice(FeedbackChannel, bad=True),
                "customer": bad_text(),
                "product": bad_text(),
                "is_complaint": wrong(st.sampled_from(["yes", 1, 0])),
                "rating": bad_numbers(),
                "response_hours": bad_numbers(),
                "description": bad_text(),
                "nonconformity_id": bad_ids([world.nonconformity]),
            },
        )
    )
    attempt(session, lambda: feedback.add_feedback(session=session, data=entry, today=TODAY))


# Nonconformities and meetings -------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_create_nonconformity_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    nc = data.draw(
        fuzzed(
            NcInput,
            {
                "title": good_text(),
                "detected_on": good_dates(),
                "source": choice(NcSource),
                "severity": choice(Severity),
                "department_id": optional(st.sampled_from(world.departments)),
                "product_process": st.text(max_size=40),
                "owner": st.text(max_size=40),
                "description": st.text(max_size=80),
                "containment": st.text(max_size=80),
                "disposition": optional(choice(Disposition)),
                "whys": st.lists(st.text(max_size=40), max_size=5),
                "root_cause": st.text(max_size=80),
                "six_m": optional(choice(SixM)),
            },
            {
                "title": bad_text(),
                "detected_on": bad_dates(),
                "source": choice(NcSource, bad=True),
                "severity": choice(Severity, bad=True),
                "department_id": bad_ids(world.departments),
                "product_process": bad_text(),
                "owner": bad_text(),
                "description": bad_text(),
                "containment": bad_text(),
                "disposition": choice(Disposition, bad=True),
                "whys": bad_list(bad_text()),
                "root_cause": bad_text(),
                "six_m": choice(SixM, bad=True),
            },
        )
    )
    attempt(session, lambda: nonconformities.create_nonconformity(session=session, data=nc, today=TODAY))


@FUZZ
@given(data=st.data())
def test_close_nonconformity_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    nc_id = data.draw(one_of_ids([world.nonconformity, world.closable_nonconformity]))
    closed_on = data.draw(st.one_of(st.none(), good_dates(), bad_dates()))
    version = data.draw(versions())
    attempt(
        session,
        lambda: nonconformities.close_nonconformity(
            session=session, nc_id=nc_id, closed_on=closed_on, expected_version=version, today=TODAY
        ),
        REFUSALS_WITH_LOOKUP,
    )


@FUZZ
@given(data=st.data())
def test_create_meeting_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    meeting = data.draw(
        fuzzed(
            MeetingInput,
            {
                "held_on": good_dates(),
                "title": good_text(),
                "attendees": st.lists(good_text(30), min_size=1, max_size=4),
                "agenda": st.text(max_size=80),
                "minutes": st.text(max_size=80),
                "decisions": st.lists(st.text(max_size=60), max_size=3),
                "nonconformity_ids": st.lists(st.just(world.nonconformity), max_size=1),
                "objective_ids": st.lists(
                    st.sampled_from([world.ratio_objective, world.value_objective]), max_size=2
                ),
            },
            {
                "held_on": bad_dates(),
                "title": bad_text(),
                "attendees": bad_list(bad_text()),
                "agenda": bad_text(),
                "minutes": st.one_of(bad_text(), st.just("m" * 20_001)),
                "decisions": bad_list(bad_text()),
                "nonconformity_ids": bad_list(bad_ids([world.nonconformity])),
                "objective_ids": bad_list(bad_ids([world.ratio_objective])),
            },
        )
    )
    attempt(session, lambda: meetings.create_meeting(session=session, data=meeting))


# Suggestions ------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_submit_suggestion_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    suggestion = data.draw(
        fuzzed(
            SuggestionInput,
            {
                "title": good_text(),
                "submitter": good_text(40),
                "department_id": st.sampled_from(world.departments),
                "description": st.text(max_size=80),
                "expected_benefit": st.text(max_size=80),
                "estimated_cost": optional(st.floats(0, 1e6)),
                "submitted_on": optional(good_dates()),
            },
            {
                "title": bad_text(),
                "submitter": bad_text(),
                "department_id": bad_ids(world.departments),
                "description": bad_text(),
                "expected_benefit": bad_text(),
                "estimated_cost": bad_numbers(),
                "submitted_on": bad_dates(),
            },
        )
    )
    attempt(session, lambda: suggestions.submit_suggestion(session=session, data=suggestion, today=TODAY))


@FUZZ
@given(data=st.data())
def test_move_suggestion_refuses_bad_input_cleanly(
    session: Session, world: World, data: st.DataObject
) -> None:
    # A fresh suggestion at each step of the workflow, so every move (with rewards) can happen.
    fresh = suggestions.submit_suggestion(
        session=session,
        data=SuggestionInput(
            title="Shadow board",
            submitter="Bo Li",
            department_id=world.departments[0],
            submitted_on=date(2026, 2, 1),
        ),
        today=TODAY,
    )
    for step in data.draw(st.sampled_from([(), ("under_review",), ("under_review", "accepted")])):
        suggestions.move_suggestion(
            session=session,
            suggestion_id=fresh.id,
            to_status=step,
            reviewer="Ann Lee",
            on=date(2026, 2, 2),
            today=TODAY,
        )
    suggestion_id = data.draw(one_of_ids([fresh.id, world.suggestion]))
    to_status = data.draw(mostly(choice(SuggestionStatus), choice(SuggestionStatus, bad=True)))
    reviewer = data.draw(mostly(st.one_of(st.none(), good_text(40)), bad_text()))
    note = data.draw(mostly(good_text(), bad_text()))
    points = data.draw(mostly(st.none(), st.one_of(st.integers(0, 100), bad_numbers())))
    amount = data.draw(mostly(st.none(), st.one_of(st.floats(0, 1000), bad_numbers())))
    benefit = data.draw(mostly(st.just(""), st.one_of(good_text(), bad_text())))
    on = data.draw(mostly(st.none(), st.one_of(good_dates(), bad_dates())))
    version = data.draw(versions())
    attempt(
        session,
        lambda: suggestions.move_suggestion(
            session=session,
            suggestion_id=suggestion_id,
            to_status=to_status,
            reviewer=reviewer,
            note=note,
            reward_points=points,
            reward_amount=amount,
            realised_benefit=benefit,
            on=on,
            expected_version=version,
            today=TODAY,
        ),
        REFUSALS_WITH_LOOKUP,
    )


# Settings ---------------------------------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_settings_refuse_bad_input_cleanly(session: Session, data: st.DataObject) -> None:
    text = data.draw(st.one_of(good_text(), bad_text()))
    if data.draw(st.booleans()):
        approved_on = data.draw(st.one_of(st.none(), good_dates(), bad_dates()))
        attempt(
            session,
            lambda: settings_service.set_quality_policy(session=session, text=text, approved_on=approved_on),
        )
    else:
        attempt(session, lambda: settings_service.set_company_name(session=session, name=text))


def matrix_dicts() -> st.SearchStrategy[object]:
    """Dicts shaped more or less like a stored matrix, with any part broken."""
    base = default_matrix().to_dict()
    leaf = st.one_of(nasty_text(), st.integers(), st.floats(), st.none(), st.booleans())
    anything = st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=6), st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    )
    band = st.fixed_dictionaries({}, optional={"code": anything, "name": anything, "color": anything})
    parts = {
        "likelihood_labels": st.one_of(st.lists(leaf, max_size=12), anything),
        "impact_labels": st.one_of(st.lists(leaf, max_size=12), anything),
        "bands": st.one_of(st.lists(band, max_size=8), anything),
        "cells": st.one_of(
            st.lists(st.lists(st.sampled_from(["low", "medium", "high", "x"]), max_size=6), max_size=6),
            anything,
        ),
        "appetite": anything,
    }

    @st.composite
    def patched(draw: st.DrawFn) -> dict[str, object]:
        result = dict(base)
        for key in draw(st.sets(st.sampled_from(sorted(parts)), min_size=1)):
            if draw(st.booleans()):
                result.pop(key)
            else:
                result[key] = draw(parts[key])
        return result

    @st.composite
    def renamed(draw: st.DrawFn) -> dict[str, object]:
        """The stored shape with any label, name, colour and appetite: often still a valid matrix."""
        sizes = (len(base["likelihood_labels"]), len(base["impact_labels"]))
        names = mostly(good_text(), nasty_text(), one_in=20)
        colors = mostly(st.from_regex(r"#[0-9A-Fa-f]{6}", fullmatch=True), nasty_text(), one_in=20)
        return dict(
            base,
            likelihood_labels=draw(st.lists(names, min_size=sizes[0], max_size=sizes[0])),
            impact_labels=draw(st.lists(names, min_size=sizes[1], max_size=sizes[1])),
            bands=[dict(band, name=draw(names), color=draw(colors)) for band in base["bands"]],
            appetite=draw(st.sampled_from([band["code"] for band in base["bands"]] + ["", "HIGH", None])),
        )

    return st.one_of(
        renamed(), patched(), anything, st.dictionaries(st.text(max_size=10), anything, max_size=6)
    )


@settings(max_examples=10 * settings.default.max_examples)  # cheap examples: ten times the profile's
@given(raw=matrix_dicts())
def test_matrix_from_random_dicts_is_valid_or_refused(raw: object) -> None:
    try:
        matrix = RiskMatrix.from_dict(raw)  # type: ignore[arg-type]
    except ValidationError as exc:
        event("refused")
        assert exc.errors and all(isinstance(v, str) and v for v in exc.errors.values())
        return
    event("accepted")
    # Whatever it accepted is a usable matrix.
    assert RiskMatrix.from_dict(matrix.to_dict()) == matrix
    for likelihood in range(1, matrix.likelihood_count + 1):
        for impact in range(1, matrix.impact_count + 1):
            matrix.is_above_appetite(matrix.level(likelihood, impact).code)


# What the fuzzing found, pinned down -------------------------------------------------------


def test_a_kri_name_with_non_ascii_capitals_is_unique_without_a_database_error(
    session: Session, world: World
) -> None:
    data = KriInput(name="Échéances manquées", department_id=world.departments[0], warning=5, alarm=10)
    kris.create_kri(session=session, data=data)
    for name in ("Échéances manquées", "éCHÉANCES MANQUÉES"):
        assert not attempt(
            session,
            lambda n=name: kris.create_kri(
                session=session,
                data=KriInput(name=n, department_id=world.departments[0], warning=5, alarm=10),
            ),
        )


@pytest.mark.parametrize(
    "call",
    [
        lambda s, w: risks.create_risk(
            session=s,
            data=RiskInput(
                title="x",
                category_id=w.categories[0],
                department_id=w.departments[0],
                identified_on=datetime(2026, 1, 5, 9, 30),
            ),
            today=TODAY,
        ),
        lambda s, w: risks.create_risk(
            session=s,
            data=RiskInput(
                title="x",
                category_id=w.categories[0],
                department_id=w.departments[0],
                identified_on=date(2026, 1, 5),
                next_review="2026-06-01",
            ),
            today=TODAY,
        ),  # type: ignore[arg-type]
        lambda s, w: risks.record_assessment(
            session=s,
            risk_id=w.risk,
            data=AssessmentInput(kind="inherent", likelihood=2, impact=2, financial_impact=10**400),
            today=TODAY,
        ),
        lambda s, w: risks.bulk_update(
            session=s, risk_ids=[w.risk], change=BulkChange(next_review=""), today=TODAY
        ),
        lambda s, w: kris.record_reading(
            session=s, kri_id=w.kri, data=ReadingInput(datetime(2026, 3, 1, 8), 1.0), today=TODAY
        ),
        lambda s, w: kris.create_kri(
            session=s, data=KriInput(name="Scrap", department_id=w.departments[0], warning=10**400, alarm=1)
        ),
        lambda s, w: quality.create_objective(
            session=s, data=ObjectiveInput(name="Yield", department_id=w.departments[0], target=-(10**400))
        ),
        lambda s, w: actions.add_action(session=s, data=ActionInput(title="x", cost=10**400), today=TODAY),
        lambda s, w: feedback.add_feedback(
            session=s, data=FeedbackInput(received_on=date(2026, 1, 5), response_hours=2**1024), today=TODAY
        ),
        lambda s, w: nonconformities.create_nonconformity(
            session=s, data=NcInput(title="x", detected_on=datetime(2026, 1, 5, 8)), today=TODAY
        ),
        lambda s, w: nonconformities.close_nonconformity(
            session=s, nc_id=w.closable_nonconformity, closed_on="2026-03-01", today=TODAY
        ),  # type: ignore[arg-type]
        lambda s, w: meetings.create_meeting(
            session=s,
            data=MeetingInput(
                held_on=date(2026, 3, 1), title="x", attendees=["Ann"], nonconformity_ids=[10**6, True]
            ),
        ),
        lambda s, w: suggestions.submit_suggestion(
            session=s,
            data=SuggestionInput(
                title="x", submitter="y", department_id=w.departments[0], submitted_on=datetime(2026, 1, 5, 8)
            ),
            today=TODAY,
        ),
        lambda s, w: settings_service.set_quality_policy(
            session=s, text="Quality first", approved_on="2026-01-01"
        ),  # type: ignore[arg-type]
    ],
    ids=[
        "datetime identified",
        "text review date",
        "huge financial impact",
        "text bulk review date",
        "datetime reading",
        "huge threshold",
        "huge target",
        "huge cost",
        "huge hours",
        "datetime detected",
        "text closing date",
        "bool nonconformity id",
        "datetime submitted",
        "text approval date",
    ],
)
def test_values_of_the_wrong_kind_are_validation_errors(session: Session, world: World, call: object) -> None:
    assert not attempt(session, lambda: call(session, world))  # type: ignore[operator]


def test_reward_points_beyond_an_integer_column_are_refused(session: Session, world: World) -> None:
    suggestions.move_suggestion(
        session=session,
        suggestion_id=world.suggestion,
        to_status="under_review",
        reviewer="Ann Lee",
        on=date(2026, 2, 2),
        today=TODAY,
    )
    assert not attempt(
        session,
        lambda: suggestions.move_suggestion(
            session=session,
            suggestion_id=world.suggestion,
            to_status="accepted",
            reviewer="Ann Lee",
            reward_points=2**63,
            on=date(2026, 2, 2),
            today=TODAY,
        ),
    )


def test_a_stored_matrix_whose_cells_are_not_a_list_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        RiskMatrix.from_dict(dict(default_matrix().to_dict(), cells=0))
    assert refused.value.errors == {"cells": "The matrix cells must be a list of rows."}
