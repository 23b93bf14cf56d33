"""Compiled report templates cached per user, so a report does not compile its templates on every run.

Compiling the Jinja templates is the largest fixed cost of a report after importing the libraries. The compiled
code is kept in the user's cache (``$XDG_CACHE_HOME/bapascase/jinja`` or ``~/.cache/bapascase/jinja``), never in
the casebook: a casebook may be shared or come from someone else's remote, and whoever can write a cache file
decides what code a report runs. So:

- the folder is made ``0700``, and used only when it is a real folder (not a symbolic link) owned by the user
  and writable by no one else; otherwise no cache is used at all (the report compiles as before). Every file is
  opened without following a link and used only when it is a regular file owned by the user, writable by no one
  else;
- a file holds its own SHA-256: a damaged or truncated file is ignored and written again, never an error (and
  never unpickled: Jinja's own format starts with a pickle);
- the file's name is a hash of the environment's configuration (``tag``: the format, sandboxed or not, the
  options that shape the compiled code, the bapascase, Jinja and Python versions), the template's name and file,
  and its source: an edited template is compiled again, and the Markdown, HTML and sandboxed environments never
  share code (the sandbox compiles its operators into checked calls);
- ``BAPASCASE_NO_TEMPLATE_CACHE`` (any value but empty or ``0``) turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2.bccache import Bucket

DISABLE_VAR = "BAPASCASE_NO_TEMPLATE_CACHE"
FOLDER = "jinja"
MAGIC = b"bapascase-jinja-1\n"
MAX_FILE_BYTES = 8 * 1024 * 1024
_DIGEST = 32


def disabled(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    value = (os.environ if environ is None else environ).get(DISABLE_VAR, "")
    return value not in ("", "0")


def private_folder(folder: Path) -> bool:
    """Whether ``folder`` is a real folder owned by this user that no one else can write to."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid()
            and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def cache_folder(environ: dict[str, str] | None = None) -> Path | None:
    """The user's folder of compiled templates (made ``0700`` if missing), or None when it cannot be trusted
    (a link, someone else's, writable by others), cannot be made, or the cache is turned off."""
    if disabled(environ) or not hasattr(os, "getuid"):
        return None
    from bapascase.env import user_cache_dir

    folder = Path(user_cache_dir()) / FOLDER
    if not folder.is_absolute():  # a relative XDG_CACHE_HOME is ignored by the spec: better no cache
        return None
    try:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return folder if private_folder(folder) else None


def config_tag(env: jinja2.Environment, fmt: str, sandboxed: bool) -> str:
    """What the compiled code of ``env`` depends on, besides the template's source."""
    from bapascase import __version__

    finalize = getattr(env.finalize, "__qualname__", repr(env.finalize))
    parts = (
        __version__, jinja2.__version__, sys.implementation.cache_tag, sys.version, fmt,
        "sandboxed" if sandboxed else "plain", type(env).__module__, type(env).__qualname__,
        repr(env.autoescape if not callable(env.autoescape) else env.autoescape.__qualname__), finalize,
        env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence,
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.optimized, sorted(getattr(env, "intercepted_binops", ())), sorted(getattr(env, "intercepted_unops", ())),
        sorted(str(e) for e in env.extensions), env.code_generator_class.__module__,
        env.code_generator_class.__qualname__,
    )
    return repr(parts)


class UserBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache in a private folder, with a checked file format (see the module's doc)."""

    def __init__(self, folder: Path, tag: str) -> None:
        self.folder = folder
        self.tag = tag

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        h = hashlib.sha256()
        for part in (self.tag, name, filename or "", source):
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "big"))
            h.update(data)
        key = h.hexdigest()
        bucket = Bucket(environment, key, key)
        self.load_bytecode(bucket)
        return bucket

    def _path(self, bucket: Bucket) -> Path:
        return self.folder / f"{bucket.key}.code"

    def load_bytecode(self, bucket: Bucket) -> None:
        bucket.reset()
        data = _read_private(self._path(bucket))
        if data is None or not data.startswith(MAGIC):
            return
        body = data[len(MAGIC):]
        digest, payload = body[:_DIGEST], body[_DIGEST:]
        if len(digest) != _DIGEST or hashlib.sha256(payload).digest() != digest:
            return
        try:
            code = marshal.loads(payload)
        except Exception:  # damaged in a way the digest cannot tell (it never is): compile again
            return
        if isinstance(code, CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is None or not private_folder(self.folder):
            return
        payload = marshal.dumps(bucket.code)
        data = MAGIC + hashlib.sha256(payload).digest() + payload
        try:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, self._path(bucket))
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass

    def clear(self) -> None:
        for path in self.folder.glob("*.code"):
            try:
                path.unlink()
            except OSError:
                pass


def _read_private(path: Path) -> bytes | None:
    """The bytes of a regular file owned by this user and writable by no one else; None for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if (not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
                or st.st_size > MAX_FILE_BYTES):
            return None
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return None if len(data) > MAX_FILE_BYTES else data
    except OSError:
        return None
    finally:
        os.close(fd)


def attach(env: jinja2.Environment, fmt: str, sandboxed: bool) -> Any:
    """Give ``env`` the user's bytecode cache for its configuration (none when it cannot be trusted or is off)."""
    folder = cache_folder()
    env.bytecode_cache = UserBytecodeCache(folder, config_tag(env, fmt, sandboxed)) if folder is not None else None
    return env.bytecode_cache
