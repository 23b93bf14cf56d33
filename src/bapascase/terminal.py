"""The one sanitiser for everything bapascase shows on a terminal (and writes into a report).

Recorded text comes from officers, answers files, imports and other clones' commits, so it may hold characters a
terminal obeys instead of showing: ESC (colour, cursor moves, window titles, OSC 8 links, "clear screen"), BEL,
the C1 controls (a lone 0x9b is CSI on many terminals), a carriage return that writes over the line, the bidi
overrides and isolates that show "gnp.exe" as "exe.png", and invisible characters (zero-width spaces, tag
characters) that make two different texts look the same. None of them has a place in casework text.

``clean`` replaces each with a visible stand-in: the C0 controls by their Unicode control pictures (ESC shows
as "␛", BEL as "␇"), everything else by "�". New lines and tabs stay; "\\r\\n" becomes a new line. The zero-width
joiner and non-joiner stay (emoji and several scripts need them). ``clean_json`` escapes the same characters as
``\\uXXXX`` inside JSON text, which keeps the data exact. Pure and cheap: no imports of note, one regex search
when there is nothing to replace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

# Every character of Unicode's general categories Cc (controls), Cf (format: bidi controls, zero-width and
# invisible characters, tags) and Cs (surrogates, which cannot even be written as UTF-8), except new line, tab and
# the zero-width (non-)joiner. Written out as ranges so importing this module costs nothing;
# tests/test_terminal_sanitiser.py checks the ranges against ``unicodedata`` for every code point.
_UNSAFE_RANGES = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but \t \n), DEL, C1
    "\u00ad"  # soft hyphen (invisible)
    "\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"  # Arabic and Syriac format characters, ALM
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200e\u200f"  # zero-width space, LRM, RLM
    "\u202a-\u202e"  # LRE RLE PDF LRO RLO
    "\u2060-\u2064\u2066-\u206f"  # word joiner, invisible operators, LRI RLI FSI PDI, deprecated format
    "\ud800-\udfff"  # surrogates
    "\ufeff\ufff9-\ufffb"  # BOM / zero-width no-break space, interlinear annotations
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"  # language tag and tag characters ("ASCII smuggling")
)
_UNSAFE = re.compile(f"[{_UNSAFE_RANGES}]")
# the same, for a whole line of plain text: a carriage return too (it writes over what was printed)
_UNSAFE_CR = re.compile(f"\r\n|[\r{_UNSAFE_RANGES}]")

REPLACEMENT = "\ufffd"


def _picture(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch == "\r\n":
        return "\n"
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟ (ESC is ␛, BEL ␇, CR ␍)
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


# ASCII text can only hold the C0 controls and DEL (``str.isascii`` is much faster than any regex search)
_UNSAFE_ASCII = re.compile("[\x00-\x08\x0b-\x1f\x7f\r]")


def _safe(s: str, pattern: re.Pattern[str]) -> bool:
    if s.isascii():
        return _UNSAFE_ASCII.search(s) is None if pattern is _UNSAFE_CR else "\x7f" not in s
    return pattern.search(s) is None


def clean(text: Any) -> str:
    """``text`` as a string that is safe to show on a terminal (see the module's docstring)."""
    s = text if isinstance(text, str) else str(text)
    if _safe(s, _UNSAFE_CR):
        return s
    return _UNSAFE_CR.sub(_picture, s)


def is_clean(text: str) -> bool:
    return _safe(text, _UNSAFE_CR)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    if code > 0xFFFF:  # JSON spells a character outside the BMP as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def clean_json(text: str) -> str:
    """JSON text with every unsafe character escaped (they can only occur inside strings, where an escape is the
    same character): the data stays exact, the terminal sees only ``\\u202e``."""
    if _safe(text, _UNSAFE):  # json.dumps has already escaped the C0 controls
        return text
    return _UNSAFE.sub(_escape, text)


def speaks_unicode(stream: Any) -> bool:
    """Whether a text stream can write every character: a UTF encoding, or none said (a test's buffer)."""
    import codecs

    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str) or not encoding:
        return True
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


def tolerant(stream: Any) -> None:
    """A stream that cannot write every character (a terminal or ssh session in an ASCII locale, a legacy code
    page) writes "?" for a character it cannot say instead of failing the command (``UnicodeEncodeError`` after
    half a table). JSON output escapes such characters instead (``print_json``): it stays exact."""
    if speaks_unicode(stream) or getattr(stream, "errors", None) in ("replace", "backslashreplace"):
        return
    try:
        stream.reconfigure(errors="replace")
    except (AttributeError, ValueError, OSError):
        pass


def write_line(stream: TextIO, text: Any = "") -> None:
    """Print one (possibly multi-line) message, cleaned: what every ``print`` to a user goes through."""
    print(clean(text), file=stream)


def clean_all(values: Iterable[Any]) -> list[str]:
    return [clean(v) for v in values]


def columns(environ: Mapping[str, str], default: int = 160) -> int:
    """The width to lay out for when the output is not a terminal: ``COLUMNS``, within reason."""
    try:
        return max(40, min(1000, int(environ.get("COLUMNS", str(default)))))
    except ValueError:
        return default


def safe_console(stream: TextIO, width: int | None) -> Any:
    """A rich console on ``stream`` that shows every string as plain, cleaned text: no rich markup (``[bold]`` in
    a name stays as typed), no ``:emoji:`` codes, no control characters (``clean``). Every table and line printed
    through rich goes through one (``cli.common.console``; ``sync``'s side-by-side versions)."""
    from rich.console import Console

    class SafeConsole(Console):
        def render_str(self, text: str, **kw: Any) -> Any:
            kw["markup"] = False
            kw["emoji"] = False
            return super().render_str(clean(text), **kw)

    return SafeConsole(file=stream, highlight=False, soft_wrap=False, width=width, markup=False, emoji=False)
