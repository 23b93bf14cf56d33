"""Which instrument definition files there are, and their stamps, found without reading or parsing any.

Light (no YAML, no models): the instrument engine (``store.instrument_files``) keys its cache of a casebook's
definitions by these stamps, and the caseload index keys every row by them on each read command.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bapascase.store.layout import INSTRUMENTS_DIR

# the built-in definitions, shipped in the package beside the code
BUILTIN_DIR = Path(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) / "data" / INSTRUMENTS_DIR


def files_in(folder: Path) -> list[Path]:
    """The definition files of a folder, by name (hidden files, an editor's among them, are not definitions)."""
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if e.name.endswith((".yaml", ".yml")) and not e.name.startswith("."))
    except OSError:
        return []
    return [folder / n for n in names]


def book_files(root: Path) -> list[Path]:
    """A casebook's own definitions (``instruments/*.yaml``)."""
    return files_in(root / INSTRUMENTS_DIR)


def signature(files: list[Path]) -> list[Any]:
    """``[name, mtime_ns, size]`` of each file that is there: what changes when one is added, edited or removed."""
    sig: list[Any] = []
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        sig.append([path.name, st.st_mtime_ns, st.st_size])
    return sig


def stamp(root: Path) -> list[Any]:
    """The signatures of the built-in definitions and of the casebook's own."""
    return [signature(files_in(BUILTIN_DIR)), signature(book_files(root))]
