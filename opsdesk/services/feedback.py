"""The customer feedback log; its complaints feed the complaint-rate objectives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, func, select

from opsdesk.domain.catalogue import Term
from opsdesk.domain.enums import FeedbackChannel, ObjectiveKind
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.domain.numbers import is_storable_number
from opsdesk.domain.periods import period_bounds
from opsdesk.services.common import check_version, flush, get_or_raise
from opsdesk.services.quality import MeasurementInput, MeasurementRead, get_measurement, record_measurement
from opsdesk.services.settings import get_fiscal_start_month
from opsdesk.store.models import CustomerFeedback, Nonconformity, QualityObjective


@dataclass
class FeedbackInput:
    received_on: date
    channel: str = FeedbackChannel.EMAIL.value
    customer: str = ""
    product: str = ""
    is_complaint: bool = False
    rating: int | None = None
    response_hours: float | None = None
    description: str = ""
    nonconformity_id: int | None = None


@dataclass(frozen=True, slots=True)
class FeedbackRead:
    """One feedback entry as the log shows it, with the code of its linked nonconformity."""

    id: int
    received_on: date
    channel: str
    customer: str
    product: str
    is_complaint: bool
    rating: int | None
    response_hours: float | None
    description: str
    nonconformity_id: int | None
    nonconformity_code: str | None
    archived: bool
    version: int


def _is_number(value: object) -> bool:
    """A finite int or float within the stored bounds (bool is not a number here)."""
    return is_storable_number(value)


TEXT_LIMITS = {"customer": 200, "product": 200, "description": 5000}


def feedback_problems(data: FeedbackInput, today: date) -> list[Problem]:
    """Every problem of a feedback entry's input that needs no database; the editor checks it as you type."""
    errors = FieldErrors()

    def named(field: str, code: str, **params: object) -> None:  # a general sentence, given the field's name
        errors.extend([Problem(field, code, params, record="feedback")])

    if not isinstance(data.received_on, date) or isinstance(data.received_on, datetime):
        errors.add("received_on", "feedback.received_required")
    elif data.received_on > today:
        errors.add("received_on", "feedback.received_in_future")
    channels = [member.value for member in FeedbackChannel]
    if data.channel not in channels:
        named("channel", "not_a_choice", value=data.channel, choices=", ".join(channels))
    for field, limit in TEXT_LIMITS.items():
        text = (getattr(data, field) or "").strip()
        if len(text) > limit:
            named(field, "too_long", count=len(text), limit=limit)
    if not isinstance(data.is_complaint, bool):
        errors.add("is_complaint", "feedback.complaint_yes_no")
    rating = data.rating
    if rating is not None and (
        isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5
    ):
        errors.add("rating", "feedback.rating_range")
    hours = data.response_hours
    if hours is not None:
        if not _is_number(hours):
            errors.add("response_hours", "feedback.hours_not_a_number")
        elif hours < 0:
            errors.add("response_hours", "feedback.hours_negative")
    return errors.problems


def _clean(
    session: Session, data: FeedbackInput, today: date, current: CustomerFeedback | None
) -> dict[str, object]:
    """Validated column values for a new or edited entry; raises ValidationError."""
    errors = FieldErrors()
    errors.extend(feedback_problems(data, today))
    customer, product, description = ((getattr(data, field) or "").strip() for field in TEXT_LIMITS)
    rating, hours = data.rating, data.response_hours
    if data.nonconformity_id is not None:
        nonconformity = session.get(Nonconformity, data.nonconformity_id)
        if nonconformity is None:
            errors.add(
                "nonconformity_id", "not_found", what=Term.record("nonconformity"), id=data.nonconformity_id
            )
        elif nonconformity.archived and (current is None or current.nonconformity_id != nonconformity.id):
            errors.add("nonconformity_id", "feedback.nc_archived", code=nonconformity.code)
    errors.raise_if_any()
    return dict(
        received_on=data.received_on,
        channel=data.channel,
        customer=customer,
        product=product,
        is_complaint=data.is_complaint,
        rating=rating,
        response_hours=None if hours is None else float(hours),
        description=description,
        nonconformity_id=data.nonconformity_id,
    )


def _read(session: Session, entry: CustomerFeedback) -> FeedbackRead:
    code = None
    if entry.nonconformity_id is not None:
        code = session.exec(
            select(Nonconformity.code).where(Nonconformity.id == entry.nonconformity_id)
        ).first()
    return _from_row(entry, code)


