"""The customer feedback log and the complaint counts it feeds into objectives."""

from __future__ import annotations

import math
from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ConflictError, ValidationError
from opsdesk.services.feedback import (
    FeedbackInput,
    add_feedback,
    complaint_count,
    feed_complaint_numerator,
    get_feedback,
    list_feedback,
    set_feedback_archived,
    update_feedback,
)
from opsdesk.services.quality import (
    MeasurementInput,
    ObjectiveInput,
    create_objective,
    get_measurement,
    record_measurement,
)
from opsdesk.services.settings import department_id, set_fiscal_start_month
from opsdesk.store.models import AuditEntry, CustomerFeedback, Measurement, Nonconformity

TODAY = date(2026, 4, 20)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def snapshot(session: Session) -> tuple[int, int, int]:
    return count(session, CustomerFeedback), count(session, Measurement), count(session, AuditEntry)


def log(session: Session, received_on: date, is_complaint: bool = True, **fields: object) -> int:
    data = FeedbackInput(received_on=received_on, is_complaint=is_complaint, **fields)
    return add_feedback(session=session, data=data, today=TODAY).id


def nonconformity(session: Session, code: str = "NC-0001", archived: bool = False) -> int:
    # Nonconformities belong to another service; a bare row is enough to link to.
    row = Nonconformity(code=code, title="Scratched housing", detected_on=date(2026, 3, 2), archived=archived)
    session.add(row)
    session.commit()
    return row.id


@pytest.fixture
def complaint_rate(session: Session) -> int:
    data = ObjectiveInput(
        name="Complaint rate",
        department_id=department_id(session=session, name="Sales"),
        target=2.0,
        tolerance=1.0,
        direction="higher_is_worse",
        numerator_label="complaints",
        denominator_label="orders",
    )
    return create_objective(session=session, data=data).id


@pytest.fixture
def march_log(session: Session) -> list[int]:
    """Three complaints in March 2026 (both month edges), plus entries that must not count."""
    return [
        log(session, date(2026, 3, 1), customer="Acme"),
        log(session, date(2026, 3, 15), customer="Bolt"),
        log(session, date(2026, 3, 31), customer="Cogs"),
        log(session, date(2026, 3, 10), is_complaint=False, rating=5),
        log(session, date(2026, 2, 28)),
        log(session, date(2026, 4, 1)),
    ]


def test_add_feedback_reads_back(session: Session) -> None:
    nc_id = nonconformity(session)
    entry = add_feedback(
        session=session,
        data=FeedbackInput(
            received_on=date(2026, 3, 3),
            channel="phone",
            customer=" Acme ",
            product="Pump P-20",
            is_complaint=True,
            rating=2,
            response_hours=5,
            description="Housing scratched on delivery.",
            nonconformity_id=nc_id,
        ),
        today=TODAY,
    )
    assert entry == get_feedback(session=session, feedback_id=entry.id)
    assert (entry.channel, entry.customer, entry.product, entry.is_complaint) == (
        "phone",
        "Acme",
        "Pump P-20",
        True,
    )
    assert (entry.rating, entry.response_hours, entry.nonconformity_code, entry.version) == (
        2,
        5.0,
        "NC-0001",
        1,
    )


def test_invalid_feedback_refused_and_nothing_written(session: Session) -> None:
    archived_nc = nonconformity(session, archived=True)
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        add_feedback(
            session=session,
            data=FeedbackInput(
                received_on=date(2026, 4, 21),
                channel="fax",
                rating=6,
                response_hours=-1,
                nonconformity_id=archived_nc,
            ),
            today=TODAY,
        )
    assert caught.value.errors == {
        "received_on": "The date received cannot be in the future.",
        "channel": "The channel must be one of email, phone, survey, website, sales_visit, other (got “fax”).",
        "rating": "The rating must be a whole number from 1 to 5.",
        "response_hours": "The response time cannot be negative.",
        "nonconformity_id": "The nonconformity NC-0001 is archived; link another.",
    }
    for rating, hours in ((0, math.nan), (True, math.inf)):
        with pytest.raises(ValidationError) as caught:
            add_feedback(
                session=session,
                data=FeedbackInput(
                    received_on=TODAY, rating=rating, response_hours=hours, nonconformity_id=999
                ),
                today=TODAY,
            )
        assert caught.value.errors == {
            "rating": "The rating must be a whole number from 1 to 5.",
            "response_hours": "The response time must be a number of hours.",
            "nonconformity_id": "There is no nonconformity with id 999.",
        }
    assert snapshot(session) == before


def test_update_with_stale_version_conflicts(session: Session) -> None:
    feedback_id = log(session, date(2026, 3, 1), customer="Acme")
    updated = update_feedback(
        session=session,
        feedback_id=feedback_id,
        data=FeedbackInput(received_on=date(2026, 3, 2), customer="Acme Ltd", is_complaint=True),
        expected_version=1,
        today=TODAY,
    )
    assert (updated.received_on, updated.customer, updated.version) == (date(2026, 3, 2), "Acme Ltd", 2)
    before = snapshot(session)
    with pytest.raises(ConflictError):
        update_feedback(
            session=session,
            feedback_id=feedback_id,
            data=FeedbackInput(received_on=date(2026, 3, 5), customer="Someone else"),
            expected_version=1,
            today=TODAY,
        )
    assert snapshot(session) == before
    assert get_feedback(session=session, feedback_id=feedback_id).customer == "Acme Ltd"


