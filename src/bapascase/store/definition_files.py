"""Which definition files there are, and their stamps, found without reading or parsing any: the instrument
definitions, and every source the models are made from.

Light (no YAML, no models): the instrument engine (``store.instrument_files``) keys its cache of a casebook's
definitions by these stamps, the caseload index keys every row by them on each read command, and the settings
cache by the models' sources; ``store.stamps.model_version`` hashes those sources' content.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bapascase.store.layout import INSTRUMENTS_DIR

_PACKAGE = Path(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# the built-in definitions, shipped in the package beside the code
BUILTIN_DIR = _PACKAGE / "data" / INSTRUMENTS_DIR
# what decides whether a document is valid: the model modules and the data files they are built from (programmes,
# purposes, references, instruments), each folder with the ending of its files
MODEL_SOURCES = ((_PACKAGE / "model", ".py"), (_PACKAGE / "data", ".yaml"), (BUILTIN_DIR, ".yaml"))


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


def model_source_files() -> list[Path]:
    """Every file of ``MODEL_SOURCES``, folder by folder, by name."""
    out: list[Path] = []
    for folder, suffix in MODEL_SOURCES:
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith(suffix))
        except OSError:
            continue
        out.extend(folder / n for n in names)
    return out


def models_stamp() -> list[Any]:
    """``[folder/name, mtime_ns, size]`` of every model source: changes whenever a model or its data may have."""
    sig: list[Any] = []
    for path in model_source_files():
        try:
            st = os.stat(path)
        except OSError:
            continue
        sig.append([f"{path.parent.name}/{path.name}", st.st_mtime_ns, st.st_size])
    return sig
