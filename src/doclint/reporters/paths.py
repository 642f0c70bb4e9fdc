"""File names in the machine formats: relative to the working directory, with forward slashes.

CI services (GitHub annotations, GitLab Code Quality, reviewdog) match a
finding to a file by its path from the repository root, and they run the
check from that root. So a path under the working directory is written
relative to it whatever form it was named in, and any other path stays
absolute.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from doclint.engine import STDIN_DISPLAY


def report_path(path: str) -> str:
    """Return ``path`` relative to the working directory with forward slashes, or absolute when outside it."""
    if path == STDIN_DISPLAY:
        return path
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.getcwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def artifact_uri(path: str) -> str:
    """Return ``path`` as a URI reference: relative when under the working directory, else a ``file:`` URI.

    Characters that a URI cannot contain, such as spaces and CJK letters,
    are percent-encoded as UTF-8 (RFC 3986).
    """
    reported = report_path(path)
    if PurePosixPath(reported).is_absolute():
        return Path(reported).as_uri()
    return quote(reported, safe="/")
