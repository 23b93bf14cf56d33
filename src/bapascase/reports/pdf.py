"""PDF by printing the HTML report with a headless Chromium, when one is installed.

Nothing is fetched: the HTML is self-contained, Chromium runs with networking features off, a throw-away profile
and no sandbox (it often runs as root in containers). A missing Chromium is a clear user error, not a crash.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bapascase.errors import UserError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120


def find_chromium() -> str | None:
    override = os.environ.get("BAPASCASE_CHROMIUM")
    if override:
        return override if shutil.which(override) or Path(override).is_file() else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html: str, target: Path) -> None:
    browser = find_chromium()
    if browser is None:
        raise UserError("rpt.err.no_chromium")
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bapascase-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        out = Path(tmp) / "report.pdf"
        cmd = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",  # the same, for older Chromium (unknown flags are ignored)
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise UserError("rpt.err.pdf_failed", reason=f"timeout {TIMEOUT}s") from None
        except OSError as exc:
            raise UserError("rpt.err.pdf_failed", reason=type(exc).__name__) from None
        if not out.is_file() or out.stat().st_size == 0:
            raise UserError("rpt.err.pdf_failed", reason=f"exit {proc.returncode}")
        shutil.move(str(out), str(target))
