"""Git, through the ``git`` command: init, auto-commit, history, sync. Never required: without git, we say so."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bapascase.errors import UserError


def available() -> bool:
    return shutil.which("git") is not None


def run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        ["git", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=None,
        check=False,
    )
    if check and proc.returncode != 0:
        message = (proc.stderr or proc.stdout).strip().splitlines()
        raise UserError("err.git", message=message[-1] if message else f"exit {proc.returncode}")
    return proc


def is_repo(root: Path) -> bool:
    if not available():
        return False
    return run(root, "rev-parse", "--is-inside-work-tree", check=False).returncode == 0


def _identity_args(root: Path) -> list[str]:
    """Commit even on a machine where git has no user configured (fresh CI, new laptop)."""
    out: list[str] = []
    if run(root, "config", "user.email", check=False).returncode != 0:
        out += ["-c", "user.email=bapascase@localhost"]
    if run(root, "config", "user.name", check=False).returncode != 0:
        out += ["-c", "user.name=bapascase"]
    return out


def init(root: Path, message: str) -> bool:
    if not available():
        return False
    run(root, "init", "-q")
    run(root, "add", "-A")
    run(root, *_identity_args(root), "commit", "-q", "-m", message)
    return True


def commit_paths(root: Path, paths: list[Path], message: str) -> bool:
    """Commit just these paths (added, changed or removed) when the casebook is a git repository."""
    if not is_repo(root):
        return False
    rels = [str(p.relative_to(root)) if p.is_absolute() else str(p) for p in paths]
    run(root, "add", "-A", "--", *rels)
    if run(root, "diff", "--cached", "--quiet", "--", *rels, check=False).returncode == 0:
        return False
    run(root, *_identity_args(root), "commit", "-q", "-m", message, "--", *rels)
    return True
