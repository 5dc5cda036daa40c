"""Control charts per objective: chosen chart and rule set, moving ranges, Laney's suggestion, baseline, summaries."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from opsdesk.domain.errors import ConflictError, ValidationError
from opsdesk.services.control_charts import (
    available_charts,
    chart_summaries,
    control_chart,
    freeze_baseline_as_of,
    set_chart_settings,
)
from opsdesk.services.quality import get_objective, objective_series
from opsdesk.services.settings import department_id
from opsdesk.store.models import AuditEntry, QualityObjective
from tests.domain.test_control_charts import NIST_FLOWRATE, NIST_WAFERS
from tests.services.test_quality import complaint_rate, pass_rate, ratio_rows, response_time, value_rows


@pytest.fixture
def operations(session: Session) -> int:
    return department_id(session=session, name="Operations")


MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 13)]


def test_the_automatic_p_chart_is_todays_chart(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    ratio_rows(session, objective_id, [(MONTHS[i], 50 - x, 50) for i, x in enumerate(NIST_WAFERS[:24])])
    chart = control_chart(session=session, objective_id=objective_id, until="2026-12")
    before = objective_series(session=session, objective_id=objective_id, until="2026-12")
    assert (chart.setting, chart.chart, chart.rule_set) == ("auto", "p", "western_electric")
    assert chart.series.center == pytest.approx(before.center)
    assert [(p.lower, p.upper, p.violations) for p in chart.series.points] == [
        (pytest.approx(p.lower), pytest.approx(p.upper), p.violations) for p in before.points
    ]
    assert chart.series.verdict == before.verdict
    assert chart.moving_ranges == () and chart.mr_center is None


def test_the_nist_individuals_example_with_its_moving_range_chart(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    value_rows(session, objective_id, list(zip(MONTHS[:10], NIST_FLOWRATE, strict=True)))
    chart = control_chart(session=session, objective_id=objective_id, until="2025-10")
    assert chart.chart == "xmr" and chart.available == ("xmr",)  # 49.6 is not a count: no c-chart
    assert round(chart.series.center, 2) == 50.81
    assert round(chart.series.points[0].upper, 4) == 55.8041
    assert round(chart.mr_center, 4) == 1.8778
    assert round(chart.mr_upper, 4) == 6.1347
    assert [p.value for p in chart.moving_ranges] == pytest.approx(
        [None, 2.0, 2.3, 1.4, 3.5, 3.4, 1.4, 0.2, 1.2, 1.5]
    )
    assert not any(p.flagged for p in chart.moving_ranges)


def test_a_jump_shows_on_the_moving_range_chart(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    values = [20, 21, 20, 22, 21, 20, 21, 33, 21, 20]
    value_rows(session, objective_id, list(zip(MONTHS[:10], values, strict=True)))
    chart = control_chart(session=session, objective_id=objective_id, until="2025-10")
    flagged = [p.period for p in chart.moving_ranges if p.flagged]
    assert flagged == ["2025-08", "2025-09"]  # the jump up and the jump back
    assert chart.available == ("xmr", "c")  # whole counts: a c-chart is possible


def test_laney_is_suggested_for_large_samples_and_widens_the_limits(
    session: Session, operations: int
) -> None:
    # About 5,000 units a month: the plain p-chart flags ordinary month-to-month variation.
    objective_id = pass_rate(session, operations, target=98.0)
    passed = [4901, 4912, 4870, 4935, 4888, 4921, 4874, 4930, 4895, 4917, 4866, 4928]
    ratio_rows(session, objective_id, [(MONTHS[i], x, 5000) for i, x in enumerate(passed)])
    plain = control_chart(session=session, objective_id=objective_id, until="2025-12")
    assert plain.chart == "p" and plain.sigma_z > 1.5
    assert plain.suggested == "laney_p"
    assert any(s.rule == 1 for s in plain.signals)

    laney = control_chart(session=session, objective_id=objective_id, chart="laney_p", until="2025-12")
    assert laney.chart == "laney_p" and laney.suggested is None
    assert laney.sigma_z == pytest.approx(plain.sigma_z)
    # The lower limit moves sigma_z times as far from the centre (the upper one stops at 100 %).
    below = laney.series.center - laney.series.points[0].lower
    assert below == pytest.approx((plain.series.center - plain.series.points[0].lower) * plain.sigma_z)
    assert laney.series.points[0].upper == min(100.0, laney.series.center + below)
    assert not any(s.rule == 1 for s in laney.signals)
    # Asking for a chart to compare does not change the objective's own.
    assert control_chart(session=session, objective_id=objective_id, until="2025-12").chart == "p"


def test_small_samples_suggest_nothing(session: Session, operations: int) -> None:
    # 100 units a month: the binomial explains the variation (sigma_z 1.02).
    objective_id = pass_rate(session, operations)
    passed = [95, 97, 96, 94, 98, 96, 93, 97, 96, 95, 98, 96]
    ratio_rows(session, objective_id, [(MONTHS[i], x, 100) for i, x in enumerate(passed)])
    chart = control_chart(session=session, objective_id=objective_id, until="2025-12")
    assert chart.sigma_z == pytest.approx(1.018, abs=1e-3)
    assert chart.suggested is None


def test_u_chart_of_complaints_per_order(session: Session, operations: int) -> None:
    objective_id = complaint_rate(session, operations)
    ratio_rows(session, objective_id, [("2025-01", 12, 800), ("2025-02", 9, 600), ("2025-03", 20, 900)])
    set_chart_settings(
        session=session, objective_id=objective_id, chart_type="u", rule_set="western_electric"
    )
    chart = control_chart(session=session, objective_id=objective_id, until="2025-03")
    u_bar = 41 / 2300
    assert chart.chart == "u" and chart.setting == "u"
    assert chart.series.center == pytest.approx(100 * u_bar)  # percent, as the objective is measured
    assert chart.series.points[1].upper == pytest.approx(100 * (u_bar + 3 * (u_bar / 600) ** 0.5))


def test_choosing_a_chart_and_a_rule_set_is_saved_and_audited(session: Session, operations: int) -> None:
    objective_id = pass_rate(session, operations)
    ratio_rows(session, objective_id, [(m, 95 + (i % 3), 100) for i, m in enumerate(MONTHS[:12])])
    version = get_objective(session=session, objective_id=objective_id).version
    set_chart_settings(
        session=session,
        objective_id=objective_id,
        chart_type="laney_p",
        rule_set="nelson",
        expected_version=version,
    )
    stored = session.get(QualityObjective, objective_id)
    assert (stored.chart_type, stored.rule_set) == ("laney_p", "nelson")
    fields = set(session.exec(select(AuditEntry.field).where(AuditEntry.entity == "qualityobjective")))
    assert {"chart_type", "rule_set"} <= fields
    chart = control_chart(session=session, objective_id=objective_id, until="2025-12")
    assert (chart.chart, chart.rule_set) == ("laney_p", "nelson")
    with pytest.raises(ConflictError):
        set_chart_settings(
            session=session,
            objective_id=objective_id,
            chart_type="p",
            rule_set="nelson",
            expected_version=version,
        )


@pytest.mark.parametrize(
    ("kind", "chart_type", "rule_set", "field", "code"),
    [
        ("ratio", "c", "nelson", "chart_type", "chart.not_for_ratio"),
        ("ratio", "shewhart", "nelson", "chart_type", "chart.unknown_type"),
        ("ratio", "p", "weco", "rule_set", "chart.unknown_rule_set"),
        ("value", "p", "nelson", "chart_type", "chart.not_for_value"),
        ("value", "c", "nelson", "chart_type", "chart.c_needs_counts"),
    ],
)
def test_charts_an_objective_cannot_use_are_refused(
    session: Session, operations: int, kind: str, chart_type: str, rule_set: str, field: str, code: str
) -> None:
    if kind == "ratio":
        objective_id = pass_rate(session, operations)
    else:
        objective_id = response_time(session, operations)
        value_rows(session, objective_id, [("2025-01", 20.5), ("2025-02", 21.0)])
    with pytest.raises(ValidationError) as info:
        set_chart_settings(
            session=session, objective_id=objective_id, chart_type=chart_type, rule_set=rule_set
        )
    assert info.value.codes() == {field: code}
    stored = session.get(QualityObjective, objective_id)
    session.refresh(stored)
    assert (stored.chart_type, stored.rule_set) == ("auto", "western_electric")


def test_a_c_chart_falls_back_when_a_value_is_no_longer_a_count(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    value_rows(session, objective_id, [(m, c) for m, c in zip(MONTHS[:6], [4, 7, 5, 6, 3, 5], strict=True)])
    set_chart_settings(
        session=session, objective_id=objective_id, chart_type="c", rule_set="western_electric"
    )
    chart = control_chart(session=session, objective_id=objective_id, until="2025-06")
    assert chart.chart == "c" and chart.series.center == pytest.approx(5.0)
    assert chart.series.points[0].upper == pytest.approx(5 + 3 * 5**0.5)
    value_rows(session, objective_id, [("2025-07", 4.5)])
    chart = control_chart(session=session, objective_id=objective_id, until="2025-07")
    assert chart.fallback and chart.chart == "xmr" and chart.setting == "c"


def test_nelson_signals_name_their_periods(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    # Stable, then six rising months.
    values = [20, 22, 19, 21, 20, 22, 19, 21, 20, 22, 19, 21, 18, 19, 20, 21, 22, 23]
    value_rows(session, objective_id, list(zip(MONTHS[:18], values, strict=True)))
    set_chart_settings(session=session, objective_id=objective_id, chart_type="auto", rule_set="nelson")
    chart = control_chart(session=session, objective_id=objective_id, until="2026-06")
    trend = [s for s in chart.signals if s.rule == 3]
    assert [(s.periods, s.side) for s in trend] == [(tuple(MONTHS[12:18]), 1)]
    assert trend[0].first == "2026-01" and trend[0].last == "2026-06"
    assert trend[0].description == "Six points in a row steadily rise or fall."
    row = {p.period: p.violations for p in chart.series.points}
    assert row["2026-06"] == (3,)


def test_freezing_the_baseline_as_of_today(session: Session, operations: int) -> None:
    objective_id = response_time(session, operations)
    value_rows(
        session, objective_id, [("2025-01", 20.0), ("2025-02", 22.0), ("2025-03", 21.0), ("2025-05", 40.0)]
    )
    read = freeze_baseline_as_of(session=session, objective_id=objective_id, today=date(2025, 4, 10))
    # Today's period is 2025-04: the periods measured up to it are the baseline; May is judged by it.
    assert (read.baseline_first, read.baseline_last) == ("2025-01", "2025-03")
    chart = control_chart(session=session, objective_id=objective_id, until="2025-05")
    assert chart.series.center == pytest.approx(21.0)
    assert chart.mr_center == pytest.approx(1.5)  # |22 - 20| and |21 - 22|, the frozen periods only
    assert [s.periods for s in chart.signals if s.rule == 1] == [("2025-05",)]
    with pytest.raises(ValidationError) as info:
        freeze_baseline_as_of(session=session, objective_id=objective_id, today=date(2025, 1, 15))
    assert info.value.codes() == {"last": "baseline.too_few_up_to"}
    assert info.value.message("zh_CN") == "基线至少需要 2 个已测量期间（截至 2025-01）；目前只有 1 个。"


def test_chart_summaries_for_the_reports(session: Session, operations: int) -> None:
    ratio = pass_rate(session, operations)
    ratio_rows(session, ratio, [(MONTHS[i], 50 - x, 50) for i, x in enumerate(NIST_WAFERS[:9])])
    value = response_time(session, operations)
    value_rows(session, value, list(zip(MONTHS[:10], NIST_FLOWRATE, strict=True)))
    summaries = {s.objective: s for s in chart_summaries(session=session, until=date(2025, 9, 30))}
    first_pass = summaries["First pass yield"]
    assert (first_pass.chart, first_pass.rule_set, first_pass.last_period) == (
        "p",
        "western_electric",
        "2025-09",
    )
    assert first_pass.lower < first_pass.center < first_pass.upper
    response = summaries["Mean response time"]
    assert response.chart == "xmr" and response.last_period == "2025-09"  # October is after the quarter
    assert response.center == pytest.approx(sum(NIST_FLOWRATE[:9]) / 9)


def test_available_charts_by_kind() -> None:
    assert available_charts("ratio") == ("p", "laney_p", "u", "laney_u", "xmr")
    assert available_charts("value", [3, 4, None]) == ("xmr", "c")
    assert available_charts("value", [3, 4.5]) == ("xmr",)
