"""Summary methods: one file per method, each a :class:`Summarizer` registered by name.

Add a method by adding a file here that defines a subclass decorated with :func:`register`,
and importing it at the bottom of this module. ``get(name)`` returns an instance.
"""

from __future__ import annotations

from newsfuse.brief.summarizers.base import Summarizer
from newsfuse.errors import ConfigError

__all__ = ["Summarizer", "register", "get", "available", "DEFAULT_METHOD"]

_REGISTRY: dict[str, type[Summarizer]] = {}


def register(cls: type[Summarizer]) -> type[Summarizer]:
    """Class decorator: make ``cls`` available as ``get(cls.name)``."""
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not name:
        raise TypeError(f"{cls.__name__} has no 'name'")
    if name in _REGISTRY and _REGISTRY[name] is not cls:
        raise TypeError(f"summary method {name!r} is registered twice")
    _REGISTRY[name] = cls
    return cls


def available() -> list[str]:
    """The registered method names, sorted."""
    return sorted(_REGISTRY)


def get(name: str) -> Summarizer:
    """A summariser by method name; an unknown name is a ConfigError listing the known ones."""
    cls = _REGISTRY.get(name)
    if cls is None:
        raise ConfigError(f"unknown summary method {name!r}; available: {', '.join(available())}")
    return cls()


# The methods. Each module registers itself on import.
from newsfuse.brief.summarizers import consensus as _consensus  # noqa: E402,F401
from newsfuse.brief.summarizers import coverage as _coverage  # noqa: E402,F401
from newsfuse.brief.summarizers import learned as _learned  # noqa: E402,F401
from newsfuse.brief.summarizers import support as _support  # noqa: E402,F401

#: The method used when none is named: the best on bench/summarize.py (see bench/RESULTS.md).
DEFAULT_METHOD = "coverage"
