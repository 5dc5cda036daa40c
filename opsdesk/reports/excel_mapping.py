"""Import targets, their fields, and the automatic guess of which column holds which field.

Headers are compared after normalisation (case, width, spacing, units in brackets such as
"(1-5)"), first exactly against the English and Chinese synonyms below, then loosely
(difflib) so that typos like "Likelhood" still map. OpsDesk's own export headers are
synonyms too, so an exported register maps itself.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opsdesk.domain.records import (
    ASSESSMENT_KIND_WORDS,
    IMPACT_WORDS,
    LIKELIHOOD_WORDS,
    ZH_IMPACT_WORDS,
    ZH_LIKELIHOOD_WORDS,
)
from opsdesk.reports.excel_text import HEADERS, header

if TYPE_CHECKING:
    from sqlmodel import Session

KINDS = ("risks", "readings", "measurements")
FUZZY_CUTOFF = 0.86
ASSESSMENT_KINDS = ("inherent", "residual", "target")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field a column can be mapped to: key, label for messages, value kind, synonyms."""

    key: str
    label: str
    kind: str
    synonyms: tuple[str, ...] = ()
    multiple: bool = False  # several columns may feed it (the first filled one wins per row)


def normalize_header(text: object) -> str:
    """Lower-case, half-width, single-spaced header text without units in brackets ("%" is kept)."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text)).casefold()
    value = value.replace("％", "%")
    # Units and scales in brackets go ("Likelihood (1-5)"), but a percent sign says what the column holds.
    value = re.sub(r"[(\[{]\s*%\s*[)\]}]", " % ", value)
    value = re.sub(r"[(\[{][^)\]}]*[)\]}]", " ", value)
    value = re.sub(r"[_\-/.:*#?!\\|]+", " ", value)
    return " ".join(value.split())


def _with_prefixes(prefixes: Sequence[str], words: Sequence[str], zh_prefixes: Sequence[str] = (),
                   zh_words: Sequence[str] = ()) -> tuple[str, ...]:
    english = [f"{prefix} {word}" for prefix in prefixes for word in words]
    chinese = [f"{prefix}{word}" for prefix in zh_prefixes for word in zh_words]
    return tuple(english + chinese)


# The header words of likelihood and impact are the field table's (domain/records.py).
_LIKELIHOOD_WORDS, _IMPACT_WORDS = LIKELIHOOD_WORDS, IMPACT_WORDS
_ZH_LIKELIHOOD, _ZH_IMPACT = ZH_LIKELIHOOD_WORDS, ZH_IMPACT_WORDS
_KIND_PREFIXES = ASSESSMENT_KIND_WORDS


def _assessment_fields() -> list[FieldSpec]:
    fields: list[FieldSpec] = []
    for kind in ASSESSMENT_KINDS:
        english, chinese = _KIND_PREFIXES[kind]
        plain_l = _LIKELIHOOD_WORDS + _ZH_LIKELIHOOD if kind == "inherent" else ()
        plain_i = _IMPACT_WORDS + _ZH_IMPACT if kind == "inherent" else ()
        fields += [
            FieldSpec(f"{kind}_likelihood", header(f"{kind}_likelihood"), "likelihood",
                      _with_prefixes(english, _LIKELIHOOD_WORDS, chinese, _ZH_LIKELIHOOD) + plain_l),
            FieldSpec(f"{kind}_impact", header(f"{kind}_impact"), "impact",
                      _with_prefixes(english, _IMPACT_WORDS, chinese, _ZH_IMPACT) + plain_i),
        ]
        if kind != "target":
            plain_p = ("probability %", "probability percent", "% probability", "概率 %") if kind == "inherent" else ()
            plain_f = ("financial impact", "impact amount", "cost impact", "财务影响", "损失金额") if kind == "inherent" else ()
            fields += [
                FieldSpec(f"{kind}_probability", header(f"{kind}_probability"), "percent",
                          _with_prefixes(english, ("probability %", "probability percent"), chinese, ("概率 %",))
                          + plain_p),
                FieldSpec(f"{kind}_financial_impact", header(f"{kind}_financial_impact"), "amount",
                          _with_prefixes(english, ("financial impact", "impact amount"), chinese, ("财务影响",))
                          + plain_f),
            ]
    return fields


RISK_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("code", header("code"), "code", (
        "code", "risk code", "risk id", "id", "risk ref", "ref", "reference", "risk reference", "risk no",
        "risk number", "no", "风险编号", "编号", "风险代码", "代码")),
    FieldSpec("title", header("title"), "text", (
        "title", "risk title", "risk", "name", "risk name", "short description", "风险名称", "风险", "标题", "名称")),
    FieldSpec("description", header("description"), "longtext", (
        "description", "risk description", "details", "detail", "risk details", "描述", "风险描述", "详细描述")),
    FieldSpec("cause", header("cause"), "longtext", (
        "cause", "causes", "risk cause", "root cause", "source of risk", "原因", "风险原因", "成因", "致因")),
    FieldSpec("consequence", header("consequence"), "longtext", (
        "consequence", "consequences", "effect", "effects", "后果", "影响后果", "风险后果")),
    FieldSpec("category", header("category"), "category", (
        "category", "risk category", "type", "risk type", "class", "类别", "风险类别", "类型", "风险类型", "分类")),
    FieldSpec("source", header("source"), "source", (
        "identification source", "source", "risk source", "identified by method", "来源", "识别来源", "风险来源")),
    FieldSpec("department", header("department"), "department", (
        "department", "dept", "business unit", "unit", "division", "function", "team", "部门", "责任部门",
        "所属部门", "归口部门")),
    FieldSpec("owner", header("owner"), "text", (
        "owner", "risk owner", "responsible", "responsible person", "accountable", "owner name", "负责人",
        "责任人", "风险负责人", "风险责任人")),
    FieldSpec("identified_on", header("identified_on"), "date", (
        "identified on", "date identified", "identification date", "date raised", "raised on", "date",
        "date logged", "logged on", "date added", "识别日期", "日期", "登记日期", "发现日期")),
    FieldSpec("status", header("status"), "status", ("status", "risk status", "state", "状态", "风险状态")),
    FieldSpec("next_review", header("next_review"), "date", (
        "next review", "review date", "next review date", "review by", "review due date", "下次评审",
        "下次评审日期", "评审日期", "复核日期", "下次复核")),
    *_assessment_fields(),
    FieldSpec("assessed_on", header("assessed_on"), "date", (
        "assessed on", "assessment date", "last assessed", "date assessed", "评估日期")),
    FieldSpec("strategy", header("strategy"), "strategy", (
        "response strategy", "strategy", "response", "treatment", "treatment strategy", "risk response",
        "treatment option", "response type", "应对策略", "策略", "应对方式", "处置策略")),
    FieldSpec("rationale", header("rationale"), "longtext", (
        "response rationale", "rationale", "mitigation", "mitigation actions", "mitigation plan", "controls",
        "existing controls", "treatment plan", "action plan", "response plan", "应对措施", "控制措施", "措施",
        "应对方案")),
    FieldSpec("acceptance_approver", header("acceptance_approver"), "text", (
        "acceptance approver", "approver", "approved by", "accepted by", "批准人", "审批人")),
    FieldSpec("acceptance_justification", header("acceptance_justification"), "longtext", (
        "acceptance justification", "justification", "acceptance rationale", "接受理由")),
    FieldSpec("accepted_on", header("accepted_on"), "date", ("accepted on", "acceptance date", "接受日期")),
    FieldSpec("acceptance_expires", header("acceptance_expires"), "date", (
        "acceptance expires", "acceptance expiry", "acceptance expiry date", "expires", "接受到期", "接受有效期")),
)  # fmt: skip

READING_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("kri", "KRI", "kri", (
        "kri", "indicator", "key risk indicator", "kri name", "indicator name", "metric", "指标", "风险指标",
        "关键风险指标", "预警指标", "指标名称")),
    FieldSpec("read_on", header("read_on"), "date", (
        "date", "reading date", "read on", "measured on", "as of", "日期", "读数日期", "测量日期")),
    FieldSpec("value", header("value"), "number", ("value", "reading", "actual", "result", "数值", "值", "读数")),
    FieldSpec("note", header("note"), "longtext", (
        "comment", "comments", "note", "notes", "remark", "remarks", "备注", "说明", "评论")),
)  # fmt: skip

MEASUREMENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("objective", header("objective"), "objective", (
        "objective", "quality objective", "objective name", "kpi", "goal", "质量目标", "目标", "指标")),
    FieldSpec("period", header("period"), "period", (
        "period", "month", "quarter", "week", "date", "期间", "月份", "季度", "周", "日期")),
    FieldSpec("numerator", header("numerator"), "number", (
        "numerator", "passed", "pass", "good", "conforming", "ok", "defects", "defective", "complaints",
        "failures", "on time", "shipped on time", "分子", "合格数", "合格", "不合格数", "投诉数", "投诉"), multiple=True),
    FieldSpec("denominator", header("denominator"), "number", (
        "denominator", "inspected", "tested", "total", "sample", "sample size", "orders", "orders delivered",
        "deliveries", "shipped", "分母", "检验数", "抽检数", "总数", "样本量", "订单数"), multiple=True),
    FieldSpec("value", header("value"), "number", ("value", "actual", "result", "measured", "数值", "实际值"),
              multiple=True),
    FieldSpec("note", header("measurement_note"), "longtext", ("note", "notes", "comment", "remark", "备注", "说明")),
)  # fmt: skip

_FIELDS = {"risks": RISK_FIELDS, "readings": READING_FIELDS, "measurements": MEASUREMENT_FIELDS}

# Headers recognised but never imported, with the reason shown in the preview.
CALCULATED = "calculated by OpsDesk"
ROW_NUMBER = "a row number"
_IGNORED: dict[str, dict[str, str]] = {
    "risks": {
        **{normalize_header(h): CALCULATED for h in (
            "score", "risk score", "rating", "risk rating", "risk level", "level", "priority", "rpn",
            "风险值", "风险分值", "风险得分", "风险等级", "等级", "分值", "得分", "inherent score", "inherent level",
            "residual score", "residual level", "target score", "target level", "current score", "current level",
            "above appetite", "review due", "open actions", HEADERS["inherent_score"], HEADERS["inherent_level"],
            HEADERS["residual_score"], HEADERS["residual_level"], HEADERS["target_score"], HEADERS["target_level"],
            HEADERS["above_appetite"], HEADERS["review_due"], HEADERS["open_actions"])},
        **{normalize_header(h): ROW_NUMBER for h in ("序号", "行号", "#", "row", "s n", "sn", "sl no", "line")},
    },
    "readings": {normalize_header(h): CALCULATED for h in ("state", "status", "unit", "recorded by", "状态", "单位")},
    "measurements": {normalize_header(h): CALCULATED for h in ("actual %", "rate", "status", "target", "状态")},
}  # fmt: skip


def field_specs(kind: str = "risks") -> tuple[FieldSpec, ...]:
    """The fields of an import target, in the order a mapping dialog lists them."""
    return _FIELDS[_check_kind(kind)]


def field_label(kind: str, key: str) -> str:
    """The label of a field, as messages and the preview name it."""
    for spec in field_specs(kind):
        if spec.key == key:
            return spec.label
    return key


def _check_kind(kind: str) -> str:
    if kind not in _FIELDS:
        from opsdesk.domain.errors import ValidationError

        raise ValidationError({"kind": f"Import risks, readings or measurements (got {kind!r})."})
    return kind


def _vocabulary(kind: str, extra: Mapping[str, Sequence[str]] | None) -> dict[str, str]:
    """Normalised synonym -> field key; earlier fields win a shared synonym."""
    words: dict[str, str] = {}
    for spec in field_specs(kind):
        for synonym in (spec.label, HEADERS.get(spec.key, ""), *spec.synonyms):
            key = normalize_header(synonym)
            if key:
                words.setdefault(key, spec.key)
    for field_key, synonyms in (extra or {}).items():
        for synonym in synonyms:
            key = normalize_header(synonym)
            if key:
                words.setdefault(key, field_key)
    return words


def _match(text: str, words: dict[str, str], ignored: dict[str, str]) -> tuple[str | None, str | None]:
    """(field, None) for a match, (None, reason) for a known ignored header, (None, None) otherwise."""
    if not text:
        return None, None
    if text in words:
        return words[text], None
    if text in ignored:
        return None, ignored[text]
    close = difflib.get_close_matches(text, list(words) + list(ignored), n=1, cutoff=FUZZY_CUTOFF)
    if close:
        found = close[0]
        return (words[found], None) if found in words else (None, ignored[found])
    return None, None


def _extra_synonyms(kind: str, session: Session | None) -> dict[str, list[str]]:
    """Vocabulary from the database: an objective's own numerator and denominator labels."""
    if session is None or kind != "measurements":
        return {}
    from opsdesk.services import quality

    extra: dict[str, list[str]] = {"numerator": [], "denominator": []}
    for objective in quality.list_objectives(session=session):
        if objective.numerator_label:
            extra["numerator"].append(objective.numerator_label)
        if objective.denominator_label:
            extra["denominator"].append(objective.denominator_label)
    return extra


