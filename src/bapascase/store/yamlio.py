"""YAML for humans: safe loading (libyaml when present), readable dumping, and node lines for error messages.

Loading is strict where a person's file could fool it: a key written twice in one mapping is an error naming the
key and its line (never "the last value wins"), aliases (``*name``) are bounded (a few hundred bytes of nested
aliases would otherwise expand to billions of values in whatever walks the data), and a document too deeply
nested or a number too long to read is a YAML error, not a crash.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
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
from bapascase.store.textfiles import DOC_LIMIT, read_text

LONG_TEXT = 88


class YamlError(DataError):
    pass


class _Said(yaml.constructor.ConstructorError):
    """A problem the loader words itself (in the user's language), shown as it is."""


class _Loader(SafeLoader):
    """The safe loader, but a date that looks like one and is not (``2026-02-30``) stays text, so validation
    can report it against its field and line instead of the whole file failing to load; and no duplicate keys,
    no aliases."""

    def construct_document(self, node: Any) -> Any:
        _check_aliases(node)
        return super().construct_document(node)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _value in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise _Said(
                        None, None, _message("yaml.duplicate_key", key=key_node.value, line=seen[key]),
                        key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


# aliases may repeat a part (the instrument definitions share their answer options), but what they add once
# expanded is bounded: "billion laughs" (a few hundred bytes of nested aliases) would otherwise make billions of
# values for whatever walks the data
ALIAS_EXPANSION_MAX = 100_000


def _check_aliases(root: yaml.Node) -> None:
    """Refuse a document whose aliases expand to more than ``ALIAS_EXPANSION_MAX`` extra nodes, or refer to a
    part that contains them (a recursive structure)."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise _Said(None, None, _message("yaml.alias_recursive"), node.start_mark)
        open_nodes.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        open_nodes.discard(key)
        sizes[key] = total
        if total - len(sizes) > ALIAS_EXPANSION_MAX:
            raise _Said(None, None, _message("yaml.alias"), node.start_mark)
        return total

    size(root)


def _message(message_key: str, **kw: Any) -> str:
    from bapascase.i18n import t

    return t(message_key, **kw)


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _binary(loader: Any, node: yaml.Node) -> Any:
    """``!!binary`` (base64 bytes): no field of a casebook holds bytes, and they were taken for the text they
    decode to (a name written as base64 became the name)."""
    raise _Said(None, None, _message("yaml.binary"), node.start_mark)


_Loader.add_constructor("tag:yaml.org,2002:binary", _binary)


# what libyaml and PyYAML say of a file they cannot read, in the user's words: (a part of the parser's English
# problem, the catalog key), the first match wins. Every problem either parser can raise on a safe load is here
# (``tests/test_yaml_messages.py`` makes each one); a problem not here still gets a sentence in the user's language,
# with the parser's words in brackets (``yaml.p.other``).
_PROBLEMS = (
    ("mapping values are not allowed", "yaml.p.colon"),
    ("mapping keys are not allowed", "yaml.p.colon"),
    ("found unexpected ':'", "yaml.p.colon"),
    ("did not find expected key", "yaml.p.indent"),
    ("expected <block end>", "yaml.p.indent"),
    ("invalid indentation or unclosed", "yaml.p.indent"),
    ("did not find expected '-' indicator", "yaml.p.dash"),
    ("sequence entries are not allowed", "yaml.p.dash"),
    ("did not find expected ',' or ']'", "yaml.p.bracket"),
    ("expected ',' or ']'", "yaml.p.bracket"),
    ("did not find expected ',' or '}'", "yaml.p.brace"),
    ("expected ',' or '}'", "yaml.p.brace"),
    ("could not find expected ':'", "yaml.p.colon_missing"),
    ("found a tab character", "yaml.p.tab"),
    ("found character '\\t' that cannot start any token", "yaml.p.tab"),
    ("cannot start any token", "yaml.p.token"),
    ("alphabetic or numeric character", "yaml.p.name"),
    ("found undefined alias", "yaml.p.alias"),
    ("found duplicate anchor", "yaml.p.anchor_twice"),
    ("second occurrence", "yaml.p.anchor_twice"),
    ("found unconstructable recursive node", "yaml.alias_recursive"),
    ("found unknown escape character", "yaml.p.escape"),
    ("hexdecimal number", "yaml.p.escape"),
    ("hexadecimal number", "yaml.p.escape"),
    ("invalid Unicode character escape code", "yaml.p.escape"),
    ("found unexpected end of stream", "yaml.p.end"),
    ("found unexpected document indicator", "yaml.p.separator"),
    ("found unexpected document separator", "yaml.p.separator"),
    ("found unhashable key", "yaml.p.key"),
    ("could not determine a constructor for the tag", "yaml.p.tag"),
    ("tag handle", "yaml.p.tag"),
    ("tag URI", "yaml.p.tag"),
    ("URI escape", "yaml.p.tag"),
    ("URI escaped octet", "yaml.p.tag"),
    ("expected URI", "yaml.p.tag"),
    ("expected '>'", "yaml.p.tag"),
    ("the expected '>'", "yaml.p.tag"),
    ("expected '!'", "yaml.p.tag"),
    ("non-specific tag", "yaml.p.tag"),
    ("appended to the tag", "yaml.p.tag"),
    ("base64", "yaml.p.tag"),
    ("expected a mapping node", "yaml.p.tag"),
    ("expected a sequence node", "yaml.p.tag"),
    ("expected a scalar node", "yaml.p.tag"),
    ("for merging", "yaml.p.merge"),
    ("found another document", "yaml.p.documents"),
    ("expected a single document", "yaml.p.documents"),
    ("incompatible YAML document", "yaml.p.directive"),
    ("directive", "yaml.p.directive"),
    ("<document start>", "yaml.p.directive"),
    ("expected whitespace or line break", "yaml.p.directive"),
    ("expected ' ', but found", "yaml.p.directive"),
    ("expected a digit", "yaml.p.directive"),
    ("indentation indicator", "yaml.p.block"),
    ("chomping", "yaml.p.block"),
    ("comment or line break", "yaml.p.block"),
    ("comment or a line break", "yaml.p.block"),
    ("unacceptable character", "yaml.p.control"),
    ("control characters are not allowed", "yaml.p.control"),
    ("special characters are not allowed", "yaml.p.control"),
    ("UTF-8", "yaml.p.control"),
    ("did not find expected node content", "yaml.p.value"),
    ("expected the node content", "yaml.p.value"),
    ("expected the empty value", "yaml.p.value"),
)
# a problem of neither list is placed by what the parser was reading ("while scanning a directive")
_CONTEXTS = (
    ("directive", "yaml.p.directive"),
    ("tag", "yaml.p.tag"),
    ("anchor", "yaml.p.name"),
    ("alias", "yaml.p.name"),
    ("block scalar", "yaml.p.block"),
)


def _problem(exc: yaml.YAMLError, text: str = "") -> str:
    problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [""])[0]
    if isinstance(exc, _Said):
        return str(problem)
    context = str(getattr(exc, "context", None) or "")
    key = next((key for part, key in _PROBLEMS if part in problem), None) or next(
        (key for part, key in _CONTEXTS if part in context), None)
    if key == "yaml.p.token" and _char_at(text, getattr(exc, "problem_mark", None)) == "\t":
        key = "yaml.p.tab"  # libyaml says only "cannot start any token" of a tab
    if key is None:
        return _message("yaml.p.other", detail=" ".join(problem.split())[:120])
    return _message(key)


def _char_at(text: str, mark: Any) -> str:
    """The character a parser's mark points at ("" when the mark or the text says nothing)."""
    try:
        line = text.splitlines()[mark.line]
        return line[mark.column] if mark.column < len(line) else ""
    except (AttributeError, IndexError, TypeError):
        return ""


def loads(text: str, source: str = "<string>") -> Any:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise YamlError([Problem(source, line, "", f"YAML: {_problem(exc, text)}")]) from None
    except RecursionError:
        raise YamlError([Problem(source, None, "", f"YAML: {_message('yaml.too_deep')}")]) from None
    except (ValueError, OverflowError, TypeError) as exc:
        # e.g. an integer of thousands of digits, or a key that cannot be a key (a list): the file is wrong
        raise YamlError([Problem(source, None, "", f"YAML: {unreadable_value(exc)}")]) from None


def unreadable_value(exc: Exception) -> str:
    """What is wrong with a value a YAML or JSON parser could not build (a number too long to read...)."""
    text = str(exc)
    if "integer string conversion" in text or isinstance(exc, OverflowError):
        return _message("yaml.number_too_long")
    return text.splitlines()[0][:200] if text else type(exc).__name__


def load(path: Path, source: str | None = None, limit: int = DOC_LIMIT) -> Any:
    """A YAML file (a regular file of at most ``limit`` bytes, in UTF-8; see ``textfiles``)."""
    shown = source or str(path)
    return loads(read_text(path, limit, shown), shown)


def document(text: str, source: str) -> dict[str, Any] | None:
    """A recorded document's data from its text: a mapping, or None for a file with nothing in it (blank, or only
    the schema header and the end marker). What is anything else (a list of notes, a lone text, only comments)
    is refused as a syntax error is (``YamlError``, line 1): read as "no document" it would be replaced whole and
    the officer's text lost."""
    data = loads(text, source)
    if isinstance(data, dict):
        return data
    if data is None and all(not line.strip() or line.startswith(SCHEMA_HEADER) or _is_marker(line)
                            for line in text.splitlines()):
        return None
    raise YamlError([Problem(source, 1, "", _message("dmg.not_a_document"))])


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


def _value(node: yaml.Node, seen: set[int]) -> Any:
    """The value of ``node``. ``seen``: the collections converted so far; meeting one again (an alias) leaves the
    document to ``loads``, which bounds what aliases expand to, as it refuses a key written twice."""
    tag = node.tag
    if tag == _PLAIN:
        value = node.value
        if value and value[0] not in _MAYBE_TYPED:
            return value
        if value.isascii() and value.isdigit() and value[0] != "0":  # what YAML 1.1's int pattern takes first
            tag = _INT
        elif _DATE.fullmatch(value):  # what only its timestamp pattern takes
            tag = _TS
        else:
            tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return node.value
    if tag == _MAP or tag == _SEQ:
        if id(node) in seen:
            raise _Unusual
        seen.add(id(node))
    if tag == _MAP:
        out: dict[Any, Any] = {}
        for key, value in node.value:
            k = _value(key, seen)
            if not isinstance(k, str | int) or isinstance(k, bool) or k in out:
                raise _Unusual
            out[k] = _value(value, seen)
        return out
    if tag == _SEQ:
        return [_value(item, seen) for item in node.value]
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


def load_light(path: str | Path, source: str | None = None, limit: int = DOC_LIMIT) -> Any:
    """``load``'s result, made faster for the plain documents bapascase writes (for the caseload index): the same
    bounded read (a regular file of at most ``limit`` bytes, in UTF-8). The document's nodes are not kept for
    ``check`` (``_remember``: it reads through ``loads_light``)."""
    shown = source or str(path)
    return loads_light(read_text(path, limit, shown), shown, remember=False)  # (a Path costs more than a file)


def loads_light(text: str, source: str = "<string>", remember: bool = True) -> Any:
    """``loads``'s result (the same values, the same errors), made faster for plain documents. Whatever the
    direct conversion does not take as it is (a key written twice, an alias, a number too long, a document too
    deep...) goes through ``loads``, which refuses what it refuses."""
    path = source
    if _LightLoader is None:  # pragma: no cover
        return loads(text, source or str(path))
    try:
        loader = _LightLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.YAMLError, RecursionError):
        return loads(text, source or str(path))  # the same error, with its line
    if node is None:
        return None
    try:
        data = _value(node, set())
    except (_Unusual, RecursionError, ValueError, OverflowError):
        return loads(text, source or str(path))
    if remember:
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


# characters a YAML reader takes for a line break (NEL, LS, PS) or drops (CR, other controls): only a double-quoted
# scalar, which escapes them ("\N", "\L", "\P", "\r"), gives the text back exactly
_NEEDS_ESCAPES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _represent_str(dumper: Dumper, data: str) -> yaml.ScalarNode:
    text = str(data)
    if _NEEDS_ESCAPES.search(text):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
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
_C_UNSAFE = "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]"


@functools.cache
def _c_unsafe() -> re.Pattern[str]:
    """Compiled on the first write (~4.5 ms: a negated class over the BMP), not by every reader's import."""
    return re.compile(_C_UNSAFE)


_C_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,60}")


