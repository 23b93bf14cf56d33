"""Where the programme rules are kept (``bapascase/data/programmes.yaml``) and their stamp, without the rules
themselves (``model.programmes``): the caseload index keys every row by the stamp on each read command, and
making the rules' classes costs more than the rest of its start."""

from __future__ import annotations

import os
from pathlib import Path

FILE = "programmes.yaml"


def source() -> Path:
    """The data file inside the installed package (beside the code: the wheel ships ``bapascase/data``).

    A plain path, not ``importlib.resources``: the caseload index stats it on every ``list``."""
    return Path(__file__).resolve().parent.parent / "data" / FILE


def stamp() -> str:
    """What changes when the data file does (size and modification time): the caseload index keys its cached
    derived dates by it, without reading the file."""
    try:
        st = os.stat(source())
    except OSError:
        return "-"
    return f"{st.st_size}-{st.st_mtime_ns}"
