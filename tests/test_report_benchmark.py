"""benchmarks/report.py runs end to end (the timing target itself is checked by running it, not here)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT

pytestmark = pytest.mark.slow


def test_report_benchmark_runs() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "report.py"), "-n", "1", "--json"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["files"] == 140  # intake, EIC, assessment, plan, 100 sessions, 36 monitoring entries
    assert set(data["over_baseline_ms"]) == {"case/html", "progress/md", "litmas/html", "practicum/html"}
    assert all(v > 0 for v in data["median_ms"].values())
