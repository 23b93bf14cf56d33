"""Jinja environments for reports: where templates come from, how values are escaped, which helpers exist.

- Built-in templates live in the project's top-level ``templates/`` (packaged as ``bapascase/templates``).
- A casebook's own ``templates/`` overrides them file by file; ``{% extends "default/<name>" %}`` reaches the
  built-in version of any file.
- When a casebook brings any template, the whole report renders in ``SandboxedEnvironment`` (so its templates
  cannot reach Python internals); the built-ins alone render in a plain environment.
- Every environment uses ``StrictUndefined``: a typo is an error, never a blank in a signed report.
- HTML: autoescape on. Markdown: every ``{{ }}`` output is escaped for Markdown by ``finalize`` (Jinja's
  autoescape is on too, so macro output stays as it is), except values marked safe (narratives cleaned by
  ``markdown.clean_md``, ``hashes(n)`` for heading marks).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from bapascase.reports import markdown as mdx

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


class ReportLoader(jinja2.BaseLoader):
    """Casebook templates first (when any), then the built-ins; ``default/<name>`` is always the built-in."""

    def __init__(self, builtin: Path, override: Path | None) -> None:
        self.builtin = builtin
        self.override = override

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
            if own.is_file():
                return own, f"templates/{'/'.join(parts)}"
        return self.builtin.joinpath(*parts), f"{DEFAULT_PREFIX}{'/'.join(parts)}"

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path, shown = self.locate(template)
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        source = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        # the "filename" is what error messages show: a casebook-relative path or default/<name>
        return source, shown, uptodate


def has_overrides(override: Path | None, builtin: Path) -> bool:
    if override is None or not override.is_dir():
        return False
    try:
        if override.resolve() == builtin.resolve():
            return False
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
    if not sandboxed:
        kwargs["bytecode_cache"] = _bytecode_cache()
    env: jinja2.Environment = SandboxedEnvironment(**kwargs) if sandboxed else jinja2.Environment(**kwargs)
    env.filters.update(filters(fmt))
    env.globals["fmt"] = fmt  # base.j2 and blocks.j2 import the format's macros by it
    return env


@lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled built-in templates cached per user (compiling is most of a report's time); None if no cache dir."""
    from bapascase.env import user_cache_dir

    folder = Path(user_cache_dir()) / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


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
