"""What Jinja says of a template it cannot read or run, in the user's words.

An office edits its own templates (``templates/*.j2`` and the Word templates); a mistake there is reported with
the file and line (``render.template_location``, ``docx_check``) and this sentence. Each known Jinja message is
matched by a pattern and said again from the catalog (``tplmsg.*``), with the names it quotes kept; a message
not known here keeps Jinja's words after a sentence of ours (``tplmsg.other``).
"""

from __future__ import annotations

import re

from bapascase.i18n import t

# Jinja's names for the tokens it expected, as they are typed in a template
_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of template": "",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
}

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern, re.S), key) for pattern, key in (
    (r"Unexpected end of template\. Jinja was looking for the following tags: (?P<tags>.+?)\. "
     r"The innermost block that needs to be closed is '(?P<block>[^']+)'", "tplmsg.unclosed_block"),
    (r"Encountered unknown tag '(?P<tag>[^']+)'\. Jinja was looking for the following tags: (?P<tags>.+?)\. "
     r"The innermost block that needs to be closed is '(?P<block>[^']+)'", "tplmsg.tag_in_block"),
    (r"Encountered unknown tag '(?P<tag>[^']+)'", "tplmsg.unknown_tag"),
    (r"[Uu]nexpected end of template, expected '(?P<tags>[^']+)'", "tplmsg.unclosed"),
    (r"[Uu]nexpected end of template", "tplmsg.end"),
    (r"[Ee]xpected token '(?P<want>[^']+)', got '(?P<got>[^']*)'", "tplmsg.expected"),
    (r"Expected an expression, got '(?P<got>[^']*)'", "tplmsg.expression"),
    (r"unexpected char (?P<q>['\"])(?P<char>.+?)(?P=q) at \d+", "tplmsg.char"),
    (r"unexpected '(?P<char>[^']+)', expected '(?P<want>[^']+)'", "tplmsg.unexpected_want"),
    (r"unexpected '(?P<char>[^']+)'", "tplmsg.unexpected"),
    (r"Missing end of comment tag", "tplmsg.comment"),
    (r"Missing end of raw directive", "tplmsg.raw"),
    (r"[Bb]lock '(?P<block>[^']+)' defined twice", "tplmsg.block_twice"),
    (r"'(?P<name>[^']+)' is undefined", "tplmsg.undefined"),
    (r"'(?P<obj>.+?)' has no attribute '(?P<name>[^']+)'", "tplmsg.no_attribute"),
    (r"access to attribute '(?P<name>[^']+)' of '(?P<obj>[^']+)' object is unsafe", "tplmsg.unsafe"),
    (r"'(?P<obj>.+?)' object is not callable", "tplmsg.not_callable"),
    (r"[Nn]o filter named '(?P<name>[^']+)'", "tplmsg.filter"),
    (r"[Nn]o test named '(?P<name>[^']+)'", "tplmsg.test"),
))


def _token(name: str) -> str:
    return _TOKENS.get(name, name)


def template_message(message: str, lang: str | None = None) -> str:
    """Jinja's ``message`` in the user's language (``lang``: the report's, else the user's)."""
    text = " ".join(message.split())
    for pattern, key in _PATTERNS:
        found = pattern.search(text)
        if found is None:
            continue
        parts = {name: _token(value) for name, value in found.groupdict().items() if value is not None}
        if "tags" in parts:
            parts["tags"] = " / ".join(f"{{% {tag} %}}" for tag in re.findall(r"'([^']+)'", parts["tags"])
                                       or [parts["tags"]])
        parts.pop("q", None)
        if key == "tplmsg.comment":
            parts.update(opener="{#", closer="#}")
        return t(key, lang, **parts)
    return t("tplmsg.other", lang, detail=text[:160])
