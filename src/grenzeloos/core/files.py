"""Reading input files and writing output files safely for the CLI."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.utils.translation import gettext

from grenzeloos.core.errors import UserError


def read_bytes(path: str) -> bytes:
    """Read a file, or standard input for ``-``, with a clear error naming the file."""
    if path == "-":
        import sys

        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: " + gettext("no such file")) from None
    except IsADirectoryError:
        raise UserError(f"{path}: " + gettext("is a directory, not a file")) from None
    except OSError as error:
        raise UserError(
            f"{path}: " + gettext("cannot read (%(reason)s)") % {"reason": error.strerror}
        ) from None


def write_atomically(path: str, content: bytes) -> None:
    """Write the whole file or nothing: a temporary file renamed into place."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UserError(
            f"{path}: " + gettext("folder %(folder)s does not exist") % {"folder": directory}
        )
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.")
        # mkstemp makes the file private (0600); an exported file should be like any other.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, target)
    except OSError as error:
        raise UserError(
            f"{path}: " + gettext("cannot write (%(reason)s)") % {"reason": error.strerror}
        ) from None
