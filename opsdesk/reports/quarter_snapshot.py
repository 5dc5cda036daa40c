"""A closed quarter's report data kept as JSON, and read back exactly as it was written.

Closing a quarter stores everything its workbook shows (the register's rows, the figures,
the alerts, readings, actions... as the plain dataclasses the export reads), so exporting
it again gives the same figures and rows whatever changed since. Only OpsDesk's own
dataclasses are rebuilt from the text: a type name outside `opsdesk.` is refused.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from opsdesk.domain.errors import Problem, ValidationError

FORMAT = 1


def _type_name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"__dataclass__": _type_name(type(value)), "fields": fields}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(item) for item in value]}
    if isinstance(value, (list, set, frozenset)):
        return [_encode(item) for item in value]
    if isinstance(value, Mapping):  # a dict, or a read-only view of one
        return {"__dict__": [[_encode(key), _encode(item)] for key, item in value.items()]}
    raise TypeError(f"cannot keep a {type(value).__name__} in a closed quarter's report")


def _class(name: str) -> type:
    module_name, _, qualname = name.partition(":")
    if module_name == "types" and qualname == "RiskRead":  # made by services.record_types.read_type
        from opsdesk.services.risks import RiskRead

        return RiskRead
    if not (module_name == "opsdesk" or module_name.startswith("opsdesk.")):
        raise ValidationError(Problem("quarter", "quarter.kept_unknown_record", {"name": name}))
    target: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        target = getattr(target, part)
    if not (isinstance(target, type) and dataclasses.is_dataclass(target)):
        raise ValidationError(Problem("quarter", "quarter.kept_unknown_record", {"name": name}))
    return target


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "__datetime__" in value:
        return datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return date.fromisoformat(value["__date__"])
    if "__tuple__" in value:
        return tuple(_decode(item) for item in value["__tuple__"])
    if "__dict__" in value:
        return {_hashable(_decode(key)): _decode(item) for key, item in value["__dict__"]}
    if "__dataclass__" in value:
        cls = _class(value["__dataclass__"])
        stored = {key: _decode(item) for key, item in value["fields"].items()}
        arguments = {}
        for spec in dataclasses.fields(cls):
            if not spec.init:
                continue
            if spec.name in stored:
                arguments[spec.name] = stored[spec.name]
            elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                arguments[spec.name] = None  # a field added since the quarter was closed
        return cls(**arguments)
    return {key: _decode(item) for key, item in value.items()}


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def dump(value: Any) -> str:
    """The JSON text of a report's data (dataclasses, dates, tuples and dicts kept as such)."""
    return json.dumps({"format": FORMAT, "data": _encode(value)}, ensure_ascii=False, separators=(",", ":"))


def load(text: str) -> Any:
    """The report data `dump` wrote, rebuilt."""
    try:
        stored = json.loads(text)
    except ValueError as exc:
        raise ValidationError(Problem("quarter", "quarter.kept_unreadable", {"reason": str(exc)})) from exc
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        raise ValidationError(Problem("quarter", "quarter.kept_other_version"))
    return _decode(stored["data"])
