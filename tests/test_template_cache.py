"""Compiled report templates cached in the user's cache (reports/bytecode.py): used only when private, never an
error when damaged, separate per environment configuration, and never a way round the sandbox.

Each test has a cache home of its own (``XDG_CACHE_HOME`` under ``tmp_path``) and counts Jinja's compilations.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import jinja2
import pytest

from bapascase.reports import bytecode, render
from bapascase.reports.env import make_env
from tests.helpers import assert_clean_exit, invoke
from tests.report_fixture import story_case


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(bytecode.DISABLE_VAR, raising=False)
    return home


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every template Jinja compiles (a template loaded from the cache is not compiled)."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kw: Any) -> Any:
        names.append(name or "")
        return original(self, source, name, *args, **kw)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


@pytest.fixture
def case(tmp_path: Path) -> tuple[Path, str]:
    book, case_id = story_case(tmp_path / "cb")
    return book.root, case_id


def folder(home: Path) -> Path:
    return home / "bapascase" / bytecode.FOLDER


def cached_files(home: Path) -> list[Path]:
    return sorted(folder(home).glob("*.code")) if folder(home).is_dir() else []


def litmas(root: Path, case_id: str, out: Path, monkeypatch: pytest.MonkeyPatch, fmt: str = "html") -> str:
    """One report run as a new process would make it: no environment kept from an earlier run."""
    monkeypatch.setattr(render, "_ENVS", {})
    result = invoke(["report", case_id, "--kind", "litmas", "--format", fmt, "-o", str(out)], casebook=root)
    assert_clean_exit(result, 0)
    return out.read_text(encoding="utf-8")


def test_a_second_run_compiles_nothing_and_renders_the_same(
        cache_home: Path, compiles: list[str], case: tuple[Path, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    root, case_id = case
    first = litmas(root, case_id, tmp_path / "a.html", monkeypatch)
    assert compiles, "the first run compiles"
    files = cached_files(cache_home)
    assert len(files) == len(set(compiles))
    assert stat.S_IMODE(folder(cache_home).stat().st_mode) == 0o700
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    compiles.clear()
    assert litmas(root, case_id, tmp_path / "b.html", monkeypatch) == first
    assert compiles == []
    assert not (root / ".bapascase" / "jinja").exists() and not list(root.rglob("*.code"))  # never in the casebook


def test_the_cache_can_be_turned_off(cache_home: Path, compiles: list[str], case: tuple[Path, str], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(bytecode.DISABLE_VAR, "1")
    root, case_id = case
    litmas(root, case_id, tmp_path / "a.html", monkeypatch)
    assert not folder(cache_home).exists()
    monkeypatch.setenv(bytecode.DISABLE_VAR, "0")  # "0" is "not disabled"
    assert bytecode.cache_folder() is not None


def test_every_configuration_has_its_own_code(cache_home: Path) -> None:
    """Markdown and HTML (finalize differs) and the sandbox (operators compiled into checked calls) never share
    compiled code; the same configuration does."""
    builtin = Path(render.__file__).resolve().parents[3] / "templates"
    envs = {(fmt, sandboxed): make_env(fmt, builtin, sandboxed=sandboxed)
            for fmt in ("md", "html") for sandboxed in (False, True)}
    tags = {key: env.bytecode_cache.tag for key, env in envs.items()}  # type: ignore[union-attr]
    assert len(set(tags.values())) == 4
    assert make_env("md", builtin, sandboxed=True).bytecode_cache.tag == tags[("md", True)]  # type: ignore[union-attr]
    keys = {env.bytecode_cache.get_bucket(env, "base.j2", "default/base.j2", "x").key  # type: ignore[union-attr]
            for env in envs.values()}
    assert len(keys) == 4
    source_of = {key: env.compile("{{ a * b }}", raw=True) for key, env in envs.items()}
    assert "call_binop" in source_of[("md", True)] and "call_binop" not in source_of[("md", False)]


def test_an_edited_template_is_compiled_again(cache_home: Path, case: tuple[Path, str], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root, case_id = case
    (root / "templates").mkdir()
    own = root / "templates" / "litmas.j2"
    own.write_text('{% extends "default/litmas.j2" %}{% block title %}KOP SATU{% endblock %}', encoding="utf-8")
    assert "KOP SATU" in litmas(root, case_id, tmp_path / "a.html", monkeypatch)
    own.write_text('{% extends "default/litmas.j2" %}{% block title %}KOP DUA{% endblock %}', encoding="utf-8")
    text = litmas(root, case_id, tmp_path / "b.html", monkeypatch)
    assert "KOP DUA" in text and "KOP SATU" not in text


def _poison(files: list[Path], how: str) -> None:
    for f in files:
        data = f.read_bytes()
        if how == "truncated":
            f.write_bytes(data[: len(data) // 2])
        elif how == "empty":
            f.write_bytes(b"")
        elif how == "flipped":
            pos = len(data) - 40
            f.write_bytes(data[:pos] + bytes([data[pos] ^ 0x55]) + data[pos + 1:])
        elif how == "garbage":
            f.write_bytes(os.urandom(300))
        elif how == "jinja pickle":  # Jinja's own format starts with a pickle: never unpickled
            f.write_bytes(jinja2.bccache.bc_magic + b"cos\nsystem\n(S'touch /tmp/pwned-p2'\ntR.")
        elif how == "magic only":
            f.write_bytes(bytecode.MAGIC)
        elif how == "folder":
            f.unlink()
            f.mkdir()


@pytest.mark.parametrize("how", ["truncated", "empty", "flipped", "garbage", "jinja pickle", "magic only", "folder"])
def test_a_damaged_cache_file_is_ignored_and_written_again(
        how: str, cache_home: Path, compiles: list[str], case: tuple[Path, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    root, case_id = case
    first = litmas(root, case_id, tmp_path / "a.html", monkeypatch)
    files = cached_files(cache_home)
    _poison(files, how)
    compiles.clear()
    assert litmas(root, case_id, tmp_path / "b.html", monkeypatch) == first
    assert len(compiles) == len(files)  # every damaged file was compiled again...
    if how != "folder":  # ...and written again (a folder in a file's place stays: the cache is only skipped)
        compiles.clear()
        assert litmas(root, case_id, tmp_path / "c.html", monkeypatch) == first
        assert compiles == []
    assert not Path("/tmp/pwned-p2").exists()


def _hostile_folder(home: Path, how: str, tmp_path: Path) -> None:
    target = folder(home)
    target.parent.mkdir(parents=True, exist_ok=True)
    if how == "symlink":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(mode=0o700)
        target.symlink_to(elsewhere, target_is_directory=True)
        return
    target.mkdir(mode=0o700)
    if how == "world-writable":
        target.chmod(0o777)
    elif how == "group-writable":
        target.chmod(0o770)
    elif how == "other owner":
        if os.getuid() != 0:
            pytest.skip("only root can give a folder to another user")
        os.chown(target, 65534, 65534)


@pytest.mark.parametrize("how", ["symlink", "world-writable", "group-writable", "other owner"])
def test_a_cache_folder_that_is_not_private_is_not_used(
        how: str, cache_home: Path, compiles: list[str], case: tuple[Path, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _hostile_folder(cache_home, how, tmp_path)
    assert bytecode.cache_folder() is None
    root, case_id = case
    first = litmas(root, case_id, tmp_path / "a.html", monkeypatch)
    compiles.clear()
    assert litmas(root, case_id, tmp_path / "b.html", monkeypatch) == first
    assert compiles, "no cache: compiled again"
    if how == "symlink":
        assert list((tmp_path / "elsewhere").iterdir()) == []
    else:
        assert cached_files(cache_home) == []


@pytest.mark.parametrize("how", ["symlink", "world-writable", "other owner"])
def test_a_cache_file_that_is_not_private_is_not_used(
        how: str, cache_home: Path, compiles: list[str], case: tuple[Path, str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    root, case_id = case
    first = litmas(root, case_id, tmp_path / "a.html", monkeypatch)
    files = cached_files(cache_home)
    for f in files:
        if how == "symlink":
            kept = tmp_path / f"kept-{f.name}"
            f.rename(kept)
            f.symlink_to(kept)
        elif how == "world-writable":
            f.chmod(0o666)
        else:
            if os.getuid() != 0:
                pytest.skip("only root can give a file to another user")
            os.chown(f, 65534, 65534)
    compiles.clear()
    assert litmas(root, case_id, tmp_path / "b.html", monkeypatch) == first
    assert len(compiles) == len(files)


SANDBOX_ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ r.case.__class__.__init__.__globals__ }}",
    "{% for c in ''.__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{% set l = [] %}{{ l.append(1) }}",
]


@pytest.mark.parametrize("body", SANDBOX_ESCAPES)
def test_the_sandbox_holds_with_cached_code(body: str, cache_home: Path, compiles: list[str],
                                          case: tuple[Path, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A casebook template that tries to leave the sandbox is refused on the first run and again on the second,
    when its code comes from the cache."""
    root, case_id = case
    (root / "templates").mkdir()
    (root / "templates" / "case.md.j2").write_text("line one\n" + body + "\n", encoding="utf-8")
    lines = []
    for run in range(2):
        monkeypatch.setattr(render, "_ENVS", {})
        compiles.clear()
        result = invoke(["report", case_id], casebook=root)
        assert_clean_exit(result, 1)
        lines.append(result.stderr.strip())
        assert "object" not in result.stdout and "<class" not in result.stdout
        if run == 1:
            assert "templates/case.md.j2" not in compiles  # it came from the cache
    assert lines[0] == lines[1]
    assert lines[0].startswith("Templat templates/case.md.j2 baris 2:"), lines[0]
    assert cached_files(cache_home)


def test_unwritable_cache_is_no_error(cache_home: Path, case: tuple[Path, str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache home that is a file (or cannot be made) means no cache, never an error."""
    cache_home.parent.mkdir(parents=True, exist_ok=True)
    cache_home.write_text("not a folder", encoding="utf-8")
    assert bytecode.cache_folder() is None
    root, case_id = case
    assert "<html" in litmas(root, case_id, tmp_path / "a.html", monkeypatch)
