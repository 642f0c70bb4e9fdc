"""Giving the file that replaces a document the owner, group and extended attributes of the original.

The writer replaces a document by renaming a new file over it, and a new
file belongs to the process that made it and has no extended attributes.
Root, such as doclint run with sudo or in a container, may give it the
original's owner. Any user may give it a group they belong to. Extended
attributes carry ACLs (``system.posix_acl_access``), SELinux labels
(``security.selinux``) and user notes (``user.*``). They are copied where
Python has ``os.listxattr``, which is Linux only.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)


def keep_owner(temporary: str, original: os.stat_result) -> bool:
    """Give ``temporary`` the owner and group of the original; return False when this process may not.

    A plain user may not give a file to another user or to a group it is
    not in. That is normal, and the caller then rewrites the original file in place.
    """
    if not hasattr(os, "chown"):
        return True
    current = os.stat(temporary)
    if (current.st_uid, current.st_gid) == (original.st_uid, original.st_gid):
        return True
    try:
        os.chown(temporary, original.st_uid, original.st_gid)
    except OSError as error:
        logger.debug(
            "cannot give %s owner %d and group %d: %s", temporary, original.st_uid, original.st_gid, error.strerror
        )
        return False
    return True


def copy_extended_attributes(original: Path, temporary: str) -> None:
    """Copy every extended attribute of ``original`` to ``temporary``, skipping those this process may not set.

    An attribute that cannot be read or set is logged at debug level and
    left out, so that the fix is still written. That happens for
    ``trusted.*`` attributes without root, and on file systems without
    extended attributes.
    """
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(original)
    except OSError as error:
        logger.debug("cannot list the extended attributes of %s: %s", original, error.strerror)
        return
    for name in names:
        try:
            os.setxattr(temporary, name, os.getxattr(original, name))
        except OSError as error:
            logger.debug("cannot copy the extended attribute %s of %s: %s", name, original, error.strerror)
