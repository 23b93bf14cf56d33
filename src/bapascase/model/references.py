"""The works a practicum report cites, read from ``bapascase/data/references.yaml``: for each theory a plan may
name, its citation ("Bronfenbrenner, 1979") and full reference; and the works the casework method rests on.

Plain Python, like ``model.programmes``: the file is part of bapascase itself (package data).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FILE = "references.yaml"


@dataclass(frozen=True)
class Work:
    cite: str  # "Bronfenbrenner, 1979"
    reference: str  # the full reference, APA style


def _raw() -> dict[str, Any]:
    import yaml

    try:
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - pure-Python fallback
        from yaml import SafeLoader as Loader  # type: ignore[assignment]

    path = Path(__file__).resolve().parent.parent / "data" / FILE
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    return data if isinstance(data, dict) else {}


def _work(data: Any) -> Work | None:
    if not isinstance(data, Mapping) or not data.get("cite") or not data.get("reference"):
        return None
    return Work(" ".join(str(data["cite"]).split()), " ".join(str(data["reference"]).split()))


@functools.cache
def theory_works() -> Mapping[str, Work]:
    """The work each theory is cited by, by the theory's code (``plan.theories``)."""
    out = {str(k): _work(v) for k, v in (_raw().get("theories") or {}).items()}
    return {k: w for k, w in out.items() if w is not None}


@functools.cache
def method_works() -> tuple[Work, ...]:
    """The works the casework method rests on."""
    return tuple(w for w in (_work(v) for v in _raw().get("method") or ()) if w is not None)
