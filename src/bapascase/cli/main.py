"""Entry point: pick the language before building the app (so ``--help`` is translated), then run it.

Only typer, the message catalogs and the stage registry are imported here. The root group is lazy: ``--help``
lists every command's name and one-line help without importing its module, and a run imports and builds only
the command it runs (building every Typer command on every start cost more than importing typer itself). It is
also the localized group (``cli.localized``): every command it builds speaks the interface's language, and
``lapor`` runs ``checkin``.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import os
import sys
from collections.abc import Iterator, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

from bapascase import __version__
from bapascase.cli.localized import ALIASES, LocalizedGroup, alias_help
from bapascase.i18n import LANGS, set_lang, t
from bapascase.terminal import tolerant
from bapascase.workflow.context import Context

if TYPE_CHECKING:
    from typer._click import Command, HelpFormatter  # typer vendors click (0.26 to 0.28 alike)
    from typer._click import Context as ClickContext


def command_table() -> dict[str, str]:
    """Every command, in the order the root ``--help`` lists them -> the module of ``bapascase.cli`` whose
    ``register(app)`` registers it (tests/test_lazy_cli.py checks the two agree). Commands that record a document
    take their name from the document's spec in the stage registry."""
    from bapascase.model.registry import Stage, spec, stage_commands

    by_module: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("cmd_init", ("init",)),
        ("cmd_new", (spec(Stage.CASE).command,)),
        ("cmd_stages", (*(s.command for s in stage_commands()), spec(Stage.REOPEN).command)),
        ("cmd_list", ("list",)),
        ("cmd_show", ("show",)),
        ("cmd_find", ("find",)),
        ("cmd_due", ("due",)),
        ("cmd_stats", ("stats",)),
        ("cmd_check", ("check",)),
        ("cmd_schema", ("schema",)),
        ("cmd_edit", ("edit",)),
        ("cmd_report", ("report",)),
        ("cmd_template", ("template",)),
        ("cmd_dashboard", ("dashboard",)),
        ("cmd_export", ("export",)),
        ("cmd_calendar", ("calendar",)),
        ("cmd_history", ("import", "history", spec(Stage.TRANSFER).command)),
        ("cmd_officers", ("officers",)),
        ("cmd_checkin", ("checkin",)),
        ("cmd_sync", ("sync", "whoami")),
    )
    return {name: module for module, names in by_module for name in names}


def command_help(name: str) -> str:
    """A command's help text: the catalog key ``cmd.<name>`` (every module registers its commands with it)."""
    return t(f"cmd.{name}")


def build_command(name: str, module: str) -> Command:
    """Import ``bapascase.cli.<module>``, let it register its commands on a scratch app, and convert only
    ``name`` into a click command (converting reads every parameter's signature: the costly part). A command
    with subcommands (``officers add``) is a typer group the module adds with ``add_typer``."""
    scratch = typer.Typer(rich_markup_mode=None)
    importlib.import_module(f"bapascase.cli.{module}").register(scratch)
    for info in scratch.registered_commands:
        if info.callback is not None and (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
            return typer.main.get_command_from_info(info, pretty_exceptions_short=scratch.pretty_exceptions_short,
                                                    rich_markup_mode=None)
    for group in scratch.registered_groups:
        if group.name == name:
            return typer.main.get_group_from_info(group, pretty_exceptions_short=scratch.pretty_exceptions_short,
                                                  suggest_commands=True, rich_markup_mode=None)
    raise LookupError(f"bapascase.cli.{module} registers no command {name!r}")


class LazyCommands(MutableMapping[str, "Command"]):
    """The root group's commands: every name is known from the table, a command is built when first looked up."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self.built:
            self.built[name] = build_command(name, self.table[name])
        return self.built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self.built[name] = command
        self.table.setdefault(name, "")

    def __delitem__(self, name: str) -> None:
        del self.table[name]
        self.built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)


class LazyGroup(LocalizedGroup):
    """The root ``bapascase`` group: lists every command without building it, builds only the one it runs; in
    the interface's language (``cli.localized``: click's fixed words, usage errors, the ``lapor`` alias)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(command_table())

    def format_commands(self, ctx: ClickContext, formatter: HelpFormatter) -> None:
        # typer's own listing, given stand-ins that carry only the name and the help text (an alias: whose it is)
        summaries = TyperGroup(commands=[
            TyperCommand(name, short_help=alias_help(ALIASES[name])) if name in ALIASES
            else TyperCommand(name, help=inspect.cleandoc(command_help(name)))
            for name in self.list_commands(ctx)])
        TyperGroup.format_commands(summaries, ctx, formatter)


