"""Which files of a casebook folder are the casebook's, read from its layout (README's *The casebook*): what
``sync`` commits and sends, and what it leaves where it lies.

- ``casebook``: ``bapascase.yaml``, ``.gitignore``, ``.gitattributes``, anything under ``templates/``, the JSON
  Schemas in ``schemas/``, instrument definitions in ``instruments/``, and in a case folder its documents (the
  stage registry's files and entry folders) and what lies in its attachments and reports folders;
- ``backup``: an editor's backup, swap or lock file (``EDITOR_BACKUPS``), wherever it is;
- ``hidden``: any other name starting with a dot (a write's temp file, ``.bapascase/``);
- ``stray``: anything else (private notes next to a document, a folder in ``cases/`` that is not a case's).
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import PurePosixPath
from typing import Literal

from bapascase.model import registry
from bapascase.store.layout import (
    CASE_FILE_FOLDERS,
    CASES_DIR,
    EDITOR_BACKUPS,
    GIT_FILES,
    INSTRUMENTS_DIR,
    SCHEMAS_DIR,
    SETTINGS_FILE,
    TEMPLATES_DIR,
)

Kind = Literal["casebook", "backup", "hidden", "stray"]


def kind_of(rel: str) -> Kind:
    """What ``rel`` (a path relative to the casebook's root, ``/``-separated) is."""
    parts = PurePosixPath(rel).parts
    if not parts:
        return "stray"
    if any(fnmatchcase(parts[-1], pattern) for pattern in EDITOR_BACKUPS):
        return "backup"
    if rel in GIT_FILES or rel == SETTINGS_FILE:
        return "casebook"
    if any(p.startswith(".") for p in parts):
        return "hidden"
    top = parts[0]
    if top == TEMPLATES_DIR and len(parts) > 1:
        return "casebook"
    if top == SCHEMAS_DIR and len(parts) == 2 and parts[1].endswith(".json"):
        return "casebook"
    if top == INSTRUMENTS_DIR and len(parts) == 2 and parts[1].endswith(".yaml"):
        return "casebook"
    if top == CASES_DIR and len(parts) >= 3:
        inside = parts[2:]
        if inside[0] in CASE_FILE_FOLDERS and len(inside) > 1:
            return "casebook"
        if registry.stage_of_path(inside) is not None:
            return "casebook"
    return "stray"


def is_document(rel: str) -> bool:
    """A YAML document bapascase reads (the settings, a case's document or entry, an instrument definition)."""
    parts = PurePosixPath(rel).parts
    if rel == SETTINGS_FILE:
        return True
    if len(parts) == 2 and parts[0] == INSTRUMENTS_DIR:
        return parts[1].endswith(".yaml")
    return len(parts) >= 3 and parts[0] == CASES_DIR and registry.stage_of_path(parts[2:]) is not None
