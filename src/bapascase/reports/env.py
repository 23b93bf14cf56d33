"""Jinja environments for reports: where templates come from, how values are escaped, which helpers exist.

- Built-in templates live in the project's top-level ``templates/`` (packaged as ``bapascase/templates``).
- A casebook's own ``templates/`` overrides them file by file; ``{% extends "default/<name>" %}`` reaches the
  built-in version of any file.
- When a casebook brings any template, the whole report renders in ``ReportSandbox`` (Jinja's immutable sandbox:
  no Python internals, no changing the data), with limits on time, output, memory and the size of any value
  (``Limits``; a template that loops for ever ends with a clear error); the built-ins alone render in a plain
  environment.
- A casebook template is read only from inside the casebook's ``templates/`` folder: a symlink (git carries them)
  that leads anywhere else, or a ``templates/`` folder that is itself a link out of the casebook, is refused with a
  clear error. No template file larger than ``MAX_TEMPLATE_BYTES`` is read, and only regular files.
- Every environment uses ``StrictUndefined``: a typo is an error, never a blank in a signed report.
- HTML: autoescape on. Markdown: every ``{{ }}`` output is escaped for Markdown by ``finalize`` (Jinja's
  autoescape is on too, so macro output stays as it is), except values marked safe (narratives cleaned by
  ``markdown.clean_md``, ``hashes(n)`` for heading marks).
- Compiled templates are cached in the user's private cache, per environment configuration
  (``reports/bytecode.py``), never in the casebook.
"""

from __future__ import annotations

import functools
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace
from markupsafe import Markup

from bapascase.errors import UserError
from bapascase.reports import markdown as mdx
from bapascase.store.textfiles import read_bytes_stat, resolves_inside

DEFAULT_PREFIX = "default/"
TEMPLATE_SUFFIX = ".j2"
FORMAT_NAMES = ("md", "html")


def builtin_dir() -> Path:
    """The built-in templates: ``bapascase/templates`` when installed from a wheel, else the repo's ``templates/``."""
    here = Path(__file__).resolve().parent.parent  # .../bapascase
    packaged = here / "templates"
    if packaged.is_dir():
        return packaged
    repo = here.parent.parent / "templates"  # src/bapascase -> repo root (editable install)
    if repo.is_dir():
        return repo
    raise FileNotFoundError("bapascase templates")


MAX_TEMPLATE_BYTES = 1024 * 1024


class ReportLoader(jinja2.BaseLoader):
    """Casebook templates first (when any), then the built-ins; ``default/<name>`` is always the built-in.

    ``root`` is the casebook: its ``templates/`` folder (``override``) must lie inside it, and every file read from
    that folder must resolve inside the folder (no symlink out)."""

    def __init__(self, builtin: Path, override: Path | None, root: Path | None = None) -> None:
        self.builtin = builtin
        self.override = override
        self.root = root if root is not None else (override.parent if override is not None else None)

    def locate(self, name: str) -> tuple[Path, str]:
        """The file for a template name and the name to show in messages."""
        if name.startswith(DEFAULT_PREFIX):
            parts = split_template_path(name[len(DEFAULT_PREFIX):])
            path = self.builtin.joinpath(*parts)
            if not path.is_file():
                # ``default/litmas.html.j2`` (from before one template served every format) is ``litmas.j2``
                stem, dot, fmt = parts[-1].removesuffix(TEMPLATE_SUFFIX).rpartition(".")
                if dot and fmt in FORMAT_NAMES:
                    path = self.builtin.joinpath(*parts[:-1], stem + TEMPLATE_SUFFIX)
            return path, name
        parts = split_template_path(name)
        if self.override is not None:
            own = self.override.joinpath(*parts)
            shown = f"templates/{'/'.join(parts)}"
            if os.path.lexists(own):
                self._confine(own, shown)
                if not own.is_file():  # a FIFO, a device or a folder by a template's name: never silently skipped
                    raise UserError("sec.not_regular", path=shown)
                return own, shown
        return self.builtin.joinpath(*parts), f"{DEFAULT_PREFIX}{'/'.join(parts)}"

    def _confine(self, path: Path, shown: str) -> None:
        """Refuse a casebook template that resolves outside ``templates/``, or a ``templates/`` outside the
        casebook."""
        assert self.override is not None
        if self.root is not None and not resolves_inside(self.override, self.root):
            raise UserError("sec.template_outside", name="templates/")
        if not resolves_inside(path, self.override):
            raise UserError("sec.template_outside", name=shown)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path, shown = self.locate(template)
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        source, mtime = read_template(path, shown)

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        # the "filename" is what error messages show: a casebook-relative path or default/<name>
        return source, shown, uptodate