def _label_prefix_match(text: str, extra: Mapping[str, Sequence[str]]) -> str | None:
    """A short header naming the start of an objective's label ("Orders" for "Orders delivered")."""
    for field_key, labels in extra.items():
        for text_label in labels:
            words = normalize_header(text_label).split()
            if words and text.split() == words[: len(text.split())]:
                return field_key
    return None


def guess_mapping(
    headers: Sequence[object], target: str = "risks", *, session: Session | None = None
) -> dict[int, str]:
    """Column index (0-based) -> field key, guessed from the header texts.

    A field already taken by an earlier column is not mapped again (a header present
    twice maps its first column only), except fields that accept several columns.
    With a session, measurement columns are also matched to the objectives' own labels.
    """
    _check_kind(target)
    extra = _extra_synonyms(target, session)
    words = _vocabulary(target, extra)
    ignored = _IGNORED.get(target, {})
    multiple = {spec.key for spec in field_specs(target) if spec.multiple}
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, raw in enumerate(headers):
        text = normalize_header(raw)
        field_key, _reason = _match(text, words, ignored)
        if field_key is None and text and extra:
            field_key = _label_prefix_match(text, extra)
        if field_key is None or (field_key in taken and field_key not in multiple):
            continue
        mapping[index] = field_key
        taken.add(field_key)
    return mapping


