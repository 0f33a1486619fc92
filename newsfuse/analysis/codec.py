"""An :class:`~newsfuse.model.ArticleAnalysis` as plain JSON and back, for a cache or a shipment.

The model's frozen dataclasses are written field by field (tuples as lists, frozensets as sorted
lists, enums as their values, dates as ``YYYY-MM-DD``) and read back by their type hints, so the
record comes back equal to what was written. The envelope names the shape
(:data:`ANALYSIS_SCHEMA`): a reader refuses another one, and a cache keyed on it drops records
written by an older analysis.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from newsfuse.errors import MalformedInput
from newsfuse.model import ArticleAnalysis

__all__ = [
    "ANALYSIS_SCHEMA",
    "analysis_to_dict",
    "analysis_from_dict",
    "analysis_to_json",
    "analysis_from_json",
    "parse_json",
]

#: Names the shape of a serialised record; bump it when a field is removed, changes meaning, or
#: the analysis reads articles differently enough that cached records should be recomputed.
ANALYSIS_SCHEMA = "newsfuse.analysis/2"  # 2: FactRecord.clause


def analysis_to_dict(record: ArticleAnalysis) -> dict[str, Any]:
    """``record`` as a dict of plain JSON types, with the ``schema`` key first."""
    return {"schema": ANALYSIS_SCHEMA, **_dump(record)}


def analysis_to_json(record: ArticleAnalysis) -> str:
    """``record`` as one line of JSON."""
    return json.dumps(analysis_to_dict(record), ensure_ascii=False, separators=(",", ":"))


def analysis_from_dict(data: Any, origin: str = "article analysis") -> ArticleAnalysis:
    """The record :func:`analysis_to_dict` wrote; another shape is a ``MalformedInput``."""
    if not isinstance(data, dict) or data.get("schema") != ANALYSIS_SCHEMA:
        raise MalformedInput(origin, f"not an article analysis of shape {ANALYSIS_SCHEMA!r}")
    body = {k: v for k, v in data.items() if k != "schema"}
    try:
        return _load(ArticleAnalysis, body)
    except (KeyError, TypeError, ValueError) as err:
        raise MalformedInput(origin, f"not a valid {ANALYSIS_SCHEMA} record ({type(err).__name__}: {err})") from None


def analysis_from_json(text: str, origin: str = "article analysis") -> ArticleAnalysis:
    """The record :func:`analysis_to_json` wrote."""
    return analysis_from_dict(parse_json(text, origin), origin)


def parse_json(text: str, origin: str) -> Any:
    """``json.loads(text)``; text that is not JSON (or nests too deep) is a ``MalformedInput``."""
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        raise MalformedInput(origin, f"not JSON ({err})") from None


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_dump(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(_dump(v) for v in value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _load(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        if data is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _load(inner, data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_load(args[0], v) for v in _list(data))
        return tuple(_load(a, v) for a, v in zip(args, _list(data), strict=True))
    if origin is frozenset:
        (inner,) = typing.get_args(tp)
        return frozenset(_load(inner, v) for v in _list(data))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise TypeError(f"{tp.__name__}: expected an object")
        hints = _hints(tp)
        known = {f.name for f in dataclasses.fields(tp)}
        unknown = set(data) - known
        if unknown:
            raise KeyError(f"{tp.__name__} has no field {sorted(unknown)[0]!r}")
        return tp(**{name: _load(hints[name], v) for name, v in data.items()})
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if tp is _dt.date:
        return _dt.date.fromisoformat(data)
    if tp in (str, int, float, bool):
        if tp is float and isinstance(data, int) and not isinstance(data, bool):
            return float(data)
        if not isinstance(data, tp) or (tp is int and isinstance(data, bool)):
            raise TypeError(f"expected {tp.__name__}, got {type(data).__name__}")
        return data
    raise TypeError(f"cannot read a {tp!r}")


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError("expected a list")
    return data
