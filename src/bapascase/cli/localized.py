"""The help and usage errors of typer's vendored click in the interface's language.

typer 0.28 vendors click as ``typer._click`` with its fixed words ("Usage:", "Options:", "Show this message and
exit.", "Error: Missing argument 'CASE'.") written into the code, without a translation hook. bapascase patches
nothing in site-packages; it takes the two places click lets an application choose:

- the help formatter (``Context.formatter_class``): ``LocalizedFormatter`` writes the usage prefix, the section
  headings and the help column of each option through ``localize``;
- the command group (``typer.Typer(cls=...)``): ``LocalizedGroup`` gives every command it holds (and the commands of
  its sub-groups) the localized context and metavars, and shows click's usage errors itself, each message
  translated by the table of click's English sentences below (``CLICK_SENTENCES``, one regular expression and one
  catalog key each; what the table does not know is shown as click wrote it).

The root group (``cli.main.LazyGroup``) inherits from ``LocalizedGroup``: the commands it builds on demand pass
through ``get_command`` and are localized there.
"""

from __future__ import annotations

import copy
import functools
import re
import sys
from collections.abc import Sequence
from typing import Any

from typer import _click
from typer.core import TyperGroup
from typer.exceptions import Abort

from bapascase.cli.names import ALIASES as ALIASES  # read before typer too (cli.fastcomplete)
from bapascase.i18n import t

# click's and typer's fixed sentences, as click writes them, and the catalog key that says them (compiled when
# first needed: a command that neither fails nor shows help never pays for them)
CLICK_SENTENCES: tuple[tuple[str, str], ...] = (
    (r"^Missing argument '(?P<name>[^']*)'\.(?P<rest>.*)$", "kbd.click.missing_argument"),
    (r"^Missing option '(?P<name>[^']*)'\.(?P<rest>.*)$", "kbd.click.missing_option"),
    (r"^Missing parameter: (?P<name>.*)$", "kbd.click.missing_parameter"),
    (r"^No such option: (?P<name>\S+)$", "kbd.click.no_option"),
    (r"^No such command '(?P<name>.*)'\.$", "kbd.click.no_command"),
    (r"^Missing command\.$", "kbd.click.missing_command"),
    (r"^Got unexpected extra (?:arguments?|argument\(s\)) \((?P<args>.*)\)$", "kbd.click.extra_arguments"),
    (r"^Option '(?P<name>[^']*)' requires an argument\.$", "kbd.click.needs_value"),
    (r"^Option '(?P<name>[^']*)' requires (?P<n>\d+) arguments\.$", "kbd.click.needs_values"),
    (r"^Option '(?P<name>[^']*)' does not take a value\.$", "kbd.click.no_value"),
    (r"^Invalid value for (?P<name>.*?): (?P<message>.*)$", "kbd.click.invalid_for"),
    (r"^Invalid value: (?P<message>.*)$", "kbd.click.invalid"),
    (r"^(?P<value>.*) is not a valid (?:integer|int range|int)\.$", "kbd.click.not_integer"),
    (r"^(?P<value>.*) is not a valid (?:float|float range)\.$", "kbd.click.not_number"),
    (r"^(?P<value>.*) is not a valid boolean\..*$", "kbd.click.not_boolean"),
    (r"^(?P<value>.*) is not in the range (?P<range>.*)\.$", "kbd.click.not_in_range"),
    (r"^(?P<value>.*) does not match the formats (?P<formats>.*)\.$", "kbd.click.not_a_date"),
    (r"^Show this message and exit\.$", "kbd.click.help"),
    (r"^Show the version and exit\.$", "kbd.click.version"),
    (r"^Install completion for the current shell\.$", "kbd.click.install_completion"),
    (r"^Show completion for the current shell, to copy it or customize the installation\.$",
     "kbd.click.show_completion"),
    (r"^Install completion for the specified shell\.$", "kbd.click.install_completion"),
    (r"^Show completion for the specified shell, to copy it or customize the installation\.$",
     "kbd.click.show_completion"),
    (r"^Aborted!$", "err.interrupted"),
)

HEADINGS = {"Usage": "kbd.click.usage", "Arguments": "kbd.click.arguments", "Options": "kbd.click.options",
            "Commands": "kbd.click.commands"}
# the [default: ...] / [required] / [env var: ...] notes typer adds to an option's help
_NOTES = re.compile(r"\[(?P<body>(?:default|required|env var)[^\]]*)\]\s*$")


def needle(pattern: str) -> str:
    """The longest run of literal text in ``pattern`` outside its groups: every text it matches contains it, so
    ``localize`` compiles and tries a pattern only for a text that contains its needle (compiling all of them cost
    more than the rest of ``--help``, whose lines are our own catalog's and match none)."""
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            escaped = pattern[i + 1]
            if depth == 0 and not escaped.isalnum():
                run.append(escaped)
            elif depth == 0:
                runs.append("".join(run))
                run = []
            i += 2
            continue
        if depth == 0 and c in "?*{" and run:  # the character before is optional
            run.pop()
        if c in "()^$.*+?[]{}|":
            if depth == 0:
                runs.append("".join(run))
                run = []
            depth += (c == "(") - (c == ")")
        elif depth == 0:
            run.append(c)
        i += 1
    runs.append("".join(run))
    return max(runs, key=len)


