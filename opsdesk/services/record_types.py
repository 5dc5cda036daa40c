"""A service's input and read types, made from a record's field table.

`input_type(RISK, "RiskInput")` is a dataclass with one attribute per field a user types
(required ones first, the others with the field's empty value as default); `read_type` is a
frozen dataclass with every stored field plus what the service adds (names, flags, counts).
A read type is built by keyword from a row's column names, never by position, so adding a
field to the table adds it everywhere without counting columns.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from opsdesk.domain.fields import Field, RecordFields


def _annotation(spec: Field, *, optional: bool) -> Any:
    python_type = spec.python_type
    return python_type | None if optional else python_type


def input_type(table: RecordFields, name: str) -> type:
    """A mutable dataclass of the editable fields (what a form or an import row gives)."""
    required, optional = [], []
    for spec in table.editable():
        if spec.required and spec.empty is None:
            required.append((spec.key, _annotation(spec, optional=False)))
        else:
            optional.append((spec.key, _annotation(spec, optional=spec.empty is None), spec.empty))
    attributes = required + [(key, kind, dataclasses.field(default=empty)) for key, kind, empty in optional]
    made = dataclasses.make_dataclass(name, attributes)
    made.__doc__ = f"What a user gives for a {table.name}: the editable fields of its field table."
    return made


def read_type(
    table: RecordFields,
    name: str,
    extra: Iterable[tuple[str, Any] | tuple[str, Any, Any]] = (),
    unread: Iterable[str] = (),
) -> type:
    """A frozen dataclass of `id`, every stored field, and the `extra` attributes a service adds.

    The fields named in `unread` are read only when asked for: None when the read left them out.
    """
    skipped = frozenset(unread)
    attributes: list[Any] = [("id", int)]
    attributes += [
        (spec.key, _annotation(spec, optional=spec.empty is None))
        for spec in table.stored()
        if spec.key not in skipped
    ]
    extras = list(extra)
    attributes += [item for item in extras if len(item) == 2]
    attributes += [(spec.key, _annotation(spec, optional=True), dataclasses.field(default=None, repr=False))
                   for spec in table.stored() if spec.key in skipped]  # fmt: skip
    attributes += [(key, kind, dataclasses.field(default=default, repr=False)) for key, kind, default in
                   (item for item in extras if len(item) == 3)]  # fmt: skip
    made = dataclasses.make_dataclass(name, attributes, frozen=True, slots=True)
    made.__doc__ = f"One {table.name} as services return it (plain values, no ORM object)."
    return made


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def values_of(data: object) -> dict[str, Any]:
    """An input's fields as a mapping, for the domain rules."""
    names = _FIELD_NAMES.get(type(data))
    if names is None:  # an import asks this of every row: the names are looked up once per type
        names = _FIELD_NAMES[type(data)] = tuple(spec.name for spec in dataclasses.fields(data))  # type: ignore[arg-type]
    return {name: getattr(data, name) for name in names}


def row_builder(read: type, columns: Sequence[str], given: Sequence[str] = ()) -> Callable[..., Any]:
    """A function making `read` instances from result rows, each field taken by its column's name.

    `columns` are the rows' column names (`result.keys()`): every field of `read` comes from the
    column of the same name, wherever it sits in the row, or, for the names in `given`, from the
    call's keyword arguments (`build(row, review_due=...)`): what the service works out itself.
    Columns no field is named after are left out; a field found nowhere keeps its default, and
    one without a default is an error when the builder is made, not a wrong value later.

    This runs for each of the register's 20,000 rows, so the function is generated once per
    statement: a frozen dataclass's `__init__` sets every field through `object.__setattr__`,
    which costs almost as much as the query. The generated function fills an instance of a twin
    class with the same slots by plain assignment, straight from the row, then gives it the read
    type as its class (the same layout, so Python allows it): the result is an ordinary, still
    frozen, instance of `read`.
    """
    return _row_builder(read, tuple(columns), tuple(given))


@lru_cache(maxsize=64)
def _row_builder(read: type, columns: tuple[str, ...], given: tuple[str, ...]) -> Callable[..., Any]:
    at = {name: number for number, name in enumerate(columns)}
    fields = dataclasses.fields(read)
    known = {field.name for field in fields}
    unknown = [name for name in given if name not in known]
    if unknown:
        raise ValueError(f"{read.__name__} has no field {', '.join(unknown)}")
    values: list[str] = []
    namespace: dict[str, Any] = {"_twin": _twin_of(read), "_read": read}
    for field in fields:
        name = field.name
        if name in given:
            values.append(name)
        elif name in at:
            values.append(f"row[{at[name]}]")
        elif field.default is not dataclasses.MISSING:
            namespace[f"_default_{name}"] = field.default
            values.append(f"_default_{name}")
        else:
            raise ValueError(f"{read.__name__}.{name}: no column of that name and no default")
    signature = ", ".join(("row", *(("*", *given) if given else ())))
    assignments = "".join(
        f"    instance.{field.name} = {value}\n" for field, value in zip(fields, values, strict=True)
    )
    source = (
        f"def build({signature}):\n"
        "    instance = _new(_twin)\n"
        f"{assignments}"
        "    instance.__class__ = _read\n"
        "    return instance\n"
    )
    namespace["_new"] = object.__new__
    exec(source, namespace)  # noqa: S102 - made from the field and column names above only
    return namespace["build"]


_TWINS: dict[type, type] = {}


def _twin_of(read: type) -> type:
    """A plain class with the read type's slots, in the same order: the same layout, assignable."""
    twin = _TWINS.get(read)
    if twin is None:
        slots = tuple(spec.name for spec in dataclasses.fields(read))
        twin = _TWINS[read] = type(f"{read.__name__}Builder", (), {"__slots__": slots})
    return twin


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while read models are built in bulk.

    Building the register's 20,000 rows allocates enough objects to start the collector many
    times, and each full pass walks the whole heap: a sixth of the load. The rows hold plain
    values and no cycles, so nothing is left for the collector to find; it runs again after.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
