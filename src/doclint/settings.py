"""Run settings that change what the rules report."""

from __future__ import annotations

from dataclasses import dataclass

from doclint.fields import LabelTable, default_labels


@dataclass(frozen=True)
class Settings:
    near_duplicate_threshold: float = 75.0
    """Minimum similarity, 0-100, for near-duplicate-section (rapidfuzz ratio after template removal)."""
    encoding: str | None = None
    """The encoding of every input; None means UTF-8 with or without a BOM."""
    labels: LabelTable | None = None
    """Field label table; None means the shipped table."""
    schema: str | None = None
    """JSON Schema for documents whose front matter names none: a built-in name such as ``qa-article``
    or a path relative to the working folder. None gives ``qa-article`` to documents whose numbered
    items mostly have question or answer fields, and no schema check to the others."""

    @property
    def label_table(self) -> LabelTable:
        return self.labels or default_labels()
