"""One catalogue per language turns codes into words: problems, field names, labels of codes.

The core never writes a sentence for the user: it raises problems as (field, code,
parameters) and stores stable codes ("reduce", "in_progress"). The GUI, the command line,
the import preview, Check register and the Excel export ask this module for the words, in
the language of the moment:

    set_language("zh_CN")                      # the process's language (GUI start-up, --language)
    with use_language("en"): ...               # one thread's work in another language (an export)
    message("required", {"field": Term.field("risk", "title")})  -> "标题为必填项。"
    choice_label("risk_status", "treating")    -> "处置中"
    field_label("risk", "owner")               -> "责任人"

English field names live in the field tables (`opsdesk.domain.records`); every other text is
in `en.py` and `zh_CN.py`, keyed alike. A key missing in Chinese falls back to English (a
test keeps the Chinese catalogue complete).
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from types import ModuleType

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)

_process_language = [ENGLISH]
# A worker (the export in the workbook's language) may answer in another language than the GUI.
_thread_language: ContextVar[str | None] = ContextVar("catalogue_language", default=None)


class UnknownCodeWarning(UserWarning):
    """A problem or label code that the English catalogue does not know (a programming slip)."""


@dataclass(frozen=True, slots=True)
class Term:
    """A parameter translated when the sentence is made: a field's name, a code's label, a record's name."""

    group: str  # "field:<record>", "record", "choices", or a choice group such as "risk_status"
    code: str

    @classmethod
    def choices_of(cls, group: str) -> Term:
        """Every label of a choice group, listed ("planned, in progress, done")."""
        return cls("choices", group)

    @classmethod
    def field(cls, record: str, key: str) -> Term:
        return cls(f"field:{record}", key)

    @classmethod
    def record(cls, name: str) -> Term:
        return cls("record", name)

    def text(self, language: str | None = None) -> str:
        if self.group.startswith("field:"):
            return field_noun(self.group.removeprefix("field:"), self.code, language)
        if self.group == "record":
            return record_label(self.code, language)
        if self.group == "choices":
            separator = "、" if (language or _now()) == "zh_CN" else ", "
            return separator.join(label for _, label in choices(self.code, language))
        return choice_label(self.group, self.code, language)


def language() -> str:
    """The language sentences are made in now ("en" or "zh_CN")."""
    return _thread_language.get() or _process_language[0]


_now = language  # for functions whose parameter is called `language`


def set_language(chosen: str | None) -> str:
    """Make `chosen` the process's language (unknown ones mean English); return it."""
    _process_language[0] = chosen if chosen in LANGUAGES else ENGLISH
    return _process_language[0]


@contextlib.contextmanager
def use_language(chosen: str | None) -> Iterator[str]:
    """Within the block, and on this thread only, answer in `chosen`."""
    token = _thread_language.set(chosen if chosen in LANGUAGES else ENGLISH)
    try:
        yield language()
    finally:
        _thread_language.reset(token)


def _tables(chosen: str | None) -> tuple[ModuleType, ...]:
    from opsdesk.domain.catalogue import en

    if (chosen or _now()) == CHINESE:
        from opsdesk.domain.catalogue import zh_CN

        return zh_CN, en
    return (en,)


def message(code: str, params: Mapping[str, object] | None = None, language: str | None = None) -> str:
    """The sentence of a problem code with its parameters filled in."""
    template = None
    # A sentence with a count of one may have its own form ("1 problem"), keyed "<code>#one".
    keys = (f"{code}#one", code) if (params or {}).get("count") == 1 else (code,)
    for table in _tables(language):
        template = next((table.MESSAGES[key] for key in keys if key in table.MESSAGES), None)
        if template is not None:
            break
    if template is None:
        if " " in code:  # a sentence written before the catalogue existed: shown as it is
            return code
        warnings.warn(f"No catalogue message for {code!r}", UnknownCodeWarning, stacklevel=2)
        return code
    values = {key: show_value(value, language) for key, value in (params or {}).items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        warnings.warn(
            f"Message {code!r} does not fit its parameters {sorted(values)}", UnknownCodeWarning, stacklevel=2
        )
        return template


def names_the_field(code: str) -> bool:
    """Whether a problem's sentence already names its field (so a list need not prefix it)."""
    from opsdesk.domain.catalogue import en

    return "{field}" in en.MESSAGES.get(code, "")


def choice_label(group: str, code: str | None, language: str | None = None) -> str:
    """The label of a stored code ("" for None; an unknown code is shown as it is stored)."""
    if code is None:
        return ""
    for table in _tables(language):
        found = table.CHOICES.get(group, {}).get(code)
        if found is not None:
            return found
    return str(code)


def choices(group: str, language: str | None = None) -> list[tuple[str, str]]:
    """(code, label) pairs of a choice group in their natural order, for combo boxes."""
    from opsdesk.domain.catalogue import en

    return [(code, choice_label(group, code, language)) for code in en.CHOICES[group]]


def field_label(record: str, key: str, language: str | None = None) -> str:
    """A field's name as forms, messages, the audit trail and Excel headers show it."""
    from opsdesk.domain.records import field_english_label

    for table in _tables(language):
        found = getattr(table, "FIELDS", {}).get(f"{record}.{key}")
        if found is not None:
            return found
    english = field_english_label(record, key)
    if english is not None:
        return english
    scope, _, rest = key.partition(".")
    if rest:  # "residual.likelihood": the kind of assessment, then its field
        return f"{choice_label('assessment_kind', scope, language)} · {field_label('assessment', rest, language)}"
    return key


def field_noun(record: str, key: str, language: str | None = None) -> str:
    """How a sentence names a field: its English noun ("The identification date") or its label."""
    from opsdesk.domain.catalogue import en

    if (language or _now()) == ENGLISH and f"{record}.{key}" in en.NOUNS:
        return en.NOUNS[f"{record}.{key}"]
    return field_label(record, key, language)


def record_label(name: str, language: str | None = None) -> str:
    """A kind of record as a sentence names it ("risk", "风险")."""
    return choice_label("record", name, language)


def text(key: str, language: str | None = None, **params: object) -> str:
    """A fixed text (a heading, a summary line) with its placeholders filled in."""
    return message(key, params, language)


def show_value(value: object, language: str | None = None) -> str:
    """How a parameter reads inside a sentence."""
    if isinstance(value, Term):
        return value.text(language)
    from opsdesk.domain.errors import OpsDeskError

    # An error named inside another's sentence ("Nothing was restored: ...") speaks the same language.
    if isinstance(value, OpsDeskError):
        return value.message(language)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else f"{value:.6g}"
    if isinstance(value, (list, tuple)):
        separator = "、" if (language or _now()) == CHINESE else ", "
        return separator.join(show_value(item, language) for item in value)
    return str(value)
