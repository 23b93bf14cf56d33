"""``init``: a fresh casebook with settings, folders, schemas, a .gitignore and (when git exists) a first commit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bapascase.errors import UserError
from bapascase.store import git
from bapascase.store.atomic import atomic_write
from bapascase.store.casebook import Casebook, write_yaml
from bapascase.store.layout import CASES_DIR, SETTINGS_FILE, STATE_DIR, TEMPLATES_DIR

GITIGNORE = f"# derived and private: index cache, drafts, locks\n{STATE_DIR}/\n"
TEMPLATES_README = """\
# Templat laporan / report templates

Letakkan di sini berkas yang menimpa templat bawaan bapascase, berkas demi berkas (nama yang sama).
Sebuah templat dapat memperluas versi bawaan dengan `{% extends "default/<nama>" %}`.

Put files here to override bapascase's built-in report templates, file by file (same name).
A template can extend the built-in version with `{% extends "default/<name>" %}`.
"""


@dataclass
class InitResult:
    root: Path
    git: bool


def init_casebook(target: Path, office: str, lang: str) -> InitResult:
    from bapascase.model.settings import Office, SettingsDoc
    from bapascase.workflow.schemas import write_schemas

    target = target.expanduser()
    if (target / SETTINGS_FILE).exists():
        raise UserError("err.init_exists", path=str(target))
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    book = Casebook(root)
    settings = SettingsDoc(office=Office(name=office), language=lang)
    header = "# yaml-language-server: $schema=schemas/settings.schema.json"
    write_yaml(root / SETTINGS_FILE, settings.model_dump(mode="python", exclude_none=True), header=header)
    (root / CASES_DIR).mkdir(exist_ok=True)
    atomic_write(root / CASES_DIR / ".gitkeep", "")
    (root / TEMPLATES_DIR).mkdir(exist_ok=True)
    atomic_write(root / TEMPLATES_DIR / "README.md", TEMPLATES_README)
    gi = root / ".gitignore"
    if not gi.exists():
        atomic_write(gi, GITIGNORE)
    write_schemas(book, lang)
    made_git = False
    if git.available():
        if (root / ".git").exists():  # already a repository of its own: record the casebook in it
            git.commit_paths(root, [root], f"bapascase init: {office}")
            made_git = True
        else:
            # a casebook is its own repository (sync pushes it), even inside another one's work tree
            made_git = git.init(root, f"bapascase init: {office}")
    return InitResult(root, made_git)
