"""Rewriting a YAML file a person may have edited, changing only what changed (ruamel.yaml round-trip).

A document recorded again (``engage``, ``plan``... on a case that has one), a settings change and a field-level
merge of two clones all go through ``update_text``: the file is read with its comments, key order, quoting,
block styles and indentation, only the keys whose values differ are replaced, added or removed, and the file is
written back. An officer's comment above a key, at the end of a line or between list items stays where it was.

Why ruamel.yaml: PyYAML forgets comments and styles when it loads, so a rewrite through it drops every comment
an officer typed (git showed a clean tree afterwards: the lost text was gone for good). ruamel.yaml keeps them in
the loaded tree. It is imported only here, when a file is rewritten: new files are still written by the fast
PyYAML emitter in ``yamlio`` (bulk imports write thousands), and every value put into a file, new or changed,
comes out of that one emitter, so both paths write the same style (``|`` for multi-line text, ``>`` for long
text, quoted number-like text such as phone numbers).

Known limit: a plain scalar an officer wrapped over several lines by hand is written back on one line.
"""

from __future__ import annotations

import io
from typing import Any

from bapascase.store import yamlio


class RoundTripError(Exception):
    """The file could not be read or written back faithfully (the caller writes it whole instead)."""


def _yaml(text: str | None = None) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        """As yamlio's loader: a date that is not one (``2026-02-30``) stays text."""

    def timestamp(self: Any, node: Any) -> Any:
        try:
            return RoundTripConstructor.construct_yaml_timestamp(self, node)
        except ValueError:
            return self.construct_scalar(node)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    y = YAML(typ="rt")
    y.Constructor = Constructor
    y.width = 4096  # never re-wrap a line the file already has (the PyYAML emitter folds long text itself)
    y.preserve_quotes = True
    y.allow_unicode = True
    mapping, sequence, offset = 2, 2, 0
    if text:
        mapping, sequence, offset = _guess_indent(text)
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _guess_indent(text: str) -> tuple[int, int, int]:
    """The file's own indentation (mapping indent, sequence indent, dash offset), so a rewrite keeps it."""
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, indent, block_seq_indent = load_yaml_guess_indent(text)
    except Exception:  # any failure: our own style
        return 2, 2, 0
    mapping = indent or 2
    offset = block_seq_indent or 0
    return mapping, max(mapping, offset + 2), offset


def load(text: str) -> tuple[Any, Any]:
    """The round-trip tree of ``text`` and the YAML object that writes it back the same way."""
    y = _yaml(text)
    try:
        return y, y.load(text)
    except Exception as exc:
        raise RoundTripError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None


def dump(y: Any, tree: Any) -> str:
    out = io.StringIO()
    y.dump(tree, out)
    return out.getvalue()


def plain(data: Any) -> Any:
    """``data`` as YAML reads it back (enums as their values, datetimes to the second): what a file holds."""
    return yamlio.loads(yamlio.dumps(data))


def to_rt(value: Any) -> Any:
    """A value as a round-trip node written in the PyYAML emitter's style (the one style for new values)."""
    from ruamel.yaml.scalarstring import PlainScalarString, ScalarString

    if not isinstance(value, dict | list | str):
        return value  # numbers, booleans, dates: no style to carry
    node = _yaml().load(yamlio.dumps({"v": value}))["v"]
    if isinstance(node, str) and not isinstance(node, ScalarString):
        # plain, as PyYAML wrote it; marked so, or ruamel would give it the style of the value it replaces
        return PlainScalarString(node)
    return node


# -- comparing -----------------------------------------------------------------------------------------------


def same(a: Any, b: Any) -> bool:
    """Equal as YAML data: mappings by keys (order aside: the officer's order is kept), lists in order, and
    never ``true`` for ``1`` or ``"1"`` for ``1``."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return False
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is bool and type(b) is bool and a == b
    if isinstance(a, str) != isinstance(b, str):
        return False
    return bool(a == b)


# -- comments that belong to the next key ------------------------------------------------------------------
# ruamel keeps the comment lines above a key on the *previous* node's last leaf (after its end-of-line
# comment). When a node is inserted after that leaf, or the leaf's node removed, those lines move with it so
# they stay above the key they were written for.


def _leaf_slot(parent: Any, key: Any) -> tuple[Any, Any, int]:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    value = parent[key]
    if isinstance(value, CommentedMap) and len(value):
        return _leaf_slot(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value):
        return _leaf_slot(value, len(value) - 1)
    return parent, key, 0 if isinstance(parent, CommentedSeq) else 2


def _take_following(parent: Any, key: Any) -> str:
    """Remove and return the full-line comments after the node at ``key`` (those above the next node)."""
    holder, k, slot = _leaf_slot(parent, key)
    entry = holder.ca.items.get(k)
    if not entry or entry[slot] is None:
        return ""
    token = entry[slot]
    first, sep, rest = token.value.partition("\n")
    if not rest:
        return ""
    token.value = first + sep
    return str(rest)


def _give_following(parent: Any, key: Any, rest: str) -> None:
    """Put full-line comments after the node at ``key`` (above whatever follows it)."""
    if not rest:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    holder, k, slot = _leaf_slot(parent, key)
    entry = holder.ca.items.setdefault(k, [None, None, None, None])
    if entry[slot] is None:
        entry[slot] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        value = entry[slot].value
        entry[slot].value = value + ("" if value.endswith("\n") else "\n") + rest


# -- updating a tree in place ------------------------------------------------------------------------------


def update(old: Any, new: Any) -> Any:
    """``old`` (a round-trip node) changed to hold ``new`` (plain data), touching only what differs. Returns the
    node to keep in ``old``'s place (``old`` itself for mappings and lists)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if same(old, new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        _update_map(old, new)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        _update_seq(old, new)
        return old
    return to_rt(new)


