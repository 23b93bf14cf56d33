"""Reports officers hand in: the case file, the Litmas, progress, termination and practicum reports.

``context`` builds the report data from the casebook (validated, optionally anonymised, derived facts, pictures),
``env`` makes the Jinja environments, ``render`` puts them together and writes the files. Jinja2 and
markdown-it are imported only here, never by the other commands.
"""

from __future__ import annotations

from bapascase.model.report_kinds import ALWAYS_ANONYMOUS, FORMATS, KINDS

__all__ = ["ALWAYS_ANONYMOUS", "FORMATS", "KINDS"]
