"""Fixtures shared by every test file. Helpers that are not fixtures live in ``tests/helpers.py``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ISOLATED_VARS, Book, intake_answers, make_casebook


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test depends on the machine's BAPASCASE_* variables, and each starts in Indonesian."""
    from bapascase.i18n import set_lang

    for var in ISOLATED_VARS:
        monkeypatch.delenv(var, raising=False)
    set_lang("id")
    yield
    set_lang("id")


@pytest.fixture
def book(tmp_path: Path) -> Book:
    """A fresh casebook made by ``bapascase init`` (a git repository when git is installed)."""
    return make_casebook(tmp_path / "cb")


@pytest.fixture
def book_nogit(tmp_path: Path) -> Book:
    """A fresh casebook made as on a machine without git."""
    return make_casebook(tmp_path / "cb", git=False)


@pytest.fixture
def answers() -> dict[str, Any]:
    """A valid intake answers document for a realistic client (a fresh copy per test)."""
    return intake_answers()


@pytest.fixture
def no_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide git from the tool for the whole test."""
    monkeypatch.setattr("bapascase.store.git.available", lambda: False)
