"""Atomic file writes: a temp file in the same folder, fsync, then ``os.replace`` (or a hard link for a file that
must not exist yet), then fsync the folder. A kill at any moment leaves either the old file or the new one
complete, never an empty or half-written one.

Modes: a new file follows the umask (as any program's new file does), an existing file keeps its mode (an
officer's ``chmod 600`` survives a rewrite), and an explicit ``mode`` (drafts: 0600) wins over both. The temp
file is created with the final mode's privacy from the start: a private file is never readable by others, not
even for a moment.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

# a temp file is hidden (leading dot) so no listing of documents, no index and no commit ever takes it for one
TEMP_SUFFIX = ".tmp"


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


@contextlib.contextmanager
def _about(path: Path) -> Iterator[None]:
    """An OS error while writing ``path`` names ``path``, the file the user gave, never the hidden temp file
    beside it (``-o`` a folder: "Is a directory" about that folder; a read-only folder: about the file)."""
    try:
        yield
    except OSError as exc:
        named = {os.fspath(x) for x in (exc.filename, exc.filename2) if x is not None}
        if not any(Path(x).name.startswith(f".{path.name}.") for x in named) or exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None


def _existing_mode(path: Path) -> int | None:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None


def _write_temp(path: Path, raw: bytes, mode: int | None, durable: bool = True) -> Path:
    """A complete temp file beside ``path`` with the mode the final file must have (fsynced if ``durable``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    keep = _existing_mode(path) if mode is None else mode
    for _ in range(20):
        tmp = _temp_path(path)
        try:
            # new file: 0666 filtered by the umask (the kernel does it, no umask juggling); else private first
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if keep is None else 0o600)
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
        break
    else:  # pragma: no cover
        raise FileExistsError(errno.EEXIST, "temp file", str(path))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            if keep is not None:
                os.fchmod(fh.fileno(), keep)
            if durable:
                os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _raw(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def atomic_write(path: Path, data: str | bytes, *, mode: int | None = None, durable: bool = True) -> None:
    """Write ``path`` whole or not at all (replacing it if it exists). ``durable=False``: no fsync of the file
    nor of its folder, for a bulk writer that makes everything durable with one ``sync_all`` afterwards."""
    path = Path(path)
    with _about(path):
        tmp = _write_temp(path, _raw(data), mode, durable)
        try:
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    if durable:
        _fsync_dir(path.parent)


def sync_all() -> None:
    """Flush every file written so far to disk at once (a bulk writer's one sync instead of one per file)."""
    if hasattr(os, "sync"):
        os.sync()


def fsync_dir(folder: Path) -> None:
    """Make a folder's entries (a file created or renamed in it) durable."""
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


# link() refused by the file system (FAT/exFAT USB drives, some network shares): fall back to a checked rename
_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}


def create_exclusive(path: Path, data: str | bytes, *, mode: int | None = None) -> bool:
    """Create ``path`` complete, only if no file of that name exists; False if one does.

    The content is written to a temp file first and then hard-linked into place (``link`` fails if the name is
    taken, atomically), so a kill never leaves an empty entry behind. Where the file system has no hard links
    the temp file is renamed into place after checking the name is free; bapascase writers of one case hold
    the case lock, so that check cannot race another bapascase process."""
    path = Path(path)
    with _about(path):
        tmp = _write_temp(path, _raw(data), mode)
        try:
            try:
                os.link(tmp, path)
            except FileExistsError:
                return False
            except OSError as exc:
                if exc.errno not in _NO_LINK:
                    raise
                if os.path.lexists(path):
                    return False
                os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    _fsync_dir(path.parent)
    return True


def check_output(path: Path) -> Path:
    """A file the officer named for output (``report -o``, ``import --template FILE``): a new one, or a regular
    file (replaced whole). A symbolic link is refused rather than replaced or written through (as root, a planted
    link could aim at any file), and so is a device, a FIFO or a folder."""
    from bapascase.errors import UserError, os_reason

    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise UserError("err.unreadable", path=str(path), reason=os_reason(exc)) from None
    if stat.S_ISLNK(st.st_mode):
        raise UserError("sec.output_link", path=str(path))
    if not stat.S_ISREG(st.st_mode):
        raise UserError("sec.output_special", path=str(path))
    return path
