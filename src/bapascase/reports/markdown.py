"""Narrative text in reports: Markdown rendered safely to HTML, cleaned for Markdown output, plain text escaped.

Narrative fields (``long=True``) may hold Markdown typed by an officer. For HTML it is rendered with markdown-it in
CommonMark mode with raw HTML off, only ``http``/``https``/``mailto``/relative links, no images (a report must not
load anything from outside), and headings pushed down below the report's own. For Markdown output the text is
kept as typed but made inert: tag-like ``<`` escaped, dangerous links broken, images turned into plain links (a
remote image would be a tracking pixel), headings pushed down.
Everything that is not narrative is escaped (``escape_md`` for Markdown; Jinja's autoescape for HTML).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):")
_CTRL_RE = re.compile(r"[\x00-\x20\x7f]+")


def safe_link(url: str) -> bool:
    """True for links a report may carry: relative, anchors, http(s) and mailto. ``javascript:`` and co. never."""
    cleaned = _CTRL_RE.sub("", url).lower()
    m = _SCHEME_RE.match(cleaned)
    if m is None:
        # "java%09script:" and similar tricks: a colon before any '/', '?' or '#' is a scheme we cannot trust
        head = re.split(r"[/?#]", cleaned, maxsplit=1)[0]
        return ":" not in head
    return m.group(1) in _SAFE_SCHEMES


@lru_cache(maxsize=1)
def _md() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = safe_link  # type: ignore[method-assign]
    return md


# plain prose (no Markdown syntax at all) is rendered without markdown-it: same HTML, a fraction of the time (and
# markdown-it is never imported for a report without markup). Conservative: any markup character, entity or
# control character (markdown-it turns NUL into U+FFFD; tabs and CR are its whitespace) means markdown-it
_MD_SYNTAX = re.compile(r"[\\`*_\[\]<>&\x00-\x09\x0b-\x1f\x7f]")
_BLOCK_START = re.compile(r"^(?:[-+*>#=~|]|\d{1,9}[.)]|$)")
_BLANK = re.compile(r"\n[ \t]*\n")


def _plain_html(text: str) -> str | None:
    """The HTML markdown-it makes of prose without any Markdown syntax, or None when the text has some."""
    if _MD_SYNTAX.search(text):
        return None
    paragraphs = []
    for block in _BLANK.split(text.strip("\n")):
        lines = block.split("\n")
        for line in lines:
            if line != line.strip() or _BLOCK_START.match(line):
                return None
        paragraphs.append("<p>" + "\n".join(lines).replace('"', "&quot;") + "</p>")
    return "\n".join(paragraphs)


def to_html(text: str | None, heading_offset: int = 3) -> str:
    """Narrative Markdown as an HTML fragment (raw HTML off, safe links only, headings shifted down)."""
    if not text:
        return ""
    plain = _plain_html(text)
    if plain is not None:
        return plain
    md = _md()
    tokens = md.parse(text)
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            level = min(6, int(tok.tag[1]) + heading_offset)
            tok.tag = f"h{level}"
    html: str = md.renderer.render(tokens, md.options, {})
    return html.strip()


# -- Markdown output ---------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&!])")
_LEADING_BLOCK = re.compile(r"^(\s*)([-+=>])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")


def escape_md(value: Any) -> str:
    """A plain value as inert Markdown text on one line: every markup character backslash-escaped."""
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    m = _LEADING_NUMBER.match(text)
    if m:  # "1. x" would start a list: escape the punctuation (a backslash before a digit is not an escape)
        return f"{m.group(1)}\\{m.group(2)}{text[m.end():]}"
    return _LEADING_BLOCK.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)


def escape_md_part(value: Any, line_start: bool = True) -> str:
    """``escape_md`` for a piece of a line joined to Markdown (``~`` with a macro's output): the same escaping (a
    list or quote mark escaped only at the start of a line), and a space at either end kept as one space."""
    text = str(value)
    if not text.strip():
        return " " if text else ""
    core = " ".join(text.split())
    core = _MD_SPECIAL.sub(r"\\\1", core) if not line_start else escape_md(core)
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
# a "<" that could open a tag, with the backslashes typed before it (an odd number already escapes it)
_TAGLIKE = re.compile(r"(\\*)<(?=[A-Za-z/!?])")
_TICKS = re.compile(r"`+")
_BRACKETS = re.compile(r"([\[\]])")


def _dangerous_links(text: str) -> bool:
    """Whether markdown-it finds a link or reference whose destination is refused (``javascript:`` ...)."""
    from markdown_it import MarkdownIt

    refused: list[str] = []

    def record(url: str) -> bool:
        ok = safe_link(url)
        if not ok:
            refused.append(url)
        return ok

    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = record  # type: ignore[method-assign]
    md.parse(text)
    return bool(refused)


def _raw_html(text: str) -> bool:
    """Whether a CommonMark reader would find raw HTML in ``text`` (a tag, a comment, an HTML block)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"html": True}).parse(text)
    return any(tok.type == "html_block" or any(c.type == "html_inline" for c in tok.children or ())
               for tok in tokens)


