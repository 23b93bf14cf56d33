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
INSTRUMENTS_DIR = "instruments"

# what a casebook is made of, for git: ``sync`` commits changes here and nowhere else (a private key or a
# scratch file lying in the folder is never committed)
CASEBOOK_PATHS = (SETTINGS_FILE, CASES_DIR, TEMPLATES_DIR, SCHEMAS_DIR, INSTRUMENTS_DIR, ".gitignore", ".gitattributes")

__all__ = ["CASEBOOK_PATHS", "CASES_DIR", "INSTRUMENTS_DIR", "SCHEMAS_DIR", "SETTINGS_FILE", "STATE_DIR",
           "TEMPLATES_DIR"]
