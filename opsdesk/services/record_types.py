"""A service's input and read types, made from a record's field table.

`input_type(RISK, "RiskInput")` is a dataclass with one attribute per field a user types
(required ones first, the others with the field's empty value as default); `read_type` is a
frozen dataclass with every stored field plus what the service adds (names, flags, counts).
A read type is built by keyword from a row's column names, never by position, so adding a
field to the table adds it everywhere without counting columns.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
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
    table: RecordFields, name: str, extra: Iterable[tuple[str, Any] | tuple[str, Any, Any]] = ()
) -> type:
    """A frozen dataclass of `id`, every stored field, and the `extra` attributes a service adds."""
    attributes: list[Any] = [("id", int)]
    attributes += [(spec.key, _annotation(spec, optional=spec.empty is None)) for spec in table.stored()]
    extras = list(extra)
    attributes += [item for item in extras if len(item) == 2]
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


def positional_builder(read: type) -> Callable[..., Any]:
    """Build instances of a read type from all of its values in field order, several times faster.

    A frozen dataclass's `__init__` sets every field through `object.__setattr__`: for the 20,000
    rows of the register that costs almost as much as the query. A twin with the same slots and
    plain assignment builds the instance, which then takes the read type as its class (the same
    layout, so Python allows it): the result is an ordinary, still frozen, instance of `read`.
    """
    twin = dataclasses.make_dataclass(
        f"{read.__name__}Builder", [(spec.name, spec.type) for spec in dataclasses.fields(read)],
        slots=True, eq=False, repr=False,
    )  # fmt: skip

    def build(*values: Any) -> Any:
        instance = twin(*values)
        instance.__class__ = read
        return instance

    return build
