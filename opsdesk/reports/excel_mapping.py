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
from collections.abc import Callable, Mapping, Sequence
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


def _with_prefixes(
    prefixes: Sequence[str],
    words: Sequence[str],
    zh_prefixes: Sequence[str] = (),
    zh_words: Sequence[str] = (),
) -> tuple[str, ...]:
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
            FieldSpec(
                f"{kind}_likelihood",
                header(f"{kind}_likelihood"),
                "likelihood",
                _with_prefixes(english, _LIKELIHOOD_WORDS, chinese, _ZH_LIKELIHOOD) + plain_l,
            ),
            FieldSpec(
                f"{kind}_impact",
                header(f"{kind}_impact"),
                "impact",
                _with_prefixes(english, _IMPACT_WORDS, chinese, _ZH_IMPACT) + plain_i,
            ),
        ]
        if kind != "target":
            plain_p = (
                ("probability %", "probability percent", "% probability", "概率 %")
                if kind == "inherent"
                else ()
            )
            plain_f = (
                ("financial impact", "impact amount", "cost impact", "财务影响", "损失金额")
                if kind == "inherent"
                else ()
            )
            fields += [
                FieldSpec(
                    f"{kind}_probability",
                    header(f"{kind}_probability"),
                    "percent",
                    _with_prefixes(english, ("probability %", "probability percent"), chinese, ("概率 %",))
                    + plain_p,
                ),
                FieldSpec(
                    f"{kind}_financial_impact",
                    header(f"{kind}_financial_impact"),
                    "amount",
                    _with_prefixes(english, ("financial impact", "impact amount"), chinese, ("财务影响",))
                    + plain_f,
                ),
            ]
    return fields


def _risk_fields() -> tuple[FieldSpec, ...]:
    """The risk's importable fields, from the field table (opsdesk.domain.records), plus what a
    workbook says around a risk: stated levels, planned actions with their owner and due date."""
    from opsdesk.domain.fields import FieldKind as K
    from opsdesk.domain.records import ASSESSMENT, RISK

    kinds = {
        K.CODE: "code",
        K.TEXT: "text",
        K.PERSON: "text",
        K.LONG_TEXT: "longtext",
        K.DATE: "date",
        K.CATEGORY: "category",
        K.DEPARTMENT: "department",
    }
    choices = {"risk_status": "status", "strategy": "strategy", "source": "source"}
    specs: list[FieldSpec] = []
    for spec in RISK:
        key = {"category_id": "category", "department_id": "department"}.get(spec.key, spec.key)
        if key.endswith("_level"):
            kind_name = key.removesuffix("_level")
            if kind_name in _STATED_LEVEL_WORDS:
                specs.append(
                    FieldSpec(key, _stated_label(kind_name), "level", _STATED_LEVEL_WORDS[kind_name])
                )
            continue
        if key.endswith("_score"):
            continue  # calculated
        if key.endswith("_likelihood"):
            kind = "likelihood"
        elif key.endswith("_financial_impact"):
            kind = "amount"
        elif key.endswith("_impact"):
            kind = "impact"
        elif key.endswith("_probability"):
            kind = "percent"
        elif spec.kind is K.CHOICE:
            kind = choices[spec.choices or ""]
        else:
            kind = kinds[spec.kind]
        specs.append(FieldSpec(key, header(key), kind, spec.synonyms, multiple=key == "details"))
        if key == "target_impact":
            specs.append(
                FieldSpec("assessed_on", header("assessed_on"), "date", ASSESSMENT["assessed_on"].synonyms)
            )
    specs += [
        FieldSpec("actions", _ACTION_LABELS["actions"], "actions", _ACTION_WORDS["actions"]),
        FieldSpec("action_owner", _ACTION_LABELS["action_owner"], "text", _ACTION_WORDS["action_owner"]),
        FieldSpec("action_due", _ACTION_LABELS["action_due"], "date", _ACTION_WORDS["action_due"]),
    ]
    return tuple(specs)


