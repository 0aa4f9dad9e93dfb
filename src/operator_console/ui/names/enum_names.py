"""Display names keyed by an enum: every member has one, or the module does not import.

Stored data keeps codes (enum values); the screen, the PDF and messages show a name in the
viewer's language. A table is declared once with its Qt translation context and the English
source of every member (wrapped in ``QT_TRANSLATE_NOOP`` so lupdate finds it); a missing member
is an error at import time, never a raw code on screen. ``ALL`` lists every table, so a test
can check each member's Japanese translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication

E = TypeVar("E", bound=StrEnum)


class EnumNames(Generic[E]):
    """The translated name of each member of ``enum``, from one table."""

    def __init__(self, context: str, enum: type[E], sources: Mapping[E, object]) -> None:
        missing = [m.value for m in enum if m not in sources]
        if missing:
            raise ValueError(f"{context}: no display name for {enum.__name__} {missing}")
        self.context, self.enum = context, enum
        self._sources = {member: str(text) for member, text in sources.items()}
        ALL.append(self)

    def source(self, member: E | str) -> str:
        """The English source text of ``member`` (a member or its stored code)."""
        return self._sources[self.enum(member)]

    def __call__(self, member: E | str) -> str:
        """``member``'s name in the current language; an unknown code is shown as it is."""
        try:
            key = self.enum(member)
        except ValueError:
            return str(member)
        return QCoreApplication.translate(self.context, self._sources[key])

    def items(self) -> list[tuple[E, str]]:
        """Every member with its English source, in the enum's order."""
        return [(m, self._sources[m]) for m in self.enum]


ALL: list[EnumNames[Any]] = []