def _from_row(entry: CustomerFeedback, code: str | None) -> FeedbackRead:
    return FeedbackRead(
        id=entry.id,
        received_on=entry.received_on,
        channel=entry.channel,
        customer=entry.customer,
        product=entry.product,
        is_complaint=entry.is_complaint,
        rating=entry.rating,
        response_hours=entry.response_hours,
        description=entry.description,
        nonconformity_id=entry.nonconformity_id,
        nonconformity_code=code,
        archived=entry.archived,
        version=entry.version,
    )


def add_feedback(*, session: Session, data: FeedbackInput, today: date | None = None) -> FeedbackRead:
    """Log a piece of customer feedback (a complaint or not)."""
    entry = CustomerFeedback(**_clean(session, data, today or date.today(), None))
    session.add(entry)
    flush(session, "feedback")
    return _read(session, entry)


def update_feedback(
    *,
    session: Session,
    feedback_id: int,
    data: FeedbackInput,
    expected_version: int | None = None,
    today: date | None = None,
) -> FeedbackRead:
    """Correct a feedback entry."""
    entry = get_or_raise(session, CustomerFeedback, feedback_id, "feedback entry")
    check_version(entry, expected_version, "feedback entry")
    for name, value in _clean(session, data, today or date.today(), entry).items():
        setattr(entry, name, value)
    session.add(entry)
    flush(session, "feedback")
    return _read(session, entry)


def set_feedback_archived(
    *, session: Session, feedback_id: int, archived: bool, expected_version: int | None = None
) -> FeedbackRead:
    """Archive (hide, and stop counting) or restore a feedback entry."""
    entry = get_or_raise(session, CustomerFeedback, feedback_id, "feedback entry")
    check_version(entry, expected_version, "feedback entry")
    entry.archived = bool(archived)
    session.add(entry)
    flush(session, "feedback")
    return _read(session, entry)


def get_feedback(*, session: Session, feedback_id: int) -> FeedbackRead:
    """One feedback entry."""
    return _read(session, get_or_raise(session, CustomerFeedback, feedback_id, "feedback entry"))


def list_feedback(
    *,
    session: Session,
    since: date | None = None,
    until: date | None = None,
    complaints_only: bool = False,
    include_archived: bool = False,
) -> list[FeedbackRead]:
    """Feedback received between two dates (inclusive), newest first, in one query."""
    statement = select(CustomerFeedback, Nonconformity.code).outerjoin(
        Nonconformity, Nonconformity.id == CustomerFeedback.nonconformity_id
    )
    if since is not None:
        statement = statement.where(CustomerFeedback.received_on >= since)
    if until is not None:
        statement = statement.where(CustomerFeedback.received_on <= until)
    if complaints_only:
        statement = statement.where(CustomerFeedback.is_complaint == True)  # noqa: E712
    if not include_archived:
        statement = statement.where(CustomerFeedback.archived == False)  # noqa: E712
    statement = statement.order_by(CustomerFeedback.received_on.desc(), CustomerFeedback.id.desc())
    return [_from_row(entry, code) for entry, code in session.exec(statement)]


def complaint_count(*, session: Session, period: str) -> int:
    """Complaints (not archived) received within a month, quarter or week such as "2026-03"."""
    first, last = period_bounds(period, get_fiscal_start_month(session=session))
    return session.exec(
        select(func.count())
        .select_from(CustomerFeedback)
        .where(
            CustomerFeedback.is_complaint == True,  # noqa: E712
            CustomerFeedback.archived == False,  # noqa: E712
            CustomerFeedback.received_on >= first,
            CustomerFeedback.received_on <= last,
        )
    ).one()


def feed_complaint_numerator(
    *,
    session: Session,
    objective_id: int,
    period: str,
    denominator: float,
    expected_version: int | None = None,
) -> MeasurementRead:
    """Record a complaint-rate period: numerator = complaints logged, denominator as given."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    if objective.kind != ObjectiveKind.RATIO:
        raise ValidationError(
            Problem("objective_id", "objective.not_a_complaint_rate", {"name": objective.name})
        )
    existing = get_measurement(session=session, objective_id=objective_id, period=period)
    count = complaint_count(session=session, period=period)
    data = MeasurementInput(
        period=period,
        numerator=count,
        denominator=denominator,
        # Keep what someone wrote about this period.
        note=existing.note if existing is not None else "",
    )
    return record_measurement(
        session=session, objective_id=objective_id, data=data, expected_version=expected_version
    )
