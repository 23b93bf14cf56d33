"""``dashboard``: every number on the page equals ``stats --json`` (each is marked with its path there), clients by
initials only, and a real Chromium opens it with no network request."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from bapascase.reports.pdf import find_chromium
from tests.helpers import ROOT, assert_clean_exit, invoke
from tests.test_report import html_errors

TODAY = dt.date(2026, 11, 30)


def _stats(today: dt.date = TODAY) -> dict[str, Any]:
    r = invoke(["stats", "--json"], casebook=ROOT, today=today)
    assert_clean_exit(r, 0)
    data: dict[str, Any] = json.loads(r.stdout)
    return data


def _dashboard(tmp_path: Path, *args: str, today: dt.date = TODAY) -> str:
    target = tmp_path / "dasbor.html"
    r = invoke(["dashboard", "-o", str(target), *args], casebook=ROOT, today=today)
    assert_clean_exit(r, 0)
    return target.read_text(encoding="utf-8")


def _at(data: Any, path: str) -> Any:
    """The value at a dotted path of stats --json (an officer's name may hold dots: match the longest key)."""
    node = data
    rest = path
    while rest:
        if isinstance(node, list):
            head, _, rest = rest.partition(".")
            node = node[int(head)]
            continue
        key = max((k for k in node if rest == k or rest.startswith(k + ".")), key=len)
        node = node[key]
        rest = rest[len(key) + 1:]
    return node


@pytest.mark.parametrize("today", [TODAY, dt.date(2026, 8, 1)])
def test_every_number_equals_stats_json(tmp_path: Path, today: dt.date) -> None:
    html = _dashboard(tmp_path, today=today)
    data = _stats(today)
    shown = re.findall(r'data-stat="([^"]+)">([^<]*)<', html)
    assert len(shown) >= 30
    for path, value in shown:
        assert str(_at(data, path)) == value, path
    paths = {p for p, _ in shown}
    # every number stats --json has (except the tables by stage and supervision, which ``stats`` prints) is shown
    for key in ("total", "active", "wajib_lapor.overdue", "wajib_lapor.today", "wajib_lapor.upcoming",
                "ending.30", "ending.60", "ending.90", "revocation.revocation_ground", "revocation.revocation_proposed",
                "revocation.revoked", "kerja_sosial.hours_done", "kerja_sosial.hours_left",
                "kerja_sosial.behind", "pengawasan.restitution_outstanding"):
        assert key in paths, key
    for group in ("by_risk", "by_programme"):
        for k in data[group]:
            assert f"{group}.{k}" in paths
    for name in data["per_officer"]:
        assert f"per_officer.{name}.active" in paths
    assert sum(1 for p in paths if p.startswith("missed_trend.")) == 12
    assert html_errors(html) == []


def test_initials_only_and_no_request_in_the_markup(tmp_path: Path) -> None:
    html = _dashboard(tmp_path)
    for case in (ROOT / "cases").glob("*/case.yaml"):
        raw = case.read_text(encoding="utf-8")
        name = re.search(r"^  name: (.+)$", raw, re.M)
        nik = re.search(r"nik: '?(\d{16})", raw)
        assert name is not None and name.group(1).strip() not in html
        assert nik is None or nik.group(1) not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!wa\.me/)""", html)
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert "https://wa.me/62" in html


def test_english_and_officer_filter(tmp_path: Path) -> None:
    target = tmp_path / "d.html"
    r = invoke(["--lang", "en", "dashboard", "-o", str(target), "--officer", "Budi"], casebook=ROOT, today=TODAY)
    assert_clean_exit(r, 0)
    html = target.read_text(encoding="utf-8")
    assert "Caseload per PK" in html and "Sri Rahayu" not in html and 'lang="en"' in html


def _page_requests(chromium: str, page: Path, work: Path) -> tuple[str, list[str]]:
    """Open ``page`` in headless Chromium; its DOM and the URLs the page itself asked the network for (the
    browser's own background traffic, which has no file:// page behind it, is left aside)."""
    log = work / f"{page.stem}-net.json"
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={work / 'profile'}", f"--log-net-log={log}", "--net-log-capture-mode=Default",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(log.read_text(encoding="utf-8"))
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = [e["params"]["url"] for e in data["events"]
            if e.get("type") == start and str(e.get("params", {}).get("network_isolation_key", "")).startswith("file:")]
    return proc.stdout, [u for u in urls if not u.startswith(("file:", "data:"))]


@pytest.mark.slow
def test_chromium_opens_the_dashboard_without_any_network_request(tmp_path: Path) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium on this machine")
    # the check sees a page's request: a page that loads a picture from the network is caught
    control = tmp_path / "control.html"
    control.write_text('<html><body><img src="http://example.invalid/x.png"></body></html>', encoding="utf-8")
    _, asked = _page_requests(chromium, control, tmp_path)
    assert asked == ["http://example.invalid/x.png"]
    _dashboard(tmp_path)
    dom, asked = _page_requests(chromium, tmp_path / "dasbor.html", tmp_path)
    assert "data-stat" in dom and "Dasbor Kasubsi" in dom
    assert asked == []
