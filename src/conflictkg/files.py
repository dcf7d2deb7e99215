"""Files the commands write: whole or not at all, with the user's normal file mode."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def user_file_mode() -> int:
    """The mode a new file gets from ``open()`` under the current umask (0644 under 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(output: Path, write: Callable[[Path], object]) -> None:
    """Write beside ``output`` and rename, so a failed write never leaves half a file.

    The temporary file is made private by ``mkstemp`` (0600); the finished file gets the mode
    any other new file of the user would get, so an export can be shared like one.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".part")
    os.close(handle)
    try:
        write(Path(name))
        os.chmod(name, user_file_mode())
        os.replace(name, output)
    finally:
        if os.path.exists(name):
            os.unlink(name)
