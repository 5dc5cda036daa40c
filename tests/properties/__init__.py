"""Property-based tests: random and hostile input must end in a clear refusal that writes nothing.

Shared here: strategies for bad values (text, numbers, dates, ids, wrong types) and the
check that runs one use case and, when it refuses, proves the database did not change.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from hypothesis import currently_in_test_context, event
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlmodel import Session, SQLModel

from opsdesk.domain.errors import ConflictError, NotFoundError, ValidationError

TODAY = date(2026, 3, 16)

# Everything a use case may legitimately say "no" with.
REFUSALS: tuple[type[Exception], ...] = (ValidationError,)
REFUSALS_WITH_LOOKUP: tuple[type[Exception], ...] = (ValidationError, NotFoundError, ConflictError)

# Text that breaks naive code: formulas, control characters, bidi overrides, emoji, SQL, huge runs.
NASTY_STRINGS = (
    "",
    " ",
    "\t\n",
    "\x00",
    "\x00abc",
    "\x1b[31mred",
    "\r\n\r\n",
    "\u200b",
    "\ufeff",
    "\u202eevil\u202c",
    "=1+1",
    '=HYPERLINK("http://x","x")',
    "+SUM(A1:A9)",
    "-2+3",
    "@SUM(1)",
    "=cmd|' /C calc'!A0",
    "'; DROP TABLE risk; --",
    "%s%s%n",
    "{0}",
    "None",
    "null",
    "NaN",
    "inf",
    "-0",
    "1e400",
    "0x10",
    "مخاطر التشغيل",
    "שלום",
    "运营风险",
    "😀🔥💥",
    "👩‍👩‍👧‍👦",
    "ℌ𝔢𝔩𝔩𝔬",
    "Ⅻ",
    "e\u0301",
    "İ",
    "ß",
    "ﬃ",
)
FORMULA_PREFIXES = ("=", "+", "-", "@")


def long_text(min_size: int = 121, max_size: int = 25_000) -> st.SearchStrategy[str]:
    """A long run of one character (cheap to generate at any length)."""
    return st.builds(
        lambda char, size: char * size,
        st.sampled_from(["a", "é", "😀", "\u202e", " ", "\x00", "中"]),
        st.integers(min_size, max_size),
    )


def nasty_text() -> st.SearchStrategy[str]:
    """Any text: arbitrary Unicode, control characters, formula prefixes, very long strings."""
    return st.one_of(
        st.sampled_from(NASTY_STRINGS),
        st.text(max_size=60),
        st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
        st.builds(
            lambda prefix, rest: prefix + rest, st.sampled_from(FORMULA_PREFIXES), st.text(max_size=30)
        ),
        long_text(),
    )


def good_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Text a service should accept as a name or title: anything with a visible character."""
    return st.text(min_size=1, max_size=max_size).filter(lambda text: text.strip() != "")


# Values of the wrong type for a code or a choice (compared, never computed with).
WRONG_TYPES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.binary(max_size=8),
)

# Integers beyond 32 and 64 bits (still floats), and beyond any float.
HUGE_INTS = st.one_of(
    st.sampled_from([2**31, 2**63 - 1, 2**63, -(2**63) - 1, 10**20]),
    st.integers(min_value=2**62, max_value=2**80),
    st.integers(max_value=-1, min_value=-(2**80)),
)
BEYOND_FLOAT = st.sampled_from([10**400, -(10**400), 2**1024])


def bad_numbers() -> st.SearchStrategy[Any]:
    """Numbers that are no good: nan, infinities, huge, negative, bool, numbers as text."""
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324, -0.0, True, False]),
        HUGE_INTS,
        BEYOND_FLOAT,
        st.integers(),
        st.sampled_from(["12", "1,5", "", "nan", "1e400"]),
        st.none(),
    )


def bad_dates() -> st.SearchStrategy[Any]:
    """Dates far in the past or future, datetimes, dates as text or numbers, None."""
    return st.one_of(
        st.dates(),
        st.sampled_from([date.min, date.max, date(1900, 1, 1), date(9999, 12, 31), date(2100, 2, 28)]),
        st.datetimes(),
        st.sampled_from(["2026-01-05", "05/01/2026", "", "yesterday", 45000, 20260105, 0, -1, 1.5]),
        st.none(),
    )


def bad_ids(known: list[int]) -> st.SearchStrategy[Any]:
    """Ids of missing records (0, negative, the largest SQLite integer), ids of the wrong type.

    Ids beyond 64 bits are left out: no caller can produce them (ids come from rows), and
    SQLite cannot even bind them.
    """
    return st.one_of(
        st.sampled_from([0, -1, 10**6, 2**63 - 1, -(2**63)]),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.sampled_from(
            [str(known[0]) if known else "1", float(known[0]) if known else 1.0, True, None, "x"]
        ),
    )


def mostly(
    usual: st.SearchStrategy[Any], rare: st.SearchStrategy[Any], one_in: int = 5
) -> st.SearchStrategy[Any]:
    """Values from `usual`, and from `rare` about once in `one_in` draws."""
    return st.integers(1, one_in).flatmap(lambda n: rare if n == 1 else usual)


def good_dates(until: date = TODAY) -> st.SearchStrategy[date]:
    return st.dates(min_value=date(2000, 1, 1), max_value=until)


def wrong(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """The bad values of a field, plus values of the wrong type."""
    return st.one_of(strategy, WRONG_TYPES)


def bad_text() -> st.SearchStrategy[Any]:
    """Hostile text, or None where text is expected."""
    return st.one_of(nasty_text(), st.none())


@st.composite
def fuzzed(
    draw: st.DrawFn,
    build: Callable[..., Any],
    good: Mapping[str, st.SearchStrategy[Any]],
    bad: Mapping[str, st.SearchStrategy[Any]],
    max_broken: int = 3,
) -> Any:
    """An input whose fields are valid except a few (none, sometimes), which get bad values."""
    names = sorted(good)
    broken = draw(st.sets(st.sampled_from(names), max_size=max_broken))
    values = {name: draw(bad[name] if name in broken and name in bad else good[name]) for name in names}
    return build(**values)


def snapshot(session: Session) -> dict[str, int]:
    """Row count of every table, audit trail included: what a refusal must leave as it was."""
    session.expire_all()
    # One statement of scalar subqueries: a query per table cost more than most use cases under test.
    counts = select(*(
        select(func.count()).select_from(table).scalar_subquery().label(table.name)
        for table in SQLModel.metadata.sorted_tables
    ))  # fmt: skip
    return dict(session.execute(counts).one()._mapping)


def attempt(
    session: Session,
    call: Callable[[], Any],
    refusals: tuple[type[Exception], ...] = REFUSALS,
) -> bool:
    """Run one use case: True when it succeeded; a refusal must be clear and must have written nothing.

    After a refusal the session is committed, as the next use case on it would do: a change
    left half-made in the session would be saved now and show up in the counts.
    """
    before = snapshot(session)
    try:
        call()
    except refusals as exc:
        _event(f"refused: {type(exc).__name__}")
        if isinstance(exc, ValidationError):
            assert exc.errors, "a ValidationError must name at least one problem"
            assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in exc.errors.items()), (
                exc.errors
            )
        assert str(exc).strip(), "a refusal must come with a message"
        session.commit()
        assert snapshot(session) == before, f"refused ({exc!r}) but the database changed"
        return False
    _event("accepted")
    return True


def _event(name: str) -> None:
    # Counted in --hypothesis-show-statistics; plain tests call attempt() too.
    if currently_in_test_context():
        event(name)
