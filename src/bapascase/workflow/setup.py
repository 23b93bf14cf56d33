"""``init``: a fresh casebook with settings, folders, schemas, a .gitignore and (when git exists) a first commit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bapascase.errors import UserError
from bapascase.store import git
from bapascase.store.atomic import atomic_write
from bapascase.store.casebook import CASES_DIR, SETTINGS_FILE, STATE_DIR, TEMPLATES_DIR, Casebook, write_yaml

if TYPE_CHECKING:
    from bapascase.workflow.context import Context
    from bapascase.workflow.wizard import Interview, Path_

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


def init_casebook(target: Path, office: dict[str, Any], lang: str, officers: list[dict[str, Any]] | None = None
                  ) -> InitResult:
    """Make the casebook at ``target`` with these office settings and officers (validated by the settings
    model first: a bad NIP stops ``init`` before anything is written)."""
    from bapascase.model.settings import SettingsDoc
    from bapascase.model.validation import validate
    from bapascase.workflow.schemas import write_schemas

    target = target.expanduser()
    if (target / SETTINGS_FILE).exists():
        raise UserError("err.init_exists", path=str(target))
    people = [{k: v for k, v in p.items() if v not in (None, "")} for p in officers or []]
    settings, errors = validate(SettingsDoc, {"office": {k: v for k, v in office.items() if v not in (None, "")},
                                              "language": lang, "officers": people})
    if errors:
        from bapascase.errors import DataError, Problem

        raise DataError([Problem("init", None, e.dotted, e.message) for e in errors])
    assert settings is not None
    target.mkdir(parents=True, exist_ok=True)
    root = target.resolve()
    book = Casebook(root)
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
    name = settings.office.name
    made_git = False
    if git.available():
        if (root / ".git").exists():  # already a repository of its own: record the casebook in it
            git.commit_paths(root, [root], f"bapascase init: {name}")
            made_git = True
        else:
            # a casebook is its own repository (sync pushes it), even inside another one's work tree
            made_git = git.init(root, f"bapascase init: {name}")
    return InitResult(root, made_git)


def interview_setup(ctx: Context, office: dict[str, Any], officers: list[dict[str, Any]]
                    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """On a terminal: ask the office settings the options left out, then the Kepala Bapas, the Kasubsi/Kasi and
    the PKs (each with the titles and checks of the settings model). Returns the office part and the officers."""
    from bapascase.model.settings import Defaults, SettingsDoc
    from bapascase.workflow.wizard import Interview

    given: dict[str, Any] = {
        "language": ctx.lang, "letterhead": [], "auto_commit": True,
        "defaults": Defaults().model_dump(mode="json"),
        "office": {k: v for k, v in office.items() if v not in (None, "")},
    }
    interview = Interview(SettingsDoc, ctx.prompter(False), given=given, custom={"officers": _ask_people(officers)},
                          source="init")
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