def ignored_columns(headers: Sequence[object], mapping: Mapping[int, str], target: str = "risks") -> dict[int, str]:
    """Why each column with a header is left out: duplicate, calculated, or unknown."""
    words = _vocabulary(target, None)
    ignored = _IGNORED.get(target, {})
    reasons: dict[int, str] = {}
    first_of: dict[str, int] = {}
    for index, raw in enumerate(headers):
        text = normalize_header(raw)
        if not text:
            continue
        first_of.setdefault(text, index)
        if index in mapping:
            continue
        if first_of[text] != index:
            from openpyxl.utils import get_column_letter

            reasons[index] = f"the same header as column {get_column_letter(first_of[text] + 1)}"
            continue
        field_key, reason = _match(text, words, ignored)
        if reason:
            reasons[index] = reason
        elif field_key is not None:
            reasons[index] = f"{field_label(target, field_key)} comes from another column"
        else:
            reasons[index] = "no matching field"
    return reasons


def header_score(cells: Sequence[object], target: str = "risks") -> int:
    """How header-like a row is for a target: the number of distinct fields its cells name."""
    words = _vocabulary(target, None)
    ignored = _IGNORED.get(target, {})
    fields: set[str] = set()
    recognised = 0
    for raw in cells:
        if not isinstance(raw, str):
            continue  # headers are text; a row of numbers or dates is data
        field_key, reason = _match(normalize_header(raw), words, ignored)
        if field_key is not None:
            fields.add(field_key)
        elif reason is not None:
            recognised += 1
    return len(fields) + (1 if recognised else 0)