def clean_md(text: str | None, heading_offset: int = 3) -> str:
    """Narrative Markdown made safe to embed in a Markdown report: kept as typed where it is inert, and checked
    by a CommonMark parser with raw HTML on; a text it still finds HTML in (a code span across lines, a trick
    no rule here foresaw) is given with every "<" as ``&lt;``, which can never open a tag."""
    if not text:
        return ""
    cleaned = _clean_md(text, heading_offset)
    if "<" in cleaned and _raw_html(cleaned):
        cleaned = cleaned.replace("<", "&lt;")
    return cleaned


def _clean_md(text: str, heading_offset: int) -> str:
    escape_brackets = "](" in text.replace(" ", "") or "]:" in text or "<" in text
    escape_brackets = escape_brackets and _dangerous_links(text)
    out: list[str] = []
    fence: str | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        m = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            out.append(line)
            continue
        line = _ATX.sub(lambda h: h.group(1) + "#" * min(6, len(h.group(2)) + heading_offset), line, count=1)
        out.append(_clean_inline(line, escape_brackets))
    if fence is not None:  # an unclosed fence would swallow the rest of the report
        out.append(fence)
    return "\n".join(out).strip("\n")


def _code_spans(line: str) -> list[tuple[int, int]]:
    """The code spans of a line as CommonMark finds them: a run of backticks not escaped by a backslash, closed
    by the next run of exactly as many; a run never closed is plain text."""
    spans = []
    pos = 0
    while (m := _TICKS.search(line, pos)) is not None:
        start = m.start()
        escaped = (len(line[:start]) - len(line[:start].rstrip("\\"))) % 2 == 1
        if escaped:  # "\`": that backtick is text; the rest of its run may still open a span
            pos = start + 1
            continue
        close = m.end()
        while (c := _TICKS.search(line, close)) is not None and len(c.group()) != len(m.group()):
            close = c.end()
        if c is None:
            pos = m.end()
            continue
        spans.append((start, c.end()))
        pos = c.end()
    return spans


def _clean_inline(line: str, escape_brackets: bool) -> str:
    parts: list[str] = []
    pos = 0
    for start, end in _code_spans(line):
        parts.append(_clean_text(line[pos:start], escape_brackets))
        parts.append(line[start:end])
        pos = end
    parts.append(_clean_text(line[pos:], escape_brackets))
    return "".join(parts)


# "![": an image. A report loads nothing from outside (a remote image is a tracking pixel when the report is
# opened): the "!" is escaped, so the image becomes a plain link, as in the HTML reports
_IMAGE = re.compile(r"!(?=\[)")


def _escape_tag(m: re.Match[str]) -> str:
    slashes = m.group(1)
    return slashes + ("<" if len(slashes) % 2 else "\\<")  # "\<" as typed is already text; "\\<" is not


def _clean_text(text: str, escape_brackets: bool) -> str:
    text = _TAGLIKE.sub(_escape_tag, text)
    text = _IMAGE.sub(r"\\!", text)
    if escape_brackets:
        text = _BRACKETS.sub(r"\\\1", text)
    return text
