"""Control charts of quality objectives: the chart and rule set chosen per objective, Laney's
suggestion, the moving-range chart of an XmR, and chart summaries for the reports.

`control_chart` builds on `quality.objective_series` (the periods, the measured values, the
frozen baseline) and replaces its limits and rule signals by those of the chosen chart:

- ratio objectives: p (the default), Laney p′, u, Laney u′ or XmR of the percentages;
- value objectives: XmR (the default) or, when every value is a whole count, c.

For p and u charts the over-dispersion ratio sigma_z is computed too; when it is well above 1
(`OVERDISPERSION_SUGGESTION`) the Laney chart is suggested, with the ratio, and the user may
switch. Limits, sigma_z and the moving-range limits all come from the baseline periods only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlmodel import Session, select

from opsdesk.domain.control_charts import (
    c_chart_limits,
    is_count,
    laney_p_limits,
    laney_sigma_z,
    laney_u_limits,
    moving_range_limits,
    moving_ranges,
    suggests_laney,
    u_chart_limits,
)
from opsdesk.domain.enums import ChartType, Direction, ObjectiveKind, RuleSet
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.domain.periods import period_key
from opsdesk.domain.quality import ControlLimits, p_chart_limits, target_verdict, xmr_limits
from opsdesk.domain.run_rules import RuleSignal, flagged_rules, moving_range_signals, rule_signals
from opsdesk.services import quality
from opsdesk.services.common import check_version, flush, get_or_raise
from opsdesk.services.quality import PERCENT, ObjectiveRead, ObjectiveSeries, PeriodPoint
from opsdesk.services.settings import get_fiscal_start_month
from opsdesk.store.models import Measurement, QualityObjective

RATIO_CHARTS = (ChartType.P.value, ChartType.LANEY_P.value, ChartType.U.value, ChartType.LANEY_U.value,
                ChartType.XMR.value)  # fmt: skip
VALUE_CHARTS = (ChartType.XMR.value, ChartType.C.value)
LANEY_OF = {ChartType.P.value: ChartType.LANEY_P.value, ChartType.U.value: ChartType.LANEY_U.value}


@dataclass(frozen=True, slots=True)
class SignalRead:
    """One broken rule on a chart: the periods it flags, the span it covers, the side (+1, -1, 0)."""

    rule_set: str
    rule: int
    periods: tuple[str, ...]
    first: str
    last: str
    side: int
    description: str


@dataclass(frozen=True, slots=True)
class MovingRangePoint:
    """The moving range ending at a period: None for the first measured period and for missing ones."""

    period: str
    value: float | None
    flagged: bool


@dataclass(frozen=True, slots=True)
class ControlChart:
    """An objective's control chart as chosen (or asked for), with its rule signals.

    `series` holds every period with this chart's limits and rule numbers (`series.chart` is
    the chart type code). `sigma_z` is the over-dispersion ratio of p and u charts (None for
    the others); `suggested` names the Laney chart when sigma_z calls for it and it is not in
    use. `fallback` says the chosen chart could not be drawn (a c-chart of values that are not
    whole counts) and the automatic one is shown instead.
    """

    series: ObjectiveSeries
    chart: str
    setting: str
    rule_set: str
    available: tuple[str, ...]
    sigma_z: float | None
    suggested: str | None
    fallback: bool
    signals: tuple[SignalRead, ...]
    moving_ranges: tuple[MovingRangePoint, ...]
    mr_center: float | None
    mr_upper: float | None
    scale: float

    @property
    def objective(self) -> ObjectiveRead:
        return self.series.objective


@dataclass(frozen=True, slots=True)
class ChartSummary:
    """What a report says about one objective's chart: type, centre line, limits and signals."""

    objective_id: int
    objective: str
    department: str
    unit: str
    chart: str
    rule_set: str
    last_period: str | None
    center: float | None
    lower: float | None
    upper: float | None
    sigma_z: float | None
    suggested: str | None
    baseline_first: str | None
    baseline_last: str | None
    signals: tuple[SignalRead, ...]


# -- choosing a chart -----------------------------------------------------------------------


def available_charts(kind: str, values: Sequence[float | None] = ()) -> tuple[str, ...]:
    """The chart types an objective of this kind can use; c only for whole counts."""
    if kind == ObjectiveKind.RATIO:
        return RATIO_CHARTS
    if all(value is None or is_count(value) for value in values):
        return VALUE_CHARTS
    return (ChartType.XMR.value,)


def automatic_chart(kind: str) -> str:
    """The chart "auto" stands for: p for ratios, XmR for plain values."""
    return ChartType.P.value if kind == ObjectiveKind.RATIO else ChartType.XMR.value


