"""The names of a casebook's top-level files and folders (the layout in README.md), in one place.

Plain constants with no imports, so every store module (the casebook, the settings cache) can read them without
importing one another.
"""

from __future__ import annotations

SETTINGS_FILE = "bapascase.yaml"
CASES_DIR = "cases"
TEMPLATES_DIR = "templates"
SCHEMAS_DIR = "schemas"
STATE_DIR = ".bapascase"

__all__ = ["CASES_DIR", "SCHEMAS_DIR", "SETTINGS_FILE", "STATE_DIR", "TEMPLATES_DIR"]
