"""The names of entry files (one file per session, monitoring entry, event, transfer...), in one place.

An entry is named by its date and a short tag: ``2026-06-15-k7m2p.yaml``. The name reads like the date it
records and sorts by it in any file listing; the tag makes it unique across clones, so a PK and a praktikan who
each record an entry for the same client on the same day, each in their own clone, add two files that ``sync``
simply carries both ways (the old ``2026-06-15.yaml`` names were the same file in both clones: a conflict).

The tag is five Crockford base-32 characters: two tell the time of day it was recorded (in 1.4-minute steps),
so entries of one date stay in the order they were recorded, and three are random (32,768 values). Two clones
would have to record an entry of the same case, for the same date, within the same 1.4 minutes and draw the
same three characters to collide; inside one casebook the file is created exclusively and another tag drawn.
Inside one casebook a new tag also always sorts after the tags already there for the same date (``entry_tag``'s
``after``): three transfers recorded within one minute keep their order, so "the latest" is the last recorded.

Names written before the tag existed stay valid everywhere (reading, sorting, ``check``, ``edit --entry``):
``2026-06-15.yaml`` and ``2026-06-15-2.yaml`` sort before the tagged entries of the same date.

No imports beyond the standard library, and ``secrets`` only to draw a tag: the index sorts entries with
``entry_sort_key`` on every run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
TAG_LENGTH = 5
_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-(.+))?$")


_TAGS = 32 ** TAG_LENGTH
_SPREAD = 32 ** (TAG_LENGTH - 2)  # how many tags one time slot holds
_TAG = re.compile(f"^[{CROCKFORD}]{{{TAG_LENGTH}}}$")


def _value(tag: str) -> int:
    n = 0
    for ch in tag:
        n = n * 32 + CROCKFORD.index(ch)
    return n


def _tag(value: int) -> str:
    chars = []
    for _ in range(TAG_LENGTH):
        value, digit = divmod(value, 32)
        chars.append(CROCKFORD[digit])
    return "".join(reversed(chars))


def entry_tag(now: dt.datetime | None = None, after: Iterable[str] = ()) -> str:
    """Two characters of time of day, three random ones; above every tag in ``after`` (the tags already recorded
    for the same date here), so that the new entry sorts last even within one time slot or after a clock step."""
    import secrets  # here: the index sorts entry names on every read command, and secrets costs ~8 ms to import

    when = now or dt.datetime.now()
    slot = (when.hour * 60 + when.minute) * 1024 // 1440  # 0..1023: two base-32 digits
    value = slot * _SPREAD + secrets.randbelow(_SPREAD)
    floor = max((_value(tag) for tag in after if _TAG.match(tag)), default=-1)
    if value <= floor and floor + 1 < _TAGS:
        # just above the highest, still with a random part so two clones rarely pick the same name
        value = floor + 1 + secrets.randbelow(min(_SPREAD, _TAGS - floor - 1))
    return _tag(value)


def entry_file_name(stem: str, now: dt.datetime | None = None, existing: Iterable[str] = ()) -> str:
    """``stem`` (the entry's date, as the document's behaviour names it) made unique: ``2026-06-15-k7m2p.yaml``,
    sorting after the ``existing`` file names of the same date."""
    prefix = f"{stem}-"
    tags = (name[len(prefix):-5] for name in existing if name.startswith(prefix) and name.endswith(".yaml"))
    return f"{stem}-{entry_tag(now, tags)}.yaml"


def entry_sort_key(name: str) -> tuple[str, int, int, str]:
    """The order of a folder's entries: by date, then as recorded (see the module docstring).

    ``2026-06-15.yaml`` < ``2026-06-15-2.yaml`` < ``2026-06-15-0ak3q.yaml`` < ``2026-06-15-0bx7m.yaml`` <
    ``2026-06-16.yaml``; names without a date (``entry.yaml``) come first, as undated documents do."""
    stem = name[:-5] if name.endswith(".yaml") else name
    m = _DATED.match(stem)
    if m is None:
        return ("", 0, 0, stem)
    rest = m.group(2) or ""
    if not rest:
        return (m.group(1), 0, 0, "")
    if rest.isdigit() and len(rest) <= 3:  # the old "-2", "-3" for a second entry of the day
        return (m.group(1), 1, int(rest), "")
    return (m.group(1), 2, 0, rest)