def _measured_values(session: Session, objective_id: int) -> list[float | None]:
    return list(session.exec(select(Measurement.value).where(Measurement.objective_id == objective_id)))


def set_chart_settings(
    *,
    session: Session,
    objective_id: int,
    chart_type: str,
    rule_set: str,
    expected_version: int | None = None,
) -> ObjectiveRead:
    """Choose an objective's control chart ("auto" or a type it can use) and its rule set."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    check_version(objective, expected_version, "quality objective")
    errors = FieldErrors()
    allowed = [
        ChartType.AUTO.value,
        *available_charts(objective.kind, _measured_values(session, objective_id)),
    ]
    if chart_type not in [member.value for member in ChartType]:
        errors.add("chart_type", "chart.unknown_type", value=chart_type)
    elif chart_type not in allowed:
        if chart_type == ChartType.C and objective.kind != ObjectiveKind.RATIO:
            errors.add("chart_type", "chart.c_needs_counts")
        else:
            kind = "ratio" if objective.kind == ObjectiveKind.RATIO else "value"
            errors.add("chart_type", f"chart.not_for_{kind}", chart=chart_type, choices=allowed)
    if rule_set not in [member.value for member in RuleSet]:
        errors.add("rule_set", "chart.unknown_rule_set", value=rule_set)
    errors.raise_if_any()
    objective.chart_type = chart_type
    objective.rule_set = rule_set
    session.add(objective)
    flush(session, "objective")
    return quality.get_objective(session=session, objective_id=objective_id)


def freeze_baseline_as_of(
    *, session: Session, objective_id: int, today: date | None = None, expected_version: int | None = None
) -> ObjectiveRead:
    """Freeze the limits on every period measured up to today's (the baseline "as of today")."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    current = period_key(today or date.today(), objective.frequency, get_fiscal_start_month(session=session))
    periods = sorted(
        period for period in session.exec(select(Measurement.period).where(Measurement.objective_id == objective_id))
        if period <= current
    )  # fmt: skip
    if len(periods) < 2:
        raise ValidationError(
            Problem("last", "baseline.too_few_up_to", {"period": current, "count": len(periods)})
        )
    return quality.freeze_baseline(
        session=session, objective_id=objective_id, first=periods[0], last=periods[-1],
        expected_version=expected_version,
    )  # fmt: skip


# -- computing a chart ----------------------------------------------------------------------


def _scaled(limits: ControlLimits, factor: float) -> ControlLimits:
    if factor == 1:
        return limits
    return ControlLimits(
        center=limits.center * factor,
        lower=tuple(x * factor for x in limits.lower),
        upper=tuple(x * factor for x in limits.upper),
        sigma=tuple(x * factor for x in limits.sigma),
    )


def _signal_read(signal: RuleSignal, periods: Sequence[str]) -> SignalRead:
    return SignalRead(
        rule_set=signal.rule_set.value,
        rule=signal.rule,
        periods=tuple(periods[i] for i in signal.points),
        first=periods[signal.first],
        last=periods[signal.last],
        side=signal.side,
        description=signal.description,
    )


def _limits_for(
    chart: str, measured: Sequence[PeriodPoint], baseline: list[int]
) -> tuple[ControlLimits, list[float], float | None]:
    """(limits on the raw scale, raw plotted values, sigma_z) of a chart over the measured points."""
    numerators = [point.numerator for point in measured]
    denominators = [point.denominator for point in measured]
    if chart in (ChartType.P, ChartType.LANEY_P, ChartType.U, ChartType.LANEY_U):
        rates = [x / n for x, n in zip(numerators, denominators, strict=True)]
        if chart == ChartType.LANEY_P:
            laney = laney_p_limits(numerators, denominators, baseline)
            return laney.limits, rates, laney.sigma_z
        if chart == ChartType.LANEY_U:
            laney = laney_u_limits(numerators, denominators, baseline)
            return laney.limits, rates, laney.sigma_z
        plain = (
            p_chart_limits(numerators, denominators, baseline)
            if chart == ChartType.P
            else u_chart_limits(numerators, denominators, baseline)
        )
        return plain, rates, laney_sigma_z(rates, plain, baseline)
    values = [point.value for point in measured]
    if chart == ChartType.C:
        return c_chart_limits(values, baseline), values, None
    return xmr_limits(values, baseline), values, None


