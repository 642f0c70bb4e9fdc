"""Choosing the cache folder, and rejecting a path that cannot be one.

``doclint check`` takes the cache folder from ``--cache-dir``, else from the
``DOCLINT_CACHE_DIR`` environment variable, else from the ``cache-dir`` key
of the configuration file, else it uses ``.doclint_cache`` in the working
folder. ``--no-cache`` turns the cache off whatever they name. A path from
the command line or the environment is relative to the working folder, and
one from the configuration file is relative to that file's folder
(``doclint.config``). A leading ``~`` stands for the home folder in all three.

doclint creates a missing folder when it writes the first entry
(``doclint.cachefiles``). So only three values are rejected here, before
any document is read: an empty value, the path of something that exists
and is not a folder, and a path through a symbolic link to nothing. A
folder that cannot be written is found only by writing, and the run then
warns once.
"""

from __future__ import annotations

import os
import stat

from doclint.i18n import _

ENVIRONMENT_VARIABLE = "DOCLINT_CACHE_DIR"


class CacheFolderError(ValueError):
    """An unusable cache folder in the environment. The message names the variable, the value and the fix."""


def expand(path: str) -> str:
    """Return ``path`` with a leading ``~`` replaced by the home folder."""
    return os.path.expanduser(path)


def folder_problem(path: str) -> str | None:
    """Return why ``path`` cannot be the cache folder, or None when it is a folder or does not exist yet.

    A path that cannot be looked up (a parent that is a file, a folder that
    cannot be searched) passes here, because writing the first entry fails
    with the operating system's reason, which the run's warning names. A
    symbolic link to nothing, as the path or one of its folders, is
    rejected, because creating the folder then fails with "File exists",
    which does not say what to fix.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return _broken_link_problem(path)
    except OSError:
        return None
    if stat.S_ISDIR(mode):
        return None
    return _("{path!r} exists and is not a folder; name a folder, which doclint creates if it is missing, or pass --no-cache").format(
        path=path
    )


def _broken_link_problem(path: str) -> str | None:
    """Return why ``path`` cannot be created when it or a folder above it is a symbolic link to nothing, else None."""
    current = path.rstrip(os.sep) or os.sep
    while current:
        if os.path.islink(current) and not os.path.exists(current):
            return _(
                "{path!r} is a symbolic link to {target!r}, which does not exist; create that folder, "
                "name another folder or pass --no-cache"
            ).format(path=current, target=os.readlink(current))
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
    return None


def environment_cache_dir() -> str | None:
    """Return the cache folder that ``DOCLINT_CACHE_DIR`` names, or None when it is not set.

    Raises ``CacheFolderError`` when the variable is set but empty, which is
    almost always a CI variable that was never defined, or names something
    that is not a folder.
    """
    value = os.environ.get(ENVIRONMENT_VARIABLE)
    if value is None:
        return None
    if not value.strip():
        raise CacheFolderError(
            _("the environment variable {name} is empty; set it to a folder path or unset it").format(name=ENVIRONMENT_VARIABLE)
        )

    path = expand(value)
    problem = folder_problem(path)
    if problem is not None:
        raise CacheFolderError(
            _("invalid value for the environment variable {name}: {problem}").format(name=ENVIRONMENT_VARIABLE, problem=problem)
        )
    return path
