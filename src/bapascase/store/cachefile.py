"""The index cache's file format, in one place (json and zlib only: shell completion reads it too, and must stay
quick): a first line with the metadata (the version, the programme rules' stamp, the length and a CRC-32 of the
rest), then the cases as JSON. A file cut short, damaged or edited fails the check and is not trusted."""

from __future__ import annotations

import json
import zlib
from typing import Any

INDEX_FILE = "index.json"  # in the casebook's state folder (``.bapascase/``)


def pack(meta: dict[str, Any], cases: dict[str, Any]) -> bytes:
    body = json.dumps(cases, ensure_ascii=False).encode("utf-8")
    head = json.dumps({**meta, "size": len(body), "crc": zlib.crc32(body)}, ensure_ascii=True)
    return head.encode("ascii") + b"\n" + body


def unpack(raw: bytes) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """``(metadata, cases)`` of a whole, undamaged file; None otherwise."""
    head, _, body = raw.partition(b"\n")
    try:
        meta = json.loads(head)
        if not isinstance(meta, dict) or meta.get("size") != len(body) or meta.get("crc") != zlib.crc32(body):
            return None
        cases = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return (meta, cases) if isinstance(cases, dict) else None