@functools.cache
def _sentences() -> tuple[tuple[str, str, str], ...]:
    return tuple((needle(p), p, k) for p, k in CLICK_SENTENCES)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def localize(text: str) -> str:
    """One of click's fixed sentences in the interface's language (unknown text is returned as it is)."""
    stripped = text.strip()
    for literal, pattern, key in _sentences():
        if literal not in stripped:
            continue
        m = _compiled(pattern).match(stripped)
        if m is None:
            continue
        values = {k: (localize(v) if k == "message" else v or "") for k, v in m.groupdict().items()}
        return t(key, **values)
    return text


def localize_help(text: str) -> str:
    """An option's help column: the sentence, and typer's notes in brackets."""
    m = _NOTES.search(text)
    notes = ""
    if m is not None:
        parts = []
        for note in m.group("body").split(";"):
            note = note.strip()
            if note == "required":
                parts.append(t("kbd.click.required"))
            elif note.startswith("default: "):
                parts.append(t("kbd.click.default", value=note[len("default: "):]))
            elif note.startswith("env var: "):
                parts.append(t("kbd.click.env_var", value=note[len("env var: "):]))
            else:
                parts.append(note)
        notes = f" [{'; '.join(parts)}]"
        text = text[: m.start()].rstrip()
    return localize(text) + notes


class LocalizedFormatter(_click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=f"{t('kbd.click.usage')}: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        key = HEADINGS.get(heading)
        super().write_heading(t(key) if key else heading)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, localize_help(text)) for term, text in rows], col_max, col_spacing)


class LocalizedContext(_click.Context):
    formatter_class = LocalizedFormatter

    def get_help(self) -> str:
        # a help page leaves nothing to save: once it is printed the process may end without the interpreter's
        # teardown of typer and every module (``Context.exit_quickly``, ``cli.main.main``; only on exit code 0)
        obj = self.find_root().obj
        if hasattr(obj, "exit_quickly"):
            obj.exit_quickly = True
        return super().get_help()


def localize_command(cmd: Any) -> Any:
    """A command (and, for a group, the commands it holds) with the localized help and metavars."""
    if getattr(cmd, "_bapascase_localized", False):
        return cmd
    cmd.context_class = LocalizedContext
    if getattr(cmd, "options_metavar", None) == "[OPTIONS]":
        cmd.options_metavar = t("kbd.click.options_metavar")
    if isinstance(cmd, TyperGroup):
        if getattr(cmd, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            cmd.subcommand_metavar = t("kbd.click.command_metavar")
        for sub in list(cmd.commands.values()):
            localize_command(sub)
    cmd._bapascase_localized = True
    return cmd


def alias_help(command: str) -> str:
    """An alias's line in the command list: whose other name it is."""
    return t("kbd.alias_of", command=command)


class LocalizedGroup(TyperGroup):
    """The root command group: every command localized, click's usage errors shown in the user's language, and
    the commands' Indonesian aliases (``ALIASES``) listed and run as the command they name."""

    context_class = LocalizedContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localize_command(self)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> Any:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in ALIASES:
            named = super().get_command(ctx, ALIASES[cmd_name])
            if named is not None:
                # the same command (its parameters, its help), listed as whose other name it is
                cmd = copy.copy(named)
                cmd.short_help = alias_help(ALIASES[cmd_name])
        return localize_command(cmd) if cmd is not None else None

    def list_commands(self, ctx: _click.Context) -> list[str]:
        # the names in their order of creation, as typer lists them, without looking the commands up (typer's
        # own reads every command: a lazy group would build them all)
        names = list(self.commands)
        for alias, name in ALIASES.items():
            if name in names and alias not in names:
                names.insert(names.index(name) + 1, alias)
        return names

    def _main_shell_completion(self, ctx_args: Any, prog_name: str, complete_var: str | None = None) -> None:
        import os

        if os.environ.get(complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()):
            from bapascase.cli.completion import plain_descriptions

            plain_descriptions()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, windows_expand_args: bool = True,
             **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except _click.exceptions.ClickException as exc:
            show_error(exc, sys.stderr)
            sys.exit(exc.exit_code)
        except Abort:
            write_line(sys.stderr, t("err.interrupted"))
            sys.exit(1)
        # without standalone mode click returns the command's value, or the status of a typer.Exit it raised
        sys.exit(result if isinstance(result, int) and not isinstance(result, bool) else 0)


def write_line(file: Any, text: str) -> None:
    """``terminal.write_line``, imported when a line is shown (not before ``--help``)."""
    from bapascase.terminal import write_line as write

    write(file, text)


def show_error(exc: Any, file: Any) -> None:
    """A click usage error as click shows it (usage line, where to find help, the error), in the user's language;
    cleaned like every line shown (``terminal.write_line``): the error quotes what was typed."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, _click.exceptions.NoArgsIsHelpError):  # no command given: the help, as click shows it
        write_line(file, exc.format_message())
        return
    if isinstance(exc, _click.exceptions.UsageError) and ctx is not None:
        write_line(file, ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            write_line(file, t("kbd.click.try_help", command=f"{ctx.command_path} {ctx.help_option_names[0]}"))
        write_line(file, "")
    write_line(file, f"{t('kbd.click.error')}: {message_of(exc)}")


def message_of(exc: Any) -> str:
    if isinstance(exc, _click.exceptions.NoSuchOption):
        message = localize(exc.message)
        if exc.possibilities:
            message += " " + t("kbd.click.did_you_mean", options=", ".join(sorted(exc.possibilities)))
        return message
    return localize(exc.format_message())
