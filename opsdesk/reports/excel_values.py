"""Turning the values people type into spreadsheets into OpsDesk values, or a clear message.

Each parser returns the value or raises `CellValueError`: a catalogue code and its parameters,
the part of the message that follows "Row 5, column D (Likelihood): ", e.g. "7 is outside the
matrix (1 to 5).", made in the language of the moment when it is shown.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from opsdesk.domain import regional
from opsdesk.domain.catalogue import Term

# Excel's serial day numbers: 1 is 1900-01-01, 2958465 is 9999-12-31 (1900 date system).
_EXCEL_EPOCH = date(1899, 12, 30)
_MAX_SERIAL = 2_958_465


class CellValueError(ValueError):
    """A cell value that cannot become the field's value: a catalogue code ("import.value.not_date") and its
    parameters; str() is the sentence in the language of the moment."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        from opsdesk.domain.catalogue import message

        return message(self.code, self.params)


# What a value should have been, as the import's sentences name it ("a number", "数字").
_WHAT = {
    "a number": "number",
    "a percentage": "percentage",
    "an amount": "amount",
    "a risk status": "risk_status",
    "a response strategy": "strategy",
    "an identification source": "source",
    "risk category": "category",
}


def what_term(what: str) -> Term:
    """The noun of an import sentence: a key of the catalogue's "import_word" group (or its English phrase)."""
    return Term("import_word", _WHAT.get(what, what))


def shown(value: object) -> str:
    """A value as the message quotes it: text in quotes, whole floats without ".0"."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"'{text}'"
    if isinstance(value, float) and value.is_integer():
        return _short(str(int(value)))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return _short(str(value))


def _short(text: str) -> str:
    # A 300-digit number makes no better message than its first digits.
    return text if len(text) <= 40 else text[:37] + "..."


def normalize_word(text: str) -> str:
    """Half-width, lower-case, single-spaced text, for comparing words such as levels and statuses."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().replace("_", " ").split())


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: object) -> str:
    """Any cell as text: whole numbers without ".0", dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _fits_float(value: int | float) -> bool:
    """Finite, and small enough for a float (a hand-made file can hold a 400-digit integer)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def parse_number(value: object, what: str = "a number") -> float:
    """A finite number from a number cell or text such as "4.0", "1,250.5", "1,5" or "12%"."""
    if isinstance(value, bool):
        raise CellValueError("import.value.not_a", value=shown(value), what=what_term(what))
    if isinstance(value, int | float):
        if not _fits_float(value):
            raise CellValueError("import.value.not_a", value=shown(value), what=what_term(what))
        return float(value)
    if isinstance(value, str):
        # Commas group thousands ("1,250.5"), except a lone comma not followed by exactly three
        # digits, which is a decimal comma ("1,5" is 1.5): the rules of opsdesk.domain.regional.
        text = unicodedata.normalize("NFKC", value).strip().removesuffix("%")
        try:
            number = regional.parse_number(text, regional.SPREADSHEET_TEXT)
        except ValueError:
            number = None
        if number is not None:
            return number
    raise CellValueError("import.value.not_a", value=shown(value), what=what_term(what))


# Generic level words, by matrix size, for registers that rate in words rather than numbers.
_SCALE_WORDS: dict[int, tuple[tuple[str, ...], ...]] = {
    3: (("low", "低"), ("medium", "moderate", "中", "中等", "一般"), ("high", "高")),
    5: (
        ("very low", "minimal", "negligible", "很低", "极低", "非常低"),
        ("low", "minor", "低", "较低"),
        ("medium", "moderate", "中", "中等", "一般"),
        ("high", "major", "高", "较高"),
        ("very high", "critical", "extreme", "很高", "极高", "非常高"),
    ),
}
_LIKELIHOOD_WORDS_5 = (
    ("rare", "very unlikely", "罕见", "几乎不可能", "极不可能"),
    ("unlikely", "不太可能", "不大可能", "不可能"),
    ("possible", "moderate", "可能", "有可能"),
    ("likely", "probable", "很可能", "较可能"),
    ("almost certain", "certain", "very likely", "几乎确定", "基本确定", "肯定"),
)
_IMPACT_WORDS_5 = (
    ("insignificant", "negligible", "轻微", "可忽略"),
    ("minor", "较小", "较轻"),
    ("moderate", "中等"),
    ("major", "significant", "重大", "较大"),
    ("severe", "catastrophic", "extreme", "严重", "灾难性"),
)