def _c_safe(data: Any) -> bool:
    if isinstance(data, str):  # block text with kept or leading line breaks is chomped and indented differently
        return _c_unsafe().search(data) is None and ("\n" not in data or (data[-1] != "\n" and data[0] not in " \n"))
    if isinstance(data, dict):  # keys as bapascase writes them: field names (an empty or odd key is quoted otherwise)
        return all(isinstance(k, str) and _C_KEY.fullmatch(k) is not None and _c_safe(v) for k, v in data.items())
    if isinstance(data, list | tuple):
        return all(_c_safe(v) for v in data)
    if isinstance(data, enum.Enum):
        return _c_safe(str(data.value))
    return True


# The end marker, the one rule (README "Nothing lost, nothing torn"):
#
# - Every document the tool writes with its schema header (SCHEMA_HEADER: stage documents, bapascase.yaml) ends
#   with the line END_MARKER: new files (``dumps``), rewrites that keep the officer's comments (``roundtrip``: a
#   re-recorded stage, a migration of ``check --fix``, a setting put right by ``sync``), the merge driver's output
#   (a ``_conflict`` kept both ways included), and ``edit`` (the line is put back if the officer removed it).
# - In a casebook whose bapascase.yaml says ``end_marker: true`` (``init`` writes it), a document that starts with
#   the header and lacks that line was cut short (a full disk, a crash, a copy or a ``git pull`` that stopped
#   half-way): ``check`` and the reports say so instead of taking what is left for the whole document
#   (``documents.validate_file``).
# - A casebook from before the marker (no ``end_marker``) is read as before: its documents are not flagged, and
#   ``check`` says once that ``check --fix`` adds the line to each of them and sets ``end_marker: true``
#   (``workflow.migrate``). From then on the rule above holds there too.
# - A file without the header (written by hand) is never flagged.
SCHEMA_HEADER = "# yaml-language-server: $schema="
END_MARKER = "# akhir berkas / end of file"