# A workbook's own rating columns: a level stated by the workbook, compared with the matrix's.
_STATED_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "inherent": (
        "inherent risk",
        "inherent risk level",
        "inherent rating",
        "inherent risk rating",
        "gross risk",
        "risk level",
        "risk rating",
        "level",
        "rating",
        "overall risk",
        "固有风险等级",
        "固有风险",
        "风险等级",
        "等级",
        "风险级别",
    ),
    "residual": (
        "residual risk",
        "residual risk level",
        "residual rating",
        "residual risk rating",
        "net risk",
        "current risk",
        "剩余风险等级",
        "剩余风险",
        "残余风险",
        "残余风险等级",
    ),
    "target": ("target risk", "target risk level", "target rating", "目标风险等级", "目标风险"),
}
_ACTION_LABELS = {
    "actions": "Actions (one per line)",
    "action_owner": "Action owner",
    "action_due": "Action due date",
}
_ACTION_WORDS: dict[str, tuple[str, ...]] = {
    "actions": (
        "mitigation plan",
        "mitigation plans",
        "recommended action",
        "recommended actions",
        "treatment plan",
        "treatment plans",
        "action plan",
        "mitigation actions",
        "mitigation",
        "actions",
        "planned actions",
        "treatment actions",
        "further actions",
        "additional controls",
        "planned controls",
        "risk treatment",
        "应对计划",
        "整改措施",
        "改进措施",
        "行动计划",
        "处置计划",
        "拟采取措施",
    ),
    "action_owner": (
        "action owner",
        "action by",
        "actionee",
        "action responsible",
        "措施负责人",
        "整改责任人",
        "整改负责人",
    ),
    "action_due": (
        "due",
        "due date",
        "target date",
        "deadline",
        "completion date",
        "target completion",
        "action due",
        "action due date",
        "完成期限",
        "截止日期",
        "计划完成日期",
        "完成时间",
    ),
}


def _stated_label(kind: str) -> str:
    return header(f"{kind}_level")


RISK_FIELDS: tuple[FieldSpec, ...] = ()  # filled below, once the word tables exist

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

RISK_FIELDS = _risk_fields()
_FIELDS = {"risks": RISK_FIELDS, "readings": READING_FIELDS, "measurements": MEASUREMENT_FIELDS}


def _zh_calculated() -> tuple[str, ...]:
    """The Chinese export's headers of calculated columns."""
    from opsdesk.reports.excel_text_zh import HEADERS as ZH_HEADERS

    keys = (
        "inherent_score",
        "residual_score",
        "target_score",
        "above_appetite",
        "review_due",
        "open_actions",
    )
    return tuple(ZH_HEADERS[key] for key in keys if key in ZH_HEADERS)


# Headers recognised but never imported, with the reason shown in the preview ("import.ignored.<code>").
CALCULATED = "calculated"
ROW_NUMBER = "row_number"
_IGNORED: dict[str, dict[str, str]] = {
    "risks": {
        **{normalize_header(h): CALCULATED for h in (
            "score", "risk score", "rating", "risk rating", "risk level", "level", "priority", "rpn",
            "风险值", "风险分值", "风险得分", "风险等级", "等级", "分值", "得分", "inherent score", "inherent level",
            "residual score", "residual level", "target score", "target level", "current score", "current level",
            "above appetite", "review due", "open actions", HEADERS["inherent_score"], HEADERS["inherent_level"],
            HEADERS["residual_score"], HEADERS["residual_level"], HEADERS["target_score"], HEADERS["target_level"],
            HEADERS["above_appetite"], HEADERS["review_due"], HEADERS["open_actions"], *_zh_calculated())},
        **{normalize_header(h): ROW_NUMBER for h in ("序号", "行号", "#", "row", "s n", "sn", "sl no", "line")},
    },
    "readings": {normalize_header(h): CALCULATED for h in ("state", "status", "unit", "recorded by", "状态", "单位")},
    "measurements": {normalize_header(h): CALCULATED for h in ("actual %", "rate", "status", "target", "状态")},
}  # fmt: skip


def field_specs(kind: str = "risks") -> tuple[FieldSpec, ...]:
    """The fields of an import target, in the order a mapping dialog lists them."""
    return _FIELDS[_check_kind(kind)]


def field_label(kind: str, key: str) -> str:
    """The label of a field, as messages and the preview name it, in the language of the moment."""
    from opsdesk.domain.catalogue import ENGLISH, language

    for spec in field_specs(kind):
        if spec.key == key:
            return spec.label if language() == ENGLISH else _translated_label(kind, spec, language())
    return key


