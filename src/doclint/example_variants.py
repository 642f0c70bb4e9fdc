"""Two example sections that show two variants of one use.

Library docs give each variant of a call its own example: "Example -
Mocked request with origin regex" and "Example - Mocked request with
origin function", or "Example 1 - Object" and "Example 2 - Array". The
two show the same setup with one part changed, so they score far above
the near-duplicate threshold, yet each shows what its heading names and
merging them would lose a variant. The variants may also sit under one
example heading with headings of their own ("Using createConnection with
Promises" and "Using createConnection with callbacks" under "Example for
SOCKS 'connect' command").

An example pasted under a new heading and never changed has the same
body, code included, so it is still reported. So is the same example
under the same heading twice.
"""

from __future__ import annotations

import re
from functools import lru_cache

from doclint.heading_templates import own_body
from doclint.qa import is_item
from doclint.reference_parts import ParentOf
from doclint.similarity import SectionEntry

# The word that makes a heading an example's: "Example", "Examples", "示例", "例子", "范例", "样例".
_EXAMPLE_RE = re.compile(r"(?<![A-Za-z])examples?(?![A-Za-z])|示例|例子|范例|样例", re.IGNORECASE)


def show_other_variants(later: SectionEntry, earlier: SectionEntry, parent_of: ParentOf) -> bool:
    """Return whether two example sections have different headings and different bodies.

    Q&A items are left to ``doclint.distinct_items``.
    """
    if is_item(later.section) or is_item(earlier.section):
        return False
    if not _shows_example(later, parent_of) or not _shows_example(earlier, parent_of):
        return False
    if "".join(later.section.heading.split()) == "".join(earlier.section.heading.split()):
        return False
    return own_body(later).split() != own_body(earlier).split()


def _shows_example(entry: SectionEntry, parent_of: ParentOf) -> bool:
    """Return whether a section's heading, or the heading of the section that contains it, names an example.

    The variants of one example often sit under an example heading with
    headings of their own: "Using createConnection with Promises" and
    "Using createConnection with callbacks" under "Example for SOCKS
    'connect' command".
    """
    if _is_example(entry.section.heading):
        return True
    parent = parent_of(entry.document, entry.section)
    return parent is not None and _is_example(parent.heading)


@lru_cache(maxsize=4096)
def _is_example(heading: str) -> bool:
    return _EXAMPLE_RE.search(heading) is not None
