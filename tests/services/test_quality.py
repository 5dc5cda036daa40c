"""Quality objectives: measurements, status edges, control charts, baseline, dashboard counts."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ConflictError, ValidationError
from opsdesk.domain.quality import D2_FOR_MOVING_RANGE, WesternElectricRule
from opsdesk.services.quality import (
    MeasurementInput,
    ObjectiveInput,
    create_objective,
    freeze_baseline,
    get_measurement,
    get_measurements,
    get_objective,
    list_objectives,
    objective_series,
    objective_statuses_for_period,
    record_measurement,
    record_measurements,
    set_objective_archived,
    unfreeze_baseline,
    update_objective,
)
from opsdesk.services.settings import department_id, set_fiscal_start_month
from opsdesk.store.database import Database
from opsdesk.store.models import AuditEntry, Measurement, QualityObjective


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def snapshot(session: Session) -> tuple[int, int, int]:
    return count(session, QualityObjective), count(session, Measurement), count(session, AuditEntry)


@pytest.fixture
def operations(session: Session) -> int:
    return department_id(session=session, name="Operations")


def pass_rate(session: Session, operations: int, **overrides: object) -> int:
    """A first-pass-yield objective: at least 95 % passed, 2 points of tolerance."""
    data = ObjectiveInput(
        name="First pass yield",
        department_id=operations,
        target=95.0,
        tolerance=2.0,
        numerator_label="passed",
        denominator_label="inspected",
    )
    for name, value in overrides.items():
        setattr(data, name, value)
    return create_objective(session=session, data=data).id


def complaint_rate(session: Session, operations: int, **overrides: object) -> int:
    """At most 2 % of orders complained about, 1 point of tolerance."""
    data = ObjectiveInput(
        name="Complaint rate",
        department_id=operations,
        target=2.0,
        tolerance=1.0,
        direction="higher_is_worse",
        numerator_label="complaints",
        denominator_label="orders",
    )
    for name, value in overrides.items():
        setattr(data, name, value)
    return create_objective(session=session, data=data).id


def response_time(session: Session, operations: int) -> int:
    """A plain-value objective: mean response time at most 24 h, 4 h tolerance."""
    data = ObjectiveInput(
        name="Mean response time",
        department_id=operations,
        kind="value",
        unit="h",
        target=24.0,
        tolerance=4.0,
        direction="higher_is_worse",
    )
    return create_objective(session=session, data=data).id


def ratio_rows(session: Session, objective_id: int, rows: list[tuple[str, float, float]]) -> None:
    record_measurements(
        session=session,
        objective_id=objective_id,
        rows=[MeasurementInput(period, numerator=x, denominator=n) for period, x, n in rows],
    )


def value_rows(session: Session, objective_id: int, rows: list[tuple[str, float]]) -> None:
    record_measurements(
        session=session,
        objective_id=objective_id,
        rows=[MeasurementInput(period, value=v) for period, v in rows],
    )


# -- objectives -----------------------------------------------------------------------------


def test_create_objective_reads_back_with_department(session: Session, operations: int) -> None:
    objective = get_objective(session=session, objective_id=pass_rate(session, operations))
    assert (objective.name, objective.department, objective.kind, objective.unit) == (
        "First pass yield",
        "Operations",
        "ratio",
        "%",
    )
    assert (objective.target, objective.tolerance, objective.direction, objective.frequency) == (
        95.0,
        2.0,
        "lower_is_worse",
        "monthly",
    )
    assert (objective.last_period, objective.last_value, objective.last_status) == (None, None, None)
    assert objective.version == 1
    assert objective.baseline_frozen_at is None


def test_invalid_objective_is_refused_and_nothing_written(session: Session, operations: int) -> None:
    pass_rate(session, operations)
    before = snapshot(session)
    data = ObjectiveInput(
        name="  first PASS yield ",
        department_id=9999,
        target=120.0,
        kind="ratio",
        direction="sideways",
        tolerance=-1.0,
        frequency="weekly",
    )
    with pytest.raises(ValidationError) as caught:
        create_objective(session=session, data=data)
    assert caught.value.codes() == {
        "name": "objective.name_taken",
        "department_id": "objective.department_required",
        "direction": "not_a_choice",
        "tolerance": "objective.tolerance_negative",
        "frequency": "objective.frequency_not_allowed",
        "target": "objective.ratio_target_range",
    }
    problems = {problem.field: problem for problem in caught.value.problems}
    assert problems["name"].params == {"name": "first PASS yield"}
    assert problems["target"].params == {"top": "100 %"}
    assert problems["frequency"].params == {"value": "weekly"}
    # The words come from the catalogue, in the reader's language.
    assert problems["name"].message("en") == "A quality objective named “first PASS yield” already exists."
    assert problems["target"].message("zh_CN") == "比率的目标值必须在 0 到 100 % 之间。"
    with pytest.raises(ValidationError) as caught:
        create_objective(
            session=session, data=ObjectiveInput(name="Yield", department_id=operations, target=math.nan)
        )
    assert caught.value.codes() == {"target": "not_a_number"}
    assert caught.value.message("en") == "The target must be a number."
    assert caught.value.message("zh_CN") == "目标值必须是数字。"
    assert snapshot(session) == before


def test_kind_and_frequency_fixed_once_measured(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    record_measurement(
        session=session,
        objective_id=objective_id,
        data=MeasurementInput("2026-01", numerator=95, denominator=100),
    )
    data = ObjectiveInput(
        name="First pass yield", department_id=operations, target=95.0, kind="value", frequency="quarterly"
    )
    with pytest.raises(ValidationError) as caught:
        update_objective(session=session, objective_id=objective_id, data=data)
    assert caught.value.codes() == {
        "kind": "objective.kind_locked",
        "frequency": "objective.frequency_locked",
    }


def test_update_objective_with_stale_version_conflicts(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    data = ObjectiveInput(name="First pass yield", department_id=operations, target=96.0, tolerance=2.0)
    updated = update_objective(session=session, objective_id=objective_id, data=data, expected_version=1)
    assert (updated.target, updated.version) == (96.0, 2)
    audit_before = count(session, AuditEntry)
    data.target = 90.0
    with pytest.raises(ConflictError):
        update_objective(session=session, objective_id=objective_id, data=data, expected_version=1)
    assert get_objective(session=session, objective_id=objective_id).target == 96.0
    assert count(session, AuditEntry) == audit_before


def test_list_objectives_filters_and_shows_latest_in_two_queries(
    session: Session, database: Database, operations: int
) -> None:
    sales = department_id(session=session, name="Sales")
    yield_id = pass_rate(session, operations)
    complaints_id = complaint_rate(session, operations, department_id=sales)
    archived_id = response_time(session, operations)
    ratio_rows(session, yield_id, [("2026-01", 95, 100), ("2026-02", 90, 100)])
    ratio_rows(session, complaints_id, [("2026-01", 3, 100)])
    set_objective_archived(session=session, objective_id=archived_id, archived=True)

    statements: list[str] = []

    def remember(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", remember)
    try:
        listed = list_objectives(session=session)
    finally:
        event.remove(database.engine, "before_cursor_execute", remember)
    assert len(statements) == 2
    assert [(o.name, o.department, o.last_period, o.last_value, o.last_status) for o in listed] == [
        ("Complaint rate", "Sales", "2026-01", 3.0, "at_risk"),
        ("First pass yield", "Operations", "2026-02", 90.0, "missed"),
    ]
    assert [o.name for o in list_objectives(session=session, department_id=sales)] == ["Complaint rate"]
    everything = list_objectives(session=session, include_archived=True)
    assert [(o.name, o.archived) for o in everything] == [
        ("Complaint rate", False),
        ("First pass yield", False),
        ("Mean response time", True),
    ]


# -- measurements and status ----------------------------------------------------------------


def test_status_at_target_and_tolerance_edges_both_directions(session: Session, operations: int) -> None:
    yield_id = pass_rate(session, operations)
    complaints_id = complaint_rate(session, operations)
    # Exactly on target, exactly on the tolerance edge, just beyond it.
    ratio_rows(session, yield_id, [("2026-01", 95, 100), ("2026-02", 93, 100), ("2026-03", 929, 1000)])
    ratio_rows(session, complaints_id, [("2026-01", 2, 100), ("2026-02", 3, 100), ("2026-03", 31, 1000)])

    for objective_id, values in ((yield_id, [95.0, 93.0, 92.9]), (complaints_id, [2.0, 3.0, 3.1])):
        series = objective_series(session=session, objective_id=objective_id, until="2026-03")
        assert [p.period for p in series.points] == ["2026-01", "2026-02", "2026-03"]
        assert [p.value for p in series.points] == values
        assert [p.status for p in series.points] == ["met", "at_risk", "missed"]


def test_value_objective_status_edges(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    value_rows(session, objective_id, [("2026-01", 24.0), ("2026-02", 28.0), ("2026-03", 28.5)])
    series = objective_series(session=session, objective_id=objective_id, until="2026-03")
    assert [(p.value, p.status) for p in series.points] == [
        (24.0, "met"),
        (28.0, "at_risk"),
        (28.5, "missed"),
    ]


def test_ratio_without_percent_unit_is_a_fraction(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations, unit="", target=0.95, tolerance=0.02)
    measured = record_measurement(
        session=session,
        objective_id=objective_id,
        data=MeasurementInput("2026-01", numerator=47, denominator=50),
    )
    assert (measured.value, measured.status) == (0.94, "at_risk")


def test_missing_periods_are_flagged(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    ratio_rows(session, objective_id, [("2026-01", 96, 100), ("2026-03", 97, 100)])
    series = objective_series(session=session, objective_id=objective_id, today=date(2026, 4, 15))
    assert [(p.period, p.missing, p.status, p.value) for p in series.points] == [
        ("2026-01", False, "met", 96.0),
        ("2026-02", True, None, None),
        ("2026-03", False, "met", 97.0),
        ("2026-04", True, None, None),
    ]
    missing = series.points[1]
    assert (missing.measurement_id, missing.lower, missing.upper, missing.in_baseline) == (
        None,
        None,
        None,
        False,
    )
    assert missing.period_start == date(2026, 2, 1)
    # An explicit end cuts the series there.
    until_feb = objective_series(session=session, objective_id=objective_id, until="2026-02")
    assert [p.period for p in until_feb.points] == ["2026-01", "2026-02"]


def test_record_measurement_upserts_by_period(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    first = record_measurement(
        session=session,
        objective_id=objective_id,
        data=MeasurementInput("2026-3", numerator=90, denominator=100, note="line 2 down"),
    )
    assert (first.period, first.period_start, first.value, first.status, first.version) == (
        "2026-03",
        date(2026, 3, 1),
        90.0,
        "missed",
        1,
    )
    second = record_measurement(
        session=session,
        objective_id=objective_id,
        data=MeasurementInput("2026-03", numerator=96, denominator=100, value=12.0),
        expected_version=1,
    )
    assert (second.id, second.value, second.status, second.note, second.version) == (
        first.id,
        96.0,
        "met",
        "",
        2,
    )
    assert count(session, Measurement) == 1
    stored = session.get(Measurement, first.id)
    assert (stored.numerator, stored.denominator, stored.value) == (96.0, 100.0, None)


def test_stale_measurement_version_conflicts(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    data = MeasurementInput("2026-03", numerator=90, denominator=100)
    record_measurement(session=session, objective_id=objective_id, data=data)
    record_measurement(
        session=session,
        objective_id=objective_id,
        data=MeasurementInput("2026-03", numerator=91, denominator=100),
        expected_version=1,
    )
    before = snapshot(session)
    with pytest.raises(ConflictError):
        record_measurement(
            session=session,
            objective_id=objective_id,
            data=MeasurementInput("2026-03", numerator=99, denominator=100),
            expected_version=1,
        )
    assert snapshot(session) == before
    assert get_measurement(session=session, objective_id=objective_id, period="2026-03").numerator == 91.0


def test_the_measurements_of_several_periods_are_read_in_one_query(
    session: Session, database: Database, operations: int
) -> None:
    objective_id = pass_rate(session, operations)
    ratio_rows(session, objective_id, [("2026-01", 95, 100), ("2026-02", 90, 100), ("2026-04", 97, 100)])
    statements: list[str] = []

    def remember(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", remember)
    try:
        found = get_measurements(
            session=session, objective_id=objective_id, periods=["2026-01", "2026-02", "2026-03", "2026-04"]
        )
    finally:
        event.remove(database.engine, "before_cursor_execute", remember)
    assert len(statements) <= 2  # the objective (unless the session holds it) and the measurements
    assert sorted(found) == ["2026-01", "2026-02", "2026-04"]  # March has none
    for period, read in found.items():
        assert read == get_measurement(session=session, objective_id=objective_id, period=period)
    assert (found["2026-02"].numerator, found["2026-02"].status) == (90.0, "missed")
    assert get_measurements(session=session, objective_id=objective_id, periods=[]) == {}


def test_period_form_must_match_frequency(session: Session, operations: int) -> None:
    monthly = pass_rate(session, operations)
    quarterly = complaint_rate(session, operations, frequency="quarterly")
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        record_measurement(
            session=session,
            objective_id=monthly,
            data=MeasurementInput("2026-Q1", numerator=1, denominator=2),
        )
    assert caught.value.codes() == {"period": "measurement.wrong_frequency"}
    assert caught.value.errors == {
        "period": "“2026-Q1” is not a period of this objective: give a month such as 2026-03."
    }
    with pytest.raises(ValidationError) as caught:
        record_measurement(
            session=session,
            objective_id=quarterly,
            data=MeasurementInput("2026-03", numerator=1, denominator=2),
        )
    assert caught.value.codes() == {"period": "measurement.wrong_frequency"}
    assert caught.value.message("zh_CN") == "“2026-03”不是此目标的期间：请填写季度（如 2026-Q1）。"
    with pytest.raises(ValidationError) as caught:
        record_measurement(
            session=session, objective_id=monthly, data=MeasurementInput("March", numerator=1, denominator=2)
        )
    assert caught.value.codes() == {"period": "measurement.not_a_period"}
    assert caught.value.problems[0].params["text"] == "March"
    assert snapshot(session) == before
    stored = record_measurement(
        session=session, objective_id=quarterly, data=MeasurementInput("2026q1", numerator=1, denominator=50)
    )
    assert (stored.period, stored.period_start, stored.value) == ("2026-Q1", date(2026, 1, 1), 2.0)


def test_quarter_follows_the_fiscal_year(session: Session, operations: int) -> None:
    set_fiscal_start_month(session=session, month=4)
    objective_id = complaint_rate(session, operations, frequency="quarterly")
    stored = record_measurement(
        session=session,
        objective_id=objective_id,
        data=MeasurementInput("2026-Q1", numerator=1, denominator=50),
    )
    assert stored.period_start == date(2026, 4, 1)
    series = objective_series(session=session, objective_id=objective_id, today=date(2026, 12, 1))
    assert [(p.period, p.period_start) for p in series.points] == [
        ("2026-Q1", date(2026, 4, 1)),
        ("2026-Q2", date(2026, 7, 1)),
        ("2026-Q3", date(2026, 10, 1)),
    ]


def test_numerator_above_denominator_refused_and_nothing_written(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        record_measurement(
            session=session,
            objective_id=objective_id,
            data=MeasurementInput("2026-03", numerator=101, denominator=100),
        )
    assert caught.value.codes() == {"numerator": "measurement.numerator_above_denominator"}
    assert caught.value.errors == {
        "numerator": "The numerator (passed), 101, cannot be larger than the denominator, 100."
    }
    assert snapshot(session) == before


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            MeasurementInput("2026-03", numerator=0, denominator=0),
            {"denominator": "measurement.denominator_not_positive"},
        ),
        (
            MeasurementInput("2026-03", numerator=-1, denominator=10),
            {"numerator": "measurement.numerator_negative"},
        ),
        (
            MeasurementInput("2026-03", numerator=math.inf, denominator=10),
            {"numerator": "measurement.numerator_not_a_number"},
        ),
        (
            MeasurementInput("2026-03", denominator=10),
            {"numerator": "measurement.numerator_required"},
        ),
        (
            MeasurementInput("2026-03", numerator=True, denominator=math.nan),
            {
                "numerator": "measurement.numerator_not_a_number",
                "denominator": "measurement.denominator_not_a_number",
            },
        ),
    ],
)
def test_bad_ratio_numbers_refused(
    session: Session, operations: int, data: MeasurementInput, errors: dict[str, str]
) -> None:
    objective_id = pass_rate(session, operations)
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        record_measurement(session=session, objective_id=objective_id, data=data)
    assert caught.value.codes() == errors
    assert snapshot(session) == before


def test_value_objective_needs_a_value_and_no_counts(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        record_measurement(
            session=session,
            objective_id=objective_id,
            data=MeasurementInput("2026-03", numerator=3, denominator=4),
        )
    assert caught.value.codes() == {
        "value": "required",
        "numerator": "measurement.plain_value_numerator",
        "denominator": "measurement.plain_value_denominator",
    }
    assert caught.value.errors["value"] == "The value is required."
    with pytest.raises(ValidationError) as caught:
        record_measurement(
            session=session, objective_id=objective_id, data=MeasurementInput("2026-03", value=-math.inf)
        )
    assert caught.value.codes() == {"value": "not_a_number"}
    assert snapshot(session) == before


def test_archived_objective_takes_no_measurements(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    set_objective_archived(session=session, objective_id=objective_id, archived=True)
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        record_measurement(
            session=session,
            objective_id=objective_id,
            data=MeasurementInput("2026-03", numerator=1, denominator=2),
        )
    assert caught.value.codes() == {"__all__": "objective.archived"}
    assert caught.value.message("zh_CN") == "目标“First pass yield”已归档；请先恢复再记录测量值。"
    assert snapshot(session) == before


def test_grid_save_is_all_or_nothing(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    ratio_rows(session, objective_id, [("2026-01", 90, 100)])
    before = snapshot(session)
    rows = [
        MeasurementInput("2026-01", numerator=94, denominator=100),
        MeasurementInput("2026-02", numerator=95, denominator=100),
        MeasurementInput("2026-03", numerator=5, denominator=0),
        MeasurementInput("2026-Q2", numerator=5, denominator=10),
        MeasurementInput("2026-02", numerator=96, denominator=100),
    ]
    with pytest.raises(ValidationError) as caught:
        record_measurements(session=session, objective_id=objective_id, rows=rows)
    assert caught.value.codes() == {
        "rows[2].denominator": "measurement.denominator_not_positive",
        "rows[3].period": "measurement.wrong_frequency",
        "rows[4].period": "measurement.period_repeated",
    }
    assert caught.value.errors["rows[4].period"] == "The period 2026-02 is already in row 2."
    assert snapshot(session) == before
    assert get_measurement(session=session, objective_id=objective_id, period="2026-01").numerator == 90.0

    saved = record_measurements(session=session, objective_id=objective_id, rows=rows[:2])
    assert saved == 2
    stored = session.exec(select(Measurement).order_by(Measurement.period)).all()
    assert [(m.period, m.numerator, m.denominator, m.version) for m in stored] == [
        ("2026-01", 94.0, 100.0, 2),
        ("2026-02", 95.0, 100.0, 1),
    ]


# -- control charts -------------------------------------------------------------------------


def test_p_chart_limits_match_hand_computation(session: Session, operations: int) -> None:
    objective_id = complaint_rate(session, operations, name="Scrap rate", target=10.0)
    ratio_rows(session, objective_id, [("2026-01", 10, 100), ("2026-02", 30, 200), ("2026-03", 8, 100)])
    series = objective_series(session=session, objective_id=objective_id, until="2026-03")
    p_bar = (10 + 30 + 8) / (100 + 200 + 100)
    assert series.chart == "p"
    assert series.center == pytest.approx(100 * p_bar)
    for point, n in zip(series.points, (100, 200, 100), strict=True):
        sigma = math.sqrt(p_bar * (1 - p_bar) / n)
        assert point.upper == pytest.approx(100 * (p_bar + 3 * sigma))
        assert point.lower == pytest.approx(100 * (p_bar - 3 * sigma))
        assert point.in_baseline
        assert point.violations == ()
    assert series.points[0].upper == pytest.approx(21.7488, abs=1e-4)
    assert series.points[1].upper == pytest.approx(18.8935, abs=1e-4)
    assert series.violations == ()
    # The last upper limit is above the 10 % target and the lower one below: meeting it is chance.
    assert series.verdict == "chance"


def test_point_beyond_three_sigma_breaks_rule_one(session: Session, operations: int) -> None:
    objective_id = complaint_rate(session, operations, name="Scrap rate", target=10.0)
    counts = [9, 11, 10, 12, 8, 10, 11, 40]
    ratio_rows(session, objective_id, [(f"2026-{i + 1:02d}", x, 100) for i, x in enumerate(counts)])
    series = objective_series(session=session, objective_id=objective_id, until="2026-08")
    rule = WesternElectricRule.ONE_BEYOND_3_SIGMA
    assert series.violations == (("2026-08", 1, rule.description),)
    assert [p.violations for p in series.points] == [()] * 7 + [(1,)]
    assert series.points[-1].value > series.points[-1].upper


def test_xmr_limits_for_a_value_objective(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    value_rows(
        session, objective_id, [("2026-01", 20.0), ("2026-02", 24.0), ("2026-03", 22.0), ("2026-04", 26.0)]
    )
    series = objective_series(session=session, objective_id=objective_id, until="2026-04")
    sigma = ((4 + 2 + 4) / 3) / D2_FOR_MOVING_RANGE
    assert series.chart == "xmr"
    assert series.center == pytest.approx(23.0)
    assert [p.upper for p in series.points] == pytest.approx([23 + 3 * sigma] * 4)
    assert [p.lower for p in series.points] == pytest.approx([23 - 3 * sigma] * 4)
    assert series.points[0].upper == pytest.approx(31.8652, abs=1e-4)
    assert series.violations == ()
    # Target 24 lies between the limits.
    assert series.verdict == "chance"


def test_freezing_the_baseline_changes_limits_and_records_time(
    session: Session, database: Database, operations: int
) -> None:
    objective_id = response_time(session, operations)
    value_rows(
        session,
        objective_id,
        [("2026-01", 20.0), ("2026-02", 24.0), ("2026-03", 22.0), ("2026-04", 26.0), ("2026-05", 30.0)],
    )
    unfrozen = objective_series(session=session, objective_id=objective_id, until="2026-05")
    sigma_all = ((4 + 2 + 4 + 4) / 4) / D2_FOR_MOVING_RANGE
    assert unfrozen.center == pytest.approx(24.4)
    assert unfrozen.points[0].upper == pytest.approx(24.4 + 3 * sigma_all)
    assert unfrozen.violations == ()

    now = datetime(2026, 6, 2, 9, 30, tzinfo=UTC)
    frozen = freeze_baseline(
        session=session, objective_id=objective_id, first="2026-01", last="2026-03", now=now
    )
    assert (frozen.baseline_first, frozen.baseline_last, frozen.version) == ("2026-01", "2026-03", 2)
    session.commit()
    with database.session() as fresh:
        stored = fresh.get(QualityObjective, objective_id)
        assert stored.baseline_frozen_at.replace(tzinfo=UTC) == now

    series = objective_series(session=session, objective_id=objective_id, until="2026-05")
    sigma_base = ((4 + 2) / 2) / D2_FOR_MOVING_RANGE
    assert series.center == pytest.approx(22.0)
    assert series.points[0].upper == pytest.approx(22 + 3 * sigma_base)
    assert [p.in_baseline for p in series.points] == [True, True, True, False, False]
    # 30 h is beyond the frozen upper limit (29.98 h): a signal the unfrozen chart hid.
    assert series.violations == (("2026-05", 1, WesternElectricRule.ONE_BEYOND_3_SIGMA.description),)
    assert series.verdict == "chance"

    thawed = unfreeze_baseline(session=session, objective_id=objective_id)
    assert (thawed.baseline_first, thawed.baseline_last, thawed.baseline_frozen_at) == (None, None, None)
    assert objective_series(
        session=session, objective_id=objective_id, until="2026-05"
    ).center == pytest.approx(24.4)


def test_baseline_needs_two_measured_periods(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    value_rows(session, objective_id, [("2026-01", 20.0), ("2026-02", 24.0), ("2026-04", 22.0)])
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        freeze_baseline(session=session, objective_id=objective_id, first="2026-03", last="2026-05")
    assert caught.value.codes() == {"last": "baseline.too_few"}
    assert caught.value.problems[0].params == {"first": "2026-03", "last": "2026-05", "count": 1}
    with pytest.raises(ValidationError) as caught:
        freeze_baseline(session=session, objective_id=objective_id, first="2026-04", last="2026-01")
    assert caught.value.codes() == {"last": "baseline.last_before_first"}
    with pytest.raises(ValidationError) as caught:
        freeze_baseline(session=session, objective_id=objective_id, first="2026-Q1", last="2026-02")
    assert set(caught.value.errors) == {"first"}
    assert snapshot(session) == before


def test_series_with_one_point_has_no_limits(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    empty = objective_series(session=session, objective_id=objective_id, today=date(2026, 4, 1))
    assert (empty.points, empty.center, empty.verdict, empty.chart) == ((), None, None, "p")
    ratio_rows(session, objective_id, [("2026-03", 96, 100)])
    series = objective_series(session=session, objective_id=objective_id, until="2026-03")
    assert len(series.points) == 1
    point = series.points[0]
    assert (point.lower, point.upper, point.in_baseline, point.status) == (None, None, True, "met")
    assert (series.center, series.verdict, series.violations) == (None, None, ())


def test_verdict_consistently_met_and_missed(session: Session, operations: int) -> None:
    met = pass_rate(session, operations, target=80.0)
    ratio_rows(session, met, [("2026-01", 980, 1000), ("2026-02", 990, 1000), ("2026-03", 985, 1000)])
    assert objective_series(session=session, objective_id=met, until="2026-03").verdict == "consistently_met"
    missed = pass_rate(session, operations, name="Packing yield", target=99.9)
    ratio_rows(session, missed, [("2026-01", 980, 1000), ("2026-02", 990, 1000), ("2026-03", 985, 1000)])
    assert (
        objective_series(session=session, objective_id=missed, until="2026-03").verdict
        == "consistently_missed"
    )


# -- dashboard ------------------------------------------------------------------------------


def test_statuses_for_the_last_complete_period(session: Session, operations: int) -> None:
    met = pass_rate(session, operations)
    missed = pass_rate(session, operations, name="Packing yield")
    no_data = pass_rate(session, operations, name="Labelling yield")
    at_risk = complaint_rate(session, operations, frequency="quarterly")
    archived = pass_rate(session, operations, name="Old yield")
    ratio_rows(session, met, [("2026-03", 95, 100), ("2026-04", 10, 100)])
    ratio_rows(session, missed, [("2026-03", 50, 100)])
    ratio_rows(session, no_data, [("2026-02", 99, 100), ("2026-04", 99, 100)])
    ratio_rows(session, at_risk, [("2026-Q1", 3, 100)])
    ratio_rows(session, archived, [("2026-03", 10, 100)])
    set_objective_archived(session=session, objective_id=archived, archived=True)

    counts = objective_statuses_for_period(session=session, period_of=date(2026, 4, 10))
    assert counts == {"met": 1, "at_risk": 1, "missed": 1, "no_data": 1}
    # In May the monthly objectives look at April, the quarterly one still at Q1.
    counts = objective_statuses_for_period(session=session, period_of=date(2026, 5, 1))
    assert counts == {"met": 1, "at_risk": 1, "missed": 1, "no_data": 1}
    assert objective_statuses_for_period(session=session, period_of=date(2026, 7, 1)) == {
        "met": 0,
        "at_risk": 0,
        "missed": 0,
        "no_data": 4,
    }
