"""Merging two clones' versions of one YAML document field by field: a git merge driver the casebook registers.

Git merges text line by line, so two officers who changed two different fields of one plan (one the second
goal's objective, the other the theory basis) could still conflict when the lines are close, and a real conflict
left ``<<<<<<<`` lines in the middle of a YAML file. This driver merges the *data*: every field changed on one
side only is taken from that side, lists of goals are matched by ``id``, lists of plain items (indicators,
commitments) take the items added on either side. Comments and formatting of this clone's file are kept
(``store.roundtrip``).

When both sides changed the same field to different values, both are kept, in the file, at that field::

    objective:
      _conflict:
        here: Bekerja tetap sebagai tukang pangkas     # this clone's value
        there: Membuka usaha pangkas sendiri            # the value that came in from the remote

(a side that removed the field has no ``here``/``there``). Every loader refuses such a field with a message
naming both values (``check`` flags it); ``bapascase sync`` asks which to keep on a terminal, and an officer
can also edit the file and leave the one value.

Registered per clone (``ensure_setup``): ``.gitattributes`` routes the casebook's YAML files to the driver
``bapascase``, and the repository's git config names its command, this Python running ``-m
bapascase.store.merge %O %A %B %P``. ``init``, ``sync`` and ``check --fix`` set both up; ``check`` says when
either is missing.

Files the driver cannot read as YAML mappings are merged by git's own line merge (``git merge-file``).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from bapascase.errors import UserError
from bapascase.store.layout import CASES_DIR, GITATTRIBUTES_FILE, SETTINGS_FILE
from bapascase.store.layout import CONFLICT_KEY as CONFLICT_KEY  # kept in layout: read before this module

DRIVER = "bapascase"
HERE = "here"
THERE = "there"
ATTRIBUTE_LINES = (f"{SETTINGS_FILE} merge={DRIVER}", f"{CASES_DIR}/**/*.yaml merge={DRIVER}")
ATTRIBUTES_TEXT = ("# bapascase: YAML documents are merged field by field (set up by init, sync and check --fix)\n"
                   + "".join(line + "\n" for line in ATTRIBUTE_LINES))


class _Missing:
    """A key one version does not have."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


# -- merging data --------------------------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    from bapascase.store.roundtrip import same

    return same(a, b)


def conflict(here: Any, there: Any) -> dict[str, Any]:
    """The value kept when both sides changed one field: both versions, under ``_conflict``."""
    both: dict[str, Any] = {}
    if here is not MISSING:
        both[HERE] = here
    if there is not MISSING:
        both[THERE] = there
    return {CONFLICT_KEY: both}


def merge3(base: Any, ours: Any, theirs: Any) -> tuple[Any, int]:
    """The three-way merge of two versions of a value from their common ``base`` (``MISSING`` where a version
    lacks it); returns the merged value (``MISSING``: removed) and how many conflicts it holds."""
    if _same(ours, theirs):
        return ours, 0
    if _same(base, ours):
        return theirs, 0
    if _same(base, theirs):
        return ours, 0
    b = {} if base is MISSING or base is None else base
    if isinstance(ours, dict) and isinstance(theirs, dict) and isinstance(b, dict):
        return _merge_maps(b, ours, theirs)
    if isinstance(ours, list) and isinstance(theirs, list):
        bl = [] if base is MISSING or base is None else base
        if isinstance(bl, list):
            merged = _merge_lists(bl, ours, theirs)
            if merged is not None:
                return merged
    return conflict(ours, theirs), 1


def _in_order(ours: list[Any], theirs: list[Any]) -> list[Any]:
    """``ours``, with what only ``theirs`` has placed where ``theirs`` has it (after the same neighbour)."""
    order = list(ours)
    for i, key in enumerate(theirs):
        if key in order:
            continue
        before = next((k for k in reversed(theirs[:i]) if k in order), None)
        if before is not None:
            order.insert(order.index(before) + 1, key)
            continue
        after = next((k for k in theirs[i + 1:] if k in order), None)
        order.insert(order.index(after) if after is not None else len(order), key)
    return order


def _merge_maps(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]) -> tuple[dict[str, Any], int]:
    keys = _in_order(list(ours), list(theirs))
    out: dict[str, Any] = {}
    conflicts = 0
    for key in keys:
        value, n = merge3(base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING))
        conflicts += n
        if value is not MISSING:
            out[key] = value
    return out, conflicts


def _ids(items: list[Any]) -> list[Any] | None:
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    if any(i is None or isinstance(i, dict | list) for i in ids) or len(set(ids)) != len(ids):
        return None
    return ids