def _update_map(old: Any, new: dict[str, Any]) -> None:
    for key in [k for k in old if k not in new]:
        _remove(old, key)
    keys = list(old)
    prev: Any = None
    for key, value in new.items():
        if key in old:
            if not same(old[key], value):
                old[key] = update(old[key], value)
        else:
            pos = keys.index(prev) + 1 if prev is not None else 0
            following = _take_following(old, prev) if prev is not None else ""
            old.insert(pos, key, to_rt(value))
            keys.insert(pos, key)
            _give_following(old, key, following)
        prev = key


def _remove(container: Any, key: Any) -> None:
    """Remove a key or item, handing the comments that were above the next node to the previous one."""
    keys = list(container) if isinstance(container, dict) else list(range(len(container)))
    following = _take_following(container, key)
    idx = keys.index(key)
    del container[key]  # a list shifts its items' comments itself
    if isinstance(container, dict):
        items: dict[Any, Any] = getattr(container, "ca").items  # noqa: B009 - a round-trip map's comments
        items.pop(key, None)
    if following and idx > 0:
        _give_following(container, keys[idx - 1], following)


def _ids(items: list[Any]) -> list[Any] | None:
    """The ``id`` of every item when all are mappings with distinct ids (plan goals...), else None."""
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    if not ids or any(i is None or isinstance(i, dict | list) for i in ids) or len(set(ids)) != len(ids):
        return None
    return ids


def _update_seq(old: Any, new: list[Any]) -> None:
    old_ids, new_ids = _ids(list(old)), _ids(new)
    if old_ids is not None and new_ids is not None and set(old_ids) & set(new_ids):
        _update_by_id(old, new, old_ids, new_ids)
        return
    for i in range(min(len(old), len(new))):
        if not same(old[i], new[i]):
            old[i] = update(old[i], new[i])
    while len(old) > len(new):
        _remove(old, len(old) - 1)
    for value in new[len(old):]:
        following = _take_following(old, len(old) - 1) if len(old) else ""
        old.append(to_rt(value))
        _give_following(old, len(old) - 1, following)


def _update_by_id(old: Any, new: list[Any], old_ids: list[Any], new_ids: list[Any]) -> None:
    """Items matched by id (a goal removed from the middle takes its comments with it, the others keep theirs)."""
    for i in reversed(range(len(old_ids))):
        if old_ids[i] not in new_ids:
            _remove(old, i)
    kept = [i for i in old_ids if i in new_ids]
    if kept != [i for i in new_ids if i in kept]:  # reordered: rebuild in the new order from the kept nodes
        by_id = {item["id"]: item for item in old}
        nodes = [by_id.get(i) for i in new_ids]
        del old[:]
        for node, value in zip(nodes, new, strict=True):
            old.append(to_rt(value) if node is None else update(node, value))
        return
    pos = 0
    for value, vid in zip(new, new_ids, strict=True):
        if pos < len(old) and old[pos].get("id") == vid:
            if not same(old[pos], value):
                old[pos] = update(old[pos], value)
        else:
            following = _take_following(old, pos - 1) if pos > 0 else ""
            old.insert(pos, to_rt(value))
            if pos > 0:
                _give_following(old, pos, following)
        pos += 1


# -- the whole file ----------------------------------------------------------------------------------------


def update_text(text: str, new: Any) -> str:
    """``text`` (a YAML file) rewritten to hold ``new`` (plain data), changing only what differs.

    Raises RoundTripError when the file cannot be read as a mapping or the result would not read back as
    ``new`` (the caller then writes the file whole, from the PyYAML emitter)."""
    from ruamel.yaml.comments import CommentedMap

    data = plain(new)
    # the end marker is the file's last line whatever the update does to the comments around the last key: it is
    # taken out and put back at the end (a headed document gains it: ``yamlio.END_MARKER``)
    body, marked = yamlio.without_end_marker(text)
    y, tree = load(body)
    if not isinstance(tree, CommentedMap) or not isinstance(data, dict):
        raise RoundTripError("not a mapping")
    update(tree, data)
    out = yamlio.with_end_marker(dump(y, tree), always=marked)
    try:
        back = yamlio.loads(out)
    except yamlio.YamlError:
        raise RoundTripError("unreadable result") from None
    if not same(back, data):
        raise RoundTripError("the result does not read back as the data")
    return out
