"""Ids inside one document: unique short ids (goal ``T1``, genogram person ``P1``) and references to them.

A document validator opens a *scope* holding the ids its raw input declares; the id and reference fields of its
nested parts check themselves against that scope while pydantic validates them. So an error points at the exact
item (``activities[1].goal_ids[0]``), not at the whole document. Outside a scope (a part validated on its own,
e.g. one wizard answer) the checks are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field
from pydantic_core import PydanticCustomError

SHORT_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$"
_SHORT_ID_RE = re.compile(SHORT_ID)


@dataclass
class _Scope:
    known: set[str]
    seen: set[str] = field(default_factory=set)


_scopes: ContextVar[dict[str, _Scope] | None] = ContextVar("bapascase_id_scopes", default=None)


def raw_ids(data: Any, *path: str) -> set[str]:
    """The ids declared in raw input: ``raw_ids(data, "goals", "id")`` -> every ``goals[*].id`` (dicts or models)."""

    def get(node: Any, key: str) -> Any:
        if isinstance(node, dict):
            return node.get(key)
        return getattr(node, key, None)

    *head, key = path
    nodes: list[Any] = [data]
    for part in head:
        nxt: list[Any] = []
        for node in nodes:
            value = get(node, part)
            if isinstance(value, list):
                nxt.extend(value)
            elif value is not None:
                nxt.append(value)
        nodes = nxt
    out: set[str] = set()
    for node in nodes:
        value = get(node, key)
        if isinstance(value, str):
            out.add(value.strip())
    return out


@contextmanager
def id_scope(kind: str, known: set[str]) -> Iterator[None]:
    """Within the block, ids of ``kind`` are checked for uniqueness and references against ``known``."""
    current = dict(_scopes.get() or {})
    current[kind] = _Scope(set(known))
    token = _scopes.set(current)
    try:
        yield
    finally:
        _scopes.reset(token)


def _scope(kind: str) -> _Scope | None:
    scopes = _scopes.get()
    return scopes.get(kind) if scopes else None


def check_short_id(value: Any) -> Any:
    """A short id: letters, digits, ``_ . -``, at most 16 characters (``T1``, ``P3``)."""
    if isinstance(value, str):
        value = value.strip()
        if not _SHORT_ID_RE.match(value):
            raise PydanticCustomError("bc_short_id", "bad short id", {})
    return value


def unique_in(kind: str) -> Callable[[str], str]:
    """An after-validator: the id must not repeat within the open ``kind`` scope."""

    def check(value: str) -> str:
        scope = _scope(kind)
        if scope is not None:
            if value in scope.seen:
                raise PydanticCustomError("bc_duplicate_id", "duplicate id", {})
            scope.seen.add(value)
        return value

    return check


def known_in(kind: str, error: str) -> Callable[[str], str]:
    """An after-validator: the reference must name an id declared in the open ``kind`` scope."""

    def check(value: str) -> str:
        scope = _scope(kind)
        if scope is not None and value not in scope.known:
            known = ", ".join(sorted(scope.known)) or "-"
            raise PydanticCustomError(error, "unknown reference", {"known": known})
        return value

    return check


def id_schema(example: str) -> Any:
    return Field(json_schema_extra={"pattern": SHORT_ID, "examples": [example]})