def level_words(labels: Sequence[str], axis: str) -> dict[str, int]:
    """Word -> level number for one axis of a matrix: its own labels first, then common scales."""
    words: dict[str, int] = {}
    for number, text in enumerate(labels, start=1):
        words.setdefault(normalize_word(text), number)
    count = len(labels)
    extra = [_SCALE_WORDS.get(count, ())]
    if count == 5:
        extra.insert(0, _LIKELIHOOD_WORDS_5 if axis == "likelihood" else _IMPACT_WORDS_5)
    for scale in extra:
        for number, synonyms in enumerate(scale, start=1):
            for synonym in synonyms:
                words.setdefault(normalize_word(synonym), number)
    return words


_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.0+)?)\s*(?:[-–—:.)（(]|$)")


def parse_level(
    value: object, words: Mapping[str, int], maximum: int, axis: str, labels: Sequence[str]
) -> int:
    """A likelihood or impact level 1..maximum from a number, "4.0", "4 - Likely" or a word."""

    def outside(number: float | int) -> CellValueError:
        return CellValueError("import.value.outside", value=shown(number), maximum=maximum)

    axis = "impact" if axis == "impact" else "likelihood"
    if isinstance(value, bool):
        raise CellValueError(f"import.value.not_{axis}", value=shown(value))
    if isinstance(value, int | float):
        if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
            raise CellValueError("import.value.not_whole", value=shown(value), maximum=maximum)
        number = int(value)
        if not 1 <= number <= maximum:
            raise outside(number)
        return number
    if isinstance(value, str):
        text = value.strip()
        try:
            return parse_level(float(text), words, maximum, axis, labels)
        except ValueError as exc:
            if isinstance(exc, CellValueError) and _looks_numeric(text):
                raise
        found = words.get(normalize_word(text))
        if found is not None and found <= maximum:
            return found
        match = _LEADING_NUMBER.match(text)
        if match:
            return parse_level(float(match.group(1)), words, maximum, axis, labels)
    choices = [Term("matrix_name", label) for label in labels]  # the seeded names in the user's language
    raise CellValueError(f"import.value.not_{axis}_use", value=shown(value), maximum=maximum, choices=choices)


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_CHINESE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
_NAMED_FORMATS = (
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%b %d %Y",
    "%B %d %Y",
)


def day_first_order(values: Sequence[object]) -> bool:
    """Whether a column's dd/mm texts are day first (the default) or month first (US style)."""
    month_first_seen = day_first_seen = False
    for value in values:
        if not isinstance(value, str):
            continue
        match = _DMY.match(value.strip())
        if match:
            first, second = int(match.group(1)), int(match.group(2))
            day_first_seen |= first > 12
            month_first_seen |= second > 12
    return not (month_first_seen and not day_first_seen)


