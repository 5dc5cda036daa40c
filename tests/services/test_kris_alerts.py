"""KRIs, readings and alerts: breach rules, back-filled history, quick grid, appetite alerts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ConflictError, ValidationError
from opsdesk.domain.matrix import default_matrix
from opsdesk.services import settings
from opsdesk.services.alerts import (
    acknowledge_alert,
    alert_sentence,
    count_open_alerts,
    list_alerts,
    resolve_alert,
    sync_appetite_alert,
)
from opsdesk.services.kris import (
    KriInput,
    ReadingInput,
    create_kri,
    get_kri,
    list_kris,
    list_readings,
    record_reading,
    record_readings,
    set_kri_archived,
    update_kri,
)
from opsdesk.store.models import Alert, AuditEntry, Kri, KriReading, Risk

TODAY = date(2026, 3, 31)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def operations(session: Session) -> int:
    return settings.department_id(session=session, name="Operations")


def late_deliveries(session: Session, **changes: object) -> int:
    """Higher is worse: warning at 5 %, alarm at 10 %."""
    values = dict(
        name="Late deliveries",
        department_id=operations(session),
        warning=5.0,
        alarm=10.0,
        unit="%",
    )
    values.update(changes)
    return create_kri(session=session, data=KriInput(**values)).id


def read(session: Session, kri_id: int, on: date, value: float):
    return record_reading(session=session, kri_id=kri_id, data=ReadingInput(on, value), today=TODAY)


def kri_alerts(session: Session, kri_id: int) -> list[Alert]:
    session.expire_all()
    return list(session.exec(select(Alert).where(Alert.kri_id == kri_id).order_by(Alert.id)))


def make_risk(session: Session, level: str, likelihood: int, impact: int) -> Risk:
    risk = Risk(
        code="R-0001",
        title="Key supplier fails",
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Finance"),
        identified_on=date(2026, 1, 5),
        residual_likelihood=likelihood,
        residual_impact=impact,
        residual_score=likelihood * impact,
        residual_level=level,
    )
    session.add(risk)
    session.commit()
    return risk


# Definitions ------------------------------------------------------------------------------


def test_create_kri_and_read_it_back(session: Session) -> None:
    kri_id = late_deliveries(session, frequency="weekly", description="Share of late orders")
    kri = get_kri(session=session, kri_id=kri_id, today=TODAY)
    assert (kri.name, kri.unit, kri.direction, kri.warning, kri.alarm, kri.frequency) == (
        "Late deliveries",
        "%",
        "higher_is_worse",
        5.0,
        10.0,
        "weekly",
    )
    assert (kri.department, kri.risk_code, kri.last_value, kri.state, kri.reading_overdue) == (
        "Operations",
        "",
        None,
        None,
        True,
    )


def test_inconsistent_thresholds_are_refused_and_nothing_is_written(session: Session) -> None:
    kris_before, audit_before = count(session, Kri), count(session, AuditEntry)
    with pytest.raises(ValidationError) as error:
        late_deliveries(session, warning=12.0, alarm=10.0)
    assert error.value.errors == {
        "warning": "For 'higher is worse' the warning threshold (12) must not be above the alarm threshold (10)."
    }
    with pytest.raises(ValidationError) as error:
        late_deliveries(session, direction="lower_is_worse", warning=90.0, alarm=95.0)
    assert error.value.errors == {
        "warning": "For 'lower is worse' the warning threshold (90) must not be below the alarm threshold (95)."
    }
    assert (count(session, Kri), count(session, AuditEntry)) == (kris_before, audit_before)


def test_name_required_and_unique_department_must_exist(session: Session) -> None:
    late_deliveries(session)
    before = count(session, Kri)
    with pytest.raises(ValidationError) as error:
        late_deliveries(session, name="LATE deliveries ")
    assert error.value.errors == {"name": "An indicator named 'LATE deliveries' already exists."}
    assert error.value.codes() == {"name": "kri.name_taken"}
    assert error.value.message("zh_CN") == "名为“LATE deliveries”的指标已存在。"
    with pytest.raises(ValidationError) as error:
        late_deliveries(session, name=" ", department_id=999)
    assert error.value.errors == {
        "name": "The indicator name is required.",
        "department_id": "Choose the department to notify; this one does not exist.",
    }
    assert count(session, Kri) == before


def test_update_kri_new_thresholds_apply_to_new_readings_only(session: Session) -> None:
    kri_id = late_deliveries(session)
    first = read(session, kri_id, date(2026, 1, 31), 6.0)
    assert first.reading.state == "warning"
    updated = update_kri(
        session=session,
        kri_id=kri_id,
        data=KriInput("Late deliveries", operations(session), warning=7.0, alarm=12.0, unit="%"),
        expected_version=1,
    )
    assert (updated.warning, updated.alarm, updated.version) == (7.0, 12.0, 2)
    assert read(session, kri_id, date(2026, 2, 28), 6.0).reading.state == "ok"
    assert [r.state for r in list_readings(session=session, kri_id=kri_id)] == ["warning", "ok"]
    with pytest.raises(ConflictError):
        update_kri(
            session=session,
            kri_id=kri_id,
            data=KriInput("Renamed", operations(session), warning=7.0, alarm=12.0),
            expected_version=1,
        )
    assert session.get(Kri, kri_id).name == "Late deliveries"


# Breach rules -----------------------------------------------------------------------------


def test_breach_lifecycle_raise_once_escalate_end_and_raise_again(session: Session) -> None:
    kri_id = late_deliveries(session)

    assert read(session, kri_id, date(2026, 1, 5), 4.9).alert_id is None

    # Reaching the warning threshold exactly raises a warning alert.
    first = read(session, kri_id, date(2026, 1, 12), 5.0)
    assert (first.reading.state, first.alert_raised, first.alert_escalated, first.breach_ended) == (
        "warning",
        True,
        False,
        False,
    )
    alerts = kri_alerts(session, kri_id)
    assert len(alerts) == 1
    alert = alerts[0]
    assert (alert.id, alert.kind, alert.severity, alert.state, alert.value, alert.raised_on) == (
        first.alert_id,
        "kri",
        "warning",
        "open",
        5.0,
        date(2026, 1, 12),
    )
    assert alert.department_id == operations(session)
    assert alert.message == ("Late deliveries: 5 % on 2026-01-12 is at or above the warning threshold (5 %).")
    # The stored sentence is English history; a Chinese reader gets one made from the alert's fields.
    (listed,) = list_alerts(session=session, kri_id=kri_id)
    assert alert_sentence(listed, "en") == alert.message
    assert alert_sentence(listed, "zh_CN") == "Late deliveries：5 % 达到或高于预警阈值。"

    # A second warning reading belongs to the same breach.
    second = read(session, kri_id, date(2026, 1, 19), 7.0)
    assert (second.alert_id, second.alert_raised, second.alert_escalated) == (first.alert_id, False, False)
    assert len(kri_alerts(session, kri_id)) == 1

    # Acknowledged, then the alarm escalates the SAME alert and re-opens it.
    acknowledge_alert(session=session, alert_id=first.alert_id)
    third = read(session, kri_id, date(2026, 1, 26), 10.0)
    assert (third.reading.state, third.alert_id, third.alert_raised, third.alert_escalated) == (
        "alarm",
        first.alert_id,
        False,
        True,
    )
    alerts = kri_alerts(session, kri_id)
    assert len(alerts) == 1
    assert (alerts[0].severity, alerts[0].state, alerts[0].value, alerts[0].acknowledged_by) == (
        "alarm",
        "open",
        10.0,
        None,
    )
    assert alerts[0].message == (
        "Late deliveries: 10 % on 2026-01-26 is at or above the alarm threshold (10 %)."
    )

    # Back to ok ends the breach; the alert stays for handling.
    fourth = read(session, kri_id, date(2026, 2, 2), 3.0)
    assert (fourth.reading.state, fourth.alert_id, fourth.breach_ended) == ("ok", first.alert_id, True)
    alerts = kri_alerts(session, kri_id)
    assert (alerts[0].breach_ended_on, alerts[0].state) == (date(2026, 2, 2), "open")

    # Another ok reading changes nothing.
    assert read(session, kri_id, date(2026, 2, 9), 2.0).alert_id is None

    # The next breach raises a new alert.
    fifth = read(session, kri_id, date(2026, 2, 16), 8.0)
    assert fifth.alert_raised is True
    assert fifth.alert_id != first.alert_id
    alerts = kri_alerts(session, kri_id)
    assert [(a.severity, a.raised_on, a.breach_ended_on) for a in alerts] == [
        ("alarm", date(2026, 1, 12), date(2026, 2, 2)),
        ("warning", date(2026, 2, 16), None),
    ]


def test_easing_from_alarm_to_warning_keeps_the_alarm_alert(session: Session) -> None:
    kri_id = late_deliveries(session)
    raised = read(session, kri_id, date(2026, 1, 5), 11.0)
    eased = read(session, kri_id, date(2026, 1, 12), 6.0)
    assert (eased.alert_id, eased.alert_raised, eased.alert_escalated, eased.breach_ended) == (
        raised.alert_id,
        False,
        False,
        False,
    )
    assert [(a.severity, a.value) for a in kri_alerts(session, kri_id)] == [("alarm", 11.0)]


def test_lower_is_worse_direction(session: Session) -> None:
    kri_id = create_kri(
        session=session,
        data=KriInput(
            "On-time delivery",
            operations(session),
            warning=95.0,
            alarm=90.0,
            direction="lower_is_worse",
            unit="%",
        ),
    ).id
    outcomes = [
        read(session, kri_id, date(2026, 1, d), v) for d, v in ((5, 97.0), (12, 95.0), (19, 90.0), (26, 96.0))
    ]
    assert [o.reading.state for o in outcomes] == ["ok", "warning", "alarm", "ok"]
    assert [(o.alert_raised, o.alert_escalated, o.breach_ended) for o in outcomes] == [
        (False, False, False),
        (True, False, False),
        (False, True, False),
        (False, False, True),
    ]
    (alert,) = kri_alerts(session, kri_id)
    assert alert.message == "On-time delivery: 90 % on 2026-01-19 is at or below the alarm threshold (90 %)."


def test_back_filled_older_reading_does_not_touch_breaches(session: Session) -> None:
    kri_id = late_deliveries(session)
    read(session, kri_id, date(2026, 3, 1), 2.0)

    # An older alarm reading is stored with its state but raises nothing.
    old = read(session, kri_id, date(2026, 2, 1), 12.0)
    assert (old.reading.state, old.alert_id, old.alert_raised) == ("alarm", None, False)
    assert kri_alerts(session, kri_id) == []

    # With a breach open, an older ok reading does not end it.
    breach = read(session, kri_id, date(2026, 3, 8), 6.0)
    older_ok = read(session, kri_id, date(2026, 2, 15), 1.0)
    assert (older_ok.reading.state, older_ok.alert_id, older_ok.breach_ended) == ("ok", None, False)
    (alert,) = kri_alerts(session, kri_id)
    assert (alert.id, alert.breach_ended_on, alert.severity) == (breach.alert_id, None, "warning")

    # The latest reading is still the newest by date, not the last recorded.
    kri = get_kri(session=session, kri_id=kri_id, today=TODAY)
    assert (kri.last_read_on, kri.last_value, kri.state) == (date(2026, 3, 8), 6.0, "warning")
    assert [r.read_on for r in list_readings(session=session, kri_id=kri_id)] == [
        date(2026, 2, 1),
        date(2026, 2, 15),
        date(2026, 3, 1),
        date(2026, 3, 8),
    ]


def test_reading_validation_writes_nothing(session: Session) -> None:
    kri_id = late_deliveries(session)
    before = (count(session, KriReading), count(session, Alert), count(session, AuditEntry))
    with pytest.raises(ValidationError) as error:
        read(session, kri_id, TODAY + timedelta(days=1), 20.0)
    assert error.value.errors == {"read_on": "The reading date cannot be in the future."}
    for beyond in (float("inf"), 1.7e308, -1e16):  # finite but far past any reading: refused too
        with pytest.raises(ValidationError) as error:
            read(session, kri_id, TODAY, beyond)
        assert error.value.errors == {"value": "The reading must be a number."}
    set_kri_archived(session=session, kri_id=kri_id, archived=True)
    before = (count(session, KriReading), count(session, Alert), count(session, AuditEntry))
    with pytest.raises(ValidationError) as error:
        read(session, kri_id, TODAY, 20.0)
    assert error.value.errors == {
        "kri_id": "The indicator 'Late deliveries' is archived; restore it before recording readings."
    }
    assert error.value.message("zh_CN") == "指标“Late deliveries”已归档；请先恢复再记录读数。"
    assert (count(session, KriReading), count(session, Alert), count(session, AuditEntry)) == before


def test_reading_on_today_is_accepted_and_recorded_by_user(session: Session) -> None:
    kri_id = late_deliveries(session)
    outcome = read(session, kri_id, TODAY, 1.0)
    assert (outcome.reading.read_on, outcome.reading.recorded_by, outcome.reading.state) == (
        TODAY,
        session.info["user"],
        "ok",
    )


def test_quick_grid_is_all_or_nothing(session: Session) -> None:
    kri_id = late_deliveries(session)
    rows = [
        ReadingInput(date(2026, 1, 31), 4.0),
        ReadingInput(date(2026, 2, 28), 6.0),
        ReadingInput(date(2026, 3, 31), 11.0),
        ReadingInput(date(2026, 3, 15), float("nan")),
    ]
    before = (count(session, KriReading), count(session, Alert), count(session, AuditEntry))
    with pytest.raises(ValidationError) as error:
        record_readings(session=session, kri_id=kri_id, rows=rows, today=TODAY)
    assert error.value.errors == {"rows[3].value": "The reading must be a number."}
    assert (count(session, KriReading), count(session, Alert), count(session, AuditEntry)) == before

    # Entered out of order, processed by date: ok, warning raises, alarm escalates the same alert.
    rows[3] = ReadingInput(date(2026, 1, 15), 3.0, note="mid-January")
    outcomes = record_readings(
        session=session, kri_id=kri_id, rows=[rows[2], rows[0], rows[3], rows[1]], today=TODAY
    )
    assert [(o.reading.read_on, o.reading.state) for o in outcomes] == [
        (date(2026, 1, 15), "ok"),
        (date(2026, 1, 31), "ok"),
        (date(2026, 2, 28), "warning"),
        (date(2026, 3, 31), "alarm"),
    ]
    assert [(o.alert_raised, o.alert_escalated) for o in outcomes] == [
        (False, False),
        (False, False),
        (True, False),
        (False, True),
    ]
    assert [(a.severity, a.raised_on) for a in kri_alerts(session, kri_id)] == [("alarm", date(2026, 2, 28))]
    assert count(session, KriReading) == 4


def test_list_kris_latest_reading_and_overdue(session: Session) -> None:
    weekly = late_deliveries(session, name="Weekly", frequency="weekly")
    monthly = late_deliveries(session, name="Monthly", frequency="monthly")
    quarterly = late_deliveries(session, name="Quarterly", frequency="quarterly")
    never = late_deliveries(session, name="Never read")
    hidden = late_deliveries(session, name="Hidden")
    set_kri_archived(session=session, kri_id=hidden, archived=True)

    # Exactly period + grace days ago is still on time.
    read(session, weekly, TODAY - timedelta(days=10), 1.0)
    read(session, monthly, TODAY - timedelta(days=39), 7.0)
    read(session, monthly, TODAY - timedelta(days=60), 1.0)
    read(session, quarterly, TODAY - timedelta(days=106), 12.0)
    # Two readings on the same day: the one recorded last counts.
    read(session, quarterly, TODAY - timedelta(days=106), 9.0)

    kris = {k.name: k for k in list_kris(session=session, today=TODAY)}
    assert sorted(kris) == ["Monthly", "Never read", "Quarterly", "Weekly"]
    assert (kris["Weekly"].last_value, kris["Weekly"].reading_overdue) == (1.0, False)
    assert (kris["Monthly"].last_value, kris["Monthly"].state, kris["Monthly"].reading_overdue) == (
        7.0,
        "warning",
        True,
    )
    assert (kris["Quarterly"].last_value, kris["Quarterly"].state, kris["Quarterly"].reading_overdue) == (
        9.0,
        "warning",
        False,
    )
    assert (kris["Never read"].last_read_on, kris["Never read"].reading_overdue) == (None, True)
    assert get_kri(session=session, kri_id=weekly, today=TODAY + timedelta(days=1)).reading_overdue is True
    assert [k.id for k in list_kris(session=session, include_archived=True, today=TODAY) if k.archived] == [
        hidden
    ]
    assert {k.id for k in list_kris(session=session, department_id=operations(session), today=TODAY)} == {
        weekly,
        monthly,
        quarterly,
        never,
    }


def test_list_readings_between_dates(session: Session) -> None:
    kri_id = late_deliveries(session)
    for day in (1, 8, 15, 22):
        read(session, kri_id, date(2026, 3, day), float(day))
    readings = list_readings(session=session, kri_id=kri_id, since=date(2026, 3, 8), until=date(2026, 3, 15))
    assert [(r.read_on, r.value, r.state) for r in readings] == [
        (date(2026, 3, 8), 8.0, "warning"),
        (date(2026, 3, 15), 15.0, "alarm"),
    ]


# Handling alerts --------------------------------------------------------------------------


def test_acknowledge_and_resolve_record_who_and_when(session: Session) -> None:
    kri_id = late_deliveries(session)
    alert_id = read(session, kri_id, date(2026, 3, 2), 6.0).alert_id
    assert count_open_alerts(session=session) == 1

    acknowledged = acknowledge_alert(session=session, alert_id=alert_id, expected_version=1)
    assert (acknowledged.state, acknowledged.acknowledged_by, acknowledged.kri_name) == (
        "acknowledged",
        session.info["user"],
        "Late deliveries",
    )
    assert isinstance(acknowledged.acknowledged_at, datetime)
    assert count_open_alerts(session=session) == 1

    resolved = resolve_alert(session=session, alert_id=alert_id, note=" Carrier replaced ")
    assert (resolved.state, resolved.resolved_by, resolved.resolution_note) == (
        "resolved",
        session.info["user"],
        "Carrier replaced",
    )
    assert isinstance(resolved.resolved_at, datetime)
    row = session.get(Alert, alert_id)
    assert (row.state, row.acknowledged_by, row.resolved_by) == (
        "resolved",
        session.info["user"],
        session.info["user"],
    )
    assert count_open_alerts(session=session) == 0

    audit_before = count(session, AuditEntry)
    with pytest.raises(ValidationError) as error:
        acknowledge_alert(session=session, alert_id=alert_id)
    assert error.value.codes() == {"state": "alert.resolved_not_acknowledged"}
    with pytest.raises(ValidationError) as error:
        resolve_alert(session=session, alert_id=alert_id)
    assert error.value.codes() == {"state": "alert.already_resolved"}
    assert error.value.message("zh_CN") == "此警报已解决。"
    assert count(session, AuditEntry) == audit_before

    # Resolving the alert does not end the breach: the next warning reading raises nothing new.
    again = read(session, kri_id, date(2026, 3, 9), 7.0)
    assert (again.alert_id, again.alert_raised) == (alert_id, False)


def test_acknowledge_with_stale_version_is_a_conflict(session: Session) -> None:
    kri_id = late_deliveries(session)
    alert_id = read(session, kri_id, date(2026, 3, 2), 6.0).alert_id
    read(session, kri_id, date(2026, 3, 9), 11.0)  # escalation bumps the version
    with pytest.raises(ConflictError):
        acknowledge_alert(session=session, alert_id=alert_id, expected_version=1)
    assert session.get(Alert, alert_id).state == "open"


def test_list_alerts_filters_and_order(session: Session) -> None:
    first = late_deliveries(session)
    second = late_deliveries(
        session,
        name="Staff turnover",
        department_id=settings.department_id(session=session, name="Human Resources"),
    )
    a1 = read(session, first, date(2026, 1, 5), 6.0).alert_id
    a2 = read(session, second, date(2026, 2, 5), 12.0).alert_id
    read(session, first, date(2026, 2, 10), 1.0)
    a3 = read(session, first, date(2026, 3, 5), 7.0).alert_id
    resolve_alert(session=session, alert_id=a1)

    assert [a.id for a in list_alerts(session=session)] == [a3, a2, a1]
    assert [a.id for a in list_alerts(session=session, open_only=True)] == [a3, a2]
    assert [a.id for a in list_alerts(session=session, state="resolved")] == [a1]
    assert [a.id for a in list_alerts(session=session, kri_id=first)] == [a3, a1]
    hr = list_alerts(
        session=session, department_id=settings.department_id(session=session, name="Human Resources")
    )
    assert [(a.id, a.department, a.kri_name, a.severity) for a in hr] == [
        (a2, "Human Resources", "Staff turnover", "alarm")
    ]


# Appetite ---------------------------------------------------------------------------------


def test_appetite_alert_raised_once_then_ended(session: Session) -> None:
    matrix = default_matrix()
    risk = make_risk(session, "high", 4, 3)

    alert = sync_appetite_alert(session, risk, matrix, date(2026, 3, 2))
    session.commit()
    assert alert is not None
    row = session.get(Alert, alert.id)
    assert (row.kind, row.severity, row.state, row.risk_id, row.department_id, row.raised_on) == (
        "appetite",
        "high",
        "open",
        risk.id,
        settings.department_id(session=session, name="Finance"),
        date(2026, 3, 2),
    )
    assert (
        row.message == "R-0001 Key supplier fails: residual level High is above the risk appetite (Medium)."
    )
    (listed,) = list_alerts(session=session, risk_id=risk.id)
    assert (listed.risk_code, listed.department) == ("R-0001", "Finance")
    assert alert_sentence(listed, "en") == row.message
    assert (
        alert_sentence(listed, "zh_CN") == "R-0001 Key supplier fails：剩余风险等级 高 高于风险偏好（中）。"
    )

    # Still above appetite: the same alert, no second one; a worse level updates its severity.
    assert sync_appetite_alert(session, risk, matrix, date(2026, 3, 3)).id == alert.id
    risk.residual_likelihood, risk.residual_impact, risk.residual_score, risk.residual_level = (
        5,
        5,
        25,
        "critical",
    )
    assert sync_appetite_alert(session, risk, matrix, date(2026, 3, 4)).id == alert.id
    session.commit()
    assert count(session, Alert) == 1
    assert session.get(Alert, alert.id).severity == "critical"

    # Back within appetite: the breach ends, the alert stays for handling.
    risk.residual_likelihood, risk.residual_impact, risk.residual_score, risk.residual_level = (
        2,
        3,
        6,
        "medium",
    )
    ended = sync_appetite_alert(session, risk, matrix, date(2026, 3, 10))
    session.commit()
    assert ended.id == alert.id
    row = session.get(Alert, alert.id)
    assert (row.breach_ended_on, row.state) == (date(2026, 3, 10), "open")
    assert sync_appetite_alert(session, risk, matrix, date(2026, 3, 11)) is None

    # Above again later: a new alert; closing the risk ends it.
    risk.residual_level = "high"
    again = sync_appetite_alert(session, risk, matrix, date(2026, 3, 20))
    session.commit()
    assert again.id != alert.id
    risk.status = "closed"
    assert sync_appetite_alert(session, risk, matrix, date(2026, 3, 25)).id == again.id
    session.commit()
    assert session.get(Alert, again.id).breach_ended_on == date(2026, 3, 25)
    assert count(session, Alert) == 2


def test_risk_within_appetite_raises_nothing(session: Session) -> None:
    risk = make_risk(session, "medium", 3, 3)
    assert sync_appetite_alert(session, risk, default_matrix(), TODAY) is None
    session.commit()
    assert count(session, Alert) == 0