def read_template(path: Path, shown: str) -> tuple[str, float]:
    """A template's text and mtime: a regular file of at most ``MAX_TEMPLATE_BYTES``, in UTF-8 (never a FIFO or a
    device), read as every file a person gave is read (``textfiles.read_bytes_stat``)."""
    data, st = read_bytes_stat(path, MAX_TEMPLATE_BYTES, shown, too_big=lambda: UserError(
        "sec.template_too_big", name=shown, limit=MAX_TEMPLATE_BYTES // 1024))
    try:
        return data.decode("utf-8"), st.st_mtime
    except UnicodeDecodeError:
        raise UserError("err.not_utf8", path=shown) from None


def has_overrides(override: Path | None, builtin: Path) -> bool:
    """Whether the casebook brings templates of its own (then everything renders in the sandbox). A
    ``templates/`` that is a link out of the casebook counts (the loader then refuses it with a clear error)."""
    if override is None or not override.is_dir():
        return False
    try:
        if override.resolve() == builtin.resolve():
            return False
        if not resolves_inside(override, override.parent):
            return True
    except OSError:
        return False
    for _dirpath, _dirs, files in os.walk(override):
        if any(f.endswith(TEMPLATE_SUFFIX) for f in files):
            return True
    return False


def finalize_md(value: Any) -> Any:
    """Markdown's autoescape: every value printed is escaped for Markdown unless already safe (Markup).

    The Markdown environment runs with Jinja's autoescape on so that macro output and filters marked safe stay
    as they are; this finalize turns every other value into escaped Markdown marked safe, so the HTML escaping
    of autoescape never touches it.
    """
    if value is None:
        return Markup("")
    if hasattr(value, "__html__"):
        return value
    return Markup(mdx.escape_md(value))


def md_concat(parts: Any) -> Any:
    """``~``, ``+`` and ``join`` of the Markdown environment: when any part is already safe Markdown (a macro's
    output, a cleaned narrative) the others are escaped *for Markdown* and the result is safe; Jinja's own
    ``markup_join`` would escape them for HTML (``&amp;``) and let a ``[x](javascript:...)`` through. All plain
    parts: a plain string, escaped as a whole when printed (``finalize_md``), as before."""
    parts = list(parts)
    if not any(hasattr(p, "__html__") for p in parts):
        return "".join(map(str, parts))
    out: list[str] = []
    for p in parts:
        if hasattr(p, "__html__"):
            out.append(p.__html__())
        else:  # a list or quote mark is escaped only where a line starts
            out.append(mdx.escape_md_part(p, line_start=not out or out[-1].endswith("\n")))
    return Markup("".join(out))


def md_add(left: Any, right: Any) -> Any:
    """``+`` in the Markdown environment: ``md_concat`` when a string meets safe Markdown, else Python's ``+``."""
    if (hasattr(left, "__html__") and isinstance(right, str)) or (hasattr(right, "__html__") and isinstance(left, str)):
        return md_concat((left, right))
    return left + right


@jinja2.pass_eval_context
def md_join(eval_ctx: Any, value: Any, d: Any = "", attribute: str | int | None = None) -> Any:
    """The ``join`` filter of the Markdown environment (see ``md_concat``)."""
    if attribute is not None:
        from jinja2.filters import make_attrgetter

        value = map(make_attrgetter(eval_ctx.environment, attribute), value)
    items = list(value)
    joined: list[Any] = []
    for i, item in enumerate(items):
        if i:
            joined.append(d)
        joined.append(item)
    return md_concat(joined)


class MdCodeGenerator(CodeGenerator):
    """The Markdown environment's compiler: ``~`` and ``+`` call ``md_concat``/``md_add`` (the environment's
    attributes) instead of Jinja's HTML ``markup_join`` and ``Markup.__add__``."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if all(isinstance(n, nodes.Const) for n in node.nodes):
            super().visit_Concat(node, frame)  # constants only: folded, no safe part can be among them
            return
        self.write("environment.md_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def visit_Add(self, node: nodes.BinExpr, frame: Frame) -> None:
        if self.environment.sandboxed and "+" in getattr(self.environment, "intercepted_binops", ()):
            super().visit_Add(node, frame)
            return
        self.write("environment.md_add(")
        self.visit(node.left, frame)
        self.write(", ")
        self.visit(node.right, frame)
        self.write(")")


def finalize_html(value: Any) -> Any:
    return "" if value is None else value


class _MdSafe(Markup):
    """Markdown text that is already safe (finalize passes it as is)."""


def make_env(fmt: str, override: Path | None, sandboxed: bool | None = None) -> jinja2.Environment:
    builtin = builtin_dir()
    if sandboxed is None:
        sandboxed = has_overrides(override, builtin)
    loader = ReportLoader(builtin, override if sandboxed else None)
    kwargs: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if fmt == "md":
        kwargs.update(autoescape=True, finalize=finalize_md)
    else:
        kwargs.update(autoescape=True, finalize=finalize_html)
    env: jinja2.Environment = ReportSandbox(**kwargs) if sandboxed else jinja2.Environment(**kwargs)
    env.filters.update(filters(fmt))
    if fmt == "md":  # Markdown escaping at every depth: ``~``, ``+`` and ``join`` too (``md_concat``)
        env.code_generator_class = MdCodeGenerator
        env.md_concat = md_concat  # type: ignore[attr-defined]
        env.md_add = md_add  # type: ignore[attr-defined]
        env.filters["join"] = md_join
    env.globals["fmt"] = fmt  # base.j2 and blocks.j2 import the format's macros by it
    if isinstance(env, ReportSandbox):
        env.guard_filters()
    from bapascase.reports.bytecode import attach

    attach(env, fmt, sandboxed)  # compiled templates in the user's private cache (reports/bytecode.py)
    return env


def filters(fmt: str) -> dict[str, Callable[..., Any]]:
    def md(text: Any, offset: int = 3) -> Markup:
        """A narrative field: rendered (HTML) or cleaned (Markdown)."""
        if text is None:
            return Markup("")
        if fmt == "md":
            return _MdSafe(mdx.clean_md(str(text), offset))
        return Markup(mdx.to_html(str(text), offset))

    def md_inline(text: Any) -> Markup:
        """A narrative on one line (table cells): no block structure."""
        if text is None:
            return Markup("")
        flat = " ".join(str(text).split())
        if fmt == "md":
            return _MdSafe(mdx.escape_md(flat))
        html = mdx.to_html(flat, 3)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)

    return {"md": md, "md_inline": md_inline}


def hashes(level: int) -> Markup:
    """``####`` for a Markdown heading of a computed level (a safe value, not escaped)."""
    return Markup("#" * max(1, min(6, int(level))))


# -- the sandbox's limits --------------------------------------------------------------------------------------


@dataclass
class Limits:
    """What one sandboxed render may use. Generous for any real report (the case file of a client with years of
    monthly entries is well under a megabyte and a second); a template that loops for ever or builds a huge
    value ends with a clear error instead of a hang or an exhausted machine."""

    seconds: float = 20.0  # wall-clock time of one report
    output_chars: int = 32 * 1024 * 1024  # the report's text
    value_chars: int = 2 * 1024 * 1024  # any one string or list a template builds
    int_bits: int = 4096  # any one number a template computes
    width: int = 10_000  # a width, count or repeat given to a filter or a format
    memory_bytes: int = 1024 * 1024 * 1024  # address space the render may add (Linux/Unix)


LIMITS = Limits()


# the limits a render can go over (each has its ``sec.limit_<kind>`` message)
LimitKind = Literal["time", "output", "value", "memory"]


class LimitExceeded(BaseException):
    """A sandboxed render went over one of its limits. A BaseException, so nothing inside a template or Jinja
    can catch it; ``render`` turns it into one clear error."""

    def __init__(self, what: LimitKind) -> None:
        super().__init__(what)
        self.what: LimitKind = what


class _Budget(threading.local):
    deadline: float | None = None


_BUDGET = _Budget()


def tick() -> None:
    """Called by every loop step, call and filter of a sandboxed render: ends it once time is up."""
    deadline = _BUDGET.deadline
    if deadline is not None and time.monotonic() > deadline:
        raise LimitExceeded("time")


def check_value(value: Any) -> Any:
    limits = LIMITS
    if isinstance(value, str | list | tuple | dict | set | bytes) and len(value) > limits.value_chars:
        raise LimitExceeded("value")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > limits.int_bits:
        raise LimitExceeded("value")
    return value


def _check_args(args: tuple[Any, ...], kwargs: dict[str, Any], widths: bool) -> None:
    """Every argument within the value limits; with ``widths``, every number also within ``LIMITS.width`` (the
    arguments of string and list methods and of filters: widths, counts, repeats)."""
    for value in (*args, *kwargs.values()):
        if widths and isinstance(value, int) and not isinstance(value, bool) and abs(value) > LIMITS.width:
            raise LimitExceeded("value")
        check_value(value)


# a width over ``Limits.width`` in a %-format or a str.format spec ("%09999999d", "{:>99999999}"), or a field
# inside a spec ("{:{}}")
_WIDE_PERCENT = re.compile(r"%[-#0 +]*(?:\*|\d{5,})")
_WIDE_BRACE = re.compile(r"\{[^{}]*:[^{}]*?(?:\d{5,}|\{)")


def _check_format(text: Any) -> None:
    if isinstance(text, str) and (_WIDE_PERCENT.search(text) or _WIDE_BRACE.search(text)):
        raise LimitExceeded("value")


class BoundedRange:
    """``range`` for sandboxed templates: at most Jinja's ``MAX_RANGE`` items, and every step checks the time, so
    nested loops end when time is up."""

    MAX = 100_000

    def __init__(self, *args: int) -> None:
        self._range = range(*args)
        if len(self._range) > self.MAX:
            raise LimitExceeded("value")

    def __iter__(self) -> Iterator[int]:
        for i in self._range:
            tick()
            yield i

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, index: int) -> int:
        return self._range[index]

    def __contains__(self, value: object) -> bool:
        return value in self._range


class BoundedNamespace(Namespace):
    """``namespace()`` whose attributes cannot be grown without bound (``{% set ns.s = ns.s ~ ns.s %}``)."""

    def __setitem__(self, name: str, value: Any) -> None:
        tick()
        super().__setitem__(name, check_value(value))


class ReportSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with every call, filter and risky operator checked against ``LIMITS``."""

    intercepted_binops = frozenset({"*", "**", "%", "//"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.globals["range"] = BoundedRange
        self.globals["namespace"] = BoundedNamespace

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        tick()
        for value in (left, right):
            check_value(value)
        if operator == "**" and isinstance(right, int | float) and (abs(right) > 64 or abs(left) > 2 ** 64):
            raise LimitExceeded("value")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > LIMITS.value_chars:
                    raise LimitExceeded("value")
        if operator == "%":
            _check_format(left)
        return check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        tick()
        owner = getattr(__obj, "__self__", None)
        _check_args(args, kwargs, widths=isinstance(owner, str | list | tuple | dict | bytes))
        if getattr(__obj, "__name__", None) in ("format", "format_map"):
            _check_format(owner)
        return check_value(super().call(__context, __obj, *args, **kwargs))

    def guard_filters(self) -> None:
        """Every filter checked like a call: widths and counts bounded, results bounded."""
        self.filters = {name: _guarded(f) for name, f in self.filters.items()}


def _guarded(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)  # keeps jinja's pass_context/pass_environment marks
    def guarded(*args: Any, **kwargs: Any) -> Any:
        tick()
        plain = [a for a in args if not isinstance(a, jinja2.runtime.Context | jinja2.Environment
                                                    | jinja2.nodes.EvalContext)]
        if plain:  # the value filtered, then the filter's own arguments (widths, counts...)
            check_value(plain[0])
            _check_args(tuple(plain[1:]), kwargs, widths=True)
        if f.__name__ == "do_format" and plain:
            _check_format(plain[0])
        return check_value(f(*args, **kwargs))

    return guarded


@contextmanager
def limited(limits: Limits | None = None) -> Iterator[None]:
    """Run a sandboxed render under ``limits``: a deadline (checked by every step, and by a timer signal that
    interrupts even a loop making no calls, when on the main thread), and an address-space ceiling."""
    limits = limits or LIMITS
    _BUDGET.deadline = time.monotonic() + limits.seconds
    timer = _start_timer(limits.seconds)
    memory = _limit_memory(limits.memory_bytes)
    try:
        yield
    finally:
        _BUDGET.deadline = None
        if timer is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, timer)
        if memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, memory)


def _on_alarm(signum: int, frame: Any) -> None:
    raise LimitExceeded("time")


def _start_timer(seconds: float) -> Any:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return None
    try:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
    except (ValueError, OSError):
        return None
    if signal.getitimer(signal.ITIMER_REAL)[0]:  # someone else's timer: leave it alone
        signal.signal(signal.SIGALRM, previous)
        return None
    signal.setitimer(signal.ITIMER_REAL, seconds + 0.5)  # the step checks usually end it first
    return previous


def _limit_memory(extra: int) -> tuple[int, int] | None:
    """Lower the address-space limit to what the process uses now plus ``extra`` (None where not possible)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        ceiling = used + extra
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        if soft != resource.RLIM_INFINITY and soft <= ceiling:
            return None
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
        return soft, hard
    except (ImportError, OSError, ValueError, IndexError):
        return None
