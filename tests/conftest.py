"""Fixtures shared by every test file. Helpers that are not fixtures live in ``tests/helpers.py``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ISOLATED_VARS, Book, intake_answers, make_casebook

# Tests marked ``slow`` (benchmarks, real terminals through pexpect, real Chromium) run only with ``--slow``; CI
# and the README's test command pass it. The default run stays quick enough to run before every commit.


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run the tests marked slow (benchmarks, pexpect terminals, Chromium)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: benchmarks, real terminals and real browsers (run with --slow)")
    config.addinivalue_line("markers", "git(False): the ``book`` casebook has no git repository (see ``book``)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user cache (checked instrument definitions, compiled templates) of this test session alone: not the
    machine's, which another checkout of bapascase may have filled, nor another xdist worker's."""
    return tmp_path_factory.mktemp("cache-home")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, _cache_home: Path) -> Iterator[None]:
    """No test depends on the machine's BAPASCASE_* variables or user cache, and each starts in Indonesian."""
    from bapascase.i18n import set_lang

    for var in ISOLATED_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_home))
    # the same table widths on every machine and in every xdist worker, whatever the terminal running pytest
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("LINES", "48")
    set_lang("id")
    yield
    set_lang("id")


@pytest.fixture(scope="session")
def _fresh_books(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """One ``bapascase init`` per session (with and without git); each test gets its own copy. git's sample
    hooks are left out of the copies: a third of the files copied for every test, and never run."""
    base = tmp_path_factory.mktemp("fresh-books")
    books = {git: make_casebook(base / ("git" if git else "plain"), git=git).root for git in (True, False)}
    for sample in (books[True] / ".git" / "hooks").glob("*.sample"):
        sample.unlink()
    return books


def _copy_of(template: Path, target: Path) -> Book:
    shutil.copytree(template, target, symlinks=True)
    return Book(target.resolve())


@pytest.fixture
def book(request: pytest.FixtureRequest, tmp_path: Path, _fresh_books: dict[bool, Path]) -> Book:
    """A fresh casebook made by ``bapascase init`` (a git repository when git is installed).

    Tests that never look at git say ``pytest.mark.git(False)`` (a module's ``pytestmark``, or one test): their
    casebook has no repository, so no write spends six git processes on a commit. The closest mark wins, so a
    module without git can still mark the few tests that check commits ``git(True)``."""
    mark = request.node.get_closest_marker("git")
    git = bool(mark.args[0]) if mark is not None and mark.args else True
    return _copy_of(_fresh_books[git], tmp_path / "cb")


@pytest.fixture
def book_nogit(tmp_path: Path, _fresh_books: dict[bool, Path]) -> Book:
    """A fresh casebook made as on a machine without git."""
    return _copy_of(_fresh_books[False], tmp_path / "cb")


@pytest.fixture
def answers() -> dict[str, Any]:
    """A valid intake answers document for a realistic client (a fresh copy per test)."""
    return intake_answers()


@pytest.fixture
def no_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide git from the tool for the whole test."""
    monkeypatch.setattr("bapascase.store.git.available", lambda: False)
