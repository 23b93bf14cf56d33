"""Shell completion (bash, zsh, fish, PowerShell): what the Tab key offers for each argument.

``bapascase --install-completion`` installs it (``--show-completion`` prints the script); the shell then calls
``bapascase`` with ``_BAPASCASE_COMPLETE`` set and the words typed, and typer asks these functions. Commands and
options complete by themselves; here: case ids (from the casebook's folders, with the client's name from the
index as the description, read as it is, never refreshed: Tab must answer at once), stage and schema names, report
kinds and formats, officers, languages. Nothing here may print, prompt or raise: a casebook that cannot be found
completes nothing.
"""

from __future__ import annotations

import os
from typing import Any

import typer

COMPLETE_VAR = "_BAPASCASE_COMPLETE"


def completes(function: Any) -> Any:
    """``function`` as a parameter's completion while the shell asks for completions, else None: typer inspects
    every completion function as it builds the commands, which every run would pay for."""
    return function if COMPLETE_VAR in os.environ else None


def _root(ctx: typer.Context) -> Any:
    from bapascase.store.casebook import discover

    explicit = ctx.find_root().params.get("casebook")
    try:
        return discover(explicit, dict(os.environ))
    except Exception:
        return None


def _names(root: Any, prefix: str) -> dict[str, str]:
    from bapascase.store.casebook import Casebook
    from bapascase.store.index import names
    from bapascase.terminal import clean

    # a name is shown by the shell as it is: cleaned like everything bapascase shows (terminal.clean)
    return {cid: clean(name) for cid, name in names(Casebook(root), prefix).items()}


def case_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Case ids starting with what was typed (a shell keeps only completions that extend the word typed; ``show
    bzg`` works without completion, as ``resolve_case`` finds the part after the year)."""
    from bapascase.store.discovery import case_folders

    root = _root(ctx)
    if root is None:
        return []
    found = [c for c in case_folders(root) if c.startswith(incomplete)]
    names = _names(root, incomplete)
    return [(c, names.get(c, "")) for c in found]


def _of(values: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [(v, h) for v, h in values if v.startswith(incomplete)]


def schema_names(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from bapascase.model.registry import SCHEMA_NAMES, doc_label

    return _of([(n, doc_label(n)) for n in SCHEMA_NAMES], incomplete)


def stage_names(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from bapascase.model.registry import CaseStage, stage_label

    return _of([(s.value, stage_label(s)) for s in CaseStage], incomplete)


_UNKNOWN = "?"


def _typed_case(ctx: typer.Context) -> str | None:
    """The case argument typed on the command line so far. Completing an option's value, click stops parsing at
    the option still waiting for it, before positional arguments are assigned, so the shell's words are read."""
    import shlex

    if ctx.params.get("case"):
        return str(ctx.params["case"])
    raw = os.environ.get("_TYPER_COMPLETE_ARGS") or os.environ.get("COMP_WORDS", "")
    try:
        words = shlex.split(raw)
    except ValueError:
        words = raw.split()
    takes_value = {opt for p in ctx.command.params if getattr(p, "param_type_name", "") == "option"
                   and not getattr(p, "is_flag", False) for opt in p.opts}
    skip = False
    for word in words[words.index(ctx.info_name) + 1:] if ctx.info_name in words else ():
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word in takes_value
        else:
            return word
    return None


def _sentence_of(ctx: typer.Context) -> str | None:
    """The community sentence of the case typed before ``--kind`` (None: it has none; ``_UNKNOWN``: no case typed,
    or it cannot be read — then every kind is offered)."""
    case = _typed_case(ctx)
    root = _root(ctx) if case else None
    if case is None or root is None:
        return _UNKNOWN
    try:
        from bapascase.model.programmes import programme
        from bapascase.store.casebook import Casebook
        from bapascase.store.yamlio import load_light

        book = Casebook(root)
        legal = load_light(book.case_dir(book.resolve_case(case)) / "case.yaml").get("legal") or {}
        info = programme(legal.get("programme"))
    except Exception:
        return _UNKNOWN
    return info.sentence if info is not None else _UNKNOWN


def report_kinds(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The report kinds; once a case is typed, only those it can have (a service report only for kerja sosial)."""
    from bapascase.model.report_kinds import KINDS, applies

    sentence = _sentence_of(ctx)
    return _of([(k, "") for k in KINDS if sentence == _UNKNOWN or applies(k, sentence)], incomplete)


def report_formats(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from bapascase.model.report_kinds import FORMATS

    return _of([(f, "") for f in FORMATS], incomplete)


def export_formats(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from bapascase.reports.export import FORMATS

    return _of([(f, "") for f in FORMATS], incomplete)


def programme_codes(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The programmes of ``data/programmes.yaml`` by code, with their names."""
    from bapascase.i18n import get_lang
    from bapascase.model.programmes import programmes

    lang = get_lang()
    return _of([(p.code, p.label_en if lang == "en" else p.label_id) for p in programmes().values()], incomplete)


def languages(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _of([("id", "Bahasa Indonesia"), ("en", "English")], incomplete)


def officers(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The listed officers, by name (completion inserts the whole name; a shell quotes it)."""
    root = _root(ctx)
    if root is None:
        return []
    try:
        from bapascase.store.settings import load_settings

        listed = load_settings(root).officers
    except Exception:
        return []
    typed = incomplete.strip("\"'")
    return [(o.name, o.rank or o.role) for o in listed if o.name.startswith(typed)]


def roles(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from bapascase.workflow.officers import ROLES

    return _of([(r, "") for r in ROLES], incomplete)


def plain_descriptions() -> None:
    """zsh, fish and PowerShell show each value's description; typer renders it with rich first (markup removal),
    which costs more than the rest of the completion. bapascase's descriptions (a client's name, a position) are
    plain text: the same shells, with the description written as it is."""
    import re

    from typer import _completion_classes as shells
    from typer._click.shell_completion import add_completion_class

    class Zsh(shells.ZshComplete):
        def format_completion(self, item: Any) -> str:
            def escape(s: str) -> str:
                return (s.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`")
                        .replace(":", r"\\:"))

            if item.help:
                return f'"{escape(item.value)}":"{escape(item.help)}"'
            return f'"{escape(item.value)}"'

    class Fish(shells.FishComplete):
        def format_completion(self, item: Any) -> str:
            if not item.help:
                return f"{item.value}"
            one_line = re.sub(r"\s", " ", item.help)
            return f"{item.value}\t{one_line}"

    class PowerShell(shells.PowerShellComplete):
        def format_completion(self, item: Any) -> str:
            return f"{item.value}:::{item.help or ' '}"

    for cls, names in ((Zsh, ("zsh",)), (Fish, ("fish",)), (PowerShell, ("powershell", "pwsh"))):
        for name in names:
            add_completion_class(cls, name)