def parse_date(value: object, *, day_first: bool = True) -> date:
    """A date from a date cell, an Excel serial number, or text (ISO, dd/mm/yyyy, 2026年5月31日...)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellValueError("import.value.not_date", value=shown(value))
    if isinstance(value, int | float):
        if 1 <= value <= _MAX_SERIAL:  # false for nan; no float conversion of a huge int
            # Serial 60 is Excel's phantom 29 Feb 1900; dates from March 1900 on are exact.
            return _EXCEL_EPOCH + timedelta(days=int(value) if value >= 61 else int(value) + 1)
        raise CellValueError("import.value.not_date", value=shown(value))
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        try:
            if match := _ISO.match(text):
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if match := _DMY.match(text):
                first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
                return date(year, second, first) if day_first else date(year, first, second)
            if match := _CHINESE.match(text):
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            raise CellValueError("import.value.bad_date", value=shown(value)) from None
        for pattern in _NAMED_FORMATS:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    raise CellValueError("import.value.not_date", value=shown(value))


def parse_choice(value: object, words: Mapping[str, str], what: str, choices: Sequence[str] | Term) -> str:
    """A stored code from a word the user typed (English or Chinese, any case).

    `choices` are the words the message suggests: labels, or a catalogue group (Term.choices_of)."""
    text = normalize_word(parse_text(value))
    found = words.get(text)
    if found is None:
        listed = choices if isinstance(choices, Term) else list(choices)
        raise CellValueError(
            "import.value.not_a_choice", value=shown(value), what=what_term(what), choices=listed
        )
    return found


def words_for(codes_to_synonyms: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Word -> code from {code: [synonyms]}; the code itself and its spaced form count too."""
    words: dict[str, str] = {}
    for code, synonyms in codes_to_synonyms.items():
        for synonym in (code, code.replace("_", " "), *synonyms):
            words.setdefault(normalize_word(synonym), code)
    return words


STATUS_WORDS = words_for({
    "identified": ("Identified", "open", "new", "draft", "raised", "not started", "not yet started", "to do", "todo",
                   "pending", "未开始", "待处理", "打开", "开放", "识别", "已识别", "新建", "新增", "待评估"),
    "assessed": ("Assessed", "analysed", "analyzed", "evaluated", "评估", "已评估", "评估中"),
    "treating": ("Treating", "in progress", "in treatment", "started", "under treatment", "being treated", "treatment", "mitigating", "ongoing", "action",
                 "应对中", "处理中", "处置中", "进行中", "整改中"),
    "monitoring": ("Monitoring", "monitor", "monitored", "mitigated", "treated", "on hold", "paused", "deferred",
                   "已缓解", "已处置", "暂停", "搁置", "controlled", "under control", "监控", "监控中",
                   "监测", "持续监控"),
    "closed": ("Closed", "resolved", "done", "eliminated", "no longer applicable", "已解决", "retired", "complete", "completed", "关闭", "已关闭", "结束", "已完成"),
})  # fmt: skip
STRATEGY_WORDS = words_for({
    "avoid": ("Avoid", "avoidance", "terminate", "eliminate", "规避", "回避", "避免", "风险规避"),
    "reduce": ("Reduce", "reduction", "mitigate", "mitigation", "treat", "control", "降低", "减轻", "控制",
               "缓解", "减少", "风险降低", "modify", "treatment"),
    "transfer": ("Transfer", "share", "insure", "insurance", "outsource", "转移", "分担", "共担", "转嫁", "风险转移"),
    "accept": ("Accept", "acceptance", "tolerate", "retain", "接受", "承受", "保留", "自留", "风险接受"),
})  # fmt: skip
SOURCE_WORDS = words_for({
    "internal_audit": ("Internal audit", "audit", "内部审计", "审计", "内部审核"),
    "data_analysis": ("Data analysis", "analysis", "数据分析"),
    "market_research": ("Market research", "market study", "市场调研", "市场研究"),
    "incident": ("Incident", "event", "事件", "事故"),
    "workshop": ("Workshop", "brainstorming", "研讨会", "头脑风暴", "工作坊"),
    "other": ("Other", "其他", "其它"),
})  # fmt: skip

