"""Where an output goes, written so that nothing is lost: stdout, a device or a pipe written straight into, or a
regular file replaced atomically (a temporary file in the same folder, renamed into place when complete).

A character device (/dev/null, a terminal) or a named pipe given as the output is written into, never replaced;
a folder, a block device or a socket is refused. A new file gets the mode the umask allows; a file that is
replaced keeps its mode. On any failure (a full disk, a file-size limit, Ctrl-C, SIGTERM) the temporary file is
removed and the old file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import signal
import stat
import sys
from pathlib import Path
from typing import IO, Iterator

from ..base.locations import InputError, Location, Problem
from ..base.phrase import Phrase
from .written import put_in_place

# The signals on which a run stops and cleans up (the console script turns them into exceptions).
STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))

_WHY = {
    errno.ENOSPC: Phrase("the disk is full", "磁盘已满"),
    errno.EDQUOT: Phrase("the disk quota is used up", "磁盘配额已用完"),
    errno.EFBIG: Phrase("the file would be larger than allowed (a file-size limit)", "文件超过允许的大小"),
    errno.EACCES: Phrase("permission denied", "没有写入权限"),
    errno.EPERM: Phrase("permission denied", "没有写入权限"),
    errno.EROFS: Phrase("the file system is read-only", "文件系统为只读"),
    errno.ENOENT: Phrase("its folder does not exist", "所在文件夹不存在"),
    errno.ENOTDIR: Phrase("a part of the path is not a folder", "路径中有一部分不是文件夹"),
    errno.ENAMETOOLONG: Phrase("the name is too long", "文件名过长"),
}


def cannot_write(path: Path, error: OSError) -> InputError:
    """A failed write as a problem that names the file and the cause."""
    why = _WHY.get(error.errno or 0, Phrase(error.strerror or str(error),
                                            f"系统错误 {errno.errorcode.get(error.errno or 0, error.errno)}"))
    return InputError([Problem.of(Location(path), Phrase(f"cannot write the output: {why.en}",
                                                         f"无法写入输出文件：{why.zh}"))])


def _refused(path: Path, en: str, zh: str) -> InputError:
    return InputError([Problem.of(Location(path), Phrase(en, zh))])


@contextlib.contextmanager
def output_stream(path: Path | None, binary: bool = False, newline: str | None = None,
                  exclusive: bool = False) -> Iterator[IO]:
    """A stream for an output: stdout for None or ``-``; straight into a character device or a pipe; else a
    regular file written atomically. ``exclusive``: never replace an existing file (not even one created while
    writing). Raises InputError for a path that cannot be an output and for a failed write."""
    if path is None or str(path) == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    if str(path) == "":
        raise _refused(path, "the output file name is empty", "输出文件名为空")
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise cannot_write(path, error) from None
    if status is not None and exclusive:
        raise _refused(path, "already exists; it is never overwritten", "文件已存在，不会覆盖")
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise _refused(path, "is a folder; give a file name for the output", "是文件夹；请给出输出文件名")
    if status is not None and (stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode)):
        with _opened(path, binary, newline) as stream:  # a device or a pipe: written into, never replaced
            yield stream
        return
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise _refused(path, "is not a regular file (a block device or a socket); choose another output",
                       "不是普通文件（块设备或套接字）；请另选输出文件")
    target = Path(os.path.realpath(path)) if status is not None else path  # a link: replace what it points to
    with _atomic(target, binary, newline, status.st_mode if status else None, exclusive) as stream:
        yield stream


@contextlib.contextmanager
def _opened(path: Path, binary: bool, newline: str | None) -> Iterator[IO]:
    try:
        stream = open(path, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": newline}))
    except OSError as error:
        raise cannot_write(path, error) from None
    try:
        with stream:
            yield stream
    except OSError as error:
        raise cannot_write(path, error) from None


@contextlib.contextmanager
def _atomic(path: Path, binary: bool, newline: str | None, mode: int | None, exclusive: bool) -> Iterator[IO]:
    folder = path.parent if str(path.parent) else Path(".")
    temporary = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    # A stop between creating the temporary file and being ready to remove it would leave it behind: the
    # stopping signals wait until the cleanup is in place.
    blocked = _block(STOPPING)
    try:
        try:
            # 0o666 less the umask, as for any new file; a replaced file keeps its own mode (below).
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as error:
            raise cannot_write(path, error) from None
        try:
            _unblock(blocked)
            blocked = None
            if mode is not None:
                os.fchmod(handle, stat.S_IMODE(mode))
            raw = os.fdopen(handle, "wb")
            stream: IO = raw if binary else io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
            with stream:
                yield stream
            if exclusive:
                _link_exclusively(temporary, path)
            else:
                os.replace(temporary, path)
            put_in_place(path)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            if isinstance(error, FileExistsError) and exclusive:
                raise _refused(path, "already exists; it is never overwritten", "文件已存在，不会覆盖") from None
            if isinstance(error, OSError):
                raise cannot_write(path, error) from None
            raise
    finally:
        _unblock(blocked)


def _link_exclusively(temporary: Path, path: Path) -> None:
    """Give the finished file its name only if no file has it (a hard link fails when the name is taken, even by
    a file created a moment ago), then drop the temporary name."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the best that remains is to look just before renaming
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _block(signals: tuple[int, ...]) -> set | None:
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, set(signals))


def _unblock(previous: set | None) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
