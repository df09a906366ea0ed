"""Output folders: made when missing, and taken back when the run that made them fails.

A failed run leaves nothing that was not there: the folders are made one level at a time, each
noted as it is made, so that whatever fails (a name too long, a file where a folder goes, no
permission, the run itself later) only what this run made is removed, deepest first, each only
while empty, so that a folder another run is writing into stays.

Each level is the path as typed, ``..`` included: the kernel resolves it when the folder is made
and again when it is removed, as it does for the write. Neither normalisation would do:
``os.path.normpath`` drops ``link/..`` where the kernel goes to the parent of the link's target
(a folder would be made, or removed, elsewhere than the write goes); ``Path.resolve`` would be
right, but would name every folder by its absolute, link-free path in messages.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from builder.errors import E112_CANNOT_WRITE, BuilderError

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFLNK: "a link",
}


def file_kind(mode: int) -> str:
    """What a ``st_mode`` is, for messages: "a FIFO", "a character device"..."""
    return "a regular file" if stat.S_ISREG(mode) else _KINDS.get(stat.S_IFMT(mode), "special")


def path_kind(path: Path) -> str:
    """What is at ``path``, a link said with what it leads to: "a link to a regular file"."""
    mode = os.lstat(path).st_mode
    if not stat.S_ISLNK(mode):
        return file_kind(mode)
    try:
        return f"a link to {file_kind(os.stat(path).st_mode)}"
    except OSError:
        return "a link to nothing (dangling)"


def make_folder(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; return those made, deepest first, for
    :func:`remove_made` to take back if the run fails. Made one level at a time: if one
    fails, those made before it are taken back at once. A file where a folder must go is
    E112 saying what it is, where mkdir said "File exists"."""
    made: list[Path] = []
    try:
        for level in reversed((folder, *folder.parents)):
            if os.path.isdir(level):
                continue
            try:
                os.mkdir(level)
            except FileExistsError:
                if os.path.isdir(level):  # another run made it meanwhile: theirs to remove
                    continue
                why = "where a folder is needed: move it, or give another path"
                raise BuilderError(
                    E112_CANNOT_WRITE, f"{level}: exists and is {path_kind(level)}, {why}"
                ) from None
            made.insert(0, level)
    except BaseException:
        remove_made(made)
        raise
    return made


def remove_made(folders: list[Path]) -> None:
    """Remove the ``folders`` :func:`make_folder` made, each only while empty: what another
    run put there since stays, and so do the folders above it."""
    with contextlib.suppress(OSError):
        for folder in folders:
            folder.rmdir()
