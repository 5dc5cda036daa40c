"""The errors that services and domain rules raise: codes with parameters, never sentences.

A problem is (field, code, parameters); an error is a code with parameters. The words are
made when the error is shown, by the catalogue of the language of the moment
(`opsdesk.domain.catalogue`), so the GUI, the command line, the import preview and the
tests all see the same codes, and a Chinese user reads Chinese everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: which field (of which record), what, and the numbers."""

    field: str  # the field's key ("title", "residual.likelihood"); "" for the record as a whole
    code: str  # a catalogue code ("required", "too_long", "risk.acceptance_needs_approver")
    params: Mapping[str, Any] = field(default_factory=dict)
    record: str = ""  # whose field table names `field` ("risk"), for the field's label

    def message(self, language: str | None = None) -> str:
        """The sentence in a language (the current one by default)."""
        from opsdesk.domain.catalogue import Term, message

        params = dict(self.params)
        if self.record and self.field:
            params.setdefault("field", Term.field(self.record, self.field))
        return message(self.code, params, language)

    def field_name(self, language: str | None = None) -> str:
        """The field's label ('' for a problem of the whole record)."""
        from opsdesk.domain.catalogue import field_label

        return field_label(self.record, self.field, language) if self.record and self.field else ""

    def within(self, prefix: str) -> Problem:
        """The same problem under a prefixed field ("likelihood" -> "residual.likelihood").

        The sentence still names the field itself ("Likelihood must be..."); the prefix says
        where it is (which assessment, which row of a grid).
        """
        params = dict(self.params)
        if self.record and self.field:
            from opsdesk.domain.catalogue import Term

            params.setdefault("field", Term.field(self.record, self.field))
        return Problem(f"{prefix}{self.field}", self.code, params, self.record)


class OpsDeskError(Exception):
    """Base of every error meant to be shown to a user: a catalogue code and its parameters."""

    def __init__(self, code: str = "", /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self, language: str | None = None) -> str:
        from opsdesk.domain.catalogue import message

        return message(self.code, self.params, language)

    def __str__(self) -> str:
        return self.message()


class ValidationError(OpsDeskError):
    """Invalid input: one or more problems; nothing was written."""

    def __init__(
        self, problems: Problem | Iterable[Problem] | Mapping[str, str] | str, /, field: str = ""
    ) -> None:
        if isinstance(problems, str):  # one code (or a sentence not yet in the catalogue) for one field
            problems = Problem("" if field == "__all__" else field, problems)
        if isinstance(problems, Mapping):  # {field: code}, for rules with no parameters
            problems = [Problem("" if key == "__all__" else key, code) for key, code in problems.items()]
        self.problems: tuple[Problem, ...] = (problems,) if isinstance(problems, Problem) else tuple(problems)
        super().__init__("invalid")

    @property
    def errors(self) -> dict[str, str]:
        """Field ("__all__" for the whole record) -> the sentence of its first problem, now."""
        sentences: dict[str, str] = {}
        for problem in self.problems:
            sentences.setdefault(problem.field or "__all__", problem.message())
        return sentences

    def fields(self) -> set[str]:
        return {problem.field for problem in self.problems}

    def codes(self) -> dict[str, str]:
        """Field -> code of its first problem (what tests and callers branch on)."""
        found: dict[str, str] = {}
        for problem in self.problems:
            found.setdefault(problem.field or "__all__", problem.code)
        return found

    def message(self, language: str | None = None) -> str:
        from opsdesk.domain.catalogue import message, names_the_field

        parts = []
        for problem in self.problems:
            text = problem.message(language)
            name = "" if names_the_field(problem.code) else problem.field_name(language)
            parts.append(
                message("problems.field_prefix", {"field": name, "text": text}, language) if name else text
            )
        return message("problems.separator", None, language).join(dict.fromkeys(parts))


class NotFoundError(OpsDeskError):
    """The record asked for does not exist."""


class ConflictError(OpsDeskError):
    """Someone else changed the record since it was loaded (optimistic locking)."""

    def __init__(self, code: str, /, *, current: object | None = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.current = current


class DatabaseError(OpsDeskError):
    """The database cannot be opened or used (not a database, corrupt, too new...)."""


class PermissionDeniedError(DatabaseError):
    """The database server refused a change that the signed-in role may not make."""


class PasswordRequiredError(DatabaseError):
    """The database server asks for a password that was not given, or refused the one given."""

    def __init__(self, code: str, /, *, wrong: bool = False, **params: Any) -> None:
        super().__init__(code, **params)
        self.wrong = wrong


class FieldErrors:
    """Collects the problems of one input while validating, then raises them all at once."""

    def __init__(self, record: str = "") -> None:
        self.record = record
        self.problems: list[Problem] = []

    def add(self, field: str, code: str, /, **params: Any) -> None:
        """Note a problem; a field keeps its first problem only."""
        if field not in self:
            self.problems.append(Problem(field, code, params, self.record))

    def extend(self, problems: Iterable[Problem], prefix: str = "") -> None:
        for problem in problems:
            problem = problem.within(prefix) if prefix else problem
            if problem.field not in self:
                self.problems.append(problem)

    def merge(self, error: ValidationError, prefix: str = "") -> None:
        self.extend(error.problems, prefix)

    def __contains__(self, field: object) -> bool:
        return any(problem.field == field for problem in self.problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    @property
    def errors(self) -> dict[str, str]:
        """Field -> sentence of its problem (for rules not yet moved to codes)."""
        return ValidationError(self.problems).errors if self.problems else {}

    def require_text(self, field: str, value: str | None, label: str, max_length: int = 200) -> str:
        """Legacy check of a required text named by an English phrase (being replaced by field tables)."""
        text = (value or "").strip()
        if not text:
            self.add(field, "required", field=label)
        elif len(text) > max_length:
            self.add(field, "too_long", field=label, count=len(text), limit=max_length)
        return text

    def check_choice(
        self, field: str, value: str | None, choices: type, label: str, optional: bool = False
    ) -> None:
        """Legacy check of a code against an enum, named by an English phrase (being replaced)."""
        if value is None and optional:
            return
        if value not in [member.value for member in choices]:  # type: ignore[attr-defined]
            listed = ", ".join(member.value for member in choices)  # type: ignore[attr-defined]
            self.add(field, "not_a_choice", field=label, value=value, choices=listed)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)
