"""Numbers and dates as people type and read them in their regional format, Qt-free.

A `RegionalFormat` holds a locale's decimal and group separators and its short date
pattern (Qt's notation: "dd.MM.yy", "M/d/yy", "yyyy/M/d"). The UI builds one from QLocale;
the importer uses `SPREADSHEET_TEXT`. Display and parsing go through the same format, so a
number shown in a field reads back as the same number: in German "0,025" is 0.025 and
"1.500" is 1500, and nowhere is a value multiplied by 1000 by being opened and saved.

Parsing is lenient where it cannot be wrong: the locale's reading comes first, then the
dot-decimal one ("0.025" typed on a German keyboard; a leading "0." is never a thousands
group), then a comma as the decimal separator when it cannot be a thousands separator
("1,5" is 1.5; "1,500" stays fifteen hundred).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

#: Significant digits shown for a stored float: all a double holds reliably.
SIGNIFICANT_DIGITS = 15
ISO_DATE_PATTERN = "yyyy-MM-dd"

_SPACES = {" ", "\u00a0", "\u202f", "\u2009", "\u2007", "\t"}
_MINUS_SIGNS = {"-", "\u2212", "\u2012", "\u2013"}
_APOSTROPHES = {"'", "\u2019"}
_EXPONENT = re.compile(r"^(?P<mantissa>.*?)[eE](?P<exponent>[+-]?\d+)$")
_DATE_FIELD = re.compile(r"y+|M+|d+")


@dataclass(frozen=True, slots=True)
class RegionalFormat:
    """A locale's decimal and group separators and its short date pattern (Qt notation)."""

    decimal: str = "."
    group: str = ","
    short_date: str = ISO_DATE_PATTERN

    def __post_init__(self) -> None:
        if len(self.decimal) != 1 or len(self.group) != 1 or self.decimal == self.group:
            raise ValueError(
                f"separators must be two different characters (got {self.decimal!r}, {self.group!r})"
            )
        if self.date_order() is None:
            raise ValueError(f"{self.short_date!r} is not a short date pattern with day, month and year")

    def date_order(self) -> str | None:
        """The order of the date's fields, e.g. "dmy" for "dd.MM.yy"; None when one is missing."""
        order = "".join(token[0].lower() for token in _DATE_FIELD.findall(self.short_date))
        return order if sorted(order) == ["d", "m", "y"] else None


#: Dot decimals, comma groups: the C locale, and how numbers usually sit in spreadsheet text.
SPREADSHEET_TEXT = RegionalFormat(".", ",", ISO_DATE_PATTERN)


# Numbers -----------------------------------------------------------------------------------


def _normalized(text: str, regional: RegionalFormat) -> str:
    """Half-width digits, no spaces (a space-like group separator is only a space), one minus sign."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        "-" if ch in _MINUS_SIGNS else ("'" if ch in _APOSTROPHES else ch) for ch in text if ch not in _SPACES
    )
    return text


def _group(regional: RegionalFormat) -> str | None:
    """The group separator as it is left after normalising (None: spaces, already removed)."""
    if regional.group in _SPACES:
        return None
    return "'" if regional.group in _APOSTROPHES else regional.group


def _read(text: str, decimal: str, group: str | None) -> tuple[float, int] | None:
    """(value, digits after the decimal separator) when `text` is a number with these separators."""
    sign = ""
    if text[:1] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    exponent = "0"
    match = _EXPONENT.match(text)
    if match:
        text, exponent = match["mantissa"], match["exponent"]
    if text.count(decimal) > 1:
        return None
    whole, _, fraction = text.partition(decimal)
    if not fraction.isdigit() and fraction != "":
        return None
    if group is not None and group in whole:
        groups = whole.split(group)
        first = groups[0]
        # 1.234.567: a first group of one to three digits, then groups of three; "0.025" is no group.
        if not (first.isdigit() and 1 <= len(first) <= 3 and first[0] != "0"):
            return None
        if not all(len(part) == 3 and part.isdigit() for part in groups[1:]):
            return None
        whole = "".join(groups)
    if whole and not whole.isdigit():
        return None
    if not whole and not fraction:
        return None
    try:
        value = float(f"{sign}{whole or '0'}.{fraction or '0'}e{exponent}")
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(value):
        return None
    return value, len(fraction)


def _readings(text: str, regional: RegionalFormat) -> tuple[float, int] | None:
    """The first reading that makes a number: the locale's, the dot-decimal one, the decimal comma."""
    attempts: list[tuple[str, str | None, bool]] = [(regional.decimal, _group(regional), False)]
    if regional.decimal != ".":
        attempts.append((".", ",", False))
    attempts.append((",", None, True))  # only under the comma rule
    attempts.append((",", ".", False))  # 1.500,50 pasted from a German or Brazilian sheet
    for decimal, group, comma_rule in attempts:
        if comma_rule and not _comma_is_decimal(text):
            continue
        found = _read(text, decimal, group)
        if found is not None:
            return found
    return None