def test_list_feedback_filters(session: Session, march_log: list[int]) -> None:
    nc_id = nonconformity(session)
    update_feedback(
        session=session,
        feedback_id=march_log[1],
        data=FeedbackInput(
            received_on=date(2026, 3, 15), customer="Bolt", is_complaint=True, nonconformity_id=nc_id
        ),
        today=TODAY,
    )
    set_feedback_archived(session=session, feedback_id=march_log[0], archived=True)
    march = list_feedback(session=session, since=date(2026, 3, 1), until=date(2026, 3, 31))
    assert [(f.received_on, f.customer, f.is_complaint, f.nonconformity_code) for f in march] == [
        (date(2026, 3, 31), "Cogs", True, None),
        (date(2026, 3, 15), "Bolt", True, "NC-0001"),
        (date(2026, 3, 10), "", False, None),
    ]
    complaints = list_feedback(session=session, complaints_only=True, include_archived=True)
    assert [f.received_on for f in complaints] == [
        date(2026, 4, 1),
        date(2026, 3, 31),
        date(2026, 3, 15),
        date(2026, 3, 1),
        date(2026, 2, 28),
    ]
    assert complaints[3].archived


def test_complaint_count_within_period_bounds(session: Session, march_log: list[int]) -> None:
    assert complaint_count(session=session, period="2026-03") == 3
    assert complaint_count(session=session, period="2026-02") == 1
    assert complaint_count(session=session, period="2026-Q1") == 4
    # Archived entries no longer count.
    set_feedback_archived(session=session, feedback_id=march_log[1], archived=True)
    assert complaint_count(session=session, period="2026-03") == 2
    with pytest.raises(ValidationError) as caught:
        complaint_count(session=session, period="March")
    assert set(caught.value.errors) == {"period"}


def test_complaint_count_follows_fiscal_quarters(session: Session, march_log: list[int]) -> None:
    set_fiscal_start_month(session=session, month=4)
    # With an April start, 2025-Q4 is January to March 2026, 2026-Q1 starts 1 April.
    assert complaint_count(session=session, period="2025-Q4") == 4
    assert complaint_count(session=session, period="2026-Q1") == 1


def test_feed_complaint_numerator(session: Session, complaint_rate: int, march_log: list[int]) -> None:
    fed = feed_complaint_numerator(
        session=session, objective_id=complaint_rate, period="2026-03", denominator=150
    )
    assert (fed.period, fed.numerator, fed.denominator, fed.value, fed.status) == (
        "2026-03",
        3.0,
        150.0,
        2.0,
        "met",
    )

    # A late complaint, then the period is fed again: same row, numerator follows the log, note kept.
    record_measurement(
        session=session,
        objective_id=complaint_rate,
        data=MeasurementInput("2026-03", numerator=3, denominator=150, note="Acme counted once"),
    )
    log(session, date(2026, 3, 20), customer="Dyna")
    refed = feed_complaint_numerator(
        session=session, objective_id=complaint_rate, period="2026-03", denominator=100, expected_version=2
    )
    assert (refed.id, refed.numerator, refed.denominator, refed.value, refed.status) == (
        fed.id,
        4.0,
        100.0,
        4.0,
        "missed",
    )
    assert (refed.note, refed.version) == ("Acme counted once", 3)
    assert count(session, Measurement) == 1


def test_feed_refuses_more_complaints_than_orders(
    session: Session, complaint_rate: int, march_log: list[int]
) -> None:
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        feed_complaint_numerator(
            session=session, objective_id=complaint_rate, period="2026-03", denominator=2
        )
    assert caught.value.errors == {
        "numerator": "The numerator (complaints), 3, cannot be larger than the denominator, 2."
    }
    with pytest.raises(ValidationError) as caught:
        feed_complaint_numerator(
            session=session, objective_id=complaint_rate, period="2026-Q1", denominator=200
        )
    assert caught.value.codes() == {"period": "measurement.wrong_frequency"}
    assert snapshot(session) == before
    assert get_measurement(session=session, objective_id=complaint_rate, period="2026-03") is None


def test_feed_refuses_a_value_objective(session: Session) -> None:
    objective_id = create_objective(
        session=session,
        data=ObjectiveInput(
            name="Mean response time",
            department_id=department_id(session=session, name="Sales"),
            kind="value",
            unit="h",
            target=24.0,
            direction="higher_is_worse",
        ),
    ).id
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        feed_complaint_numerator(
            session=session, objective_id=objective_id, period="2026-03", denominator=100
        )
    assert caught.value.codes() == {"objective_id": "objective.not_a_complaint_rate"}
    assert caught.value.errors == {
        "objective_id": "The objective “Mean response time” records a plain value, not a complaint rate."
    }
    assert snapshot(session) == before
