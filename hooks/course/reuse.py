"""A whole-course step's last result, reused while its inputs stay equal (the incremental preview).

Page-level work is kept by each page's text (course/check.py, course/glossary.py). What compares
pages (the course model, the glossary's entries, the rules that read every page) has the whole
course as input, so it cannot be kept per page; but most saves change one paragraph of one page
and leave that step's inputs equal. The preview (`make serve`) keeps one `LastCall` per step for
its session; a full build makes none, and computes every step once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_NOTHING = object()


class LastCall:
    """Calls a pure function, or returns its last result when the arguments equal the last ones.

    The arguments are compared with ``==`` (never by hash), so they must be plain values:
    frozen dataclasses, tuples, lists, strings. Unchanged pages hand in the very objects they
    handed in last time, which Python compares by identity first, so the comparison costs far
    less than the step.
    """

    def __init__(self) -> None:
        self._arguments: tuple[Any, ...] | object = _NOTHING
        self._result: Any = None

    def __call__(self, function: Callable[..., T], *arguments: Any) -> T:
        if self._arguments is _NOTHING or self._arguments != arguments:
            self._result = function(*arguments)
            self._arguments = arguments
        return self._result  # type: ignore[no-any-return]


def call(kept: dict[str, LastCall] | None, name: str, function: Callable[..., T], *arguments: Any) -> T:
    """``function(*arguments)``, through the ``LastCall`` kept under ``name`` when there is a memory."""
    if kept is None:
        return function(*arguments)
    return kept.setdefault(name, LastCall())(function, *arguments)