def _is_marker(line: str) -> bool:
    return line.rstrip() == END_MARKER


def headed(text: str) -> bool:
    """Whether a file starts with the schema header (the tool wrote it, or it claims so)."""
    return text.startswith(SCHEMA_HEADER)


def header_of(text: str) -> str | None:
    """The schema header line of a file, if it has one (to write it whole again with the same header)."""
    return text.split("\n", 1)[0].rstrip("\r") if headed(text) else None


def cut_short(text: str) -> bool:
    """Whether a document that the tool wrote (it carries the schema header) has lost its end: no END_MARKER line
    (only meaningful in a casebook that marks its documents: see the rule above)."""
    if not headed(text):
        return False
    if END_MARKER not in text:
        return True
    return not any(_is_marker(line) for line in text.splitlines())


def without_end_marker(text: str) -> tuple[str, bool]:
    """``text`` without its END_MARKER lines, and whether it had one (``roundtrip`` rewrites the body and puts the
    line back at the end)."""
    if END_MARKER not in text:
        return text, False
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not _is_marker(line)]
    return "".join(kept), len(kept) != len(lines)


def with_end_marker(text: str, always: bool = False) -> str:
    """``text`` ending with the end marker line, added when missing (a headed document; any text with
    ``always``)."""
    if not (always or headed(text)) or (END_MARKER in text and any(_is_marker(x) for x in text.splitlines())):
        return text
    return (text if text.endswith("\n") or not text else text + "\n") + END_MARKER + "\n"


