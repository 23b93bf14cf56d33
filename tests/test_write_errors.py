"""A write that the system refuses names the file the user gave, never the hidden temp file written beside it
(QA: ``report -o FOLDER -f docx`` said "/tmp/.qa_reports.4a0527bc.tmp (Is a directory)"). Fixed where every
write goes through (``store.atomic``): a folder, a missing parent folder (made), a read-only folder."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from bapascase.store import atomic
from tests.helpers import ROOT, assert_clean_exit, invoke

BZG = "2025-bzg-k7m2p"


def test_a_folder_is_named_not_the_temp_file(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError) as info:
        atomic.atomic_write(tmp_path, b"x")
    assert info.value.filename == str(tmp_path) and info.value.filename2 is None
    assert [p.name for p in tmp_path.iterdir()] == []  # no temp file left behind


def test_a_missing_parent_folder_is_made(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "r.md"
    atomic.atomic_write(target, "x")
    assert target.read_text() == "x"
    assert atomic.create_exclusive(tmp_path / "c" / "d.yaml", "y")


def _read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder no file can be created in: chmod, and as root (who may write anyway) the kernel's answer."""
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:
        real = os.open

        def refuse(path: str, flags: int, *args: int) -> int:
            if Path(path).parent == folder and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
            return real(path, flags, *args)

        monkeypatch.setattr(os, "open", refuse)


@pytest.mark.parametrize("write", [atomic.atomic_write, atomic.create_exclusive])
def test_a_read_only_folder_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: object) -> None:
    folder = tmp_path / "ro"
    _read_only(folder, monkeypatch)
    try:
        with pytest.raises(PermissionError) as info:
            write(folder / "r.md", "x")  # type: ignore[operator]
        assert info.value.filename == str(folder / "r.md")
    finally:
        folder.chmod(0o755)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    if not (ROOT / "cases" / BZG).is_dir():
        pytest.skip("no demo casebook")
    root = tmp_path / "demo"
    shutil.copytree(ROOT / "cases", root / "cases")
    shutil.copy(ROOT / "bapascase.yaml", root / "bapascase.yaml")
    return root


COMMANDS = [
    ["report", BZG, "--kind", "litmas", "-f", "md"],
    ["report", BZG, "--kind", "litmas", "-f", "html"],
    ["report", BZG, "--kind", "litmas", "-f", "docx"],
    ["calendar"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    ["dashboard"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[:1] + a[-1:]))
def test_every_write_command_names_the_folder_given(demo: Path, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    r = invoke([*args, "-o", str(out)], casebook=demo)
    assert_clean_exit(r, 1)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(out) in lines[0] and ".tmp" not in lines[0], lines
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: "-".join(a[:1] + a[-1:]))
def test_every_write_command_names_the_file_in_a_read_only_folder(demo: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  args: list[str]) -> None:
    folder = tmp_path / "ro"
    _read_only(folder, monkeypatch)
    try:
        r = invoke([*args, "-o", str(folder / "r.out")], casebook=demo)
        assert_clean_exit(r, 1)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and str(folder / "r.out") in lines[0] and ".tmp" not in lines[0], lines
    finally:
        folder.chmod(0o755)
