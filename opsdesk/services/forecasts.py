"""Early warning on KRIs: the opt-in per indicator, its projection, and the "forecast" alert.

A KRI with the forecast turned on is projected after each newest reading
(`opsdesk.domain.forecast`: the Theil-Sen trend of its last readings). When the trend reaches
a threshold within the KRI's horizon, one alert of kind "forecast" goes to the KRI's
department, saying it is a forecast. It stays the same alert while the forecast holds (an
episode), is raised to the alarm when the projection gets there, and the episode ends when the
forecast no longer holds (the trend flattens, or the threshold is actually reached: then the
breach alert takes over). Turning the forecast off ends the episode too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from opsdesk.domain.enums import AlertKind, AlertState, KriState
from opsdesk.domain.forecast import FORECAST_WINDOW, KriForecast, forecast_kri, validate_horizon
from opsdesk.domain.numbers import is_storable_number
from opsdesk.services.alerts import AlertRead, list_alerts
from opsdesk.services.common import check_version, flush, get_or_raise
from opsdesk.store.models import Alert, Kri, KriReading

MONTH = "%Y-%m"


@dataclass(frozen=True, slots=True)
class KriForecastRead:
    """An indicator's forecast setting and, when turned on and possible, its projection."""

    kri_id: int
    enabled: bool
    horizon_days: int
    readings: int
    forecast: KriForecast | None
    version: int


def _recent_readings(session: Session, kri_id: int, until: date | None = None) -> list[tuple[date, float]]:
    statement = select(KriReading.read_on, KriReading.value).where(KriReading.kri_id == kri_id)
    if until is not None:
        statement = statement.where(KriReading.read_on <= until)
    rows = session.exec(
        statement.order_by(KriReading.read_on.desc(), KriReading.id.desc()).limit(FORECAST_WINDOW)
    )
    return [(read_on, float(value)) for read_on, value in reversed(rows.all())]


def project(kri: Kri, readings: list[tuple[date, float]]) -> KriForecast | None:
    """The KRI's projection from these readings (None below five readings, or with values no
    number can be drawn from: written outside OpsDesk)."""
    readings = [(day, value) for day, value in readings if is_storable_number(value)]
    if not (is_storable_number(kri.warning) and is_storable_number(kri.alarm)):
        return None
    return forecast_kri(
        readings,
        direction=kri.direction,
        warning=kri.warning,
        alarm=kri.alarm,
        horizon_days=kri.forecast_horizon_days,
    )


def get_kri_forecast(*, session: Session, kri_id: int) -> KriForecastRead:
    """The setting and the projection from the latest readings (projected even when turned off, to preview)."""
    kri = get_or_raise(session, Kri, kri_id, "indicator")
    readings = _recent_readings(session, kri_id)
    return KriForecastRead(
        kri_id=kri.id,
        enabled=kri.forecast_enabled,
        horizon_days=kri.forecast_horizon_days,
        readings=len(readings),
        forecast=project(kri, readings),
        version=kri.version,
    )


def _current_episode(session: Session, kri_id: int) -> Alert | None:
    statement = select(Alert).where(
        Alert.kind == AlertKind.FORECAST.value, Alert.kri_id == kri_id, Alert.breach_ended_on.is_(None)
    )
    return session.exec(statement.order_by(Alert.id.desc()).limit(1)).first()


def set_kri_forecast(
    *, session: Session, kri_id: int, enabled: bool, horizon_days: int, expected_version: int | None = None
) -> KriForecastRead:
    """Turn the early warning on or off and set its horizon (days).

    On, the newest reading is judged at once (a forecast that holds raises its alert now); off
    ends a forecast episode.
    """
    kri = get_or_raise(session, Kri, kri_id, "indicator")
    check_version(kri, expected_version, "indicator")
    horizon = validate_horizon(horizon_days)
    kri.forecast_enabled = bool(enabled)
    kri.forecast_horizon_days = horizon
    session.add(kri)
    if kri.forecast_enabled:
        # Judge the readings there are at once: a trend already heading for a threshold warns now.
        newest = session.exec(
            select(KriReading).where(KriReading.kri_id == kri_id)
            .order_by(KriReading.read_on.desc(), KriReading.id.desc()).limit(1)
        ).first()  # fmt: skip
        if newest is not None:
            process_kri_forecast(session, kri, newest)
    else:
        episode = _current_episode(session, kri_id)
        if episode is not None:
            episode.breach_ended_on = date.today()
            session.add(episode)
    flush(session, "kri")
    return get_kri_forecast(session=session, kri_id=kri_id)


def forecast_message(kri: Kri, forecast: KriForecast) -> str:
    """The alert's text: which threshold, around when (and the range), from how many readings; a forecast."""
    crossing = forecast.alerting
    unit = f" {kri.unit}" if kri.unit else ""
    latest = crossing.latest.strftime(MONTH) if crossing.latest is not None else "later"
    return (
        f"Forecast for {kri.name}: at this rate the {crossing.state} threshold ({crossing.threshold:g}{unit}) "
        f"is reached around {crossing.day.strftime(MONTH)} (between {crossing.earliest.strftime(MONTH)} and "
        f"{latest}), from the trend of the last {forecast.trend.readings} readings. "
        "This is a forecast, not a breach."
    )


def process_kri_forecast(session: Session, kri: Kri, reading: KriReading) -> tuple[Alert | None, bool]:
    """After a reading: raise, update or end the KRI's forecast episode; returns (alert, raised). No commit.

    Only an opted-in KRI's newest reading counts; a back-filled older reading changes nothing.
    """
    if not kri.forecast_enabled:
        return None, False
    session.flush()
    newer = session.exec(
        select(KriReading.id)
        .where(KriReading.kri_id == kri.id, KriReading.read_on > reading.read_on)
        .limit(1)
    ).first()
    if newer is not None:
        return None, False
    forecast = project(kri, _recent_readings(session, kri.id, until=reading.read_on))
    current = _current_episode(session, kri.id)
    if forecast is None or forecast.severity is None:
        if current is not None:
            current.breach_ended_on = reading.read_on
            session.add(current)
        return current, False
    message = forecast_message(kri, forecast)
    if current is None:
        alert = Alert(
            kind=AlertKind.FORECAST.value,
            severity=forecast.severity,
            state=AlertState.OPEN.value,
            message=message,
            kri_id=kri.id,
            risk_id=kri.risk_id,
            department_id=kri.department_id,
            value=reading.value,
            raised_on=reading.read_on,
        )
        session.add(alert)
        return alert, True
    current.message = message
    current.value = reading.value
    raised_to_alarm = forecast.severity == KriState.ALARM and current.severity != KriState.ALARM
    # Unlike a breach, a forecast says what it projects now: its severity follows the projection.
    current.severity = forecast.severity
    if raised_to_alarm:
        # Projected to reach the alarm now: worth a look again even if it had been handled.
        if current.state != AlertState.OPEN:
            current.state = AlertState.OPEN.value
            current.acknowledged_by = current.acknowledged_at = None
            current.resolved_by = current.resolved_at = None
    session.add(current)
    return current, False


def list_forecast_alerts(*, session: Session, open_only: bool = False) -> list[AlertRead]:
    """The forecast alerts, newest first, apart from the breaches (for the reports)."""
    return [
        alert
        for alert in list_alerts(session=session, open_only=open_only)
        if alert.kind == AlertKind.FORECAST
    ]