def _scalars(items: list[Any]) -> bool:
    return all(not isinstance(x, dict | list) for x in items) and all(
        sum(1 for y in items if _same(x, y)) == 1 for x in items)


def _merge_lists(base: list[Any], ours: list[Any], theirs: list[Any]) -> tuple[list[Any], int] | None:
    base_ids, our_ids, their_ids = _ids(base), _ids(ours), _ids(theirs)
    if our_ids is not None and their_ids is not None and (base_ids is not None or not base):
        return _merge_by_id(base, ours, theirs, base_ids or [], our_ids, their_ids)
    if _scalars(base) and _scalars(ours) and _scalars(theirs):
        # a list of plain items (indicators, commitments): each side's additions and removals
        def has(items: list[Any], x: Any) -> bool:
            return any(_same(x, y) for y in items)

        kept = [x for x in ours if not (has(base, x) and not has(theirs, x))]
        added = [x for x in theirs if not has(base, x) and not has(ours, x)]
        return kept + added, 0
    if len(base) == len(ours) == len(theirs):
        out: list[Any] = []
        conflicts = 0
        for b, o, t in zip(base, ours, theirs, strict=True):
            value, n = merge3(b, o, t)
            conflicts += n
            if value is not MISSING:
                out.append(value)
        return out, conflicts
    return None


def _merge_by_id(base: list[Any], ours: list[Any], theirs: list[Any], base_ids: list[Any], our_ids: list[Any],
                 their_ids: list[Any]) -> tuple[list[Any], int]:
    """Goals (and other items with an ``id``) matched by id: each side's additions, removals and changes."""
    order = _in_order(our_ids, their_ids)
    by = [dict(zip(ids, items, strict=True)) for ids, items in ((base_ids, base), (our_ids, ours),
                                                                 (their_ids, theirs))]
    out: list[Any] = []
    conflicts = 0
    for item_id in order:
        value, n = merge3(*(d.get(item_id, MISSING) for d in by))
        conflicts += n
        if value is not MISSING:
            out.append(value)
    return out, conflicts


# -- conflicts kept in a document ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    loc: tuple[str | int, ...]
    here: Any  # MISSING: removed on this side
    there: Any

    @property
    def dotted(self) -> str:
        out = ""
        for part in self.loc:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out


def is_conflict(value: Any) -> bool:
    return (isinstance(value, dict) and len(value) == 1 and isinstance(value.get(CONFLICT_KEY), dict)
            and set(value[CONFLICT_KEY]) <= {HERE, THERE})


