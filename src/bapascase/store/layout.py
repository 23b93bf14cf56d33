"""The names of a casebook's top-level files and folders (the layout in README.md), in one place.

Plain constants with no imports, so every store module (the casebook, the settings cache) can read them without
importing one another.
"""

from __future__ import annotations

SETTINGS_FILE = "bapascase.yaml"
# the key under which a sync keeps a field's two versions (``store.merge``), tested for before anything is parsed
CONFLICT_KEY = "_conflict"
# a case folder's name, which is its id: letters and digits, then also ``_``, ``.`` and ``-``
CASE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$"
CASES_DIR = "cases"
TEMPLATES_DIR = "templates"
SCHEMAS_DIR = "schemas"
STATE_DIR = ".bapascase"
INSTRUMENTS_DIR = "instruments"
# a case folder's folders of files that are not documents: photos and scans the documents refer to, saved reports
ATTACHMENTS_DIR = "attachments"
REPORTS_DIR = "reports"
CASE_FILE_FOLDERS = (ATTACHMENTS_DIR, REPORTS_DIR)
# the names editors give their backup, swap and lock files (``case.yaml~``, ``.case.yaml.swp``, ``.#case.yaml``,
# ``#case.yaml#``): never casebook files, never committed (``init``'s .gitignore lists them too)
EDITOR_BACKUPS = ("*~", "*.swp", "*.swo", ".#*", "#*#")

# the casebook's own files for git (``init`` writes the first, ``sync`` the second for field-level merges); git
# itself opens and reads both in the work tree
GITIGNORE_FILE = ".gitignore"
GITATTRIBUTES_FILE = ".gitattributes"
GIT_FILES = (GITIGNORE_FILE, GITATTRIBUTES_FILE)
GIT_DIR = ".git"  # the repository itself (a clone's; never written by the tool but through git)

# what a casebook is made of, for git: ``sync`` commits changes here and nowhere else (a private key or a
# scratch file lying in the folder is never committed)
CASEBOOK_PATHS = (SETTINGS_FILE, CASES_DIR, TEMPLATES_DIR, SCHEMAS_DIR, INSTRUMENTS_DIR, *GIT_FILES)

__all__ = ["ATTACHMENTS_DIR", "CASEBOOK_PATHS", "CASES_DIR", "CASE_FILE_FOLDERS", "CASE_ID_PATTERN", "CONFLICT_KEY", "EDITOR_BACKUPS", "GITATTRIBUTES_FILE",
           "GITIGNORE_FILE", "GIT_DIR", "GIT_FILES", "INSTRUMENTS_DIR", "REPORTS_DIR", "SCHEMAS_DIR", "SETTINGS_FILE", "STATE_DIR",
           "TEMPLATES_DIR"]