def _comma_is_decimal(text: str) -> bool:
    """A comma is the decimal separator when it is the only separator and not followed by exactly three digits."""
    if text.count(",") != 1 or any(ch in text for ch in ".'"):
        return False
    after = text.split(",", 1)[1]
    digits = _EXPONENT.match(after)
    after = digits["mantissa"] if digits else after
    return len(after) != 3


def parse_number(text: str, regional: RegionalFormat = SPREADSHEET_TEXT) -> float | None:
    """The number typed in `text` (None when blank); ValueError when it is not a number."""
    cleaned = _normalized(text, regional)
    if not cleaned:
        return None
    found = _readings(cleaned, regional)
    if found is None:
        raise ValueError(f"{text!r} is not a number")
    return found[0]


def fraction_digits(text: str, regional: RegionalFormat) -> int | None:
    """How many digits follow the decimal separator in a typed number (None when not a number)."""
    cleaned = _normalized(text, regional)
    found = _readings(cleaned, regional) if cleaned else None
    return None if found is None else found[1]


def _plain_digits(value: float, significant: int) -> str:
    """The value with `significant` digits, in positional notation (never 1.23457e+06)."""
    text = f"{value:.{significant}g}"
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def format_number(
    value: float | None,
    regional: RegionalFormat = SPREADSHEET_TEXT,
    *,
    grouping: bool = False,
    decimals: int | None = None,
) -> str:
    """A number for display in this format: 15 significant digits, or at most `decimals` places.

    Without `grouping` no group separators are written (the form people type); "" for None.
    """
    if value is None:
        return ""
    if decimals is not None:
        value = round(value, decimals)
    text = _plain_digits(float(value), SIGNIFICANT_DIGITS)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    if grouping and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(regional.group + whole[i : i + 3] for i in range(head, len(whole), 3))
    return sign + whole + (regional.decimal + fraction if fraction else "")


# Dates -------------------------------------------------------------------------------------

_ISO_LIKE = re.compile(r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$")
_DOTTED_DAY_FIRST = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_THREE_NUMBERS = re.compile(r"^(\d{1,4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,4})\D?$")


def _full_year(text: str) -> int:
    # Two-digit years in a short date are this century's (26 is 2026).
    year = int(text)
    return 2000 + year if len(text) <= 2 else year


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, regional: RegionalFormat = SPREADSHEET_TEXT) -> date | None:
    """A typed or pasted date: ISO (2026-10-31, also with / or .), 31.10.2026, or the short format's order.

    None when the text is none of these, or names no such day (2026-02-30).
    """
    text = unicodedata.normalize("NFKC", text).strip()
    match = _ISO_LIKE.match(text)
    if match:
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    match = _DOTTED_DAY_FIRST.match(text)
    if match:
        return _make_date(int(match[3]), int(match[2]), int(match[1]))
    match = _THREE_NUMBERS.match(text)
    order = regional.date_order()
    if match is None or order is None:
        return None
    fields = dict(zip(order, match.groups(), strict=True))
    if len(fields["d"]) > 2 or len(fields["m"]) > 2 or len(fields["y"]) not in (2, 4):
        return None
    return _make_date(_full_year(fields["y"]), int(fields["m"]), int(fields["d"]))


def format_date(value: date | None, regional: RegionalFormat = SPREADSHEET_TEXT) -> str:
    """A date in the short format, always with a four-digit year ("" for None)."""
    if value is None:
        return ""

    def field(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] == "y":
            return f"{value.year:04d}"
        number = value.month if token[0] == "M" else value.day
        return f"{number:02d}" if len(token) >= 2 else str(number)

    return _DATE_FIELD.sub(field, regional.short_date)


def date_hint(regional: RegionalFormat) -> str:
    """The short format as a user reads it (DD.MM.YYYY, M/D/YYYY), with a four-digit year."""

    def field(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] == "y":
            return "YYYY"
        return token[0].upper() * len(token)

    return _DATE_FIELD.sub(field, regional.short_date)
