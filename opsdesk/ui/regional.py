"""The user's regional format from QLocale, for the Qt-free rules in opsdesk.domain.regional."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject
from PySide6.QtGui import QValidator

from opsdesk.domain.regional import (
    ISO_DATE_PATTERN,
    SPREADSHEET_TEXT,
    RegionalFormat,
    format_number,
    fraction_digits,
)

# What may appear while a number is being typed, besides digits and the locale's separators.
_NUMBER_CHARACTERS = set("0123456789+-eE.,' \u00a0\u202f\u2212")


def regional_format(locale: QLocale | None = None) -> RegionalFormat:
    """The decimal and group separators and short date pattern of a locale (default: QLocale())."""
    locale = locale if locale is not None else QLocale()
    if locale.language() == QLocale.Language.C:
        return SPREADSHEET_TEXT
    short_date = locale.dateFormat(QLocale.FormatType.ShortFormat)
    try:
        return RegionalFormat(locale.decimalPoint(), locale.groupSeparator(), short_date)
    except ValueError:
        # A locale whose short date is not day, month and year in numbers: ISO dates instead.
        try:
            return RegionalFormat(locale.decimalPoint(), locale.groupSeparator(), ISO_DATE_PATTERN)
        except ValueError:
            return SPREADSHEET_TEXT


class RegionalNumberValidator(QValidator):
    """Lets through what the regional rules read as a number with at most `decimals` places.

    Unlike QDoubleValidator it accepts what parse_number accepts (a dot typed on a German
    keyboard, "1,5" in English), so a typed value is never refused by one rule and read by another.
    """

    def __init__(self, decimals: int, parent: QObject | None = None, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self.decimals = decimals
        if locale is not None:
            self.setLocale(locale)

    def regional(self) -> RegionalFormat:
        return regional_format(self.locale())

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:  # type: ignore[override]
        regional = self.regional()
        allowed = _NUMBER_CHARACTERS | {regional.decimal, regional.group}
        if any(ch not in allowed for ch in text):
            return QValidator.State.Invalid, text, position
        digits = fraction_digits(text, regional)
        if digits is None:
            return QValidator.State.Intermediate, text, position  # "", "-", "1e", "1.234.5" while typing
        if digits > self.decimals:
            return QValidator.State.Invalid, text, position
        return QValidator.State.Acceptable, text, position


def display_number(value: float | None, *, grouping: bool = False, decimals: int | None = None) -> str:
    """A number in the user's regional format, as the editors show it (15 significant digits)."""
    return format_number(value, regional_format(), grouping=grouping, decimals=decimals)