def dumps(data: Any, header: str | None = None) -> str:
    """``data`` as YAML for humans; with a ``header`` (the schema line), a whole document: header, body, end
    marker."""
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
    if not header:
        return body
    return f"{header}\n{body}{END_MARKER}\n"


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


def _keys_of(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, int]]:
    """A mapping's text keys -> (the value's node, the key's 1-based line), the first of a key written twice; kept
    on the node, so the lines of many problems in one mapping (a file of 200,000 unknown keys) are found in linear
    time, not by scanning the mapping again for each."""
    found: dict[str, tuple[yaml.Node, int]] | None = getattr(node, "_bapascase_keys", None)
    if found is None:
        found = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                found.setdefault(key.value, (value, key.start_mark.line + 1))
        node._bapascase_keys = found  # type: ignore[attr-defined]
    return found


def line_of(root: yaml.Node | None, loc: tuple[str | int, ...]) -> int | None:
    """1-based line of the node at ``loc`` (a pydantic error location), or of its nearest existing parent."""
    if root is None:
        return None
    node: yaml.Node = root
    best = node.start_mark.line + 1
    for part in loc:
        nxt: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = _keys_of(node).get(part)
            if found is not None:
                nxt, best = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            nxt = node.value[part]
            best = nxt.start_mark.line + 1
        if nxt is None:
            break
        node = nxt
    return best
