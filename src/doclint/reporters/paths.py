"""File names in the machine formats: relative to the repository root or the working directory, with forward slashes.

CI services (GitHub annotations, GitLab Code Quality, reviewdog) match a
finding to a file by its path from the repository root, and they usually
run the check from that root. So a path under the root is written
relative to it whatever form it was named in, and any other path stays
absolute. GitHub and GitLab name the root in an environment variable,
which the github and gitlab formats read, so a step that runs in a
subfolder still names files from the root.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from doclint.engine import STDIN_DISPLAY


def report_path(path: str, root_variable: str | None = None) -> str:
    """Return ``path`` relative to the root folder with forward slashes, or absolute when outside it.

    The root is the folder that the environment variable ``root_variable``
    names when it is set (``GITHUB_WORKSPACE`` for GitHub, whose
    annotations name files from the repository root even when a step runs
    in a subfolder), else the working directory. A path reached through a
    symbolic link is compared by its real location too, so that
    ``$PWD/x.md`` in a folder entered through a link is still relative.
    """
    if path == STDIN_DISPLAY:
        return path
    root = (os.environ.get(root_variable) if root_variable else None) or os.getcwd()
    absolute = Path(os.path.abspath(path))
    for candidate, base in ((absolute, Path(os.path.abspath(root))), (Path(os.path.realpath(path)), Path(os.path.realpath(root)))):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()


def artifact_uri(path: str) -> str:
    """Return ``path`` as a SARIF URI reference: relative when under the root folder, else a ``file:`` URI.

    The root is ``GITHUB_WORKSPACE`` when it is set, because GitHub code
    scanning resolves a SARIF file's URIs from the repository root, also
    for a step that runs in a subfolder; else the working directory.
    Characters that a URI cannot contain, such as spaces and CJK letters,
    are percent-encoded as UTF-8 (RFC 3986), and a byte of a file name that
    is not UTF-8 is percent-encoded as itself.
    """
    reported = report_path(path, "GITHUB_WORKSPACE")
    if PurePosixPath(reported).is_absolute():
        return Path(reported).as_uri()
    return quote(os.fsencode(reported), safe="/")