def _translated_label(kind: str, spec: FieldSpec, chosen: str) -> str:
    """A field's label in another language: the export's header it was made from, else the field table's."""
    from opsdesk.domain.catalogue import en, message
    from opsdesk.domain.catalogue import field_label as record_label
    from opsdesk.reports.excel_text import use_language

    keys = [header_key for header_key, text in HEADERS.items() if text == spec.label]
    if keys:
        with use_language(chosen):
            return header(spec.key if spec.key in keys else keys[0])
    if f"import.field.{spec.key}" in en.MESSAGES:
        return message(f"import.field.{spec.key}", language=chosen)
    if kind == "risks":
        found = record_label("risk", spec.key, chosen)
        if found != spec.key:
            return found
    return spec.label


def _check_kind(kind: str) -> str:
    if kind not in _FIELDS:
        from opsdesk.domain.errors import Problem, ValidationError

        raise ValidationError(Problem("kind", "import.kind", {"kind": repr(kind)}))
    return kind


def _vocabulary(kind: str, extra: Mapping[str, Sequence[str]] | None) -> dict[str, str]:
    """Normalised synonym -> field key; earlier fields win a shared synonym."""
    from opsdesk.reports.excel_text_zh import HEADERS as ZH_HEADERS

    words: dict[str, str] = {}
    for spec in field_specs(kind):
        for synonym in (spec.label, HEADERS.get(spec.key, ""), ZH_HEADERS.get(spec.key, ""), *spec.synonyms):
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


@dataclass(frozen=True, slots=True)
class ColumnGuess:
    """The guessed field of each column, and why (the preview shows the reason; the user may change it)."""

    mapping: dict[int, str]
    reasons: dict[int, str]


# A code column must hold OpsDesk's own codes (R-0001); any other IDs are the workbook's reference.
_OPSDESK_CODE = re.compile(r"^R-\d{4,}$", re.IGNORECASE)
_LONG_TEXT = 40  # characters: a cell this long is a sentence, not a level word
_GENERIC_LEVELS = ("very low", "low", "medium", "moderate", "high", "very high", "critical", "extreme",
                   "significant", "minor", "major", "severe", "negligible", "insignificant", "catastrophic",
                   "很低", "低", "较低", "中", "中等", "一般", "较高", "高", "很高", "极高", "重大", "严重", "轻微")  # fmt: skip


def _filled(rows: Sequence[Sequence[object]] | None, index: int, limit: int = 500) -> list[object]:
    values: list[object] = []
    for row in rows or ():
        if index < len(row):
            value = row[index]
            if value is not None and not (isinstance(value, str) and not value.strip()):
                values.append(value)
                if len(values) >= limit:
                    break
    return values


def _word(value: object) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value)).casefold().split())


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, str):
        try:
            float(value.strip())
        except ValueError:
            return False
        return True
    return False


def _all(values: Sequence[object], test: Callable[[object], bool]) -> bool:
    return bool(values) and all(test(value) for value in values)


def guess_columns(
    headers: Sequence[object],
    target: str = "risks",
    *,
    session: Session | None = None,
    rows: Sequence[Sequence[object]] | None = None,
    level_names: Sequence[str] = (),
) -> ColumnGuess:
    """Column index (0-based) -> field key, guessed from the header texts and, given rows, the values.

    A field already taken by an earlier column is not mapped again (a header present
    twice maps its first column only), except fields that accept several columns.
    With a session, measurement columns are also matched to the objectives' own labels.
    For risks the values decide between look-alike fields: a rating column holding level
    names is a stated level, a "Consequence" column of levels is the impact, a code column of
    the workbook's own IDs is its reference; every other headed column is kept as a detail.
    """
    _check_kind(target)
    extra = _extra_synonyms(target, session)
    words = _vocabulary(target, extra)
    ignored = _IGNORED.get(target, {})
    multiple = {spec.key for spec in field_specs(target) if spec.multiple}
    levels = {_word(name) for name in (*level_names, *_GENERIC_LEVELS)}
    mapping: dict[int, str] = {}
    reasons: dict[int, str] = {}
    taken: set[str] = set()
    seen_headers: set[str] = set()
    for index, raw in enumerate(headers):
        text = normalize_header(raw)
        field_key, ignored_reason = _match(text, words, ignored)
        if field_key is None and text and extra:
            field_key = _label_prefix_match(text, extra)
        reason = "header" if field_key is not None else ""
        if target == "risks" and text:
            values = _filled(rows, index)
            field_key, reason = _risk_content(text, field_key, reason, values, levels, taken, ignored_reason)
            if (
                field_key is None
                and ignored_reason is None
                and text not in seen_headers
                and reason != "ignored"
            ):
                field_key, reason = "details", "no_field"
        seen_headers.add(text)
        if field_key is None or (field_key in taken and field_key not in multiple):
            continue
        mapping[index] = field_key
        reasons[index] = reason
        taken.add(field_key)
    if set(mapping.values()) <= {"details"}:
        return ColumnGuess({}, {})  # no column names a field: this is not the header row
    return ColumnGuess(mapping, reasons)


