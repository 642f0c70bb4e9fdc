"""The error messages for a path that cannot be used, from the ``OSError`` that using it raised.

A named file, a named folder, a folder met during a folder search and a
``--compare-with`` path all fail for the same few reasons. Each reason gets
one message that names the path and the fix, so that a bad path costs one
line and the other inputs are still checked.
"""

from __future__ import annotations

import errno

from doclint.i18n import _


def path_error_message(path: str, error: OSError) -> str:
    """Return the one-line error for ``path``, which failed with ``error`` when it was looked up or opened."""
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return _("{path}: no such file or directory; check the path").format(path=path)
    if error.errno in (errno.EACCES, errno.EPERM):
        return _("{path}: permission denied; make it and the folders that contain it readable").format(path=path)
    if error.errno == errno.ENAMETOOLONG:
        return _("{path}: file name too long; check the path").format(path=path)
    if error.errno == errno.ELOOP:
        return _("{path}: symbolic link loop; point the link at an existing file or folder").format(path=path)
    return _("{path}: cannot be read ({reason})").format(path=path, reason=error.strerror or error)
