"""Text for the files written as XML (XLSX, DOCX): ``terminal.clean`` (control characters by their stand-ins),
then the two code points XML 1.0 has no place for that ``clean`` leaves, not being controls: the noncharacters
U+FFFE and U+FFFF, each a U+FFFD. Recorded text may hold them (an imported CSV, a hand edit: ``check`` passes
them), and openpyxl and lxml refuse them with an error that would end the export as an internal one."""

from __future__ import annotations

import re
from typing import Any

from bapascase.terminal import REPLACEMENT, clean

_NOT_XML = re.compile("[\ufffe\uffff]")


def xml_text(value: Any) -> str:
    """``value`` as text every XML 1.0 file can hold (with ``clean``'s stand-ins)."""
    text = clean(value)
    if text.isascii():
        return text
    return _NOT_XML.sub(REPLACEMENT, text)