def _risk_content(
    text: str,
    field_key: str | None,
    reason: str,
    values: Sequence[object],
    levels: set[str],
    taken: set[str],
    ignored_reason: str | None,
) -> tuple[str | None, str]:
    """A risk column's field once its values are seen: (field or None, reason code)."""
    level_like = _all(values, lambda v: _word(v) in levels)
    small_numbers = _all(values, lambda v: _is_number(v) and 0 < float(str(v).strip()) <= 10)
    long_text = any(isinstance(v, str) and len(v.strip()) > _LONG_TEXT for v in values)
    words_header = text.split()
    if field_key is not None and field_key.endswith("_level"):
        if values and not level_like:
            return None, "ignored"  # scores or formulas: calculated by OpsDesk
        return field_key, "level_names"
    if field_key == "consequence" or (
        field_key is not None and field_key.endswith("_impact") and "financial" not in field_key
    ):
        impact_key = field_key if field_key != "consequence" else "inherent_impact"
        if values and (level_like or small_numbers) and impact_key not in taken:
            return impact_key, "impact_levels" if field_key == "consequence" else reason
        if long_text:
            return ("consequence", "long_text") if "consequence" not in taken else (None, "ignored")
        return field_key, reason
    if field_key == "code":
        if values and not _all(values, lambda v: bool(_OPSDESK_CODE.match(str(v).strip()))):
            return "reference", "own_ids"
        return field_key, reason
    if field_key == "reference":
        if (
            values
            and _all(values, lambda v: bool(_OPSDESK_CODE.match(str(v).strip())))
            and "code" not in taken
        ):
            return "code", "opsdesk_codes"
        if values and small_numbers:
            return "reference", "row_numbers"
        return field_key, reason
    if (
        field_key is None
        and ignored_reason is None
        and words_header
        and words_header[-1] in ("risk", "rating")
    ):
        return (None, "ignored") if values and not level_like else (None, "")
    return field_key, reason


def guess_mapping(
    headers: Sequence[object],
    target: str = "risks",
    *,
    session: Session | None = None,
    rows: Sequence[Sequence[object]] | None = None,
) -> dict[int, str]:
    """Column index (0-based) -> field key, guessed from the header texts (and the values, given rows)."""
    return guess_columns(headers, target, session=session, rows=rows).mapping


def ignored_columns(
    headers: Sequence[object], mapping: Mapping[int, str], target: str = "risks"
) -> dict[int, str]:
    """Why each column with a header is left out: duplicate, calculated, or unknown (in the language of the moment)."""
    from opsdesk.domain.catalogue import message

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

            reasons[index] = message(
                "import.ignored.same_header", {"column": get_column_letter(first_of[text] + 1)}
            )
            continue
        field_key, reason = _match(text, words, ignored)
        if reason:
            reasons[index] = message(f"import.ignored.{reason}")
        elif field_key is not None:
            reasons[index] = message("import.ignored.elsewhere", {"field": field_label(target, field_key)})
        else:
            reasons[index] = message("import.ignored.no_field")
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
        if field_key is not None and not field_key.endswith("_level"):
            fields.add(field_key)
        elif reason is not None or field_key is not None:
            recognised += 1  # a stated level is as telling as a calculated column: a legend has them too
    return len(fields) + (1 if recognised else 0)
