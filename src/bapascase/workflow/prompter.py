"""The small interface every interview talks to, and its implementations.

``QuestionaryPrompter`` asks on a terminal (questionary, always ``unsafe_ask`` so Ctrl-C is never swallowed);
``NoInputPrompter`` never asks: with it an interview only uses answers given up front. Tests drive the first
through prompt_toolkit pipe input and the second through answers files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.output import Output

from bapascase.terminal import clean, write_line

Validator = Callable[[str], str | None]  # returns an error message, or None when the text is acceptable


class Prompter(Protocol):
    interactive: bool

    def section(self, index: int, total: int, title: str) -> None: ...

    def note(self, text: str) -> None: ...

    def text(
        self,
        message: str,
        *,
        default: str = "",
        validate: Validator | None = None,
        multiline: bool = False,
        instruction: str | None = None,
    ) -> str: ...

    def select(self, message: str, choices: Sequence[tuple[str, str]], default: str | None = None) -> str: ...

    def checkbox(self, message: str, choices: Sequence[tuple[str, str]], defaults: Sequence[str] = ()) -> list[str]: ...

    def confirm(self, message: str, default: bool = True) -> bool: ...


class NoInputPrompter:
    """For ``--no-input`` and scripts: never prompts. Interviews check ``interactive`` before asking."""

    interactive = False

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out

    def section(self, index: int, total: int, title: str) -> None:
        return None

    def note(self, text: str) -> None:
        if self.out is not None:
            write_line(self.out, text)

    def _never(self, *args: Any, **kw: Any) -> Any:
        raise RuntimeError("NoInputPrompter cannot ask")  # a bug, not a user error

    text = _never
    select = _never
    checkbox = _never
    confirm = _never


class QuestionaryPrompter:
    """Terminal prompts through questionary. ``input``/``output`` are for prompt_toolkit pipe tests."""

    interactive = True

    def __init__(self, out: TextIO, input: Input | None = None, output: Output | None = None) -> None:
        self.out = out
        self._kw: dict[str, Any] = {}
        if input is not None:
            self._kw["input"] = input
        if output is not None:
            self._kw["output"] = output

    def section(self, index: int, total: int, title: str) -> None:
        from bapascase.i18n import t

        write_line(self.out, "")
        write_line(self.out, t("wiz.section", index=index, total=total, title=title))
        write_line(self.out, "─" * 40)

    def note(self, text: str) -> None:
        write_line(self.out, text)

    def text(
        self,
        message: str,
        *,
        default: str = "",
        validate: Validator | None = None,
        multiline: bool = False,
        instruction: str | None = None,
    ) -> str:
        import questionary

        def check(value: str) -> bool | str:
            if validate is None:
                return True
            err = validate(value)
            return True if err is None else err

        # what is shown is cleaned (terminal.clean): recorded text offered as a default included
        q = questionary.text(
            clean(message), default=clean(default), validate=check, multiline=multiline,
            instruction=clean(instruction) if instruction is not None else None, **self._kw
        )
        result: str = q.unsafe_ask()
        return result

    def select(self, message: str, choices: Sequence[tuple[str, str]], default: str | None = None) -> str:
        import questionary

        items = [questionary.Choice(title=clean(label), value=value) for value, label in choices]
        chosen = next((c for c in items if c.value == default), None)
        q = questionary.select(clean(message), choices=items, default=chosen, use_search_filter=False, **self._kw)
        result: str = q.unsafe_ask()
        return result

    def checkbox(self, message: str, choices: Sequence[tuple[str, str]], defaults: Sequence[str] = ()) -> list[str]:
        import questionary

        items = [questionary.Choice(title=clean(label), value=value, checked=value in defaults)
                 for value, label in choices]
        result: list[str] = questionary.checkbox(clean(message), choices=items, **self._kw).unsafe_ask()
        return result

    def confirm(self, message: str, default: bool = True) -> bool:
        import questionary

        result: bool = questionary.confirm(clean(message), default=default, **self._kw).unsafe_ask()
        return result
