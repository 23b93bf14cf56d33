"""The office's people: listing and adding officers, finding the listed officer a typed name means, and the
office settings a report still needs.

One person is one entry of ``officers`` in ``bapascase.yaml``. A name typed anywhere (``new``, ``import``,
``transfer --to``) is resolved to that entry whether or not it carries academic titles ("Rahmat Hidayat, S.H." is
"Rahmat Hidayat"), so the case records the officer's listed name and NIP and one person is never split in two.
An officer the list does not hold is offered for adding on a terminal, and refused without one, with the command
that adds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bapascase.errors import UserError
from bapascase.i18n import t
from bapascase.model.settings_view import OfficerSettings, Settings
from bapascase.store.layout import SETTINGS_FILE
from bapascase.workflow.context import Context

ROLES = ("pk", "kasubsi", "kepala", "praktikan")
SECTIONS = ("BKD", "BKA")
# roles that can be a case's officer (assigned, transferred to)
CASE_ROLES = ("pk", "kasubsi", "kepala")

# what an official report prints from the settings, each with how to set it (``kbd.how.*`` in the catalogs)
OFFICE_NEEDED = ("office.name", "office.city", "office.address", "office.kanwil", "office.ministry")
PEOPLE_NEEDED = ("officers.kepala", "officers.kasubsi", "officers.pk")


@dataclass(frozen=True)
class Missing:
    key: str  # "office.kanwil", "officers.kepala"
    label: str  # what it is, in the interface's language
    how: str  # how to set it, as a command or the line of bapascase.yaml to fill


def missing_settings(settings: Settings, needed: tuple[str, ...] = OFFICE_NEEDED + PEOPLE_NEEDED) -> list[Missing]:
    """The settings among ``needed`` that are not set, each with how to set it."""
    out: list[Missing] = []
    for key in needed:
        group, _, name = key.partition(".")
        if group == "office":
            if not getattr(settings.office, name, None):
                out.append(Missing(key, _office_title(name), t("kbd.how.office", key=key)))
        elif not settings.officers_with(name):
            out.append(Missing(key, role_label(name), t(f"kbd.how.{name}")))
    return out


def _office_title(name: str) -> str:
    from bapascase.model.meta import title_at
    from bapascase.model.settings import SettingsDoc

    return title_at(SettingsDoc, f"office.{name}")


def role_label(role: str) -> str:
    from bapascase.model.settings import Role

    return Role(role).label()


def missing_line(missing: Missing) -> str:
    return t("kbd.missing", what=missing.label, how=missing.how)


# -- finding ------------------------------------------------------------------------------------------------------


def find(settings: Settings, who: str, roles: tuple[str, ...] = CASE_ROLES) -> list[OfficerSettings]:
    """The listed officers ``who`` names: by NIP, by name with or without titles, else by a part of the name."""
    return settings.officers_matching(who, roles)


def officer_part(officer: OfficerSettings) -> dict[str, str]:
    """A listed officer as the case documents record one (name, and NIP when known)."""
    return {"name": officer.name, "nip": officer.nip} if officer.nip else {"name": officer.name}


def resolve(ctx: Context, name: str, nip: str | None = None, *, prompter: Any = None,
            roles: tuple[str, ...] = CASE_ROLES) -> dict[str, str]:
    """The officer part a case records for a typed officer: the listed one (its name and NIP as listed).

    A casebook that lists no officer at all keeps the name as typed (nothing to resolve against). An officer the
    list does not hold is offered for adding when ``prompter`` can ask (declining keeps the name as typed), and
    refused otherwise, with the command that adds it."""
    settings = ctx.book().settings
    typed = {"name": name.strip(), **({"nip": nip} if nip else {})}
    if not any(o.role in roles for o in settings.officers):
        return typed
    found = [o for o in settings.officer_named(name, nip) if o.role in roles]
    if len(found) == 1:
        return officer_part(found[0])
    if len(found) > 1:
        raise UserError("err.ambiguous_officer", officer=name, matches=", ".join(o.name for o in found))
    if prompter is not None and prompter.interactive:
        if prompter.confirm(t("kbd.officer_add_confirm", name=name.strip()), default=True):
            return officer_part(ask_and_add(ctx, prompter, name.strip(), nip))
        return typed
    raise UserError("kbd.err.officer_not_listed", officer=name.strip())


def ask_and_add(ctx: Context, prompter: Any, name: str, nip: str | None = None, role: str = "pk"
                ) -> OfficerSettings:
    """Ask an unknown officer's NIP and position (the titles and checks of the settings model), then add them."""
    from bapascase.model.meta import help_of, title_of
    from bapascase.model.settings import OfficerEntry
    from bapascase.workflow.wizard import annotation_of, check_value

    fields = OfficerEntry.model_fields
    answers: dict[str, str | None] = {"name": name, "role": role}
    for key, default in (("nip", nip or ""), ("rank", "")):
        info = fields[key]

        def valid(text: str, info: Any = info) -> str | None:
            return check_value(annotation_of(info), text.strip()) if text.strip() else None

        answer = prompter.text(f"{name}: {title_of(info, key)} {t('wiz.optional')}", default=default,
                               validate=valid, instruction=help_of(info) or None).strip()
        answers[key] = answer or None
    return add(ctx, answers)


def add(ctx: Context, entry: dict[str, Any]) -> OfficerSettings:
    """Add one officer to ``bapascase.yaml`` (comments and layout kept), refusing one already listed."""
    from bapascase.store.settings_file import add_officer

    book = ctx.book()
    settings = book.settings
    name = str(entry.get("name") or "").strip()
    if not name:
        raise UserError("err.officer_no_name")
    if entry.get("role") is not None and entry["role"] not in ROLES:  # "" too: a role typed empty is no role
        raise UserError("err.bad_role", role=entry["role"] or "''", roles=", ".join(ROLES))
    if entry.get("section") is not None and entry["section"] not in SECTIONS:
        raise UserError("err.bad_section", section=entry["section"] or "''", sections=", ".join(SECTIONS))
    twin = settings.officer_named(name, entry.get("nip"))
    if twin:
        raise UserError("err.officer_listed", officer=twin[0].name)
    add_officer(book.root, {**entry, "name": name})
    book._settings = None  # read again: the file changed
    # git, imported here: not for the reports that only list the missing settings
    from bapascase.workflow.commits import commit_saved

    commit_saved(ctx, [book.root / SETTINGS_FILE], f"officers: {name}")
    added = book.settings.officer_named(name, entry.get("nip"))
    return added[-1]


def remove(ctx: Context, who: str) -> OfficerSettings:
    from bapascase.store.settings_file import remove_officer

    book = ctx.book()
    settings = book.settings
    found = find(settings, who, ROLES)
    if not found:
        raise UserError("kbd.err.officer_not_listed", officer=who)
    if len(found) > 1:
        raise UserError("err.ambiguous_officer", officer=who, matches=", ".join(o.name for o in found))
    remove_officer(book.root, settings.officers.index(found[0]))
    book._settings = None
    from bapascase.workflow.commits import commit_saved

    commit_saved(ctx, [book.root / SETTINGS_FILE], f"officers: remove {found[0].name}")
    return found[0]
