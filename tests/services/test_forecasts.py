"""KRI early warning: opt-in, the forecast alert raised once per episode at the right reading, never below five readings."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from opsdesk.domain.errors import ConflictError, ValidationError
from opsdesk.services import settings
from opsdesk.services.forecasts import get_kri_forecast, list_forecast_alerts, set_kri_forecast
from opsdesk.services.kris import KriInput, ReadingInput, create_kri, record_reading, record_readings
from opsdesk.store.models import Alert, AuditEntry

START = date(2026, 1, 5)
TODAY = date(2027, 6, 30)


def scrap_rate(session: Session, *, forecast: bool = True, horizon: int = 60) -> int:
    """Higher is worse: warning at 70, alarm at 80; the forecast on with a 60-day horizon."""
    kri = create_kri(
        session=session,
        data=KriInput(
            name="Scrap rate", department_id=settings.department_id(session=session, name="Operations"),
            warning=70.0, alarm=80.0, unit="ppm", frequency="weekly",
        ),
    )  # fmt: skip
    if forecast:
        set_kri_forecast(session=session, kri_id=kri.id, enabled=True, horizon_days=horizon)
    return kri.id


def read(session: Session, kri_id: int, week: int, value: float) -> None:
    record_reading(
        session=session, kri_id=kri_id, data=ReadingInput(START + timedelta(weeks=week), value), today=TODAY
    )


def alerts_of(session: Session, kri_id: int, kind: str) -> list[Alert]:
    session.expire_all()
    return list(
        session.exec(select(Alert).where(Alert.kri_id == kri_id, Alert.kind == kind).order_by(Alert.id))
    )


def test_a_rising_kri_raises_one_forecast_alert_at_the_right_reading(session: Session) -> None:
    kri_id = scrap_rate(session)
    # One ppm a week from 50: the warning threshold 70 is reached at week 20. With a 60-day
    # horizon the forecast first holds at week 12 (56 days ahead; at week 11 it is 63 days).
    for week in range(12):
        read(session, kri_id, week, 50 + week)
        assert alerts_of(session, kri_id, "forecast") == [], week
    read(session, kri_id, 12, 62)
    (alert,) = alerts_of(session, kri_id, "forecast")
    assert alert.raised_on == START + timedelta(weeks=12)
    assert (alert.severity, alert.state, alert.value) == ("warning", "open", 62.0)
    assert alert.department_id == settings.department_id(session=session, name="Operations")
    assert alert.message == (
        "Forecast for Scrap rate: at this rate the warning threshold (70 ppm) is reached around 2026-05 "
        "(between 2026-05 and 2026-05), from the trend of the last 12 readings. This is a forecast, not a breach."
    )
    assert alert.breach_ended_on is None

    # The same episode while the forecast holds: no second alert.
    for week in range(13, 20):
        read(session, kri_id, week, 50 + week)
    assert [a.id for a in alerts_of(session, kri_id, "forecast")] == [alert.id]
    assert alerts_of(session, kri_id, "kri") == []

    # Week 20 reaches the warning: a breach alert; the warning forecast came true and its episode ends
    # (the alarm, at week 30, is 70 days away: beyond the horizon).
    read(session, kri_id, 20, 70)
    assert [a.severity for a in alerts_of(session, kri_id, "kri")] == ["warning"]
    (ended,) = alerts_of(session, kri_id, "forecast")
    assert ended.breach_ended_on == START + timedelta(weeks=20)

    # Week 22: the alarm is 56 days away, a new episode with its own alert.
    read(session, kri_id, 21, 71)
    assert len(alerts_of(session, kri_id, "forecast")) == 1
    read(session, kri_id, 22, 72)
    first, second = alerts_of(session, kri_id, "forecast")
    assert (second.severity, second.raised_on) == ("alarm", START + timedelta(weeks=22))
    assert "alarm threshold (80 ppm) is reached around 2026-08" in second.message


def test_a_flat_noisy_kri_raises_no_forecast(session: Session) -> None:
    kri_id = scrap_rate(session, horizon=90)
    rng = random.Random(4)
    for week in range(40):
        read(session, kri_id, week, 50 + rng.uniform(-4, 4))
    assert alerts_of(session, kri_id, "forecast") == []
    forecast = get_kri_forecast(session=session, kri_id=kri_id).forecast
    assert forecast is not None and forecast.severity is None


def test_no_forecast_from_four_readings(session: Session) -> None:
    kri_id = scrap_rate(session)
    for week, value in enumerate([60, 63, 66, 69]):
        read(session, kri_id, week, value)  # would reach 70 within days
    assert alerts_of(session, kri_id, "forecast") == []
    shown = get_kri_forecast(session=session, kri_id=kri_id)
    assert (shown.readings, shown.forecast) == (4, None)
    read(session, kri_id, 4, 69.5)
    assert [a.severity for a in alerts_of(session, kri_id, "forecast")] == ["warning"]


def test_the_forecast_is_opt_in(session: Session) -> None:
    kri_id = scrap_rate(session, forecast=False)
    record_readings(
        session=session, kri_id=kri_id, today=TODAY,
        rows=[ReadingInput(START + timedelta(weeks=w), 55 + 2 * w) for w in range(7)],
    )  # fmt: skip
    assert alerts_of(session, kri_id, "forecast") == []
    # The projection is still there to preview before turning it on (default horizon 90 days:
    # the alarm, 80, is 12.5 weeks after the first reading, 6.5 weeks after the last).
    preview = get_kri_forecast(session=session, kri_id=kri_id)
    assert (preview.enabled, preview.horizon_days) == (False, 90)
    assert preview.forecast.severity == "alarm"
    # Turning it on judges the readings there are: the trend already heads for the alarm.
    set_kri_forecast(session=session, kri_id=kri_id, enabled=True, horizon_days=90)
    (alert,) = alerts_of(session, kri_id, "forecast")
    assert (alert.severity, alert.raised_on) == ("alarm", START + timedelta(weeks=6))
    # A shorter horizon: the alarm (45 days ahead) is out of it, the warning (10 days) still in.
    set_kri_forecast(session=session, kri_id=kri_id, enabled=True, horizon_days=30)
    (same,) = alerts_of(session, kri_id, "forecast")
    assert (same.id, same.severity, same.breach_ended_on) == (alert.id, "warning", None)
    assert "the warning threshold (70 ppm)" in same.message
    # Shorter still: nothing within a week, the episode ends.
    set_kri_forecast(session=session, kri_id=kri_id, enabled=True, horizon_days=7)
    (ended,) = alerts_of(session, kri_id, "forecast")
    assert ended.breach_ended_on == START + timedelta(weeks=6)


def test_turning_the_forecast_off_ends_its_episode(session: Session) -> None:
    kri_id = scrap_rate(session)
    record_readings(
        session=session, kri_id=kri_id, today=TODAY,
        rows=[ReadingInput(START + timedelta(weeks=w), 55 + 2 * w) for w in range(7)],
    )  # fmt: skip
    (alert,) = alerts_of(session, kri_id, "forecast")
    assert alert.breach_ended_on is None
    version = get_kri_forecast(session=session, kri_id=kri_id).version
    set_kri_forecast(session=session, kri_id=kri_id, enabled=False, horizon_days=60, expected_version=version)
    (alert,) = alerts_of(session, kri_id, "forecast")
    assert alert.breach_ended_on == date.today()
    assert {e.field for e in session.exec(select(AuditEntry).where(AuditEntry.entity == "kri"))} >= {
        "forecast_enabled",
        "forecast_horizon_days",
    }


def test_a_back_filled_reading_changes_nothing(session: Session) -> None:
    kri_id = scrap_rate(session)
    for week, value in enumerate([50, 50.5, 49.5, 50, 50.2, 49.8]):
        read(session, kri_id, week + 10, value)
    read(session, kri_id, 0, 20)  # an old, low reading: the newest reading still decides
    assert alerts_of(session, kri_id, "forecast") == []


def test_forecast_settings_are_checked(session: Session) -> None:
    kri_id = scrap_rate(session, forecast=False)
    for days in (0, 1000):
        with pytest.raises(ValidationError) as info:
            set_kri_forecast(session=session, kri_id=kri_id, enabled=True, horizon_days=days)
        assert info.value.errors == {
            "horizon_days": "The forecast horizon must be a whole number of days from 7 to 730."
        }
    assert not get_kri_forecast(session=session, kri_id=kri_id).enabled
    set_kri_forecast(session=session, kri_id=kri_id, enabled=True, horizon_days=120)
    with pytest.raises(ConflictError):
        set_kri_forecast(session=session, kri_id=kri_id, enabled=True, horizon_days=30, expected_version=1)
    shown = get_kri_forecast(session=session, kri_id=kri_id)
    assert (shown.enabled, shown.horizon_days) == (True, 120)


def test_forecast_alerts_are_listed_apart(session: Session) -> None:
    kri_id = scrap_rate(session)
    record_readings(
        session=session, kri_id=kri_id, today=TODAY,
        rows=[ReadingInput(START + timedelta(weeks=w), 55 + 2 * w) for w in range(9)],
    )  # fmt: skip
    kinds = sorted(a.kind for a in session.exec(select(Alert)))
    assert kinds == ["forecast", "kri"]
    assert [a.kind for a in list_forecast_alerts(session=session)] == ["forecast"]
