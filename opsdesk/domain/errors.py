"""The errors that services and domain rules raise for the user to read."""

from __future__ import annotations


class OpsDeskError(Exception):
    """Base of every error meant to be shown to a user as one clear message."""


class ValidationError(OpsDeskError):
    """Invalid input: carries one message per field; nothing was written."""

    def __init__(self, errors: dict[str, str] | str, field: str = "__all__") -> None:
        if isinstance(errors, str):
            errors = {field: errors}
        self.errors: dict[str, str] = dict(errors)
        super().__init__(self.summary())

    def summary(self) -> str:
        parts = [msg if key == "__all__" else f"{key}: {msg}" for key, msg in self.errors.items()]
        return "; ".join(parts)


class NotFoundError(OpsDeskError):
    """The record asked for does not exist."""


class ConflictError(OpsDeskError):
    """Someone else changed the record since it was loaded (optimistic locking)."""

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current


class DatabaseError(OpsDeskError):
    """The database cannot be opened or used (not a database, corrupt, too new...)."""


class PermissionDeniedError(DatabaseError):
    """The database server refused a change that the signed-in role may not make."""


class PasswordRequiredError(DatabaseError):
    """The database server asks for a password that was not given, or refused the one given."""

    def __init__(self, message: str, *, wrong: bool = False) -> None:
        super().__init__(message)
        self.wrong = wrong


class FieldErrors:
    """Collects field messages while validating, then raises them all at once."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def require_text(self, field: str, value: str | None, label: str, max_length: int = 200) -> str:
        text = (value or "").strip()
        if not text:
            self.add(field, f"{label} is required.")
        elif len(text) > max_length:
            self.add(field, f"{label} is too long ({len(text)} characters; at most {max_length}).")
        return text

    def check_choice(self, field: str, value: str | None, choices: type, label: str, optional: bool = False) -> None:
        if value is None and optional:
            return
        allowed = [member.value for member in choices]
        if value not in allowed:
            self.add(field, f"{label} must be one of {', '.join(allowed)} (got {value!r}).")

    def merge(self, error: ValidationError, prefix: str = "") -> None:
        for field, message in error.errors.items():
            self.add(f"{prefix}{field}", message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
