"""YAML for humans: safe loading (libyaml when present), readable dumping, and node lines for error messages."""

from __future__ import annotations

import datetime as dt
import enum
import re
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is much faster on big caseloads
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader  # type: ignore[assignment]

# Writing uses the pure-Python emitter: libyaml escapes every character outside the Basic Multilingual Plane
# (an emoji in a note would be written as "\U0001F600"), and files are written one at a time anyway.
from yaml import SafeDumper as _BaseDumper

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


def dumps(data: Any, header: str | None = None) -> str:
    body = yaml.dump(
        data,
        Dumper=Dumper,
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
    try:
        return yaml.compose(text, Loader=SafeLoader)
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
