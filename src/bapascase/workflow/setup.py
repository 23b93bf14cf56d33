"""``init``: a fresh casebook with settings, folders, schemas, a .gitignore and (when git exists) a first commit.

``init`` in a folder that already holds files (a home folder, a USB stick with other documents, a private key)
creates only what it needs, never overwrites what is there, and commits only the files it created: nothing else
in the folder ever reaches the repository (or, through ``sync``, the remote).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import UserError
from bapascase.store import git
from bapascase.store.atomic import atomic_write, create_exclusive
from bapascase.store.casebook import Casebook
from bapascase.store.layout import (
    CASES_DIR,
    EDITOR_BACKUPS,
    GIT_DIR,
    GITIGNORE_FILE,
    SETTINGS_FILE,
    STATE_DIR,
    TEMPLATES_DIR,
)
from bapascase.store.textfiles import read_text
from bapascase.workflow.context import Context

if TYPE_CHECKING:
    from bapascase.workflow.wizard import Interview, Path_

GITIGNORE_LINE = f"{STATE_DIR}/"
GITIGNORE = (f"# derived and private: index cache, drafts, locks, this clone's officer\n{GITIGNORE_LINE}\n"
             "# editors' backup and swap files (a full copy of a client's data, never shared)\n"
             + "".join(f"\\{pattern}\n" if pattern.startswith("#") else f"{pattern}\n"  # "#": a comment line
                       for pattern in EDITOR_BACKUPS))
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
    path = root / GITIGNORE_FILE
    if not os.path.lexists(path):
        atomic_write(path, GITIGNORE)
        return path
    current = read_text(path, shown=GITIGNORE_FILE)  # a FIFO or a binary file in its place: a clear error
    if any(line.strip() in (GITIGNORE_LINE, STATE_DIR, f"/{GITIGNORE_LINE}", f"/{STATE_DIR}")
           for line in current.splitlines()):
        return None
    atomic_write(path, current + ("" if current.endswith("\n") or not current else "\n") + GITIGNORE)
    return path


def init_casebook(ctx: Context, target: Path, office: dict[str, Any], lang: str,
                  officers: list[dict[str, Any]] | None = None) -> InitResult:
    """Make the casebook at ``target`` with these office settings and officers (validated by the settings
    model first: a bad NIP stops ``init`` before anything is written)."""
    from bapascase.model.settings import SettingsDoc
    from bapascase.model.validation import validate
    from bapascase.store import yamlio
    from bapascase.workflow.schemas import write_schemas

    target = target.expanduser()
    if target.exists() and not target.is_dir():
        raise UserError("err.casebook_not_folder", path=str(target))
    if (target / SETTINGS_FILE).exists():
        raise UserError("err.init_exists", path=str(target))
    people = [{k: v for k, v in p.items() if v not in (None, "")} for p in officers or []]
    settings, errors = validate(SettingsDoc, {"office": {k: v for k, v in office.items() if v not in (None, "")},
                                              "language": lang, "officers": people, "end_marker": True})
    if errors:
        from bapascase.errors import DataError, Problem

        raise DataError([Problem("init", None, e.dotted, e.message) for e in errors])
    assert settings is not None
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    book = Casebook(root)
    created: list[Path] = []
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
    name = settings.office.name
    made_git = False
    if git.available():
        from bapascase.store import merge
        from bapascase.workflow.commits import commit

        # a casebook is its own repository (sync pushes it), even inside another one's work tree; a folder that
        # is already a repository of its own records the casebook in it
        if not (root / GIT_DIR).exists():
            git.init(root)
        attributes = merge.ensure_setup(root)
        created += [attributes] if attributes else []
        ctx.casebook_opt = str(root)
        ctx._book = book
        commit(ctx, created, f"bapascase init: {name}")
        made_git = True
    return InitResult(root, made_git, created)


def interview_setup(ctx: Context, office: dict[str, Any], officers: list[dict[str, Any]]
                    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """On a terminal: ask the office settings the options left out, then the Kepala Bapas, the Kasubsi/Kasi and
    the PKs (each with the titles and checks of the settings model). Returns the office part and the officers."""
    from bapascase.model.settings import Defaults, ReportSettings, SettingsDoc
    from bapascase.workflow.wizard import Interview

    given: dict[str, Any] = {
        "language": ctx.lang, "letterhead": [], "holidays": [], "auto_commit": True,
        "defaults": Defaults().model_dump(mode="json"), "reports": ReportSettings().model_dump(mode="json"),
        "office": {k: v for k, v in office.items() if v not in (None, "")},
    }
    interview = Interview(SettingsDoc, ctx.prompter(False), given=given, custom={"officers": _ask_people(officers)},
                          source="init", drafts=False)
    doc = interview.run()
    data = doc.model_dump(mode="json", exclude_none=True)
    return data["office"], data.get("officers", [])


def _ask_people(given: list[dict[str, Any]]) -> Any:
    """The office's people, asked by role: the Kepala Bapas and the Kasubsi/Kasi (name, NIP), then any number of
    PKs (name, NIP, position). Those given as options are kept and not asked."""

    def ask(iv: Interview, path: Path_, current: Any) -> list[dict[str, Any]]:
        from bapascase.i18n import t
        from bapascase.model.meta import title_of
        from bapascase.model.settings import OfficerEntry, Role
        from bapascase.workflow.wizard import annotation_of, check_value

        fields = OfficerEntry.model_fields
        people = [dict(p) for p in (current if isinstance(current, list) and current else given)]

        def one(label: str, entry: dict[str, Any], key: str, required: bool = False) -> None:
            info = fields[key]

            def valid(text: str) -> str | None:
                if not text.strip():
                    return t("val.missing") if required else None
                return check_value(annotation_of(info), text.strip())

            def question() -> None:
                optional = "" if required else f" {t('wiz.optional')}"
                answer = iv.prompter.text(f"{label}: {title_of(info, key)}{optional}",
                                          default=str(entry.get(key) or ""), validate=valid).strip()
                entry[key] = answer or None

            iv.ask_one(question)

        for role in (Role.KEPALA, Role.KASUBSI):
            if any(p.get("role") == role.value for p in people):
                continue
            entry: dict[str, Any] = {"role": role.value}
            one(role.label(), entry, "name")
            if entry.get("name"):
                one(role.label(), entry, "nip")
                people.append(entry)
        while iv.structural(lambda: iv.prompter.confirm(t("kbd.init_add_pk"), default=False)):
            entry = {"role": Role.PK.value}
            for key in ("name", "nip", "rank"):
                one(Role.PK.label(), entry, key, required=key == "name")
            people.append(entry)
        return [{k: v for k, v in p.items() if v is not None} for p in people]

    ask.handles_back = True  # type: ignore[attr-defined]
    return ask
