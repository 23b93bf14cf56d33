"""A team sharing one casebook through real git: a bare remote and clones in tmp dirs, each with its own git
identity and officer (``whoami --set``), synced with ``bapascase sync`` as the officers would."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.helpers import Book, assert_clean_exit

OFFICERS = [
    {"name": "Hendra Saputra", "nip": "198503122010121002", "role": "pk"},
    {"name": "Maria Simanjuntak", "role": "praktikan"},
    {"name": "Sri Rahayu", "nip": "199001012015032001", "role": "pk"},
]


def git(cwd: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {proc.stderr}")
    return proc.stdout


def head(book: Book) -> str:
    return git(book.root, "rev-parse", "HEAD").strip()


def clean(book: Book) -> bool:
    return git(book.root, "status", "--porcelain").strip() == ""


def log(book: Book, *args: str) -> list[str]:
    return git(book.root, "log", "--format=%s", *args).splitlines()


def trailers(book: Book, rev: str = "HEAD") -> list[str]:
    out = git(book.root, "log", "-1", "--format=%(trailers:key=Officer,valueonly)", rev)
    return [line for line in out.splitlines() if line.strip()]


@dataclass
class Team:
    remote: Path
    a: Book  # Hendra (PK)
    b: Book  # Maria (praktikan)
    c: Book  # Sri (PK), joins later

    def sync(self, book: Book, *args: str, code: int = 0, **kw: Any) -> Any:
        result = book.run("sync", *args, **kw)
        assert_clean_exit(result, code)
        return result


def _identity(root: Path, name: str) -> None:
    git(root, "config", "user.name", name)
    git(root, "config", "user.email", f"{name.split()[0].lower()}@bapas-medan.example")


def clone(remote: Path, target: Path, officer: str, name: str | None = None) -> Book:
    git(remote.parent, "clone", "-q", str(remote), str(target))
    _identity(target, name or officer)
    book = Book(target.resolve())
    assert_clean_exit(book.run("whoami", "--set", officer), 0)
    return book


def make_team(first: Book, tmp_path: Path) -> Team:
    """``first`` (a fresh casebook from ``init``) with three officers listed, pushed to a bare remote, and two
    more clones of it."""
    from bapascase.store import yamlio

    settings = first.root / "bapascase.yaml"
    data = yamlio.load(settings)
    data["officers"] = OFFICERS
    settings.write_text(yamlio.dumps(data, header=settings.read_text(encoding="utf-8").splitlines()[0]),
                        encoding="utf-8")
    _identity(first.root, "Hendra")
    assert_clean_exit(first.run("whoami", "--set", "Hendra"), 0)
    remote = tmp_path / "kantor.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(first.root, "remote", "add", "origin", str(remote))
    assert_clean_exit(first.run("sync"), 0)  # commits the officers list, pushes, sets the upstream
    b = clone(remote, tmp_path / "maria", "Maria")
    c = clone(remote, tmp_path / "sri", "Sri Rahayu", name="sri")
    return Team(remote, first, b, c)


def closed_port() -> int:
    """A local TCP port nothing listens on (connections are refused at once: offline and quick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


class _Refuse(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="Bapas git"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def refusing_server() -> Iterator[str]:
    """A local git HTTP remote that asks for credentials and refuses every request (HTTP 401)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refuse)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bapas-medan/casebook.git"
    finally:
        server.shutdown()
        server.server_close()


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)
