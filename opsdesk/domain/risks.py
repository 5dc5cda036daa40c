"""The rules of a risk and its assessments, without a database: the editor checks them as the
user types, the service checks them again before it writes, and both get the same problems.

Values come as mappings of field key to value (a service input's `vars()`), so the rules do
not depend on any input class.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Protocol, TypeVar

from opsdesk.domain.enums import AssessmentKind, Strategy
from opsdesk.domain.errors import Problem, ValidationError
from opsdesk.domain.fields import check_field, is_day
from opsdesk.domain.matrix import RiskMatrix
from opsdesk.domain.records import ASSESSMENT, RISK

KINDS = tuple(kind.value for kind in AssessmentKind)


class Dated(Protocol):
    """What an assessment history entry needs for `current_assessments`."""

    @property
    def kind(self) -> str: ...
    @property
    def assessed_on(self) -> date: ...
    @property
    def id(self) -> int: ...


AssessmentT = TypeVar("AssessmentT", bound=Dated)


def current_assessments(history: Iterable[AssessmentT], as_of: date | None = None) -> dict[str, AssessmentT]:
    """The current assessment of each kind (on `as_of`, or now): the latest by date, then the last recorded."""
    current: dict[str, AssessmentT] = {}
    for assessment in sorted(history, key=lambda a: (a.assessed_on, a.id)):
        if as_of is not None and assessment.assessed_on > as_of:
            break
        current[assessment.kind] = assessment
    return current


def check_assessment(values: Mapping[str, object], matrix: RiskMatrix, *, today: date) -> list[Problem]:
    """An assessment's problems; a known kind prefixes the fields ("residual.likelihood")."""
    kind = values.get("kind")
    prefix = f"{kind}." if kind in KINDS else ""
    problems: list[Problem] = []
    if kind not in KINDS:
        problems.append(Problem("kind", "assessment.unknown_kind", record="assessment"))
    likelihood, impact = values.get("likelihood"), values.get("impact")
    if likelihood is None or impact is None:
        missing = "likelihood" if likelihood is None else "impact"
        problems.append(Problem(missing, "assessment.both_needed", record="assessment"))
    else:
        problems += matrix.coordinate_problems(likelihood, impact)
    for key in ("probability", "financial_impact", "assessed_on", "note"):
        problem = check_field("assessment", ASSESSMENT[key], values.get(key), today=today)
        if problem is not None:
            problems.append(problem)
    return [problem.within(prefix) for problem in problems]


def residual_level_after(
    stored_level: str | None, assessments: Sequence[Mapping[str, object]], matrix: RiskMatrix
) -> str | None:
    """The residual level a risk will have once these new assessments are recorded."""
    level = stored_level
    for values in assessments:
        if values.get("kind") == AssessmentKind.RESIDUAL:
            try:
                level = matrix.level(values.get("likelihood"), values.get("impact")).code  # type: ignore[arg-type]
            except ValidationError:
                pass  # reported by the assessment's own check
    return level


def check_risk(
    values: Mapping[str, object],
    matrix: RiskMatrix,
    *,
    today: date,
    residual_level: str | None,
    assessments: Sequence[Mapping[str, object]] = (),
) -> list[Problem]:
    """Every problem of a risk's input and the new assessments saved with it.

    `residual_level` is the level the risk has once those assessments are recorded
    (`residual_level_after`): accepting a risk above the appetite needs a formal acceptance.
    """
    problems: list[Problem] = []
    for assessment in assessments:
        problems += check_assessment(assessment, matrix, today=today)
    kinds = [assessment.get("kind") for assessment in assessments]
    if len(kinds) != len(set(kinds)):
        problems.append(Problem("kind", "assessment.one_per_kind", record="assessment"))
    problems += RISK.check(values, today=today)
    bad = {problem.field for problem in problems}

    def add(field: str, code: str, **params: object) -> None:
        if field not in bad:
            problems.append(Problem(field, code, params, record="risk"))
            bad.add(field)

    identified, review = values.get("identified_on"), values.get("next_review")
    if is_day(review) and is_day(identified) and review < identified:  # type: ignore[operator]
        add("next_review", "risk.review_before_identified")
    accepting_above_appetite = (
        values.get("strategy") == Strategy.ACCEPT
        and residual_level is not None
        and residual_level in {band.code for band in matrix.bands}
        and matrix.is_above_appetite(residual_level)
    )
    if accepting_above_appetite:
        if not str(values.get("acceptance_approver") or "").strip():
            add(
                "acceptance_approver",
                "risk.acceptance_needs_approver",
                appetite=matrix.band(matrix.appetite).name,
            )
        if not str(values.get("acceptance_justification") or "").strip():
            add("acceptance_justification", "risk.acceptance_needs_justification")
        expires, given = values.get("acceptance_expires"), values.get("accepted_on") or today
        if expires is None:
            add("acceptance_expires", "risk.acceptance_needs_expiry")
        elif is_day(expires) and is_day(given) and expires <= given:  # type: ignore[operator]
            add("acceptance_expires", "risk.acceptance_expires_too_soon")
    return problems
