"""The built-in templates render in the sandbox too, exactly as outside it.

A casebook with its own ``templates/`` folder renders every report in Jinja's sandbox (its templates may come
from anywhere). The demo casebook at the repository's top level is such a casebook once bapascase is installed
from a wheel (``pip install .``: the built-in templates are then the package's copy, the top-level folder an
override), so README's first command renders the Litmas sandboxed. A built-in template calling a method the
sandbox refuses (``list.append``) broke that command while every editable-install test passed.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bapascase.reports import KINDS
from tests.helpers import ROOT, assert_clean_exit, invoke

TODAY = dt.date(2026, 11, 30)
CASES = sorted(p.name for p in (ROOT / "cases").iterdir() if p.is_dir() and not p.name.startswith("."))


@pytest.fixture(scope="module")
def overriding(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo casebook with a copy of the built-in templates as its own: every report renders sandboxed."""
    root = tmp_path_factory.mktemp("sandboxed") / "cb"
    root.mkdir()
    shutil.copy(ROOT / "bapascase.yaml", root / "bapascase.yaml")
    shutil.copytree(ROOT / "cases", root / "cases")
    shutil.copytree(ROOT / "templates", root / "templates")
    return root


def _report(root: Path, case_id: str, kind: str, fmt: str) -> tuple[int, str, str]:
    result = invoke(["report", case_id, "--kind", kind, "--format", fmt], casebook=root, today=TODAY)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_the_same_in_the_sandbox(overriding: Path, kind: str, fmt: str) -> None:
    rendered = 0
    for case_id in CASES:
        code, text, err = _report(ROOT, case_id, kind, fmt)
        if code != 0:  # the kind does not apply to this client (a service report of a parole case...)
            assert "Templat" not in err, err
            continue
        sandboxed = _report(overriding, case_id, kind, fmt)
        assert sandboxed[0] == 0, (case_id, sandboxed[2])
        assert sandboxed[1] == text, case_id
        rendered += 1
        if rendered == 2:
            break
    assert rendered, f"no demo client has a {kind} report"


def test_readme_first_command_litmas_in_the_sandbox(overriding: Path, tmp_path: Path) -> None:
    out = tmp_path / "litmas-bzg.html"
    result = invoke(["report", "bzg", "--kind", "litmas", "--format", "html", "-o", str(out)], casebook=overriding,
                    today=TODAY)
    assert_clean_exit(result, 0)
    assert "Laporan Hasil Penelitian Kemasyarakatan" in out.read_text(encoding="utf-8")
