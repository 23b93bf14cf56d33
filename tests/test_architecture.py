"""ARCHITECTURE.md tells the truth: the layers import downwards only, and every module and file it names exists."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from tests.helpers import ROOT, SRC
from tests.test_import_cycles import import_graph

DOC = ROOT / "ARCHITECTURE.md"
PACKAGE = SRC / "bapascase"

# cli -> workflow, reports -> store -> model; the package's own top-level modules (errors, i18n, env) are below all
LAYERS = {"cli": 3, "workflow": 2, "reports": 2, "store": 1, "model": 0}
ENTRY_POINTS = {"bapascase.__main__"}  # ``python -m bapascase`` runs the CLI


def layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.get(parts[1], -1) if len(parts) > 1 else -1


def test_layers_import_downwards_only() -> None:
    upwards = [f"{module} -> {dep}" for module, deps in import_graph(SRC).items() if module not in ENTRY_POINTS
               for dep in deps if layer(dep) > layer(module)]
    assert upwards == []


def named_paths(text: str) -> list[str]:
    """Every file path in backquotes that names a Python module or a template (``model/registry.py``,
    ``src/bapascase/data/instruments/``, ``templates/<kind>.j2``)."""
    spans = re.findall(r"`([^`\s]+)`", text)
    return [s for s in spans if re.search(r"\.(py|j2)$", s) or s.startswith(("src/", "tests/", "benchmarks/"))]


def resolves(path: str) -> bool:
    """A path from the repository root or from the package; ``<name>`` and ``*`` stand for any file there."""
    if "<" in path or "*" in path:
        pattern = re.sub(r"<[^>]+>", "*", path)
        return any(any(base.glob(pattern)) for base in (ROOT, PACKAGE)) or \
            any((base / Path(pattern).parent).is_dir() for base in (ROOT, PACKAGE))
    return any((base / path).exists() for base in (ROOT, PACKAGE))


def test_architecture_names_files_that_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    paths = named_paths(text)
    assert len(paths) > 30  # the scan finds what the page names
    assert [p for p in paths if not resolves(p)] == []


def test_architecture_names_modules_that_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    modules = sorted(set(re.findall(r"\bbapascase(?:\.[a-z_]+)+", text)) - {"bapascase.yaml"})
    assert modules
    assert [m for m in modules if importlib.util.find_spec(m) is None] == []


def test_readme_links_the_architecture() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    development = readme[readme.index("## Development"):]
    assert "(ARCHITECTURE.md)" in development
