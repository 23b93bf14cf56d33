"""YAML for humans: safe loading (libyaml when present), readable dumping, and node lines for error messages."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is much faster on big caseloads
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader  # type: ignore[assignment]

# Writing uses libyaml's emitter where it writes exactly what the pure-Python one writes (``_c_safe``: it escapes
# every character outside the Basic Multilingual Plane, an emoji in a note would be written as "\U0001F600", and
# treats some line and format characters its own way); otherwise the pure-Python emitter. An import of 10,000
# cases spent half its time in the Python emitter.
from yaml import SafeDumper as _BaseDumper

try:
    from yaml import CSafeDumper as _CBaseDumper
except ImportError:  # pragma: no cover - pure-Python fallback
    _CBaseDumper = None  # type: ignore[assignment,misc]

from bapascase.errors import DataError, Problem

LONG_TEXT = 88


class YamlError(DataError):
    pass


class _Loader(SafeLoader):
    """The safe loader, but a date that looks like one and is not (``2026-02-30``) stays text, so validation
    can report it against its field and line instead of the whole file failing to load."""


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def loads(text: str, source: str = "<string>") -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise YamlError([Problem(source, line, "", f"YAML: {problem}")]) from None


def load(path: Path, source: str | None = None) -> Any:
    return loads(Path(path).read_text(encoding="utf-8"), source or str(path))


# -- the lighter loader of the caseload index ---------------------------------------------------------------------
# libyaml parses and composes the node tree; the tags are resolved as the safe loader resolves them. What the safe
# constructor then does per node in Python (a generator per collection, checks for recursion, deep construction)
# costs more than parsing at 10,000 cases, so the common tags are turned into values directly here, the same values
# the safe constructor makes; a document with anything else (merge keys, sets, binary, ...) goes through ``loads``.

_STR, _INT, _MAP, _SEQ, _TS = (f"tag:yaml.org,2002:{n}" for n in ("str", "int", "map", "seq", "timestamp"))
_NULL, _BOOL = (f"tag:yaml.org,2002:{n}" for n in ("null", "bool"))
_PLAIN = "bapascase:plain"  # a plain scalar, resolved below only when its first character can make it other than text
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
# the first characters of YAML 1.1's implicit types (bool, float, int, merge, null, timestamp, value)
_MAYBE_TYPED = frozenset("yYnNtTfFoO-+0123456789.<~=")
_RESOLVER = yaml.resolver.Resolver()


class _LightResolver(yaml.resolver.BaseResolver):
    """Tags plain scalars for ``_value`` instead of trying every implicit type's pattern on each of them."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


