"""Entry point: pick the language before building the app (so ``--help`` is translated), then run it.

Only typer and the message catalogs are imported here; every command imports what it needs when it runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import typer

from bapascase import __version__
from bapascase.i18n import LANGS, set_lang, t
from bapascase.workflow.context import Context

COMMAND_MODULES = (
    "cmd_init",
    "cmd_new",
    "cmd_stages",
    "cmd_list",
    "cmd_show",
    "cmd_find",
    "cmd_due",
    "cmd_stats",
    "cmd_check",
    "cmd_schema",
    "cmd_edit",
    "cmd_report",
    "cmd_history",
    "cmd_officers",
    "cmd_checkin",
)


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
    from bapascase.store.casebook import SETTINGS_FILE, discover, read_language

    try:
        root = discover(_flag_value(argv, "--casebook", "-C"), environ)
    except Exception:
        return "id"
    if (root / SETTINGS_FILE).is_file():
        return read_language(root) or "id"
    return "id"


def build_app() -> typer.Typer:
    import importlib

    from bapascase.cli.completion import completes, languages
    from bapascase.cli.localized import LocalizedGroup

    app = typer.Typer(
        cls=LocalizedGroup,  # click's fixed words (Usage:, Options:, Error: ...) in the user's language
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

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"bapascase.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"bapascase.cli.{name}":
                continue  # a command module not written yet
            raise
        module.register(app)
    return app


def make_app(argv: Sequence[str] = (), environ: dict[str, str] | None = None) -> typer.Typer:
    lang = choose_lang(argv, dict(os.environ) if environ is None else environ)
    set_lang(lang)
    return build_app()


def run(argv: Sequence[str] | None = None) -> Any:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        lang = choose_lang(args, dict(os.environ))
        set_lang(lang)
        app = build_app()
        return app(args=args, prog_name="bapascase", obj=Context(lang=lang))
    except Exception as exc:  # outside any command (building the app, the root options): still one line
        from bapascase.cli.common import failure

        status, line = failure(exc)
        if line is not None:
            print(line, file=sys.stderr)
        raise SystemExit(int(status)) from None
