"""Random files and random workbooks through the Excel importer: a clear refusal or a clean import.

`read_workbook` on bytes that are not (quite) a workbook must raise WorkbookUnreadableError (a
ValidationError). Workbooks written by openpyxl with random cells (text, numbers, dates,
booleans, formulas, formulas kept as text) go through `guess_mapping`, `preview_import` (which
must never write) and, when the preview is clean, `apply_import` (all or nothing).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlmodel import Session

from opsdesk.domain.errors import ValidationError
from opsdesk.reports.excel_import import (
    ImportDefaults,
    apply_import,
    guess_mapping,
    preview_import,
    read_workbook,
)
from opsdesk.reports.excel_mapping import KINDS, FieldSpec, field_specs
from opsdesk.reports.excel_source import column_letter
from opsdesk.reports.excel_values import CellValueError, parse_date, parse_level, parse_number
from opsdesk.services import kris, quality, risks
from opsdesk.services import settings as settings_service
from opsdesk.services.kris import KriInput
from opsdesk.services.quality import ObjectiveInput
from opsdesk.services.risks import AssessmentInput, RiskInput
from tests.properties import (
    HUGE_INTS,
    NASTY_STRINGS,
    TODAY,
    attempt,
    long_text,
    mostly,
    nasty_text,
    snapshot,
)

# Examples per test and deadline come from the profile tests/conftest.py loads (quick or thorough).
FUZZ = settings(
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

KRI_NAMES = ("Late deliveries", "Échéances manquées", "供应商延迟")
RATIO_OBJECTIVE, VALUE_OBJECTIVE = "First pass yield", "Lead time"


def _workbook_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# A genuine, small workbook: the starting point of damaged files.
GOOD_XLSX = _workbook_bytes(
    [
        ["Title", "Department", "Category", "Identified on", "Likelihood", "Impact"],
        ["Supplier fails", "Operations", "Operational", "2026-01-05", 4, 4],
    ]
)


@pytest.fixture
def register(session: Session) -> Session:
    """A seeded register with one risk, three indicators and two objectives to import into."""
    department = settings_service.department_id(session=session, name="Operations")
    category = settings_service.category_id(session=session, code_or_name="operational")
    risks.create_risk(
        session=session,
        data=RiskInput(
            title="Supplier fails",
            category_id=category,
            department_id=department,
            identified_on=date(2026, 1, 5),
        ),
        assessments=[AssessmentInput(kind="inherent", likelihood=3, impact=3, assessed_on=date(2026, 1, 5))],
        today=TODAY,
    )
    for name in KRI_NAMES:
        kris.create_kri(
            session=session, data=KriInput(name=name, department_id=department, warning=5, alarm=10)
        )
    quality.create_objective(
        session=session, data=ObjectiveInput(name=RATIO_OBJECTIVE, department_id=department, target=95.0)
    )
    quality.create_objective(
        session=session,
        data=ObjectiveInput(
            name=VALUE_OBJECTIVE,
            department_id=department,
            target=10.0,
            kind="value",
            unit="days",
            direction="higher_is_worse",
            frequency="quarterly",
        ),
    )
    session.commit()  # the importer works in a session of its own
    return session


# Damaged files ----------------------------------------------------------------------------


def _rezip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _entries() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(GOOD_XLSX)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@st.composite
def damaged_files(draw: st.DrawFn) -> bytes:
    """Random bytes, or a real workbook truncated, bit-flipped, or with one part replaced."""
    how = draw(st.sampled_from(["random", "prefixed", "truncated", "flipped", "part", "part-xml"]))
    if how == "random":
        return draw(st.binary(max_size=2000))
    if how == "prefixed":
        head = draw(
            st.sampled_from(
                [
                    b"PK\x03\x04",
                    b"PK\x05\x06",
                    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                    b"\xef\xbb\xbfTitle;Owner\n",
                    b"<?xml version='1.0'?>",
                    b"%PDF-1.7",
                ]
            )
        )
        return head + draw(st.binary(max_size=500))
    if how == "truncated":
        return GOOD_XLSX[: draw(st.integers(1, len(GOOD_XLSX) - 1))]
    if how == "flipped":
        data = bytearray(GOOD_XLSX)
        for position in draw(st.lists(st.integers(0, len(data) - 1), min_size=1, max_size=8)):
            data[position] ^= draw(st.integers(1, 255))
        return bytes(data)
    entries = _entries()
    name = draw(st.sampled_from(sorted(entries)))
    if how == "part":
        entries[name] = draw(st.binary(max_size=300))
    else:
        # Well-formed or not, XML that is not what the part should hold.
        entries[name] = draw(
            st.sampled_from(
                [
                    b"",
                    b"<x/>",
                    b"<?xml version='1.0'?><worksheet/>",
                    b"<worksheet><sheetData><row r='0'/></sheetData>",
                    b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><sheetData>"
                    b"<row r='1048577'><c r='XFE1048577' t='s'><v>999</v></c></row></sheetData></worksheet>",
                    b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><sheetData>"
                    b"<row r='1'><c r='A1' t='n'><v>1e999</v></c><c r='B1' t='d'><v>not a date</v></c>"
                    b"<c r='C1' t='b'><v>7</v></c><c r='D1' t='e'><v>#REF!</v></c></row></sheetData></worksheet>",
                ]
            )
        )
        entries[name] += draw(st.binary(max_size=20))
    return _rezip(entries)


@FUZZ
@given(
    content=damaged_files(),
    kind=st.sampled_from(KINDS),
    header_row=st.one_of(st.none(), st.integers(-3, 30), st.integers(2**31, 2**80)),
    sheet=st.one_of(st.none(), st.sampled_from(["Sheet", "sheet", " Sheet "]), nasty_text()),
)
def test_damaged_files_are_refused_with_a_clear_message(
    tmp_path: Path, content: bytes, kind: str, header_row: int | None, sheet: str | None
) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(content)
    try:
        source = read_workbook(path, kind=kind, header_row=header_row, sheet=sheet)
    except ValidationError as exc:
        event(f"refused: {type(exc).__name__}")
        assert str(exc).strip()
        return
    event("read")
    assert source.kind == kind
    assert all(len(row.values) == len(source.headers) for row in source.rows)


# Random workbooks -------------------------------------------------------------------------


def _cell_text(text: str) -> str:
    # openpyxl refuses the control characters XML cannot hold; Excel cannot hold them either.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


# What a column of each field kind really holds, in the words people type.
_PLAUSIBLE: dict[str, st.SearchStrategy[object]] = {
    "code": st.sampled_from(["", "R-0001", "r-0001", "R-9999", "RISK-7"]),
    "text": st.text(min_size=1, max_size=40).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text) or "x"),
    "longtext": st.text(max_size=80).map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
    "date": st.one_of(
        st.dates(min_value=date(2019, 1, 1), max_value=TODAY),
        st.sampled_from(["2026-01-05", "31/01/2026", "2026年1月5日", "5 Jan 2026"]),
    ),
    "likelihood": st.one_of(
        st.integers(1, 5), st.sampled_from(["3", "4 - Likely", "Rare", "很高", "５", "4.0"])
    ),
    "impact": st.one_of(
        st.integers(1, 5), st.sampled_from(["2", "Severe", "minor", "中等", "1 - Insignificant"])
    ),
    "percent": st.one_of(st.floats(0, 100), st.sampled_from(["12%", "7.5"])),
    "amount": st.one_of(st.floats(0, 1e7), st.sampled_from(["1,250.50", "0"])),
    "category": st.sampled_from(["Operational", "operational", "Financial", "运营风险", "Cyber"]),
    "department": st.sampled_from(["Operations", "Sales", "运营部", "IT", "Finance department"]),
    "status": st.sampled_from(["Identified", "treating", "In progress", "已关闭", "Monitoring"]),
    "strategy": st.sampled_from(["Reduce", "accept", "Transfer", "规避"]),
    "source": st.sampled_from(["Workshop", "audit", "Incident", "其他"]),
    "level": st.sampled_from(["Low", "medium", "High", "Critical", "高", "0", "Very high"]),
    "actions": st.sampled_from(
        ["", "1. Review contracts 2. Find a second source", "Patch monthly\nTest restores"]
    ),
    "kri": st.sampled_from([*KRI_NAMES, "late DELIVERIES"]),
    "number": st.one_of(st.integers(0, 1000), st.floats(0, 1e4), st.sampled_from(["12", "1,250", "3.5%"])),
    "objective": st.sampled_from([RATIO_OBJECTIVE, VALUE_OBJECTIVE, "first PASS yield"]),
    "period": st.one_of(
        st.sampled_from(["2026-01", "2025-12", "2026-Q1", "2025-Q4", "2026-W09", "2026-02"]),
        st.dates(min_value=date(2024, 1, 1), max_value=TODAY),
    ),
}


def hostile_values() -> st.SearchStrategy[object]:
    """Whatever a cell can hold: any text, formulas, huge and odd numbers, far dates, booleans."""
    return st.one_of(
        nasty_text().map(_cell_text),
        long_text(1000, 40_000).map(_cell_text),
        st.sampled_from(["=1/0", "=A1", "=SUM(A1:A3)", '=HYPERLINK("http://x")', '="x"&"y"']),
        st.floats(allow_nan=True, allow_infinity=True),
        HUGE_INTS,
        st.integers(),
        st.booleans(),
        st.dates(min_value=date(1900, 3, 1)),
        st.datetimes(min_value=datetime(1900, 3, 1)),
        st.times(),
        st.none(),
    )


_NEEDED = {
    "risks": ("title", "department", "category", "identified_on"),
    "readings": ("kri", "read_on", "value"),
    "measurements": ("objective", "period", "numerator", "denominator", "value"),
}


@st.composite
def random_sheets(
    draw: st.DrawFn, kind: str
) -> tuple[list[list[object]], set[tuple[int, int]], set[tuple[int, int]]]:
    """Rows (title rows, a header row, data rows), and which cells are formulas-as-text or percentages."""
    specs = field_specs(kind)
    # Mostly headers the importer knows (so a header row is found), in any order, with strangers.
    # The columns an import needs, each left out now and then, and any others.
    needed = [spec for spec in specs if spec.key in _NEEDED[kind] and draw(st.integers(0, 7))]
    others = draw(st.lists(st.sampled_from(specs), max_size=6, unique_by=lambda spec: spec.key))
    known = needed + [spec for spec in others if spec not in needed]
    columns: list[tuple[object, FieldSpec | None]] = [
        (draw(st.sampled_from((spec.label, *spec.synonyms))), spec) for spec in known
    ]
    strangers = st.one_of(nasty_text().map(_cell_text), st.sampled_from(["Score", "序号", "Status", "#", ""]))
    for _ in range(draw(st.integers(0, 2))):
        columns.insert(draw(st.integers(0, len(columns))), (draw(strangers), None))
    headers = [header for header, _spec in columns]

    def cell(spec: FieldSpec | None) -> st.SearchStrategy[object]:
        usual = (
            _PLAUSIBLE[spec.kind]
            if spec is not None
            else st.one_of(st.none(), st.text(max_size=10).map(_cell_text))
        )
        return mostly(usual, hostile_values(), one_in=6)

    data = draw(st.lists(st.tuples(*[cell(spec) for _header, spec in columns]).map(list), max_size=5))
    if data and draw(st.booleans()):
        data[-1] = data[-1][: draw(st.integers(0, len(data[-1])))]  # a short row
    above = draw(
        st.lists(st.lists(st.one_of(nasty_text().map(_cell_text), st.none()), max_size=3), max_size=2)
    )
    rows = [*above, list(headers), *data]
    positions = [
        (r, c) for r, row in enumerate(rows) for c, value in enumerate(row) if isinstance(value, str)
    ]
    as_text = set(draw(st.lists(st.sampled_from(positions), max_size=4))) if positions else set()
    numbers = [
        (r, c)
        for r, row in enumerate(rows)
        for c, value in enumerate(row)
        if isinstance(value, int | float) and not isinstance(value, bool)
    ]
    percent = set(draw(st.lists(st.sampled_from(numbers), max_size=3))) if numbers else set()
    return rows, as_text, percent


def _write(
    path: Path, rows: list[list[object]], as_text: set[tuple[int, int]], percent: set[tuple[int, int]]
) -> None:
    book = Workbook()
    sheet = book.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            target = sheet.cell(row=r, column=c)
            target.value = value
            if (r - 1, c - 1) in as_text and isinstance(value, str):
                target.data_type = "s"  # "=1+1" kept as the text it is, not a formula
            if (r - 1, c - 1) in percent:
                target.number_format = "0.0%"
    book.save(path)


def _random_mapping(kind: str) -> st.SearchStrategy[dict[int, str]]:
    keys = st.one_of(st.sampled_from([spec.key for spec in field_specs(kind)]), st.text(max_size=8))
    return st.dictionaries(st.integers(-2, 14), keys, max_size=6)


def run_import(session: Session, path: Path, kind: str, data: st.DataObject) -> None:
    """Read, map, preview (which writes nothing) and, when clean, apply; refusals write nothing."""
    before = snapshot(session)
    try:
        source = read_workbook(path, kind=kind)
    except ValidationError as exc:
        event(f"unreadable: {sorted(exc.errors)[0]}")
        assert snapshot(session) == before
        return
    mapping = data.draw(
        mostly(
            st.builds(lambda: guess_mapping(source.headers, kind, session=session)), _random_mapping(kind)
        ),
        label="mapping",
    )
    defaults = data.draw(
        st.builds(
            ImportDefaults,
            department=mostly(
                st.sampled_from([None, "Operations", "运营部"]), st.one_of(st.just("Nowhere"), nasty_text())
            ),
            category=mostly(st.sampled_from([None, "operational", "Financial"]), nasty_text()),
            identified_on=st.one_of(st.none(), st.dates(max_value=TODAY)),
        ),
        label="defaults",
    )
    preview = preview_import(session=session, source=source, mapping=mapping, defaults=defaults, today=TODAY)
    assert snapshot(session) == before, "a preview wrote to the database"
    preview.describe()
    for problem in preview.problems:
        assert str(problem).strip()
    if not preview.ok:
        event("preview: problems")
        return
    event("preview: clean")
    attempt(session, lambda: apply_import(session=session, preview=preview))


@FUZZ
@given(data=st.data())
def test_random_risk_registers_import_or_refuse_cleanly(
    register: Session, tmp_path: Path, data: st.DataObject
) -> None:
    rows, as_text, percent = data.draw(random_sheets("risks"), label="sheet")
    path = tmp_path / "risks.xlsx"
    _write(path, rows, as_text, percent)
    run_import(register, path, "risks", data)


@FUZZ
@given(data=st.data())
def test_random_kri_readings_import_or_refuse_cleanly(
    register: Session, tmp_path: Path, data: st.DataObject
) -> None:
    rows, as_text, percent = data.draw(random_sheets("readings"), label="sheet")
    path = tmp_path / "readings.xlsx"
    _write(path, rows, as_text, percent)
    run_import(register, path, "readings", data)


@FUZZ
@given(data=st.data())
def test_random_measurements_import_or_refuse_cleanly(
    register: Session, tmp_path: Path, data: st.DataObject
) -> None:
    rows, as_text, percent = data.draw(random_sheets("measurements"), label="sheet")
    path = tmp_path / "measurements.xlsx"
    _write(path, rows, as_text, percent)
    run_import(register, path, "measurements", data)


# Numbers as only a hand-made file holds them -----------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _raw_sheet(rows: list[list[tuple[str, str]]]) -> bytes:
    """Sheet XML from (type, text) cells: "n" puts the text in <v> as it is, "s" makes an inline string."""
    from xml.sax.saxutils import escape

    lines = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, (kind, text) in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if kind == "n":
                cells.append(f'<c r="{ref}"><v>{escape(text)}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>')
        lines.append(f'<row r="{r}">{"".join(cells)}</row>')
    return f'<worksheet xmlns="{_MAIN}"><sheetData>{"".join(lines)}</sheetData></worksheet>'.encode()


RAW_NUMBERS = st.one_of(
    st.integers(1, 600).map(lambda digits: "9" * digits),
    st.integers(1, 600).map(lambda digits: "-1" + "0" * digits),
    st.sampled_from(["1e999", "-1e999", "1E308", "2.5e-320", "0.5", "-0", "007", "4.0", "45000", "1e5"]),
)


@FUZZ
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_numbers_beyond_any_float_are_refused_cleanly(
    register: Session, tmp_path: Path, kind: str, data: st.DataObject
) -> None:
    """A cell holding 600 digits or 1e999 (no spreadsheet writes them, a script may) is a cell problem."""
    labels = [spec.label for spec in field_specs(kind)][:8]
    plausible = st.sampled_from(
        [
            "Supplier fails",
            "Operations",
            "Operational",
            "2026-01-05",
            *KRI_NAMES,
            RATIO_OBJECTIVE,
            VALUE_OBJECTIVE,
            "2026-01",
            "2026-Q1",
        ]
    )
    cell = st.one_of(st.tuples(st.just("n"), RAW_NUMBERS), st.tuples(st.just("s"), plausible))
    body = data.draw(
        st.lists(st.lists(cell, min_size=len(labels), max_size=len(labels)), min_size=1, max_size=4)
    )
    entries = _entries()
    entries["xl/worksheets/sheet1.xml"] = _raw_sheet([[("s", label) for label in labels], *body])
    path = tmp_path / "numbers.xlsx"
    path.write_bytes(_rezip(entries))
    run_import(register, path, kind, data)


def test_the_strategies_reach_the_interesting_strings() -> None:
    """The hostile strings survive the cell cleaning (formula prefixes, RTL, emoji)."""
    kept = {_cell_text(text) for text in NASTY_STRINGS}
    assert {"=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(1)", "\u202eevil\u202c", "😀🔥💥"} <= kept
    assert not any(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text) for text in kept)


# What the fuzzing found, pinned down -------------------------------------------------------


def test_a_negative_column_in_a_mapping_is_a_problem_not_an_endless_loop(
    register: Session, tmp_path: Path
) -> None:
    path = tmp_path / "risks.xlsx"
    path.write_bytes(GOOD_XLSX)
    source = read_workbook(path)
    preview = preview_import(session=register, source=source, mapping={-2: "title", 0: "title"}, today=TODAY)
    assert [str(problem) for problem in preview.problems] == [
        "Column number -1 does not exist; columns start at A."
    ]
    assert column_letter(-1) == ""


@pytest.mark.parametrize(
    "parse",
    [
        lambda value: parse_number(value),
        lambda value: parse_level(value, {}, 5, "likelihood", ("1", "2", "3", "4", "5")),
        lambda value: parse_date(value),
    ],
    ids=["number", "level", "date"],
)
@pytest.mark.parametrize("value", [10**400, -(10**400), 2**1024], ids=["huge", "-huge", "2**1024"])
def test_integers_beyond_any_float_are_cell_problems(parse: object, value: int) -> None:
    with pytest.raises(CellValueError) as refused:
        parse(value)  # type: ignore[operator]
    assert len(str(refused.value)) < 200
