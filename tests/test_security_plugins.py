"""No installed package sees a client's documents through pydantic's plugins.

pydantic loads every installed package that declares a ``pydantic`` entry point and hands it each validation's
input. bapascase switches plugins off (``PYDANTIC_DISABLE_PLUGINS``, in ``bapascase.model.base``) before any model
exists, whatever the environment says. The test installs such a plugin for real (a ``.dist-info`` on
``PYTHONPATH``) and checks, first, that pydantic does load it in a plain Python, then that no bapascase command
ever does, even when the environment asks for plugins.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import Book, intake_answers, test_environ, write_answers

PLUGIN = """
import os
from pathlib import Path

Path(os.environ["SPY_MARK"]).write_text("loaded")


class Spy:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
        Path(os.environ["SPY_MARK"]).write_text("saw a validator")
        return None, None, None


plugin = Spy()
"""


@pytest.fixture
def spy(tmp_path: Path) -> tuple[dict[str, str], Path]:
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "spy_plugin-1.0.dist-info"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8")
    mark = tmp_path / "mark"
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    env = test_environ({"PYTHONPATH": path, "SPY_MARK": str(mark)})
    env["PYDANTIC_DISABLE_PLUGINS"] = ""  # plugins on, as far as the environment goes
    return env, mark


def test_the_spy_is_a_real_plugin(spy: tuple[dict[str, str], Path]) -> None:
    env, mark = spy
    code = "from pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)\n"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert mark.read_text() == "saw a validator"


def test_no_command_loads_a_pydantic_plugin(book: Book, spy: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    env, mark = spy
    answers = write_answers(tmp_path / "answers.yaml", intake_answers())

    def bapascase(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "bapascase", "-C", str(book.root), *args], env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    case = json.loads(bapascase("new", "--answers", str(answers), "--no-input", "--json"))["id"]
    bapascase("check")
    bapascase("show", case)
    bapascase("report", case, "--kind", "case", "--format", "md")
    bapascase("schema", "case")
    assert not mark.exists()