def _flag_value(argv: Sequence[str], *names: str) -> str | None:
    for i, arg in enumerate(argv):
        for name in names:
            if arg == name and i + 1 < len(argv):
                return argv[i + 1]
            if arg.startswith(name + "=") and name.startswith("--"):
                return arg.split("=", 1)[1]
    return None


def choose_lang(argv: Sequence[str], environ: dict[str, str]) -> str:
    """``--lang`` > ``BAPASCASE_LANG`` > the casebook's ``language:`` > Indonesian."""
    lang = _flag_value(argv, "--lang")
    if lang in LANGS:
        return lang
    env_lang = environ.get("BAPASCASE_LANG")
    if env_lang in LANGS:
        return env_lang
    from bapascase.store.discovery import casebook_language, discover

    try:
        root = discover(_flag_value(argv, "--casebook", "-C"), environ)
    except Exception:
        return "id"
    return casebook_language(root) or "id"


def build_app() -> typer.Typer:
    from bapascase.cli.completion import completes, languages

    app = typer.Typer(
        cls=LazyGroup,
        help=t("app.help"),
        add_completion=True,  # --install-completion / --show-completion: bash, zsh, fish, PowerShell
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    def version_cb(value: bool) -> None:
        if value:
            print(f"bapascase {__version__}")
            raise typer.Exit()

    @app.callback()
    def root(
        ctx: typer.Context,
        lang: str = typer.Option(None, "--lang", help=t("opt.lang"), metavar="id|en",
                                 autocompletion=completes(languages)),
        casebook: str = typer.Option(None, "--casebook", "-C", help=t("opt.casebook"), metavar="DIR"),
        officer: str = typer.Option(None, "--as", help=t("opt.as"), metavar="OFFICER"),
        version: bool = typer.Option(False, "--version", help=t("opt.version"), callback=version_cb, is_eager=True),
    ) -> None:
        obj = ctx.obj if isinstance(ctx.obj, Context) else Context()
        ctx.obj = obj
        if lang is not None:
            if lang not in LANGS:
                raise typer.BadParameter(t("err.bad_lang", value=lang), param_hint="--lang")
            set_lang(lang)
            obj.lang = lang
        if casebook is not None:
            obj.casebook_opt = str(casebook)
        if officer is not None:
            obj.officer_opt = officer

    return app


def make_app(argv: Sequence[str] = (), environ: dict[str, str] | None = None) -> typer.Typer:
    lang = choose_lang(argv, dict(os.environ) if environ is None else environ)
    set_lang(lang)
    return build_app()


def main() -> Any:
    """The console script and ``python -m bapascase``: the process is bapascase's own, so a command that says its
    work is done and saved (``Context.exit_quickly``: ``report``) ends it without the interpreter's teardown."""
    return run(exit_quickly=True)


def run(argv: Sequence[str] | None = None, *, exit_quickly: bool = False) -> Any:
    """A command line (``argv``, else the process's own); a caller that goes on after it (the tests' runners, a
    script calling ``run()`` several times) always gets ``SystemExit`` back."""
    args = [_utf8_arg(a) for a in (sys.argv[1:] if argv is None else argv)]
    tolerant(sys.stdout)  # an ASCII locale: "?" for what it cannot show, not a failed command
    tolerant(sys.stderr)
    with _terminate_interrupts():
        return _run(args, exit_quickly)


def _run(args: list[str], exit_quickly: bool) -> Any:
    obj: Context | None = None
    try:
        lang = choose_lang(args, dict(os.environ))
        set_lang(lang)
        app = build_app()
        obj = Context(lang=lang)
        return app(args=args, prog_name="bapascase", obj=obj)
    except SystemExit as exc:
        if exit_quickly and obj is not None and obj.exit_quickly and exc.code in (0, None):
            exit_now()
        raise
    except Exception as exc:  # outside any command (building the app, the root options): still one line
        from bapascase.cli.common import failure

        status, line = failure(exc)
        if line is not None:
            from bapascase.terminal import write_line

            write_line(sys.stderr, line)
        raise SystemExit(int(status)) from None


def _stop(signum: int, frame: Any) -> None:
    _pass_on(signum)
    raise KeyboardInterrupt


def _pass_on(signum: int) -> None:
    """The stop request, passed on to the processes bapascase started and theirs (a git and the ssh or helper it
    runs, an editor), as Ctrl-C reaches them all through the terminal: each ends its own way (git removes its lock
    files; killed, it would leave ``.git/index.lock`` behind). Linux lists a process's children in ``/proc``;
    elsewhere ``subprocess`` ends the child itself, a quarter of a second later."""
    import glob

    seen: set[int] = set()
    parents = [os.getpid()]
    while parents:  # every descendant, listed before any is asked to stop (an ended one takes its list along)
        found: list[int] = []
        for parent in parents:
            for listing in glob.glob(f"/proc/{parent}/task/*/children"):
                try:
                    with open(listing, encoding="ascii") as fh:
                        found.extend(int(pid) for pid in fh.read().split())
                except (OSError, ValueError):
                    continue
        parents = [pid for pid in found if pid not in seen]
        seen.update(parents)
    for pid in seen:
        with contextlib.suppress(OSError):
            os.kill(pid, signum)


@contextlib.contextmanager
def _terminate_interrupts() -> Iterator[None]:
    """A request to stop (SIGTERM: ``kill``, a scheduler, systemd) ends a command as Ctrl-C does: one line,
    exit 130, the lock and temporary files let go, and a running ``git`` asked to end too (``_pass_on``). Without it the process died silently with 143, and a ``git fetch`` went on after it. An
    interview takes the signal over while it asks (``workflow.record``), to keep its draft."""
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _stop)
    except (ValueError, OSError, AttributeError):  # not the main thread (a test's runner), or no SIGTERM here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _utf8_arg(arg: str) -> str:
    """An argument as typed: in an ASCII locale Python keeps each byte it cannot decode as a lone surrogate, but
    terminals send UTF-8 all the same ("Ñoño" typed in an ssh session with LANG=C). Bytes that are not UTF-8
    stay as they were (a text field then says it cannot be read)."""
    if arg.isascii() or not any("\udc80" <= ch <= "\udcff" for ch in arg):
        return arg
    try:
        return arg.encode(sys.getfilesystemencoding(), "surrogateescape").decode("utf-8")
    except (UnicodeError, LookupError):
        return arg


def exit_now() -> None:
    """End a process whose command succeeded and saved everything, without the interpreter's teardown.

    After a report the interpreter holds ~400 modules and a few hundred thousand objects (the models, jinja2, the
    case's documents); freeing them one by one at exit cost ~70 ms CPU, a sixth of a report (issue 15). What the
    teardown would do that matters is done here: the ``atexit`` functions (temporary folders, logging) and flushing
    stdout and stderr. Every file the command wrote was closed by it (``store.atomic``), every SQLite connection
    closed. If any step fails, or this Python has no ``atexit._run_exitfuncs``, it returns and the normal exit runs.
    """
    import atexit

    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None:
        return
    try:
        run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # e.g. a closed pipe: the normal exit reports it as it always did
        return
    os._exit(0)