_LightLoader: Any = None
try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _LightLoader(CParser, _LightResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _LightResolver.__init__(self)
except ImportError:  # pragma: no cover - without libyaml, ``load_light`` is ``load``
    pass


class _Unusual(Exception):
    """A node the direct conversion leaves to the safe constructor."""


def _value(node: yaml.Node) -> Any:
    tag = node.tag
    if tag == _PLAIN:
        value = node.value
        if value and value[0] not in _MAYBE_TYPED:
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return node.value
    if tag == _MAP:
        out: dict[Any, Any] = {}
        for key, value in node.value:
            k = _value(key)
            if not isinstance(k, str | int) or isinstance(k, bool):
                raise _Unusual
            out[k] = _value(value)
        return out
    if tag == _SEQ:
        return [_value(item) for item in node.value]
    if tag == _INT and node.value.isdigit() and (node.value == "0" or node.value[0] != "0"):
        return int(node.value)
    if tag == _TS:
        m = _DATE.fullmatch(node.value)
        if m is None:
            raise _Unusual
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:  # a date that looks like one and is not stays text (as ``_Loader`` keeps it)
            return node.value
    if tag == _NULL:
        return None
    if tag == _BOOL and node.value.lower() in _BOOLS:
        return _BOOLS[node.value.lower()]
    raise _Unusual


def load_light(path: str | Path, source: str | None = None) -> Any:
    """``load``'s result, made faster for the plain documents bapascase writes (for the caseload index)."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    return loads_light(text, source or str(path))


def loads_light(text: str, source: str = "<string>") -> Any:
    """``loads``'s result (the same values, the same errors), made faster for plain documents."""
    path = source
    if _LightLoader is None:  # pragma: no cover
        return loads(text, source or str(path))
    try:
        loader = _LightLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return loads(text, source or str(path))  # the same error, with its line
    if node is None:
        return None
    try:
        data = _value(node)
    except (_Unusual, RecursionError):
        return loads(text, source or str(path))
    _remember(text, node)
    return data


# The node trees of the last documents read: ``check`` locates a document's warnings (``compose``) just after
# validating it, and composing it a second time cost as much as reading it.
_NODES: OrderedDict[str, yaml.Node] = OrderedDict()
_NODES_KEPT = 64


def _remember(text: str, node: yaml.Node) -> None:
    if len(_NODES) >= _NODES_KEPT:
        _NODES.popitem(last=False)  # (``next(iter(dict))`` after many deletions walks their leftovers)
    _NODES[text] = node


class Dumper(_BaseDumper):
    """Block style, key order kept, Unicode as is; long and multi-line text as block scalars."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


# Plain scalars that YAML 1.2 readers (editors, yaml-language-server) take for numbers although PyYAML's YAML 1.1
# rules leave them strings, e.g. a phone number "081260001234": quote them so every reader sees text.
_YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+")


def _represent_str(dumper: Dumper, data: str) -> yaml.ScalarNode:
    text = str(data)
    if _YAML12_NUMBER.fullmatch(text):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="'")
    if "\n" in text:
        # "|" keeps line breaks exactly; trailing spaces on a line force quoting, which the emitter handles
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    if len(text) > LONG_TEXT:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=">")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


def _represent_enum(dumper: Dumper, data: enum.Enum) -> yaml.ScalarNode:
    return _represent_str(dumper, str(data.value))


def _represent_datetime(dumper: Dumper, data: dt.datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", data.replace(microsecond=0).isoformat(sep=" "))


Dumper.add_representer(str, _represent_str)
Dumper.add_multi_representer(enum.Enum, _represent_enum)
Dumper.add_representer(dt.datetime, _represent_datetime)

_CDumper: Any = None
if _CBaseDumper is not None:

    class _CDumper(_CBaseDumper):  # type: ignore[no-redef]
        """``Dumper`` on libyaml's emitter: the same representers."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    _CDumper.add_representer(str, _represent_str)
    _CDumper.add_multi_representer(enum.Enum, _represent_enum)
    _CDumper.add_representer(dt.datetime, _represent_datetime)

# Text libyaml writes as the Python emitter does: printable ASCII, line breaks, and the printable rest of the Basic
# Multilingual Plane but for the characters either emitter treats as special (NEL, the line and paragraph
# separators, the byte-order mark, C1 controls); tabs and other controls go to the Python emitter.
_C_UNSAFE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")

_C_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,60}")


def _c_safe(data: Any) -> bool:
    if isinstance(data, str):  # block text with kept or leading line breaks is chomped and indented differently
        return _C_UNSAFE.search(data) is None and ("\n" not in data or (data[-1] != "\n" and data[0] not in " \n"))
    if isinstance(data, dict):  # keys as bapascase writes them: field names (an empty or odd key is quoted otherwise)
        return all(isinstance(k, str) and _C_KEY.fullmatch(k) is not None and _c_safe(v) for k, v in data.items())
    if isinstance(data, list | tuple):
        return all(_c_safe(v) for v in data)
    if isinstance(data, enum.Enum):
        return _c_safe(str(data.value))
    return True


def dumps(data: Any, header: str | None = None) -> str:
    body = yaml.dump(
        data,
        # a document that is a single scalar ends differently ("..."): the Python emitter writes those
        Dumper=_CDumper if _CDumper is not None and isinstance(data, dict | list) and data and _c_safe(data)
        else Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    return (header + "\n" if header else "") + body


def to_plain(data: Any) -> Any:
    """YAML-loaded data as JSON-compatible values (dates as ISO strings), e.g. for JSON Schema validators."""
    if isinstance(data, dict):
        return {str(k): to_plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [to_plain(v) for v in data]
    if isinstance(data, dt.date | dt.datetime):
        return data.isoformat()
    return data


# -- locating a field in the file -------------------------------------------------------------------------


def compose(text: str) -> yaml.Node | None:
    """The node tree of a document, for locating fields (``line_of``): structure and marks only. Plain scalars are
    left untyped (libyaml's composer with ``_LightResolver``: typing each scalar cost more than composing)."""
    kept = _NODES.get(text)
    if kept is not None:
        return kept
    try:
        if _LightLoader is None:  # pragma: no cover
            return yaml.compose(text, Loader=SafeLoader)
        loader = _LightLoader(text)
        try:
            return loader.get_single_node()  # type: ignore[no-any-return]
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None


def line_of(root: yaml.Node | None, loc: tuple[str | int, ...]) -> int | None:
    """1-based line of the node at ``loc`` (a pydantic error location), or of its nearest existing parent."""
    if root is None:
        return None
    node: yaml.Node = root
    best = node.start_mark.line + 1
    for part in loc:
        nxt: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == part:
                    nxt = value
                    best = key.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            nxt = node.value[part]
            best = nxt.start_mark.line + 1
        if nxt is None:
            break
        node = nxt
    return best
