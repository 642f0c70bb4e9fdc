"""File names in the machine formats: relative to the repository root or the working directory, with forward slashes.

CI services (GitHub annotations, GitLab Code Quality, reviewdog) match a
finding to a file by its path from the repository root, and they usually
run the check from that root. So a path under the root is written
relative to it whatever form it was named in, and any other path stays
absolute. GitHub and GitLab name the root in an environment variable,
which the github, sarif and gitlab formats read, so a step that runs in
a subfolder still names files from the root. The github format also names
the other files in its messages from that root.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Iterable
from urllib.parse import quote

from doclint.diagnostics import Diagnostic
from doclint.engine import STDIN_DISPLAY
from doclint.i18n import _


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


def message_with_report_paths(diagnostic: Diagnostic, root_variable: str | None = None) -> str:
    """Return a finding's message with each other file it names written as ``report_path`` writes it.

    A rule names a place in another file as "line 12 of other/file.md"
    (``describe_location``), with the path as the run named it, relative to
    the working directory. Every such file is also a related location of
    the finding, so those paths are the ones rewritten, and only where they
    stand in that phrase.
    """
    # NOTE: the phrase is found in the finished message, so document text
    # quoted in it, such as a heading "See line 3 of b.md" when b.md is the
    # other file, is rewritten too.
    others = {related.path for related in diagnostic.related if related.path != diagnostic.path}
    return _rewrite_locations(diagnostic.message, others, root_variable)


def _rewrite_locations(message: str, paths: Iterable[str], root_variable: str | None) -> str:
    """Rewrite "line N of PATH", in the current language, for each of ``paths`` in one pass.

    The longer paths come first in the pattern, so that ``b.md`` never
    matches the start of ``b.md.orig``.
    """
    replacements = {path: report_path(path, root_variable) for path in paths}
    replacements = {path: reported for path, reported in replacements.items() if reported != path}
    if not replacements:
        return message

    template = _("line {line} of {path}")
    line_marker, path_marker = "\0line\0", "\0path\0"
    names = "|".join(re.escape(path) for path in sorted(replacements, key=len, reverse=True))
    pattern = re.escape(template.format(line=line_marker, path=path_marker))
    pattern = pattern.replace(re.escape(line_marker), r"(?P<line>\d+)").replace(re.escape(path_marker), f"(?P<path>{names})")

    def rewrite(found: re.Match[str]) -> str:
        return template.format(line=found.group("line"), path=replacements[found.group("path")])

    return re.sub(pattern, rewrite, message)


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