def control_chart(
    *,
    session: Session,
    objective_id: int,
    chart: str | None = None,
    until: str | None = None,
    today: date | None = None,
) -> ControlChart:
    """The objective's chart (its chosen one, or `chart` to compare) with limits, signals and, for XmR, moving ranges."""
    base = quality.objective_series(session=session, objective_id=objective_id, until=until, today=today)
    stored = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    objective = base.objective
    setting = stored.chart_type or ChartType.AUTO.value
    rule_set = stored.rule_set or RuleSet.WESTERN_ELECTRIC.value
    measured = [point for point in base.points if not point.missing]
    available = available_charts(objective.kind, [point.value for point in measured])
    wanted = chart or setting
    if wanted not in [member.value for member in ChartType]:
        raise ValidationError(Problem("chart", "chart.unknown_type", {"value": wanted}))
    resolved = automatic_chart(objective.kind) if wanted == ChartType.AUTO else wanted
    fallback = resolved not in available
    if fallback:
        resolved = automatic_chart(objective.kind)
    is_ratio = objective.kind == ObjectiveKind.RATIO
    attribute = resolved in (ChartType.P, ChartType.LANEY_P, ChartType.U, ChartType.LANEY_U)
    scale = (100.0 if objective.unit == PERCENT else 1.0) if attribute else 1.0
    baseline = [i for i, point in enumerate(measured) if point.in_baseline]
    periods = [point.period for point in measured]

    limits: ControlLimits | None = None
    sigma_z: float | None = None
    signals: list[RuleSignal] = []
    if len(baseline) >= 2:
        raw, values, sigma_z = _limits_for(resolved, measured, baseline)
        signals = rule_signals(values, raw, rule_set)
        limits = _scaled(raw, scale)
    flags = flagged_rules(signals)

    mr_points: list[MovingRangePoint] = []
    mr_center = mr_upper = None
    if resolved == ChartType.XMR and measured:
        ranges = moving_ranges([point.value for point in measured])
        flagged: set[int] = set()
        if len(baseline) >= 2 and len(measured) >= 2:
            mr_limits = moving_range_limits([point.value for point in measured], baseline)
            mr_center, mr_upper = mr_limits.center, mr_limits.upper[0]
            flagged = {i + 1 for i in moving_range_signals(ranges, mr_limits)}
        position = {point.period: i for i, point in enumerate(measured)}
        for point in base.points:
            i = position.get(point.period)
            value = None if i is None or i == 0 else ranges[i - 1]
            mr_points.append(MovingRangePoint(point.period, value, i in flagged))

    index = {point.period: i for i, point in enumerate(measured)}
    points = []
    for point in base.points:
        i = index.get(point.period)
        if i is None:
            points.append(point)
            continue
        points.append(replace(
            point,
            lower=None if limits is None else limits.lower[i],
            upper=None if limits is None else limits.upper[i],
            violations=flags.get(i, ()),
        ))  # fmt: skip
    verdict = (
        None if limits is None else target_verdict(limits, objective.target, Direction(objective.direction))
    )
    series = ObjectiveSeries(
        objective=objective,
        points=tuple(points),
        center=None if limits is None else limits.center,
        chart=resolved,
        verdict=verdict,
        violations=tuple((periods[p], s.rule, s.description) for s in signals for p in s.points),
    )
    suggested = LANEY_OF[resolved] if is_ratio and resolved in LANEY_OF and suggests_laney(sigma_z) else None
    return ControlChart(
        series=series,
        chart=resolved,
        setting=setting,
        rule_set=rule_set,
        available=available,
        sigma_z=sigma_z,
        suggested=suggested,
        fallback=fallback,
        signals=tuple(_signal_read(s, periods) for s in signals),
        moving_ranges=tuple(mr_points),
        mr_center=mr_center,
        mr_upper=mr_upper,
        scale=scale,
    )


def chart_summaries(*, session: Session, until: date, today: date | None = None) -> list[ChartSummary]:
    """Each active objective's chart as it stood at `until` (its period), for reports and the PDF pack."""
    start_month = get_fiscal_start_month(session=session)
    summaries = []
    for objective in quality.list_objectives(session=session):
        chart = control_chart(
            session=session, objective_id=objective.id, until=period_key(until, objective.frequency, start_month),
            today=today,
        )  # fmt: skip
        last = next((point for point in reversed(chart.series.points) if not point.missing), None)
        summaries.append(ChartSummary(
            objective_id=objective.id,
            objective=objective.name,
            department=objective.department,
            unit=objective.unit,
            chart=chart.chart,
            rule_set=chart.rule_set,
            last_period=None if last is None else last.period,
            center=chart.series.center,
            lower=None if last is None else last.lower,
            upper=None if last is None else last.upper,
            sigma_z=chart.sigma_z,
            suggested=chart.suggested,
            baseline_first=objective.baseline_first,
            baseline_last=objective.baseline_last,
            signals=chart.signals,
        ))  # fmt: skip
    return summaries
