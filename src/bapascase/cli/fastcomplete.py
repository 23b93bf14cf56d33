"""The console script's first step: a Tab on a case id in bash, answered before typer is imported.

Bash asks ``bapascase`` for completions with ``_BAPASCASE_COMPLETE=complete_bash`` and the words typed
(``COMP_WORDS``, ``COMP_CWORD``); typer answers once it is imported and the command built, which costs about twice
``import typer``. The question asked most, a case id right after a command that takes one (``bapascase show
20<Tab>``), needs none of it: its answer is the names of the case folders that start with the word typed, one per
line, which is what typer prints for ``cli.completion.case_ids`` in bash (bash shows no descriptions). Anything
else (another shell, an option, a later argument, a quote or escape typer's word splitting would read) is left to
typer. ``tests/test_completion.py`` checks that the two answers agree for every command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

COMPLETE_VAR = "_BAPASCASE_COMPLETE"

# what bash's words may hold for ``str.split`` to split them as typer does (``shlex``: quotes and escapes, and
# only space, tab and line breaks between words)
_NOT_PLAIN = frozenset("\"'\\\x0b\x0c\x1c\x1d\x1e\x1f")


def answer(environ: Mapping[str, str]) -> str | None:
    """The lines bash gets for a case id typed after its command; None: a question for typer."""
    if environ.get(COMPLETE_VAR) != "complete_bash":
        return None
    line = environ.get("COMP_WORDS", "")
    if not line.isascii() or any(ch in _NOT_PLAIN for ch in line):
        return None
    words = line.split()
    from bapascase.cli.names import case_commands

    if environ.get("COMP_CWORD") != "2" or len(words) < 2 or words[1] not in case_commands():
        return None
    incomplete = words[2] if len(words) > 2 else ""
    if incomplete.startswith("-"):
        return None
    from bapascase.store.discovery import case_folders, discover

    try:
        root = discover(None, dict(environ))
    except Exception:  # no casebook: nothing to offer, as typer's answer
        return ""
    return "\n".join(c for c in case_folders(root) if c.startswith(incomplete))


def main() -> Any:
    """The ``bapascase`` console script and ``python -m bapascase``."""
    try:
        found = answer(os.environ)
    except Exception:  # a question this cannot answer is typer's
        found = None
    if found is not None:
        from bapascase.terminal import write_line

        write_line(sys.stdout, found)  # cleaned like every line bapascase prints (the names are plain anyway)
        sys.stdout.flush()
        return None
    from bapascase.cli.main import main as run

    return run()
