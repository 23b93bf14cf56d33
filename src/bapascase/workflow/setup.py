"""``init``: a fresh casebook with settings, folders, schemas, a .gitignore and (when git exists) a first commit.

``init`` in a folder that already holds files (a home folder, a USB stick with other documents, a private key)
creates only what it needs, never overwrites what is there, and commits only the files it created: nothing else
in the folder ever reaches the repository (or, through ``sync``, the remote).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bapascase.errors import UserError
from bapascase.store import git
from bapascase.store.atomic import atomic_write, create_exclusive
from bapascase.store.casebook import Casebook
from bapascase.store.layout import CASES_DIR, SETTINGS_FILE, STATE_DIR, TEMPLATES_DIR
from bapascase.store.textfiles import read_text
from bapascase.workflow.context import Context

GITIGNORE_LINE = f"{STATE_DIR}/"
GITIGNORE = f"# derived and private: index cache, drafts, locks, this clone's officer\n{GITIGNORE_LINE}\n"
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
    created: list[Path] = field(default_factory=list)


def ensure_gitignore(root: Path) -> Path | None:
    """``.bapascase/`` ignored by git (drafts and this clone's choices are private): the file when written."""
    path = root / ".gitignore"
    if not os.path.lexists(path):
        atomic_write(path, GITIGNORE)
        return path
    current = read_text(path, shown=".gitignore")  # a FIFO or a binary file in its place: a clear error
    if any(line.strip() in (GITIGNORE_LINE, STATE_DIR, f"/{GITIGNORE_LINE}", f"/{STATE_DIR}")
           for line in current.splitlines()):
        return None
    atomic_write(path, current + ("" if current.endswith("\n") or not current else "\n") + GITIGNORE)
    return path


def init_casebook(ctx: Context, target: Path, office: str, lang: str) -> InitResult:
    from bapascase.model.settings import Office, SettingsDoc
    from bapascase.store import yamlio
    from bapascase.workflow.schemas import write_schemas

    target = target.expanduser()
    if (target / SETTINGS_FILE).exists():
        raise UserError("err.init_exists", path=str(target))
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    book = Casebook(root)
    created: list[Path] = []
    settings = SettingsDoc(end_marker=True, office=Office(name=office), language=lang)
    header = "# yaml-language-server: $schema=schemas/settings.schema.json"
    text = yamlio.dumps(settings.model_dump(mode="python", exclude_none=True), header=header)
    if not create_exclusive(root / SETTINGS_FILE, text):
        raise UserError("err.init_exists", path=str(target))
    created.append(root / SETTINGS_FILE)
    (root / CASES_DIR).mkdir(exist_ok=True)
    if create_exclusive(root / CASES_DIR / ".gitkeep", ""):
        created.append(root / CASES_DIR / ".gitkeep")
    (root / TEMPLATES_DIR).mkdir(exist_ok=True)
    if create_exclusive(root / TEMPLATES_DIR / "README.md", TEMPLATES_README):
        created.append(root / TEMPLATES_DIR / "README.md")
    gitignore = ensure_gitignore(root)
    created += [gitignore] if gitignore else []
    created += [root / rel for rel in write_schemas(book, lang)]
    made_git = False
    if git.available():
        from bapascase.store import merge
        from bapascase.workflow.commits import commit

        # a casebook is its own repository (sync pushes it), even inside another one's work tree; a folder that
        # is already a repository of its own records the casebook in it
        if not (root / ".git").exists():
            git.init(root)
        attributes = merge.ensure_setup(root)
        created += [attributes] if attributes else []
        ctx.casebook_opt = str(root)
        ctx._book = book
        commit(ctx, created, f"bapascase init: {office}")
        made_git = True
    return InitResult(root, made_git, created)
