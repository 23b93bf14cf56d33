"""Reminders without a server: a WhatsApp click-to-chat link (``https://wa.me/62...?text=...``) that opens the
officer's own WhatsApp with a polite reminder written, to send or not. Nothing is sent and no network is touched
here or anywhere: the link is text the officer clicks.

The message names the client by initials only (a phone is shared, a message may be read by others), never the
name or NIK. Plain Python: ``due --remind`` is a read command.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

WA_BASE = "https://wa.me/"
WHO = {"client": "remind.client", "guarantor": "remind.guarantor"}  # whom a link writes to -> its label
_NOT_DIGITS = re.compile(r"[\s().\-/]+")


def normalise_phone(raw: object) -> str | None:
    """An Indonesian mobile number as ``+628...`` ("0812-3456-7890", "62 812...", "+62 812...", "812..."), or
    None when it is not one (a landline cannot receive WhatsApp reliably; a foreign number is not guessed)."""
    if not isinstance(raw, str):
        return None
    text = _NOT_DIGITS.sub("", raw.strip())
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("62"):
            return None
    if not (text.isascii() and text.isdigit()):  # "³" and "３" are digits to Python, not to WhatsApp
        return None
    if text.startswith("62"):
        rest = text[2:]
    elif text.startswith("0"):
        rest = text[1:]
    else:
        rest = text
    rest = rest.lstrip("0")
    if not rest.startswith("8") or not 9 <= len(rest) <= 12:
        return None
    return f"+62{rest}"


def wa_link(phone: str, text: str) -> str:
    """The click-to-chat link for a normalised phone (``+62...``) with the message filled in."""
    return f"{WA_BASE}{phone.lstrip('+')}?text={quote(text, safe='')}"


def reminders(due: list[dict[str, Any]], cases: dict[str, dict[str, Any]], office: str,
              lang: str = "id") -> list[dict[str, Any]]:
    """Each wajib-lapor report due (``model.stats.next_reports``: only within the masa bimbingan) with its
    reminder: the message and a link to the client's phone and to the guarantor's, where the case file has a
    usable mobile number. A report due today or later is reminded of its date; an overdue one (``days`` below
    0) asks the client to come as soon as possible. The message is in Indonesian (``lang``): it goes to the
    client."""
    from bapascase.i18n import t
    from bapascase.model.text import long_date

    out = []
    for row in due:
        case = cases.get(str(row["id"])) or {}
        key = "remind.text_overdue" if row.get("days", 0) < 0 else "remind.text"
        text = t(key, lang, office=office or "Bapas", initials=row["initials"],
                 date=long_date(row["date"], lang, True))
        links = {}
        for who, key in (("client", "phone"), ("guarantor", "guarantor_phone")):
            phone = normalise_phone(case.get(key))
            if phone:
                links[who] = wa_link(phone, text)
        out.append({**row, "text": text, "links": links})
    return out
