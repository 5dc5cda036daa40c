"""Read types are built from result rows by column name, never by position."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import literal

from opsdesk.domain.records import RISK
from opsdesk.services.record_types import read_type, row_builder
from opsdesk.services.risks import RiskRead, list_risks
from tests.services.test_risks import TODAY, risk_input


def _small_read() -> type:
    return read_type(RISK, "SmallRead", extra=(("category", str), ("open_actions", int, 0)))


def _row(read: type, order: list[str], **values: object) -> tuple[list[str], tuple]:
    """A row holding every stored field of `read` (None unless given), its columns in `order`."""
    names = [field.name for field in dataclasses.fields(read) if field.default is dataclasses.MISSING]
    full = {name: values.get(name) for name in names}
    columns = [name for name in order if name in full] + [name for name in full if name not in order]
    return columns, tuple(full[name] for name in columns)


def test_fields_come_from_the_columns_of_their_name_in_any_order():
    read = _small_read()
    columns, row = _row(read, ["title", "code", "category", "id"], id=7, code="R-007", title="Late supplier",
                        category="Supply")  # fmt: skip
    # Reversed and with a column no field is named after: the values still land by name.
    reversed_columns = ["unrelated", *reversed(columns)]
    reversed_row = ("ignored", *reversed(row))

    built = row_builder(read, columns)(row)
    again = row_builder(read, reversed_columns)(reversed_row)

    assert isinstance(built, read)
    assert (built.id, built.code, built.title, built.category) == (7, "R-007", "Late supplier", "Supply")
    assert built.open_actions == 0  # no column, no keyword: the field's default
    assert again == built
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.code = "R-008"  # type: ignore[misc]


def test_worked_out_fields_are_given_by_keyword():
    read = _small_read()
    columns, row = _row(read, [], id=1, code="R-001", title="T", category="C")
    build = row_builder(read, columns, given=("open_actions",))

    assert build(row, open_actions=3).open_actions == 3
    with pytest.raises(TypeError):
        build(row, 3)  # keyword only: a worked-out value cannot slip into the wrong field


def test_a_field_without_column_or_default_is_refused_when_the_builder_is_made():
    read = _small_read()
    columns, _row_values = _row(read, [])
    with pytest.raises(ValueError, match="category"):
        row_builder(read, [name for name in columns if name != "category"])
    with pytest.raises(ValueError, match="no field"):
        row_builder(read, columns, given=("not_a_field",))


def test_the_register_builds_risks_by_the_names_of_its_columns(session, monkeypatch):
    """A statement whose columns come in another order, with one more, still gives the same risks."""
    from opsdesk.services import risks as service

    for title, owner in (("Key supplier fails", "Mia Chen"), ("Warehouse flooding", "")):
        service.create_risk(session=session, data=risk_input(session, title=title, owner=owner), today=TODAY)
    before = list_risks(session=session, today=TODAY)
    original = service._query

    def shuffled():
        statement = original()
        columns = list(statement.selected_columns)
        return statement.with_only_columns(literal("x").label("unused"), *reversed(columns))

    monkeypatch.setattr(service, "_query", shuffled)
    after = list_risks(session=session, today=TODAY)

    assert [(risk.code, risk.title, risk.owner) for risk in after] == [
        ("R-0001", "Key supplier fails", "Mia Chen"), ("R-0002", "Warehouse flooding", ""),
    ]  # fmt: skip
    assert after == before
    assert all(isinstance(risk, RiskRead) for risk in after)
    assert service.search_text(after[0]) == "r-0001 key supplier fails  mia chen"


def test_the_collector_is_paused_while_rows_are_built_and_runs_again_after():
    import gc

    from opsdesk.services.record_types import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a failed read")
    assert gc.isenabled()
    gc.disable()  # paused by someone else: left as it was
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
