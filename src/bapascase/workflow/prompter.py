"""The small interface every interview talks to, and its implementations.

``QuestionaryPrompter`` asks on a terminal (questionary and prompt_toolkit, always ``unsafe_ask`` so Ctrl-C is
never swallowed); ``NoInputPrompter`` never asks: with it an interview only uses answers given up front. Tests
drive the first through prompt_toolkit pipe input, and through a real pseudo-terminal at 80×24.

How the terminal prompts behave, on any terminal from 80×24 up:
- a text prompt's hint goes on its own line when the question and the hint would not leave room to type, and a
  long (multi-line) answer is typed on its own line, so the input always has the full width;
- a pre-filled one-line answer (a date, a number) is selected: typing replaces it, Enter keeps it, an arrow key
  starts editing it; a long text's answer is offered with the cursor at its end, to be added to;
- a yes/no question needs Enter (the key press alone only shows the answer), in the interface's language (y/t);
- a choice can be asked with nothing chosen (``must_choose``), so Enter alone never picks an answer that scores;
- Ctrl-Z raises ``GoBack`` in a question an interview asks (``going_back``): the interview asks the previous
  question again; in any other question (a review's, a draft's, a checklist's) it does nothing;
- Esc then Enter (Alt+Enter), which ends a long text, is Enter in every other question: prompt_toolkit's own
  binding would end a choice or a yes/no question with an empty answer;
- every fixed word (hints, "ya"/"tidak", how many were ticked) comes from the message catalogs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO

if TYPE_CHECKING:
    from prompt_toolkit.input import Input
    from prompt_toolkit.key_binding import KeyBindings, KeyBindingsBase
    from prompt_toolkit.output import Output

from bapascase.terminal import clean, write_line

Validator = Callable[[str], str | None]  # returns an error message, or None when the text is acceptable

# a one-line prompt keeps its hint on the question's line while this much room is left to type in
MIN_INPUT_WIDTH = 20


def wrap(text: str, width: int, first: int = 0, indent: str = "  ") -> str:
    """``text`` broken at word boundaries to fit ``width`` columns: its first line starts after ``first`` columns
    (a question's "? "), the others after ``indent``. New lines already in the text stay. A word longer than a
    line is broken inside (nothing is ever cut off)."""
    import textwrap

    room = max(20, width - 1)  # the last column stays free: a terminal wraps a line that fills it
    out: list[str] = []
    for n, paragraph in enumerate(text.split("\n")):
        lead = " " * first if n == 0 else indent
        lines = textwrap.wrap(paragraph, width=room, initial_indent=lead, subsequent_indent=indent,
                              break_on_hyphens=False) or [lead]
        out.extend(lines)
    out[0] = out[0][first:]
    return "\n".join(out)


def last_line_width(text: str) -> int:
    from prompt_toolkit.utils import get_cwidth

    return get_cwidth(text.rsplit("\n", 1)[-1])


class GoBack(Exception):
    """The user asked (Ctrl-Z) to go back to the previous question."""


_going_back = [0]  # how many interviews are asking a question now (``going_back``); one thread asks at a time


@contextlib.contextmanager
def going_back() -> Iterator[None]:
    """Ctrl-Z goes back (raises ``GoBack``) in the questions asked inside: an interview's, which catches it.
    Outside, where nothing would catch it, the key does nothing."""
    _going_back[0] += 1
    try:
        yield
    finally:
        _going_back[0] -= 1


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

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, str]],
        default: str | None = None,
        *,
        must_choose: bool = False,
        instruction: str | None = None,
    ) -> str: ...

    def checkbox(self, message: str, choices: Sequence[tuple[str, str]], defaults: Sequence[str] = ()) -> list[str]: ...

    def confirm(self, message: str, default: bool = False) -> bool: ...

    def hang_up(self) -> None:
        """The terminal is gone (SIGHUP): end the question being asked as Ctrl-C would, or else the next one.

        Called from a signal handler, so it never raises: an exception thrown at whatever line the signal lands on
        can stop asyncio or prompt_toolkit halfway through their own bookkeeping and leave the process hanging."""
        ...


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

    def hang_up(self) -> None:
        return None  # nothing is asked: the run goes on with the answers given up front


class SectionFirst:
    """A prompter whose next section header (``pending``) is held back until that section asks or says something,
    so a section with nothing left to ask (a resumed draft finished it) leaves no empty header on the screen."""

    def __init__(self, inner: Prompter) -> None:
        self.inner = inner
        self.pending: tuple[int, int, str] | None = None
        self.interactive = inner.interactive

    def _herald(self) -> None:
        if self.pending is not None:
            index, total, title = self.pending
            self.pending = None
            self.inner.section(index, total, title)

    def section(self, index: int, total: int, title: str) -> None:
        self.pending = None
        self.inner.section(index, total, title)

    def note(self, text: str) -> None:
        self._herald()
        self.inner.note(text)

    def text(self, message: str, **kw: Any) -> str:
        self._herald()
        return self.inner.text(message, **kw)

    def select(self, message: str, choices: Sequence[tuple[str, str]], default: str | None = None,
               **kw: Any) -> str:
        self._herald()
        return self.inner.select(message, choices, default, **kw)

    def checkbox(self, message: str, choices: Sequence[tuple[str, str]], defaults: Sequence[str] = ()) -> list[str]:
        self._herald()
        return self.inner.checkbox(message, choices, defaults)

    def confirm(self, message: str, default: bool = False) -> bool:
        self._herald()
        return self.inner.confirm(message, default)

    def hang_up(self) -> None:
        self.inner.hang_up()


_NOTHING = "\x00nothing-chosen"  # the value of the "choose one" line of a select that has no default


def yes_no_answer(key: str) -> bool | None:
    """What a key typed at a yes/no question means: y for yes; n, or t (tidak), for no."""
    k = key.lower()
    if k == "y":
        return True
    if k in ("n", "t"):
        return False
    return None


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
        self._hung_up = False
        self._app: Any = None  # the prompt_toolkit application of the question being asked, once its loop runs

    # -- a lost terminal ----------------------------------------------------------------------------------
    def hang_up(self) -> None:
        self._hung_up = True
        app = self._app
        loop = getattr(app, "loop", None)
        if loop is None or loop.is_closed():
            return  # between questions: the next one ends before it is drawn
        try:
            loop.call_soon_threadsafe(_end_question, app)  # runs inside the loop, like prompt_toolkit's own SIGINT
        except RuntimeError:  # the loop closed in the meantime: the next question ends instead
            pass

    def _ask(self, question: Any) -> Any:
        """Ask a questionary ``Question`` (``unsafe_ask``, so Ctrl-C raises); a hangup ends it like Ctrl-C."""
        if self._hung_up:
            raise KeyboardInterrupt
        app = question.application
        # an interrupt signal (not the Ctrl-C key) reaches the prompt as a <sigint> key: the text prompts bind it,
        # questionary's choice lists do not (the signal was ignored there); every question ends on it like Ctrl-C
        from prompt_toolkit.key_binding import merge_key_bindings

        sigint = _sigint_bindings()
        app.key_bindings = merge_key_bindings([app.key_bindings, sigint]) if app.key_bindings else sigint

        def attach() -> None:  # prompt_toolkit calls this inside the running loop, once exit() can work
            self._app = app
            if self._hung_up:
                _end_question(app)

        app.pre_run_callables.append(attach)
        try:
            return question.unsafe_ask()
        finally:
            self._app = None

    # -- plain output -------------------------------------------------------------------------------------
    def section(self, index: int, total: int, title: str) -> None:
        from bapascase.i18n import t

        write_line(self.out, "")
        write_line(self.out, t("wiz.section", index=index, total=total, title=title))
        write_line(self.out, "─" * 40)

    def note(self, text: str) -> None:
        """A line of its own (a hint, a review line); one longer than the terminal is broken between words, its
        continuation indented under it, instead of the terminal breaking it inside a word."""
        from prompt_toolkit.utils import get_cwidth

        width = self._width()
        lines = []
        for line in clean(text).split("\n"):
            if get_cwidth(line) <= width - 1:
                lines.append(line)
                continue
            indent = line[:len(line) - len(line.lstrip())]
            lines.append(indent + wrap(line.lstrip(), width, first=len(indent), indent=indent + "  "))
        write_line(self.out, "\n".join(lines))

    def _answered(self, message: str, answer: str) -> None:
        """The line a question leaves behind once answered (for prompts that erase themselves)."""
        write_line(self.out, "? " + wrap(f"{message} {answer}".rstrip(), self._width(), first=2))

    def _width(self) -> int:
        output = self._kw.get("output")
        if output is not None:
            return int(output.get_size().columns)
        import shutil

        return shutil.get_terminal_size((80, 24)).columns

    # -- questions ----------------------------------------------------------------------------------------
    def text(
        self,
        message: str,
        *,
        default: str = "",
        validate: Validator | None = None,
        multiline: bool = False,
        instruction: str | None = None,
    ) -> str:
        from prompt_toolkit.document import Document
        from prompt_toolkit.filters import shift_selection_mode
        from prompt_toolkit.selection import SelectionState, SelectionType
        from prompt_toolkit.shortcuts import PromptSession
        from prompt_toolkit.validation import ValidationError
        from prompt_toolkit.validation import Validator as PtValidator
        from questionary.question import Question
        from questionary.styles import merge_styles_default

        # what is shown is cleaned (terminal.clean): recorded text offered as a default included
        message, default = clean(message), clean(default)
        instruction = clean(instruction) if instruction is not None else None

        def tokens() -> Any:
            width = _app_width()
            shown = wrap(message, width, first=2)  # broken between words, never inside one
            head: list[tuple[str, str]] = [("class:qmark", "?"), ("class:question", f" {shown} ")]
            room = width - last_line_width(shown) - len(instruction or "") - 6
            if not multiline and room >= max(MIN_INPUT_WIDTH, len(default) + 2):
                if instruction:
                    head.append(("class:instruction", f"({instruction}) "))
                return head
            # the hint on its own line, the answer on the next one: the whole width to type in
            if instruction:
                head.append(("class:instruction", f"\n  {wrap(instruction, width, first=2)}"))
            head.append(("class:qmark", "\n> "))
            return head

        class Check(PtValidator):
            def validate(self, document: Document) -> None:
                if validate is None:
                    return
                error = validate(document.text)
                if error is not None:
                    raise ValidationError(message=error, cursor_position=len(document.text))

        bindings = _back_bindings()

        @bindings.add("c-u", filter=shift_selection_mode)
        def _clear(event: Any) -> None:  # Ctrl-U empties the line, the selected answer offered too
            event.current_buffer.cut_selection()
            event.current_buffer.delete_before_cursor(len(event.current_buffer.document.text_before_cursor))

        session: PromptSession[str] = PromptSession(
            tokens, style=merge_styles_default([None]), validator=Check(), multiline=multiline,
            prompt_continuation="  ", key_bindings=bindings, **self._kw,
        )
        buffer = session.default_buffer
        buffer.reset(Document(default, len(default)))
        if default and not multiline:
            # selected as in a form: typing replaces it, Enter keeps it, an arrow key edits it
            selection = SelectionState(0, SelectionType.CHARACTERS)
            selection.enter_shift_mode()
            buffer.selection_state = selection
        result: str = self._ask(Question(session.app))
        return result

    def select(
        self,
        message: str,
        choices: Sequence[tuple[str, str]],
        default: str | None = None,
        *,
        must_choose: bool = False,
        instruction: str | None = None,
    ) -> str:
        import questionary
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from questionary.prompts.common import InquirerControl

        from bapascase.i18n import t

        width = self._width()
        # the whole question is seen before it is answered: questionary's header is never wrapped, so the
        # question is broken into lines here (a choice's label too, under its pointer)
        question = clean(message)
        message = wrap(question, width, first=2)
        instruction = clean(instruction) if instruction is not None else None
        items = [questionary.Choice(title=wrap(clean(label), width, first=4, indent="    "), value=value)
                 for value, label in choices]
        chosen = next((c for c in items if c.value == default), None)
        if must_choose and chosen is None:
            # nothing is pre-chosen: the pointer starts on a line that Enter refuses
            chosen = questionary.Choice(title=t("kbd.choose_one"), value=_NOTHING)
            items.insert(0, chosen)
        hint = t("kbd.select_hint") if instruction is None else f"{instruction} {t('kbd.select_hint')}"
        if last_line_width(message) + len(hint) + 4 > width:
            hint = f"\n  {wrap(hint, width, first=2)}"  # its own line: a long question keeps it readable
        # the question erases itself and its answer is said again, wrapped (questionary's own answer line is
        # never wrapped: a long label chosen was cut at the terminal's edge)
        q = questionary.select(message, choices=items, default=chosen, use_search_filter=False,
                               instruction=hint, erase_when_done=True, **self._kw)
        bindings = q.application.key_bindings
        assert isinstance(bindings, KeyBindings)  # questionary's own, one set
        _add_back(bindings)
        _esc_enter_is_enter(bindings)
        control = next(c for c in q.application.layout.find_all_controls() if isinstance(c, InquirerControl))

        @bindings.add(Keys.ControlM, eager=True)
        def _enter(event: Any) -> None:
            pointed = control.get_pointed_at()
            if pointed.value == _NOTHING:
                # said where the eye is (a toolbar is not drawn on every terminal)
                pointed.title = t("kbd.choose_one_error")
                return
            control.is_answered = True
            event.app.exit(result=control.get_pointed_at().value)

        result: str = self._ask(q)
        self._answered(question, clean(dict(choices).get(result, result)))
        return result

    def checkbox(self, message: str, choices: Sequence[tuple[str, str]], defaults: Sequence[str] = ()) -> list[str]:
        import questionary

        from bapascase.i18n import t

        width = self._width()
        question = clean(message)
        message = wrap(question, width, first=2)  # seen whole before it is answered (see ``select``)
        choices = [(value, clean(label)) for value, label in choices]
        items = [questionary.Choice(title=wrap(label, width, first=6, indent="      "), value=value,
                                    checked=value in defaults) for value, label in choices]
        # questionary's own "done (3 selections)" is English: the question erases itself and says what was ticked
        hint = t("kbd.checkbox_hint")
        if last_line_width(message) + len(hint) + 4 > width:
            hint = f"\n  {hint}"
        q = questionary.checkbox(message, choices=items, instruction=hint, erase_when_done=True, **self._kw)
        _add_back(q.application.key_bindings)
        _esc_enter_is_enter(q.application.key_bindings)
        result: list[str] = self._ask(q)
        labels = dict(choices)
        self._answered(question, ", ".join(labels.get(v, v) for v in result) or t("wiz.none"))
        return result

    def confirm(self, message: str, default: bool = False) -> bool:
        from prompt_toolkit.formatted_text import to_formatted_text
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.keys import Keys
        from prompt_toolkit.shortcuts import PromptSession
        from questionary.question import Question
        from questionary.styles import merge_styles_default

        from bapascase.i18n import t

        message = clean(message)
        state: dict[str, bool | None] = {"answer": None}

        def tokens() -> Any:
            hint = t("kbd.yes_no_default_yes" if default else "kbd.yes_no_default_no")
            width = _app_width()
            shown = wrap(message, width, first=2)  # broken between words, never inside one
            sep = " " if last_line_width(shown) + len(hint) + 6 <= width else "\n  "
            parts: list[Any] = [("class:qmark", "?"), ("class:question", f" {shown}{sep}"),
                                ("class:instruction", hint + " ")]
            if state["answer"] is not None:
                parts.append(("class:answer", t("wiz.yes") if state["answer"] else t("wiz.no")))
            return to_formatted_text(parts)

        bindings = KeyBindings()
        _add_back(bindings)
        _esc_enter_is_enter(bindings)

        @bindings.add(Keys.ControlC, eager=True)
        @bindings.add(Keys.ControlQ, eager=True)
        def _interrupt(event: Any) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        @bindings.add(Keys.Any)
        def _key(event: Any) -> None:
            answer = yes_no_answer(event.data)
            if answer is not None:  # shown, not yet taken: Enter takes it (another key changes it)
                state["answer"] = answer

        @bindings.add(Keys.ControlH)
        @bindings.add(Keys.Backspace)
        def _clear(event: Any) -> None:
            state["answer"] = None

        @bindings.add(Keys.ControlM, eager=True)
        def _enter(event: Any) -> None:
            if state["answer"] is None:
                state["answer"] = default
            event.app.exit(result=state["answer"])

        session: PromptSession[bool] = PromptSession(tokens, key_bindings=bindings, style=merge_styles_default([None]),
                                                     erase_when_done=True, **self._kw)
        result: bool = self._ask(Question(session.app))
        self._answered(message, t("wiz.yes") if result else t("wiz.no"))
        return result


def _app_width() -> int:
    """The width of the terminal the running prompt draws on."""
    from prompt_toolkit.application import get_app

    try:
        return int(get_app().output.get_size().columns)
    except Exception:  # no running application (never while asking)
        return 80


def _end_question(app: Any) -> None:
    """End a running prompt the way its Ctrl-C key does (a no-op once it has ended)."""
    future = app.future
    if future is not None and not future.done():
        app.exit(exception=KeyboardInterrupt, style="class:aborting")


def _sigint_bindings() -> KeyBindings:
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()

    @bindings.add(Keys.SIGINT)
    def _interrupted(event: Any) -> None:
        _end_question(event.app)

    return bindings


def _back_bindings() -> KeyBindings:
    from prompt_toolkit.key_binding import KeyBindings

    bindings = KeyBindings()
    _add_back(bindings)
    return bindings


def _add_back(bindings: KeyBindingsBase | None) -> None:
    """Ctrl-Z: leave this question and go back to the one before (``GoBack``)."""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys

    assert isinstance(bindings, KeyBindings)  # a prompt's own set (prompt_toolkit's, questionary's)

    @bindings.add(Keys.ControlZ, eager=True)
    def _back(event: Any) -> None:
        if _going_back[0]:
            event.app.exit(exception=GoBack, style="class:aborting")
        # else swallowed: a text prompt would take it as a character


def _esc_enter_is_enter(bindings: KeyBindingsBase | None) -> None:
    """Esc then Enter (Alt+Enter) does what Enter does: the key that ends a long text must not end a choice or a
    yes/no question with prompt_toolkit's empty answer."""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.key_binding.key_processor import KeyPress
    from prompt_toolkit.keys import Keys

    assert isinstance(bindings, KeyBindings)

    @bindings.add(Keys.Escape, Keys.ControlM, eager=True)
    def _enter(event: Any) -> None:
        event.app.key_processor.feed(KeyPress(Keys.ControlM, "\r"))