def conflicts_in(data: Any, loc: tuple[str | int, ...] = ()) -> Iterator[Conflict]:
    """Every field holding two versions kept by a merge, in document order."""
    if is_conflict(data):
        both = data[CONFLICT_KEY]
        yield Conflict(loc, both.get(HERE, MISSING), both.get(THERE, MISSING))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from conflicts_in(value, (*loc, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from conflicts_in(value, (*loc, i))


def resolve(data: Any, loc: tuple[str | int, ...], value: Any) -> Any:
    """``data`` with the conflict at ``loc`` replaced by ``value`` (``MISSING``: the field removed)."""
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict):
        out = dict(data)
        new = resolve(data[head], rest, value)
        if new is MISSING:
            out.pop(str(head), None)
        else:
            out[str(head)] = new
        return out
    assert isinstance(data, list) and isinstance(head, int)
    items = list(data)
    new = resolve(items[head], rest, value)
    if new is MISSING:
        del items[head]
    else:
        items[head] = new
    return items


# -- the files -----------------------------------------------------------------------------------------------


def merge_texts(base: str, ours: str, theirs: str) -> tuple[str, int] | None:
    """The merged text of three versions of a YAML document (``ours`` keeps its comments and formatting) and
    the number of conflicts kept in it; None when a version is not a YAML mapping."""
    from bapascase.store import roundtrip, yamlio

    try:
        versions = [yamlio.loads(text) if text.strip() else {} for text in (base, ours, theirs)]
    except yamlio.YamlError:
        return None
    if not all(isinstance(v, dict) for v in versions):
        return None
    merged, conflicts = merge3(*versions)
    if merged is MISSING:
        merged = {}
    # the schema header of this clone's version (else the other's): a headed result ends with the end marker,
    # whichever way it is written (``yamlio.END_MARKER``)
    header = yamlio.header_of(ours) or yamlio.header_of(theirs)
    try:
        text = roundtrip.update_text(ours, merged) if ours.strip() else yamlio.dumps(merged, header=header)
    except roundtrip.RoundTripError:
        text = yamlio.dumps(merged, header=header)
    return text, conflicts


def _read(path: str) -> str:
    """One version git hands the driver, read the bounded way every document is (``store.textfiles``)."""
    from bapascase.store.textfiles import read_text

    return read_text(path)


def main(argv: list[str] | None = None) -> int:
    """``python -m bapascase.store.merge BASE OURS THEIRS [PATH]``: git's merge driver. Writes the merge into
    OURS; exits 0 when clean, 1 when conflicts were kept (git then marks the file conflicted)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3:
        from bapascase.terminal import write_line

        write_line(sys.stderr, "usage: python -m bapascase.store.merge BASE OURS THEIRS [PATH]")
        return 2
    base, ours, theirs = args[:3]
    try:
        result = merge_texts(_read(base), _read(ours), _read(theirs))
    except UserError:  # unreadable, not a regular file, too big or not UTF-8: git's own line merge
        result = None
    if result is None:  # not YAML mappings: git's own line merge, with its conflict lines
        label = args[3] if len(args) > 3 else "file"
        proc = subprocess.run(["git", "merge-file", "-L", f"{label} (here)", "-L", "base", "-L",
                               f"{label} (there)", ours, base, theirs], check=False)
        return 1 if proc.returncode != 0 else 0
    text, conflicts = result
    tmp = f"{ours}.bapascase-merge"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, ours)
    return 1 if conflicts else 0


# -- registering the driver ----------------------------------------------------------------------------------


def driver_command() -> str:
    """The command git runs (this Python, so the driver works in a venv with nothing on PATH)."""
    return f"{shlex.quote(sys.executable)} -m bapascase.store.merge %O %A %B %P"


def _attributes_text(root: Path) -> str:
    """``.gitattributes`` ("" when there is none), read the bounded way (a FIFO or a link out of the casebook in
    its place is a clear error, never a hang)."""
    from bapascase.store.textfiles import read_text, resolves_inside

    path = root / GITATTRIBUTES_FILE
    if not os.path.lexists(path):
        return ""
    if not resolves_inside(path, root):
        raise UserError("sec.outside", path=GITATTRIBUTES_FILE)
    return read_text(path, shown=GITATTRIBUTES_FILE)


def attributes_ok(root: Path) -> bool:
    try:
        lines = {ln.strip() for ln in _attributes_text(root).splitlines()}
    except UserError:
        return False
    return all(line in lines for line in ATTRIBUTE_LINES)


def config_ok(root: Path) -> bool:
    """The clone's git config runs this bapascase's driver, with an interpreter that still exists."""
    from bapascase.store import git

    command = git.config_get(root, f"merge.{DRIVER}.driver")
    if not command:
        return False
    try:
        exe = shlex.split(command)[0]
    except (ValueError, IndexError):
        return False
    return os.path.isfile(exe) and os.access(exe, os.X_OK) and command.endswith("-m bapascase.store.merge %O %A %B %P")


# what a clone needs for field-level merges (each has its ``check.merge_<part>`` message)
SetupPart = Literal["attributes", "config"]


def missing_setup(root: Path) -> list[SetupPart]:
    """What this clone lacks for field-level merges: ``attributes`` (``.gitattributes``), ``config``."""
    out: list[SetupPart] = []
    if not attributes_ok(root):
        out.append("attributes")
    if not config_ok(root):
        out.append("config")
    return out


def ensure_setup(root: Path) -> Path | None:
    """Register the driver in this clone. Returns ``.gitattributes`` when it was written (to be committed, so
    every clone routes the files to the driver); the git config is per clone and never committed."""
    from bapascase.store import git
    from bapascase.store.atomic import atomic_write

    written = None
    if not attributes_ok(root):
        path = root / GITATTRIBUTES_FILE
        current = _attributes_text(root)
        lines = {ln.strip() for ln in current.splitlines()}
        missing = [line for line in ATTRIBUTE_LINES if line not in lines]
        if current and not current.endswith("\n"):
            current += "\n"
        header = ATTRIBUTES_TEXT.splitlines()[0] + "\n"
        atomic_write(path, current + (header if header.strip() not in lines else "")
                     + "".join(line + "\n" for line in missing))
        written = path
    if not config_ok(root):
        git.run(root, "config", f"merge.{DRIVER}.name", "bapascase: YAML documents merged field by field")
        git.run(root, "config", f"merge.{DRIVER}.driver", driver_command())
    return written


if __name__ == "__main__":  # pragma: no cover - run by git
    raise SystemExit(main())