# Names of the seeded categories and departments in other words (Chinese registers above all).
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "strategic": ("strategy", "战略", "战略风险"),
    "market": ("marketing", "commercial", "市场", "市场风险"),
    "operational": ("operations", "operation", "运营", "运营风险", "经营", "经营风险", "操作风险"),
    "technical": ("technology", "it", "技术", "技术风险"),
    "financial": ("finance", "财务", "财务风险"),
    "legal": (
        "legal",
        "compliance",
        "regulatory",
        "legal and compliance",
        "法律",
        "合规",
        "法律合规",
        "法律合规风险",
        "合规风险",
        "法律风险",
    ),
    "infosec": (
        "information security",
        "cyber",
        "cybersecurity",
        "cyber security",
        "信息安全",
        "信息安全风险",
        "网络安全",
    ),
    "people": ("hr", "human resources", "personnel", "人员", "人员风险", "人力资源", "人力资源风险", "人事"),
}
DEPARTMENT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "operations": ("ops", "production", "运营部", "运营", "生产部"),
    "marketing": ("市场部", "市场", "营销部", "市场营销部"),
    "sales": ("销售部", "销售"),
    "product": ("product management", "产品部", "产品"),
    "technology": ("it", "tech", "engineering", "技术部", "技术", "信息技术部", "研发部"),
    "human resources": ("hr", "people", "人力资源部", "人力资源", "人事部"),
    "finance": ("accounting", "财务部", "财务"),
}


def match_named(
    value: object, items: Sequence[tuple[int, str, str]], synonyms: Mapping[str, Sequence[str]], what: str
) -> int:
    """The id of a department or category from its name, code or a known synonym."""
    text = normalize_word(parse_text(value))
    by_word: dict[str, int] = {}
    for item_id, name, code in items:
        by_word.setdefault(normalize_word(name), item_id)
        by_word.setdefault(normalize_word(code), item_id)
    for item_id, name, code in items:
        for key in (normalize_word(code), normalize_word(name)):
            for synonym in synonyms.get(key, ()):
                by_word.setdefault(normalize_word(synonym), item_id)
    found = by_word.get(text)
    if found is None:
        # "Operations department", "运营部门": the same name with a generic suffix.
        stripped = re.sub(r"(\s*(department|dept|team|division|category|risks?)|部门|部|风险)$", "", text)
        found = by_word.get(stripped)
    if found is None:
        names = [name for _id, name, _code in items]
        raise CellValueError("import.value.no_such", what=what_term(what), value=shown(value), names=names)
    return found


# Words that mean no status of OpsDesk's own: the preview says which status they became.
APPROXIMATE_STATUS_WORDS = frozenset(
    normalize_word(w) for w in ("on hold", "paused", "deferred", "暂停", "搁置")
)
_SEPARATORS = re.compile(r"\s*(?:[/,;&+|、，；\n]|\band\b|\bor\b|和|及)\s*")


def parse_first_choice(value: object, words: Mapping[str, str]) -> tuple[str, tuple[str, ...]] | None:
    """A cell naming several choices ("Reduce / Transfer"): the first known one, and the other words."""
    parts = [part for part in _SEPARATORS.split(parse_text(value)) if part.strip()]
    if len(parts) < 2:
        return None
    for position, part in enumerate(parts):
        found = words.get(normalize_word(part))
        if found is not None:
            return found, tuple(parts[:position] + parts[position + 1 :])
    return None


def add_words(words: dict[str, str], labels: Mapping[str, str]) -> dict[str, str]:
    """More words for the same codes (a language's labels: {code: label})."""
    for code, text in labels.items():
        words.setdefault(normalize_word(text), code)
    return words


def _with_labels() -> None:
    """Every label OpsDesk itself shows (catalogue, English and Chinese exports) reads back as its code."""
    from opsdesk.domain.catalogue import en, zh_CN
    from opsdesk.reports import excel_text, excel_text_zh

    for words, group in (
        (STATUS_WORDS, "risk_status"),
        (STRATEGY_WORDS, "strategy"),
        (SOURCE_WORDS, "source"),
    ):
        for table in (en.CHOICES, zh_CN.CHOICES, excel_text.LABELS, excel_text_zh.LABELS):
            add_words(words, table.get(group, {}))


_with_labels()
