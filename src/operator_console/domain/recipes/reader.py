"""The field reader behind the recipe parser: typed accessors that record a problem (line
and field path) instead of stopping, so one pass reports every problem of a file."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Any

from operator_console.domain.recipes.loaders import Lines, Path, Problem
from operator_console.domain.recipes.model import Range, Text

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def choices(enum: Any) -> str:
    return ", ".join(m.value for m in enum)


class FieldReader:
    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def bad(self, path: Path, message: str) -> None:
        line = next((self.lines[path[:n]] for n in range(len(path), -1, -1)
                     if path[:n] in self.lines), None)
        self.problems.append(Problem(line, path, message))

    def obj(self, value: Any, path: Path, required: set[str],
            optional: AbstractSet[str] = frozenset()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.bad(path, "must be an object")
            return {}
        for key in sorted(value.keys() - required - optional):
            self.bad((*path, key), "unknown key")
        for key in sorted(required - value.keys()):
            self.bad(path, f"missing {key!r}")
        return value

    def items(self, value: Any, path: Path, *, non_empty: bool = True) -> list[Any]:
        if not isinstance(value, list):
            self.bad(path, "must be a list")
            return []
        if non_empty and not value:
            self.bad(path, "must not be empty")
        return value

    def string(self, value: Any, path: Path) -> str:
        if not isinstance(value, str) or not value.strip():
            self.bad(path, "must be non-blank text")
            return ""
        return value

    def ident(self, value: Any, path: Path) -> str:
        text = self.string(value, path)
        if text and not _ID.fullmatch(text):
            self.bad(path, "must be 1-64 letters, digits, '.', '_' or '-', starting with a "
                     "letter or digit")
        return text

    def number(self, value: Any, path: Path) -> float | None:
        """The number, or None (reported) so that no follow-on error is raised from it."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.bad(path, "must be a number")
            return None
        return value

    def choice(self, value: Any, path: Path, enum: Any) -> Any:
        try:
            return enum(value)
        except ValueError:
            self.bad(path, f"must be one of: {choices(enum)}")
            return None

    def text(self, value: Any, path: Path) -> Text:
        obj = self.obj(value, path, {"ja", "en"})
        return Text(self.string(obj.get("ja"), (*path, "ja")) if "ja" in obj else "",
                    self.string(obj.get("en"), (*path, "en")) if "en" in obj else "")

    def range(self, value: Any, path: Path) -> Range:
        obj = self.obj(value, path, set(), {"low", "high"})
        if isinstance(value, dict) and not obj:
            self.bad(path, "needs 'low', 'high' or both")
        low = self.number(obj["low"], (*path, "low")) if "low" in obj else None
        high = self.number(obj["high"], (*path, "high")) if "high" in obj else None
        if low is not None and high is not None and low > high:
            self.bad(path, f"low ({low}) is above high ({high})")
        return Range(low, high)

    def unique(self, ids: list[tuple[str, Path]], what: str) -> None:
        seen: set[str] = set()
        for ident, path in ids:
            if ident and ident in seen:
                self.bad(path, f"duplicate {what} {ident!r}")
            seen.add(ident)
